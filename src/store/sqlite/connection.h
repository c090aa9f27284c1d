// Connection and Query: RAII over one sqlite3 handle and its prepared statements.
//
// A Connection is used by one thread at a time (the store hands each one to a single owner or
// leases it from a pool). It caches every statement it prepares, keyed by its SQL text, for its
// whole life. A Query borrows one cached statement: it binds, steps and reads columns, and on
// destruction resets the statement and clears its bindings, so no read transaction is left
// open by a forgotten statement. SQLite failures come back as kInternal Statuses carrying
// SQLite's message; nothing here throws.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/result.h"

namespace petitio::sqlite {

class Connection;

class Query {
 public:
  Query(Connection& conn, sqlite3_stmt* stmt) : conn_(&conn), stmt_(stmt) {}
  ~Query();
  Query(Query&& other) noexcept;
  Query& operator=(Query&&) = delete;
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  // Parameters are numbered from 1, as ?1, ?2... in the SQL. A failed bind is reported by
  // the next Step or Run.
  Query& BindInt(int index, int64_t value);
  Query& BindText(int index, std::string_view value);
  Query& BindBlob(int index, std::string_view bytes);
  Query& BindOptInt(int index, std::optional<int64_t> value);
  Query& BindOptText(int index, const std::optional<std::string>& value);

  // True when a row is ready to read, false when the statement is done.
  Result<bool> Step();
  // Steps to completion; rows, if any, are ignored.
  Status Run();

  int ColumnCount() const { return sqlite3_column_count(stmt_); }
  int64_t Int(int column) const;
  std::string Text(int column) const;
  std::string Blob(int column) const;
  bool IsNull(int column) const;
  std::optional<int64_t> OptInt(int column) const;

 private:
  Status Failure() const;

  Connection* conn_;
  sqlite3_stmt* stmt_;
  int bind_error_ = SQLITE_OK;
};

class Connection {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // Opens (creating it in kReadWrite mode) the database file at `path`, with extended result
  // codes and the given busy timeout. It sets no journal mode or pragma beyond that.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, Mode mode,
                                                  int busy_timeout_ms);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs a script of one or more statements without parameters or results (migrations).
  Status ExecScript(const std::string& sql);
  // Runs one statement from the cache (BEGIN, SAVEPOINT, COMMIT...).
  Status Exec(const std::string& sql);
  // Borrows the cached statement for `sql`, preparing it on first use.
  Result<Query> Prepare(const std::string& sql);

  // A kInternal Status with `what` and the connection's last error message.
  Status LastError(std::string_view what) const;
  int LastExtendedCode() const { return sqlite3_extended_errcode(db_); }
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int64_t Changes() const { return sqlite3_changes64(db_); }
  bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }
  sqlite3* handle() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}

  struct Finalizer {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };

  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<sqlite3_stmt, Finalizer>> statements_;
};

}  // namespace petitio::sqlite
