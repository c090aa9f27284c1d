#include "store/sqlite/connection.h"

#include <cstdint>
#include <utility>

#include "domain/search_fold.h"

namespace petitio::sqlite {

namespace {

// SQLITE_TRANSIENT without the old-style cast of its macro: SQLite copies the bound text.
sqlite3_destructor_type Transient() {
  return reinterpret_cast<sqlite3_destructor_type>(  // NOLINT(performance-no-int-to-ptr)
      static_cast<intptr_t>(-1));
}

class SqliteStatement final : public sql::PreparedStatement {
 public:
  SqliteStatement(const SqliteConnection& conn, sqlite3_stmt* stmt) : conn_(conn), stmt_(stmt) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  void BindInt(int index, int64_t value) override { Note(sqlite3_bind_int64(stmt_, index, value)); }
  void BindText(int index, std::string_view value) override {
    Note(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), Transient(), SQLITE_UTF8));
  }
  void BindBlob(int index, std::string_view bytes) override {
    Note(sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), Transient()));
  }
  void BindNull(int index) override { Note(sqlite3_bind_null(stmt_, index)); }

  Result<bool> Step() override {
    if (bind_error_ != SQLITE_OK) {
      return Status::Internal(std::string("sqlite bind: ") + sqlite3_errstr(bind_error_));
    }
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const char* sql = sqlite3_sql(stmt_);
    return conn_.LastError(sql != nullptr ? sql : "statement");
  }

  int ColumnCount() const override { return sqlite3_column_count(stmt_); }
  int64_t Int(int column) const override { return sqlite3_column_int64(stmt_, column); }
  std::string Text(int column) const override {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    const int size = sqlite3_column_bytes(stmt_, column);
    if (text == nullptr || size <= 0) return {};
    return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size));
  }
  std::string Blob(int column) const override {
    const void* data = sqlite3_column_blob(stmt_, column);
    const int size = sqlite3_column_bytes(stmt_, column);
    if (data == nullptr || size <= 0) return {};
    return std::string(static_cast<const char*>(data), static_cast<size_t>(size));
  }
  bool IsNull(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }

  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    bind_error_ = SQLITE_OK;
  }

 private:
  void Note(int rc) {
    if (bind_error_ == SQLITE_OK) bind_error_ = rc;
  }

  const SqliteConnection& conn_;
  sqlite3_stmt* stmt_;
  int bind_error_ = SQLITE_OK;
};

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

// Every write unit runs in a SAVEPOINT, for which SQLite copies each page the unit first touches
// (half a dozen for a signature) into a sub-journal. It keeps that journal in memory in chunks of
// this size, one allocation for a unit, and writes it to a temporary file only past it, so that a
// unit rewriting a petition's thousands of rows is bounded by the disk, not by memory. This is
// SQLite's own default, 64 KiB. Not more: SQLite 3.40 (Debian 12's) fails the spill of a larger
// in-memory journal with "database or disk is full" (from 2026-11-30 to 2026-12-08 it was 1 MiB,
// and erasing the contacts of a petition of 20,000 signatures failed so:
// tests/store_contract/sqlite_specific_test.cc). Not -1 (never spill): then the journal is built of
// 1 KiB chunks, a dozen allocations and frees a unit, and a unit is bounded by memory alone.
constexpr int kSubJournalInMemoryBytes = 1 << 16;

}  // namespace

// Before SQLite initialises (the first open); if something initialised it earlier, the settings
// are refused, which changes nothing but speed. SQLite also keeps a count of the memory it uses
// under a process-wide mutex taken on every allocation and free, from every connection's
// thread; nothing here reads it, so it is off.
void ConfigureSqlite() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, kSubJournalInMemoryBytes);
    return true;
  }();
  (void)configured;
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path, Mode mode,
                                                                 int busy_timeout_ms,
                                                                 const char* vfs) {
  const int flags = (mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY
                                             : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  ConfigureSqlite();
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, vfs);
  // A handle comes back even on failure (unless out of memory) and must be closed.
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db));
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

SqliteConnection::~SqliteConnection() {
  statements_.clear();  // finalize every statement before closing
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Status SqliteConnection::ExecScript(const std::string& sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string message = error != nullptr ? error : sqlite3_errstr(rc);
  sqlite3_free(error);
  return Status::Internal("sqlite: " + message);
}

Result<sql::Query> SqliteConnection::Prepare(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(stmt);
      return LastError("preparing " + sql);
    }
    it = statements_.emplace(sql, std::make_unique<SqliteStatement>(*this, stmt)).first;
  }
  return sql::Query(*it->second);
}

sql::Violation SqliteConnection::LastViolation() const {
  switch (sqlite3_extended_errcode(db_)) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return sql::Violation::kUnique;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return sql::Violation::kForeignKey;
    default:
      return sql::Violation::kNone;
  }
}

Status SqliteConnection::LastError(std::string_view what) const {
  return Status::Internal("sqlite: " + std::string(sqlite3_errmsg(db_)) + " (" + std::string(what) +
                          ")");
}

}  // namespace petitio::sqlite
