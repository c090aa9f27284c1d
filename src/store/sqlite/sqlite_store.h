// OpenSqliteStore: the Store contract (store/store.h) kept in one SQLite file.
//
// The returned Store is safe for concurrent use from any number of threads. It keeps the file
// in WAL mode with synchronous=FULL and foreign keys on, and at open brings the schema up to
// date by applying, each in its own transaction, the migrations the file has not seen yet.
// One writer thread owns the only write connection and commits queued write units in groups:
// up to max_batch units per transaction, waiting at most max_batch_delay for more once it has
// one, so a surge of writes costs one fsync per batch. Write returns once its batch has
// committed. Reads lease one of read_connections read-only connections and never wait for the
// writer. CachedCount answers from memory, loaded at open and updated after every commit.
// Destroying the Store finishes every queued unit first; Write after that returns kUnavailable.
//
// One Store per file per process: a second Store on the same file works (its writes wait for
// the file lock) but its CachedCount does not see the other's writes.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "domain/result.h"
#include "store/store.h"

namespace petitio {

struct SqliteStoreOptions {
  std::string path;  // the database file; created if missing
  int read_connections = 4;
  int max_batch = 1000;
  // How long the writer waits for more units once it has one. 0: take what is queued; batches
  // still form, from the units that arrive while the previous batch is being fsynced.
  std::chrono::milliseconds max_batch_delay{0};
};

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteStoreOptions& options);

// What the writer has done so far, for tests and metrics.
struct SqliteStoreStats {
  int64_t batches = 0;  // transactions the writer attempted
  int64_t units = 0;    // write units it ran
};

// The stats of a Store made by OpenSqliteStore; nullopt for any other Store.
std::optional<SqliteStoreStats> GetSqliteStoreStats(Store& store);

}  // namespace petitio
