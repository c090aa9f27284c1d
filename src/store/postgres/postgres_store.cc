#include "store/postgres/postgres_store.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "store/postgres/connection.h"
#include "store/postgres/count_listener.h"
#include "store/postgres/migrations.h"
#include "store/sql/sql_store.h"

namespace petitio {

namespace {

using postgres::PgConnection;

class PostgresStore final : public sql::SqlStore {
 public:
  using SqlStore::SqlStore;
  // The listener stops before the base class finishes the writer's queue.
  ~PostgresStore() override { listener_.reset(); }

  void Listen(std::unique_ptr<postgres::CountListener> listener) {
    listener_ = std::move(listener);
  }

 private:
  std::unique_ptr<postgres::CountListener> listener_;
};

sql::BatchHooks PostgresBatchHooks() {
  sql::BatchHooks hooks;
  hooks.begin = [](sql::Connection& conn) -> Status {
    PETITIO_RETURN_IF_ERROR(conn.Exec("BEGIN"));
    // The writers of every server take turns here.
    return conn.Exec("SELECT seq FROM writer_batches WHERE id = 1 FOR UPDATE");
  };
  hooks.before_commit = [](sql::Connection& conn,
                           const sql::CountChanges& changes) -> Result<int64_t> {
    if (changes.empty()) return 0;  // nothing for the count caches: no number, no message
    Result<sql::Query> q =
        conn.Prepare("UPDATE writer_batches SET seq = seq + 1 WHERE id = 1 RETURNING seq");
    if (!q.ok()) return q.status();
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Internal("writer_batches has no row 1");
    const int64_t seq = q->Int(0);
    PETITIO_RETURN_IF_ERROR(q->Run());
    for (const std::string& payload : postgres::CountPayloads(seq, changes)) {
      Result<sql::Query> notify =
          conn.Prepare(std::string("SELECT pg_notify('") + postgres::kCountsChannel + "', ?1)");
      if (!notify.ok()) return notify.status();
      notify->BindText(1, payload);
      PETITIO_RETURN_IF_ERROR(notify->Run());
    }
    return seq;
  };
  return hooks;
}

sql::StoreHooks PostgresStoreHooks() {
  sql::StoreHooks hooks;
  hooks.snapshot_begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
  hooks.after_import = [](sql::Connection& conn) -> Status {
    // Imported rows kept their ids; new rows must start after them.
    for (const char* table : {"accounts", "petitions", "signatures", "consideration_records",
                              "statements", "subscriptions", "notifications", "mail_queue"}) {
      const std::string t = table;
      PETITIO_RETURN_IF_ERROR(conn.Exec("SELECT setval(pg_get_serial_sequence('" + t +
                                        "', 'id'), COALESCE((SELECT MAX(id) FROM " + t +
                                        "), 0) + 1, false)"));
    }
    return Status::Ok();
  };
  return hooks;
}

}  // namespace

std::string RedactedPostgresUrl(const std::string& conninfo) {
  return postgres::RedactedConninfo(conninfo);
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const PostgresStoreOptions& options) {
  if (options.conninfo.empty()) return Status::Invalid("the PostgreSQL store needs a URL");
  Result<std::unique_ptr<PgConnection>> writer = PgConnection::Open(options.conninfo);
  if (!writer.ok()) return writer.status();
  if (!options.create) {
    Result<sql::Query> q = (*writer)->Prepare(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        " AND table_schema = current_schema()");
    if (!q.ok()) return q.status();
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row || q->Int(0) == 0) {
      return Status::NotFound("no Petitio store in " +
                              postgres::RedactedConninfo(options.conninfo));
    }
  }
  Result<int> migrated =
      sql::ApplyMigrations(**writer, postgres::StoreMigrations(), postgres::kPostgresBegin);
  if (!migrated.ok()) return migrated.status();

  std::vector<std::unique_ptr<sql::Connection>> readers;
  for (int i = 0; i < std::max(options.read_connections, 1); ++i) {
    Result<std::unique_ptr<PgConnection>> r = PgConnection::Open(options.conninfo);
    if (!r.ok()) return r.status();
    readers.push_back(std::move(r).value());
  }
  auto store = std::make_unique<PostgresStore>(
      std::move(readers), std::move(writer).value(), PostgresBatchHooks(),
      sql::WriterOptions{options.max_batch, options.max_batch_delay}, PostgresStoreHooks());
  Result<std::unique_ptr<postgres::CountListener>> listener =
      postgres::CountListener::Start(options.conninfo, store->counts());
  if (!listener.ok()) return listener.status();
  store->Listen(std::move(listener).value());
  PETITIO_RETURN_IF_ERROR(store->writer().Start());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace petitio
