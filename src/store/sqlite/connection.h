// SqliteConnection: sql::Connection (store/sql/connection.h) over one sqlite3 handle, with the
// statements it prepared, keyed by their SQL text, kept for its whole life.
//
// It registers petitio_fold(text), domain/search_fold.h's FoldForSearch, which the petition
// search uses. SQLite failures come back as kInternal Statuses carrying SQLite's message.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/result.h"
#include "store/sql/connection.h"

namespace petitio::sqlite {

// Sets SQLite's process-wide options (no memory statistics, sub-journals kept in memory); they
// take only before SQLite initialises, so call this before anything else calls into SQLite.
// Idempotent and thread-safe; SqliteConnection::Open calls it.
void ConfigureSqlite();

class SqliteConnection final : public sql::Connection {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // Opens (creating it in kReadWrite mode) the database file at `path`, with extended result
  // codes and the given busy timeout, through the named VFS (nullptr: SQLite's default). It sets
  // no journal mode or pragma beyond that.
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path, Mode mode,
                                                        int busy_timeout_ms,
                                                        const char* vfs = nullptr);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Status ExecScript(const std::string& sql) override;
  Result<sql::Query> Prepare(const std::string& sql) override;
  sql::Violation LastViolation() const override;
  int64_t Changes() const override { return sqlite3_changes64(db_); }
  bool InTransaction() const override { return sqlite3_get_autocommit(db_) == 0; }

  // A kInternal Status with `what` and the connection's last error message.
  Status LastError(std::string_view what) const;

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<sql::PreparedStatement>> statements_;
};

}  // namespace petitio::sqlite
