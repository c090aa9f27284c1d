#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "store/sql/sql_store.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/gathering_vfs.h"
#include "store/sqlite/identity_file.h"
#include "store/sqlite/migrations.h"

namespace petitio {

namespace {

using sqlite::SqliteConnection;

constexpr int kBusyTimeoutMs = 5000;

// Runs a pragma and returns its first result column as text.
Result<std::string> Pragma(SqliteConnection& conn, const std::string& sql) {
  Result<sql::Query> q = conn.Prepare(sql);
  if (!q.ok()) return q.status();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  return *row ? q->Text(0) : std::string();
}

Result<std::unique_ptr<SqliteConnection>> OpenWriteConnection(const std::string& path) {
  // Its WAL appends are gathered into one write a commit (sqlite/gathering_vfs.h), which is safe
  // because every commit syncs the WAL (synchronous = FULL, below).
  if (!sqlite::RegisterGatheringVfs()) {
    return Status::Internal("sqlite: cannot register the " + std::string(sqlite::kGatheringVfs) +
                            " VFS");
  }
  Result<std::unique_ptr<SqliteConnection>> conn = SqliteConnection::Open(
      path, SqliteConnection::Mode::kReadWrite, kBusyTimeoutMs, sqlite::kGatheringVfs);
  if (!conn.ok()) return conn.status();
  SqliteConnection& c = **conn;
  Result<std::string> mode = Pragma(c, "PRAGMA journal_mode = WAL");
  if (!mode.ok()) return mode.status();
  if (*mode != "wal") {
    return Status::Invalid("cannot use WAL mode for " + path + " (got '" + *mode + "')");
  }
  // 64 MiB of pages for the writer (SQLite's default is 2 MiB): a batch's thousand inserts into
  // random places of the signature indexes stay in memory until the commit instead of being
  // spilled to the WAL halfway through (preloading signatures: 18 s per 200,000 instead of 22).
  // Each write unit's SAVEPOINT sub-journal stays in memory (sqlite/connection.cc).
  // A checkpoint (which the writer runs inside a COMMIT) every 4,000 pages of WAL (16 MiB) rather
  // than SQLite's 1,000: a fourth as many syncs of the database file, and an index page that
  // several batches in between wrote is copied once (measured: docs/performance.md).
  // A WAL that one large transaction grew (a migration that rebuilds a table of millions of rows
  // leaves gigabytes) is cut back to 64 MiB when it next starts over; a surge's WAL stays under
  // that (4,000 pages between checkpoints).
  PETITIO_RETURN_IF_ERROR(
      c.ExecScript("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
                   " PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 4000;"
                   " PRAGMA journal_size_limit = 67108864"));
  return conn;
}

}  // namespace

namespace sqlite {

sql::BatchHooks SqliteBatchHooks() {
  return {[](sql::Connection& conn) { return conn.Exec("BEGIN IMMEDIATE"); },
          // One writer per file: batch numbers need only increase within this process.
          [seq = int64_t{0}](sql::Connection&, const sql::CountChanges&) mutable {
            return Result<int64_t>(++seq);
          }};
}

}  // namespace sqlite

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteStoreOptions& options) {
  if (options.path.empty()) return Status::Invalid("the SQLite store needs a file path");

  Result<std::unique_ptr<SqliteConnection>> write_conn = OpenWriteConnection(options.path);
  if (!write_conn.ok()) return write_conn.status();
  Result<int> migrated =
      sql::ApplyMigrations(**write_conn, sqlite::StoreMigrations(), sqlite::kSqliteBegin);
  if (!migrated.ok()) return migrated.status();
  const std::string identity_path = sqlite::IdentityFilePath(options.path);
  Result<sqlite::IdentityFileReport> identities =
      sqlite::AttachIdentityFile(**write_conn, identity_path, sqlite::CurrentBootId());
  if (!identities.ok()) return identities.status();
  if (identities->rebuilt && identities->added > 0) {
    std::fprintf(stderr, "petitio: the identity file %s was built again: %lld signatures\n",
                 identity_path.c_str(), static_cast<long long>(identities->added));
  }
  Result<std::vector<std::pair<int64_t, int64_t>>> counts = sql::SelectAllCounts(**write_conn);
  if (!counts.ok()) return counts.status();
  Result<sql::StateChanges> states = sql::SelectAllStates(**write_conn);
  if (!states.ok()) return states.status();

  std::vector<std::unique_ptr<sql::Connection>> readers;
  for (int i = 0; i < std::max(options.read_connections, 1); ++i) {
    Result<std::unique_ptr<SqliteConnection>> r =
        SqliteConnection::Open(options.path, SqliteConnection::Mode::kReadOnly, kBusyTimeoutMs);
    if (!r.ok()) return r.status();
    readers.push_back(std::move(r).value());
  }

  // Each batch records that the identity file covers its signatures, in the same transaction.
  sql::BatchHooks hooks = sqlite::SqliteBatchHooks();
  hooks.before_commit = [number = std::move(hooks.before_commit)](
                            sql::Connection& conn,
                            const sql::CountChanges& changes) -> Result<int64_t> {
    PETITIO_RETURN_IF_ERROR(sqlite::MarkIdentitiesCovered(conn));
    return number(conn, changes);
  };
  sql::WriterOptions writer_options{options.max_batch, options.max_batch_delay};
  writer_options.identity_index = sql::IdentityIndex::kIdentityTable;
  // An archive's signatures are indexed once all its rows are in.
  sql::StoreHooks store_hooks{"BEGIN", &sqlite::RebuildIdentities};
  auto store =
      std::make_unique<sql::SqlStore>(std::move(readers), std::move(write_conn).value(),
                                      std::move(hooks), writer_options, std::move(store_hooks));
  sql::CountChanges initial(counts->begin(), counts->end());
  store->counts().Apply(initial, 0);
  // This process alone writes the file, so its writer keeps every petition's state known.
  store->states().Fill(*states);
  PETITIO_RETURN_IF_ERROR(store->writer().Start());
  return std::unique_ptr<Store>(std::move(store));
}

std::optional<SqliteStoreStats> GetSqliteStoreStats(Store& store) {
  auto* sqlite_store = dynamic_cast<sql::SqlStore*>(&store);
  if (sqlite_store == nullptr) return std::nullopt;
  const sql::WriterStats s = sqlite_store->writer().stats();
  return SqliteStoreStats{s.batches, s.units};
}

}  // namespace petitio
