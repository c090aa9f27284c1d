// Writer: the store's single writer thread and its group commit, for any engine.
//
// Submit(unit) queues the unit and blocks until the batch holding it has committed (or failed),
// then returns the unit's Status. SubmitThen(unit, done) queues it and returns at once; `done`
// gets the same Status on the writer thread once the batch is answered (or at once, on the
// caller's thread, when the writer takes no more units), so no thread waits for the commit. The
// thread takes up to max_batch queued units, waiting at most max_batch_delay for more once it has
// one, and runs them one at a time in arrival order inside one transaction that the engine's
// `begin` hook opens (SQLite: BEGIN IMMEDIATE; PostgreSQL: BEGIN and the lock that makes the
// writers of every server take turns), each unit in its own SAVEPOINT: a failing unit is rolled
// back to its savepoint and leaves no trace, while the others still commit. The units' petitions
// (their rows, counts, region counts and log sizes: store/sql/batch_petitions.h) stay in memory
// for the batch and are written once, just before COMMIT. The `before_commit`
// hook numbers the batch's count changes just before COMMIT (PostgreSQL: and NOTIFYs the other
// servers). A batch whose every unit failed is rolled back instead of committed. One COMMIT (one
// fsync) answers the whole batch; if it fails, every unit of the batch gets an error. After a
// successful COMMIT, and before any unit is answered, the batch's signature counts go into the
// CountCache and the states of the petitions it wrote into the StateCache.
//
// Stop() (also run by the destructor) finishes every queued unit, then ends the thread; a
// Submit after that returns kUnavailable. Submit or SubmitThen from the writer's own thread
// (inside a unit or a continuation) would wait for itself, and answers kInternal at once.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "store/sql/batch_petitions.h"
#include "store/sql/connection.h"
#include "store/sql/count_cache.h"
#include "store/sql/state_cache.h"
#include "store/sql/tables.h"
#include "store/store.h"

namespace petitio::sql {

// What differs between engines around a batch.
struct BatchHooks {
  // Opens the batch's transaction.
  std::function<Status(Connection&)> begin;
  // Runs inside the transaction just before COMMIT with the batch's count changes, and returns
  // the number the changes go into the CountCache with: it increases from one batch with
  // changes to the next (across every server sharing the database).
  std::function<Result<int64_t>(Connection&, const CountChanges&)> before_commit;
};

struct WriterOptions {
  int max_batch = 1000;
  std::chrono::milliseconds max_batch_delay{2};
  // Where the units' StoreTx finds and keeps signers' identities (store/sql/tables.h).
  IdentityIndex identity_index = IdentityIndex::kSignaturesTable;
};

struct WriterStats {
  int64_t batches = 0;  // transactions attempted
  int64_t units = 0;    // units run
};

class Writer {
 public:
  // `conn` must be a read-write connection; `counts` and `states` must outlive the Writer.
  Writer(std::unique_ptr<Connection> conn, CountCache& counts, StateCache& states, BatchHooks hooks,
         WriterOptions options);
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Starts the thread; until then (and if this fails) Submit returns kUnavailable.
  Status Start();
  Status Submit(Store::WriteUnit unit);
  void SubmitThen(Store::WriteUnit unit, Store::WriteDone done);
  void Stop();
  WriterStats stats() const;
  // How many batches this writer has committed; it changes before the units of each are answered.
  int64_t commits() const { return commits_.load(std::memory_order_acquire); }

 private:
  struct Pending {
    Store::WriteUnit unit;
    Store::WriteDone done;
  };

  void Run();
  // Calls `done`; a continuation that throws is reported and does not end the writer.
  static void Answer(const Store::WriteDone& done, Status result);
  void RunBatch(std::vector<Pending>& batch);
  // Runs one unit inside its savepoint; on success moves its count changes into `changes` and
  // the states of the petitions it wrote into `states`.
  Status RunUnit(const Store::WriteUnit& unit, CountChanges& changes, StateChanges& states);

  const std::unique_ptr<Connection> conn_;
  CountCache& counts_;
  StateCache& states_;
  const BatchHooks hooks_;
  const WriterOptions options_;
  BatchPetitions petitions_;  // the open batch's; the writer's thread alone uses it

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;  // guarded by mu_
  bool accepting_ = false;     // guarded by mu_
  std::thread thread_;
  std::thread::id thread_id_;  // guarded by mu_

  std::atomic<int64_t> batches_{0};
  std::atomic<int64_t> commits_{0};  // batches committed: counted before any unit is answered
  std::atomic<int64_t> units_{0};
};

}  // namespace petitio::sql
