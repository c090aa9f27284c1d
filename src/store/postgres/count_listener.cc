#include "store/postgres/count_listener.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <utility>

#include "store/postgres/connection.h"
#include "store/sql/tables.h"

namespace petitio::postgres {

namespace {

constexpr size_t kMaxPayload = 7000;  // PostgreSQL refuses 8000 bytes and more

bool ParseInt(std::string_view text, int64_t* out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::vector<std::string> CountPayloads(int64_t seq, const sql::CountChanges& changes) {
  std::vector<std::string> out;
  const std::string head = std::to_string(seq);
  std::string current = head;
  for (const auto& [id, count] : changes) {
    std::string item = " " + std::to_string(id) + ":" + std::to_string(count);
    if (current.size() + item.size() > kMaxPayload) {
      out.push_back(std::move(current));
      current = head;
    }
    current += item;
  }
  if (current.size() > head.size()) out.push_back(std::move(current));
  return out;
}

bool ParseCountPayload(std::string_view payload, int64_t* seq, sql::CountChanges* changes) {
  size_t space = payload.find(' ');
  if (!ParseInt(payload.substr(0, space), seq)) return false;
  while (space != std::string_view::npos) {
    const size_t start = space + 1;
    space = payload.find(' ', start);
    const std::string_view item = payload.substr(start, space - start);
    const size_t colon = item.find(':');
    int64_t id = 0;
    int64_t count = 0;
    if (colon == std::string_view::npos || !ParseInt(item.substr(0, colon), &id) ||
        !ParseInt(item.substr(colon + 1), &count)) {
      return false;
    }
    (*changes)[id] = count;
  }
  return true;
}

struct CountListener::Pg {
  std::unique_ptr<PgConnection> conn;
};

CountListener::CountListener(std::string conninfo, sql::CountCache& counts)
    : conninfo_(std::move(conninfo)), counts_(counts), pg_(std::make_unique<Pg>()) {}

Result<std::unique_ptr<CountListener>> CountListener::Start(const std::string& conninfo,
                                                            sql::CountCache& counts) {
  std::unique_ptr<CountListener> l(new CountListener(conninfo, counts));
  if (::pipe2(l->wake_, O_CLOEXEC | O_NONBLOCK) != 0) {
    return Status::Internal("count listener: cannot make a pipe");
  }
  PETITIO_RETURN_IF_ERROR(l->Connect());
  l->thread_ = std::thread([raw = l.get()] {
    pthread_setname_np(pthread_self(), "petitio-counts");
    raw->Run();
  });
  return l;
}

CountListener::~CountListener() {
  stop_ = true;
  if (wake_[1] >= 0) (void)!::write(wake_[1], "x", 1);
  if (thread_.joinable()) thread_.join();
  for (int fd : wake_) {
    if (fd >= 0) ::close(fd);
  }
}

Status CountListener::Connect() {
  pg_->conn.reset();
  Result<std::unique_ptr<PgConnection>> conn = PgConnection::Open(conninfo_);
  if (!conn.ok()) return conn.status();
  PgConnection& c = **conn;
  PETITIO_RETURN_IF_ERROR(c.ExecScript(std::string("LISTEN ") + kCountsChannel));
  // Every count as of one batch, read in one snapshot after LISTEN: no batch falls between.
  PETITIO_RETURN_IF_ERROR(c.ExecScript("BEGIN ISOLATION LEVEL REPEATABLE READ"));
  Result<sql::Query> seq = c.Prepare("SELECT seq FROM writer_batches WHERE id = 1");
  if (!seq.ok()) return seq.status();
  Result<bool> row = seq->Step();
  if (!row.ok()) return row.status();
  const int64_t batch = *row ? seq->Int(0) : 0;
  Result<std::vector<std::pair<int64_t, int64_t>>> all = sql::SelectAllCounts(c);
  if (!all.ok()) return all.status();
  PETITIO_RETURN_IF_ERROR(c.ExecScript("COMMIT"));
  counts_.Apply(sql::CountChanges(all->begin(), all->end()), batch);
  pg_->conn = std::move(conn).value();
  return Status::Ok();
}

void CountListener::Run() {
  while (!stop_) {
    if (pg_->conn == nullptr || PQstatus(pg_->conn->handle()) != CONNECTION_OK) {
      if (Status s = Connect(); !s.ok()) {
        std::fprintf(stderr, "petitio: count listener: %s\n", s.message().c_str());
        pollfd wait{wake_[0], POLLIN, 0};
        ::poll(&wait, 1, 1000);
        continue;
      }
    }
    PGconn* pg = pg_->conn->handle();
    pollfd fds[2] = {{PQsocket(pg), POLLIN, 0}, {wake_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) continue;
    if (stop_) break;
    if (PQconsumeInput(pg) == 0) {
      std::fprintf(stderr, "petitio: count listener: %s", PQerrorMessage(pg));
      pg_->conn.reset();
      continue;
    }
    while (PGnotify* n = PQnotifies(pg)) {
      int64_t seq = 0;
      sql::CountChanges changes;
      if (ParseCountPayload(n->extra, &seq, &changes)) counts_.Apply(changes, seq);
      PQfreemem(n);
    }
  }
}

}  // namespace petitio::postgres
