#include "store/sql/writer.h"

#include <pthread.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <future>
#include <system_error>
#include <utility>

#include "store/sql/store_tx.h"

namespace petitio::sql {

Writer::Writer(std::unique_ptr<Connection> conn, CountCache& counts, StateCache& states,
               BatchHooks hooks, WriterOptions options)
    : conn_(std::move(conn)),
      counts_(counts),
      states_(states),
      hooks_(std::move(hooks)),
      options_(options) {}

Writer::~Writer() { Stop(); }

Status Writer::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return Status::Ok();
  try {
    thread_ = std::thread([this] {
      pthread_setname_np(pthread_self(), "petitio-writer");  // for top -H, perf and benchmarks
      Run();
    });
  } catch (const std::system_error& e) {
    return Status::Internal(std::string("starting the writer thread: ") + e.what());
  }
  thread_id_ = thread_.get_id();
  accepting_ = true;
  return Status::Ok();
}

Status Writer::Submit(Store::WriteUnit unit) {
  std::promise<Status> promise;
  std::future<Status> done = promise.get_future();
  SubmitThen(std::move(unit), [&promise](Status s) { promise.set_value(std::move(s)); });
  return done.get();
}

void Writer::SubmitThen(Store::WriteUnit unit, Store::WriteDone done) {
  Status refused;
  {
    std::unique_lock lock(mu_);
    if (std::this_thread::get_id() == thread_id_) {
      // From a unit or a continuation: a caller waiting for it would wait for itself.
      refused = Status::Internal("Write called from the writer's own thread");
    } else if (!accepting_) {
      refused = Status(ErrorKind::kUnavailable, "unavailable", "the store is shut down");
    } else {
      queue_.push_back(Pending{std::move(unit), std::move(done)});
      lock.unlock();
      cv_.notify_one();
      return;
    }
  }
  done(std::move(refused));
}

void Writer::Stop() {
  {
    std::lock_guard lock(mu_);
    accepting_ = false;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

WriterStats Writer::stats() const { return {batches_.load(), units_.load()}; }

void Writer::Run() {
  const size_t max_batch = static_cast<size_t>(std::max(options_.max_batch, 1));
  std::vector<Pending> batch;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return !queue_.empty() || !accepting_; });
      if (queue_.empty()) return;  // stopped, and every queued unit is answered
      if (options_.max_batch_delay.count() > 0) {
        cv_.wait_for(lock, options_.max_batch_delay,
                     [&] { return queue_.size() >= max_batch || !accepting_; });
      }
      const size_t n = std::min(queue_.size(), max_batch);
      for (size_t i = 0; i < n; ++i) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    RunBatch(batch);
    batch.clear();
  }
}

void Writer::RunBatch(std::vector<Pending>& batch) {
  batches_.fetch_add(1);
  units_.fetch_add(static_cast<int64_t>(batch.size()));

  std::vector<Status> results(batch.size());
  std::vector<size_t> in_tx;  // units whose writes wait in the open transaction
  CountChanges changes;       // their signature counts
  StateChanges states;        // the states of the petitions they wrote
  bool open = false;
  for (size_t i = 0; i < batch.size(); ++i) {
    if (!open) {
      results[i] = hooks_.begin(*conn_);
      if (!results[i].ok()) {
        if (conn_->InTransaction()) (void)conn_->Exec("ROLLBACK");
        continue;
      }
      open = true;
    }
    results[i] = RunUnit(batch[i].unit, changes, states);
    if (!conn_->InTransaction()) {
      // The engine rolled the whole transaction back (an I/O error, a full disk, a lost
      // connection): the writes of the earlier units of this batch are gone too.
      const Status lost = Status::Internal("the batch transaction was rolled back: " +
                                           (results[i].ok() ? "" : results[i].message()));
      for (size_t j : in_tx) results[j] = lost;
      if (results[i].ok()) results[i] = lost;
      in_tx.clear();
      changes.clear();
      states.clear();
      petitions_.Clear();
      open = false;
      continue;
    }
    if (results[i].ok()) in_tx.push_back(i);
  }
  if (open && in_tx.empty()) {
    (void)conn_->Exec("ROLLBACK");  // every unit failed: nothing to keep, not even the batch number
  } else if (open) {
    // The counters the units kept in memory go into their rows once, for the whole batch.
    Status flushed = petitions_.Flush(*conn_);
    Result<int64_t> seq = flushed.ok() ? hooks_.before_commit(*conn_, changes) : flushed;
    Status commit = seq.ok() ? conn_->Exec("COMMIT") : seq.status();
    if (commit.ok()) {
      counts_.Apply(changes, *seq);
      states_.Apply(states);
      commits_.fetch_add(1, std::memory_order_release);
    } else {
      // A failed COMMIT may leave the transaction open (a deferred constraint).
      if (conn_->InTransaction()) (void)conn_->Exec("ROLLBACK");
      const Status failed = Status::Internal("commit failed: " + commit.message());
      for (size_t j : in_tx) results[j] = failed;
    }
  }
  petitions_.Clear();  // the next batch reads the rows again: other servers may write them
  for (size_t i = 0; i < batch.size(); ++i) Answer(batch[i].done, std::move(results[i]));
}

void Writer::Answer(const Store::WriteDone& done, Status result) {
  try {
    done(std::move(result));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "petitio: writer: a write's continuation threw: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "petitio: writer: a write's continuation threw\n");
  }
}

Status Writer::RunUnit(const Store::WriteUnit& unit, CountChanges& changes, StateChanges& states) {
  if (!unit) return Status::Invalid("empty write unit");
  PETITIO_RETURN_IF_ERROR(conn_->Exec("SAVEPOINT unit"));
  petitions_.BeginUnit();
  SqlStoreTx tx(*conn_, petitions_, options_.identity_index);
  Status s;
  try {
    s = unit(tx);
  } catch (const std::exception& e) {
    s = Status::Internal(std::string("write unit threw: ") + e.what());
  } catch (...) {
    s = Status::Internal("write unit threw");
  }
  if (s.ok()) s = tx.first_failure();
  if (s.ok()) {
    s = conn_->Exec("RELEASE unit");
    if (s.ok()) {
      petitions_.EndUnit(true);
      for (const auto& [id, count] : tx.count_changes()) changes[id] = count;
      for (const auto& [id, state] : tx.state_changes()) states[id] = state;
      return s;
    }
  }
  petitions_.EndUnit(false);
  if (conn_->InTransaction()) {
    (void)conn_->Exec("ROLLBACK TO unit");
    (void)conn_->Exec("RELEASE unit");
  }
  return s;
}

}  // namespace petitio::sql
