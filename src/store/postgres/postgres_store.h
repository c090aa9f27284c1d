// OpenPostgresStore: the Store contract (store/store.h) kept in a PostgreSQL database (15 or
// later, or an engine that speaks its protocol; docs/scaling.md).
//
// The returned Store is safe for concurrent use from any number of threads, and any number of
// processes may open the same database at once: together they behave as one store. At open it
// brings the schema up to date (store/postgres/migrations.h). Reads lease one of
// `read_connections` connections (the pool) and never wait for a writer. One writer thread per
// process commits write units in groups, as the SQLite store does (store/sql/writer.h); each
// batch first locks the one row of writer_batches, so the writers of all processes take turns
// and a unit still reads, decides and writes without racing anyone, on any server. Each batch
// NOTIFYs its new counts, and every process's CountListener applies them, so CachedCount on any
// server shows the writes of all of them. Write returns once the batch has committed (durable
// as the server's synchronous_commit makes it: on by default).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "domain/result.h"
#include "store/store.h"

namespace petitio {

struct PostgresStoreOptions {
  // A libpq connection URI or string: "postgresql://USER@HOST:PORT/DB".
  std::string conninfo;
  int read_connections = 4;
  // Units per transaction. Each unit that writes runs in a SAVEPOINT, a subtransaction; past 64
  // in one transaction PostgreSQL's per-backend cache of them overflows, and every snapshot of
  // every other session (the readers, the other servers' writers) then looks subtransactions up
  // in pg_subtrans: a batch larger than 64 slows the whole database down.
  int max_batch = 64;
  std::chrono::milliseconds max_batch_delay{0};
  // false: a database without Petitio's tables is kNotFound instead of being set up (for the
  // commands that check a store, which must not make an empty one).
  bool create = true;
};

Result<std::unique_ptr<Store>> OpenPostgresStore(const PostgresStoreOptions& options);

// A connection URI or string with its password, if any, left out: for messages and logs.
std::string RedactedPostgresUrl(const std::string& conninfo);

}  // namespace petitio
