#include "store/sqlite/identity_file.h"

#include <filesystem>
#include <fstream>
#include <system_error>

namespace petitio::sqlite {

namespace {

// The pages of a petition's index of identities that a batch reads and writes stay in the
// writer's memory (16 MiB, beside the database file's 64); the rest the operating system keeps.
constexpr const char* kSetUp =
    "PRAGMA identities.journal_mode = WAL; PRAGMA identities.synchronous = OFF;"
    " PRAGMA identities.cache_size = -16384; PRAGMA identities.journal_size_limit = 67108864;"
    " CREATE TABLE IF NOT EXISTS identities.signature_identities ("
    "   petition_id   INTEGER NOT NULL,"
    "   identity_hash TEXT    NOT NULL,"
    "   signature_id  INTEGER NOT NULL,"
    "   PRIMARY KEY (petition_id, identity_hash)"
    " ) WITHOUT ROWID;"
    " CREATE TABLE IF NOT EXISTS identities.coverage ("
    "   one     INTEGER PRIMARY KEY CHECK (one = 1),"
    "   upto         INTEGER NOT NULL,"
    "   boot_id      TEXT    NOT NULL,"
    "   database_key TEXT    NOT NULL"
    " );";

// Indexes the signatures with an id above ?1, in key order (so the index is written once, in
// order, however many there are).
constexpr const char* kIndexAfter =
    "INSERT INTO identities.signature_identities (petition_id, identity_hash, signature_id)"
    " SELECT petition_id, identity_hash, id FROM main.signatures WHERE id > ?1"
    " ORDER BY petition_id, identity_hash";

constexpr const char* kMarkCovered =
    "UPDATE identities.coverage SET upto = (SELECT COALESCE(MAX(id), 0) FROM main.signatures)";

Result<int64_t> OneInt(sql::Connection& conn, const std::string& sql) {
  Result<sql::Query> q = conn.Prepare(sql);
  if (!q.ok()) return q.status();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no row");
  return q->Int(0);
}

// Indexes the signatures after `after`; kAlreadyExists when two share a petition and identity.
Result<int64_t> IndexAfter(sql::Connection& conn, int64_t after) {
  Result<sql::Query> q = conn.Prepare(kIndexAfter);
  if (!q.ok()) return q.status();
  q->BindInt(1, after);
  Status run = q->Run();
  if (!run.ok()) {
    if (conn.LastViolation() == sql::Violation::kUnique) {
      return Status(ErrorKind::kAlreadyExists, "already_signed",
                    "two signatures of one petition have the same identity");
    }
    return run;
  }
  return conn.Changes();
}

Status SetCoverage(sql::Connection& conn, const std::string& boot_id) {
  Result<sql::Query> q = conn.Prepare(
      "INSERT INTO identities.coverage (one, upto, boot_id, database_key)"
      " VALUES (1, (SELECT COALESCE(MAX(id), 0) FROM main.signatures), ?1,"
      "   (SELECT key FROM main.database_key))"
      " ON CONFLICT (one) DO UPDATE SET upto = excluded.upto, boot_id = excluded.boot_id,"
      "   database_key = excluded.database_key");
  if (!q.ok()) return q.status();
  q->BindText(1, boot_id);
  return q->Run();
}

// Runs `body` in a write transaction of its own.
template <typename Body>
auto InTransaction(sql::Connection& conn, Body body) -> decltype(body()) {
  PETITIO_RETURN_IF_ERROR(conn.Exec("BEGIN IMMEDIATE"));
  auto result = body();
  if (!result.ok()) {
    (void)conn.Exec("ROLLBACK");
    return result;
  }
  PETITIO_RETURN_IF_ERROR(conn.Exec("COMMIT"));
  return result;
}

// Attaches the file and brings it up to date; any failure is returned (the caller starts the
// file over once).
Result<IdentityFileReport> AttachAndCatchUp(SqliteConnection& conn, const std::string& path,
                                            const std::string& boot_id) {
  {
    Result<sql::Query> attach = conn.Prepare("ATTACH DATABASE ?1 AS identities");
    if (!attach.ok()) return attach.status();
    attach->BindText(1, path);
    PETITIO_RETURN_IF_ERROR(attach->Run());
  }
  PETITIO_RETURN_IF_ERROR(conn.ExecScript(kSetUp));
  return InTransaction(conn, [&]() -> Result<IdentityFileReport> {
    Result<int64_t> last = OneInt(conn, "SELECT COALESCE(MAX(id), 0) FROM main.signatures");
    if (!last.ok()) return last.status();
    bool usable = false;
    int64_t upto = 0;
    {
      Result<sql::Query> q = conn.Prepare(
          "SELECT upto, boot_id, database_key = (SELECT key FROM main.database_key)"
          " FROM identities.coverage");
      if (!q.ok()) return q.status();
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (*row) {
        upto = q->Int(0);
        usable = !boot_id.empty() && q->Text(1) == boot_id && q->Int(2) == 1 && upto <= *last;
      }
    }
    IdentityFileReport report;
    if (!usable) {
      report.rebuilt = true;
      PETITIO_RETURN_IF_ERROR(conn.Exec("DELETE FROM identities.signature_identities"));
    }
    Result<int64_t> added = IndexAfter(conn, report.rebuilt ? 0 : upto);
    if (!added.ok()) return added.status();
    report.added = *added;
    PETITIO_RETURN_IF_ERROR(SetCoverage(conn, boot_id));
    return report;
  });
}

void RemoveFiles(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ignored);
}

}  // namespace

std::string IdentityFilePath(const std::string& db_path) {
  if (db_path == ":memory:" || db_path.empty()) return ":memory:";
  return db_path + "-identities";
}

std::string CurrentBootId() {
  std::ifstream in("/proc/sys/kernel/random/boot_id");
  std::string id;
  if (!std::getline(in, id)) return "";
  return id;
}

Result<IdentityFileReport> AttachIdentityFile(SqliteConnection& conn, const std::string& path,
                                              const std::string& boot_id) {
  Result<IdentityFileReport> report = AttachAndCatchUp(conn, path, boot_id);
  if (report.ok() || report.status().kind() == ErrorKind::kAlreadyExists || path == ":memory:") {
    return report;
  }
  // Unreadable (torn by a crash of the machine, or not a database): start it over.
  if (conn.InTransaction()) (void)conn.Exec("ROLLBACK");
  (void)conn.Exec("DETACH DATABASE identities");
  RemoveFiles(path);
  Result<IdentityFileReport> again = AttachAndCatchUp(conn, path, boot_id);
  if (!again.ok()) {
    return Status::Internal("the identity file " + path + ": " + again.status().message() +
                            " (at first: " + report.status().message() + ")");
  }
  again->rebuilt = true;
  return again;
}

Status RebuildIdentities(sql::Connection& conn) {
  PETITIO_RETURN_IF_ERROR(conn.Exec("DELETE FROM identities.signature_identities"));
  Result<int64_t> added = IndexAfter(conn, 0);
  if (!added.ok()) return added.status();
  return conn.Exec(kMarkCovered);
}

Status MarkIdentitiesCovered(sql::Connection& conn) { return conn.Exec(kMarkCovered); }

}  // namespace petitio::sqlite
