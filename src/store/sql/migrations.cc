#include "store/sql/migrations.h"

#include <chrono>
#include <thread>

#include "domain/time.h"

namespace petitio::sql {

namespace {

constexpr const char* kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " applied_at TEXT NOT NULL)";

Result<bool> IsApplied(Connection& conn, int64_t version) {
  Result<Query> q = conn.Prepare("SELECT 1 FROM schema_migrations WHERE version = ?1");
  if (!q.ok()) return q.status();
  q->BindInt(1, version);
  return q->Step();
}

Result<int64_t> NewestApplied(Connection& conn) {
  Result<Query> q = conn.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!q.ok()) return q.status();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  return *row ? q->Int(0) : 0;
}

// Applies one migration in its own transaction unless a concurrent opener already did.
// Returns whether it applied it.
Result<bool> ApplyOne(Connection& conn, const Migration& m, const std::string& begin) {
  PETITIO_RETURN_IF_ERROR(conn.ExecScript(begin));
  Status s = [&]() -> Status {
    Result<bool> applied = IsApplied(conn, m.version);
    if (!applied.ok()) return applied.status();
    if (*applied) return Status(ErrorKind::kAlreadyExists, "applied", "");
    PETITIO_RETURN_IF_ERROR(conn.ExecScript(m.sql));
    Result<Query> q = conn.Prepare(
        "INSERT INTO schema_migrations (version, applied_at)"
        " VALUES (?1, ?2)");
    if (!q.ok()) return q.status();
    q->BindInt(1, m.version)
        .BindText(2, FormatRfc3339(std::chrono::time_point_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now())));
    return q->Run();
  }();
  const bool skipped = !s.ok() && s.kind() == ErrorKind::kAlreadyExists;
  if (s.ok() || skipped) {
    PETITIO_RETURN_IF_ERROR(conn.Exec("COMMIT"));
    return !skipped;
  }
  if (conn.InTransaction()) (void)conn.Exec("ROLLBACK");
  // Another process may have applied it meanwhile (its tables now exist, or its record does):
  // then this one has nothing to do.
  Result<bool> by_another = IsApplied(conn, m.version);
  if (by_another.ok() && *by_another) return false;
  return Status::Internal("migration " + std::to_string(m.version) + ": " + s.message());
}

}  // namespace

Result<int> ApplyMigrations(Connection& conn, std::span<const Migration> migrations,
                            const std::string& begin) {
  // Two processes creating the table at once may collide even with IF NOT EXISTS
  // (PostgreSQL); the second try finds it.
  if (!conn.ExecScript(kCreateMigrationsTable).ok()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    PETITIO_RETURN_IF_ERROR(conn.ExecScript(kCreateMigrationsTable));
  }
  Result<int64_t> newest = NewestApplied(conn);
  if (!newest.ok()) return newest.status();
  int applied = 0;
  int64_t previous = 0;
  for (const Migration& m : migrations) {
    if (m.version <= previous) {
      return Status::Internal("migration versions must increase: " + std::to_string(m.version));
    }
    previous = m.version;
    if (m.version <= *newest) continue;
    Result<bool> did = ApplyOne(conn, m, begin);
    if (!did.ok()) return did.status();
    if (*did) ++applied;
  }
  return applied;
}

}  // namespace petitio::sql
