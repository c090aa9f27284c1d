#include "store/sqlite/checkpointer.h"

#include <cstdio>

namespace petitio::sqlite {

namespace {
constexpr int kBusyTimeoutMs = 5000;
}  // namespace

Result<std::unique_ptr<Checkpointer>> Checkpointer::Start(const std::string& path,
                                                          std::chrono::milliseconds period) {
  Result<std::unique_ptr<SqliteConnection>> conn =
      SqliteConnection::Open(path, SqliteConnection::Mode::kReadWrite, kBusyTimeoutMs);
  if (!conn.ok()) return conn.status();
  return std::unique_ptr<Checkpointer>(new Checkpointer(std::move(conn).value(), period));
}

Checkpointer::Checkpointer(std::unique_ptr<SqliteConnection> conn, std::chrono::milliseconds period)
    : conn_(std::move(conn)), period_(period), thread_([this] { Loop(); }) {}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

int64_t Checkpointer::checkpoints() const {
  std::lock_guard lock(mu_);
  return checkpoints_;
}

void Checkpointer::Loop() {
  std::unique_lock lock(mu_);
  for (;;) {
    const bool stopping = cv_.wait_for(lock, period_, [this] { return stop_; });
    lock.unlock();
    if (Status s = conn_->ExecScript("PRAGMA wal_checkpoint(PASSIVE)"); !s.ok()) {
      std::fprintf(stderr, "petitio: checkpoint: %s\n", s.ToString().c_str());
    }
    lock.lock();
    ++checkpoints_;
    if (stopping) return;
  }
}

}  // namespace petitio::sqlite
