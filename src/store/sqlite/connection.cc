#include "store/sqlite/connection.h"

#include <cstdint>
#include <utility>

#include "domain/search_fold.h"

namespace petitio::sqlite {

namespace {

// SQLITE_TRANSIENT without the old-style cast of its macro: SQLite copies the bound text.
sqlite3_destructor_type Transient() {
  return reinterpret_cast<sqlite3_destructor_type>(static_cast<intptr_t>(-1));
}

}  // namespace

Query::~Query() {
  if (stmt_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Query::Query(Query&& other) noexcept
    : conn_(other.conn_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      bind_error_(other.bind_error_) {}

Query& Query::BindInt(int index, int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Query& Query::BindText(int index, std::string_view value) {
  const int rc =
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), Transient(), SQLITE_UTF8);
  if (bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Query& Query::BindBlob(int index, std::string_view bytes) {
  const int rc = sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), Transient());
  if (bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Query& Query::BindOptInt(int index, std::optional<int64_t> value) {
  if (value.has_value()) return BindInt(index, *value);
  const int rc = sqlite3_bind_null(stmt_, index);
  if (bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Query& Query::BindOptText(int index, const std::optional<std::string>& value) {
  if (value.has_value()) return BindText(index, *value);
  const int rc = sqlite3_bind_null(stmt_, index);
  if (bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Result<bool> Query::Step() {
  if (bind_error_ != SQLITE_OK) {
    return Status::Internal(std::string("sqlite bind: ") + sqlite3_errstr(bind_error_));
  }
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Failure();
}

Status Query::Run() {
  for (;;) {
    Result<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
  }
}

int64_t Query::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Query::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  if (text == nullptr || size <= 0) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size));
}

std::string Query::Blob(int column) const {
  const void* data = sqlite3_column_blob(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  if (data == nullptr || size <= 0) return {};
  return std::string(static_cast<const char*>(data), static_cast<size_t>(size));
}

bool Query::IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::optional<int64_t> Query::OptInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

Status Query::Failure() const {
  const char* sql = sqlite3_sql(stmt_);
  return conn_->LastError(sql != nullptr ? sql : "statement");
}

namespace {

// petitio_fold(text): domain/search_fold.h's FoldForSearch, for searching petitions.
void FoldFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  if (text == nullptr) {
    sqlite3_result_null(ctx);
    return;
  }
  const std::string folded =
      FoldForSearch(std::string_view(text, static_cast<size_t>(sqlite3_value_bytes(argv[0]))));
  sqlite3_result_text(ctx, folded.data(), static_cast<int>(folded.size()), Transient());
}

}  // namespace

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, Mode mode,
                                                     int busy_timeout_ms) {
  const int flags = (mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY
                                             : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  // A handle comes back even on failure (unless out of memory) and must be closed.
  std::unique_ptr<Connection> conn(new Connection(db));
  if (rc != SQLITE_OK) {
    if (db == nullptr) return Status::Internal("sqlite: out of memory opening " + path);
    return conn->LastError("opening " + path);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  if (sqlite3_create_function_v2(db, "petitio_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                 FoldFunction, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return conn->LastError("registering petitio_fold");
  }
  return conn;
}

Connection::~Connection() {
  statements_.clear();  // finalize every statement before closing
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Status Connection::ExecScript(const std::string& sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string message = error != nullptr ? error : sqlite3_errstr(rc);
  sqlite3_free(error);
  return Status::Internal("sqlite: " + message);
}

Status Connection::Exec(const std::string& sql) {
  Result<Query> q = Prepare(sql);
  if (!q.ok()) return q.status();
  return q->Run();
}

Result<Query> Connection::Prepare(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(stmt);
      return LastError("preparing " + sql);
    }
    it = statements_.emplace(sql, std::unique_ptr<sqlite3_stmt, Finalizer>(stmt)).first;
  }
  return Query(*this, it->second.get());
}

Status Connection::LastError(std::string_view what) const {
  return Status::Internal("sqlite: " + std::string(sqlite3_errmsg(db_)) + " (" + std::string(what) +
                          ")");
}

}  // namespace petitio::sqlite
