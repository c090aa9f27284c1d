// Connection, PreparedStatement and Query: what the shared table code (tables.h), the writer and
// the read pool need from a SQL database, implemented once per engine (store/sqlite/,
// store/postgres/).
//
// SQL text is written once for every engine: parameters are ?1, ?2... (an engine that numbers
// them otherwise rewrites them), integers are 64-bit, byte strings are BLOB/bytea, and a new
// row's id comes back through RETURNING.
//
// A Connection is used by one thread at a time (the store hands each one to a single owner or
// leases it from a pool). It prepares each distinct SQL text once and keeps it for its whole
// life. A Query borrows one PreparedStatement: it binds, steps and reads columns, and on
// destruction resets the statement and clears its bindings, so no read is left half done.
// Failures come back as kInternal Statuses carrying the engine's message; nothing throws.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "domain/result.h"

namespace petitio::sql {

// The constraint the last failed statement of a connection broke, if any.
enum class Violation { kNone, kUnique, kForeignKey };

// One prepared statement of one Connection; used through Query.
class PreparedStatement {
 public:
  virtual ~PreparedStatement() = default;
  // Parameters are numbered from 1. A failed bind is reported by the next Step.
  virtual void BindInt(int index, int64_t value) = 0;
  virtual void BindText(int index, std::string_view value) = 0;
  virtual void BindBlob(int index, std::string_view bytes) = 0;
  virtual void BindNull(int index) = 0;
  // True when a row is ready to read, false when the statement is done.
  virtual Result<bool> Step() = 0;
  virtual int ColumnCount() const = 0;
  virtual int64_t Int(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  virtual std::string Blob(int column) const = 0;
  virtual bool IsNull(int column) const = 0;
  // Ends the current run and clears the bindings.
  virtual void Reset() = 0;
};

class Query {
 public:
  explicit Query(PreparedStatement& stmt) : stmt_(&stmt) {}
  ~Query() {
    if (stmt_ != nullptr) stmt_->Reset();
  }
  Query(Query&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}
  Query& operator=(Query&&) = delete;
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  Query& BindInt(int index, int64_t value) {
    stmt_->BindInt(index, value);
    return *this;
  }
  Query& BindText(int index, std::string_view value) {
    stmt_->BindText(index, value);
    return *this;
  }
  Query& BindBlob(int index, std::string_view bytes) {
    stmt_->BindBlob(index, bytes);
    return *this;
  }
  Query& BindOptInt(int index, std::optional<int64_t> value) {
    if (value.has_value()) return BindInt(index, *value);
    stmt_->BindNull(index);
    return *this;
  }
  Query& BindOptText(int index, const std::optional<std::string>& value) {
    if (value.has_value()) return BindText(index, *value);
    stmt_->BindNull(index);
    return *this;
  }

  Result<bool> Step() { return stmt_->Step(); }
  // Steps to completion; rows, if any, are ignored.
  Status Run() {
    for (;;) {
      Result<bool> row = Step();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
    }
  }

  int ColumnCount() const { return stmt_->ColumnCount(); }
  int64_t Int(int column) const { return stmt_->Int(column); }
  std::string Text(int column) const { return stmt_->Text(column); }
  std::string Blob(int column) const { return stmt_->Blob(column); }
  bool IsNull(int column) const { return stmt_->IsNull(column); }
  std::optional<int64_t> OptInt(int column) const {
    if (IsNull(column)) return std::nullopt;
    return Int(column);
  }

 private:
  PreparedStatement* stmt_;
};

class Connection {
 public:
  virtual ~Connection() = default;

  // Runs a script of one or more statements without parameters or results (migrations).
  virtual Status ExecScript(const std::string& sql) = 0;
  // Borrows the prepared statement for `sql`, preparing it on first use.
  virtual Result<Query> Prepare(const std::string& sql) = 0;
  // Runs one parameterless statement (BEGIN, SAVEPOINT, COMMIT...).
  Status Exec(const std::string& sql) {
    Result<Query> q = Prepare(sql);
    if (!q.ok()) return q.status();
    return q->Run();
  }

  // The constraint the last failed statement broke.
  virtual Violation LastViolation() const = 0;
  // Rows changed by the last INSERT, UPDATE or DELETE that finished.
  virtual int64_t Changes() const = 0;
  // Whether a transaction is open (also one that failed and awaits its rollback).
  virtual bool InTransaction() const = 0;
};

}  // namespace petitio::sql
