#include "store/postgres/connection.h"

#include <charconv>
#include <cstdio>
#include <cstring>
#include <optional>
#include <utility>
#include <vector>

namespace petitio::postgres {

namespace {

constexpr char kHex[] = "0123456789abcdef";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class PgStatement final : public sql::PreparedStatement {
 public:
  PgStatement(PgConnection& conn, std::string sql, std::string name)
      : conn_(conn), sql_(std::move(sql)), name_(std::move(name)) {
    int n = 0;
    text_ = NumberedParameters(sql_, &n);
    params_.resize(static_cast<size_t>(n));
  }
  ~PgStatement() override { Reset(); }
  PgStatement(const PgStatement&) = delete;
  PgStatement& operator=(const PgStatement&) = delete;

  void BindInt(int index, int64_t value) override { Set(index, std::to_string(value)); }
  void BindText(int index, std::string_view value) override { Set(index, std::string(value)); }
  void BindBlob(int index, std::string_view bytes) override {
    std::string hex = "\\x";
    hex.reserve(2 + bytes.size() * 2);
    for (unsigned char c : bytes) {
      hex += kHex[c >> 4];
      hex += kHex[c & 15];
    }
    Set(index, std::move(hex));
  }
  void BindNull(int index) override { Set(index, std::nullopt); }

  Result<bool> Step() override {
    if (result_ == nullptr) {
      PETITIO_RETURN_IF_ERROR(Execute());
      row_ = -1;
    }
    ++row_;
    return row_ < PQntuples(result_);
  }

  int ColumnCount() const override { return result_ != nullptr ? PQnfields(result_) : 0; }
  int64_t Int(int column) const override {
    const char* v = Value(column);
    int64_t out = 0;
    if (v != nullptr) std::from_chars(v, v + std::strlen(v), out);
    return out;
  }
  std::string Text(int column) const override {
    const char* v = Value(column);
    if (v == nullptr) return {};
    return std::string(v, static_cast<size_t>(PQgetlength(result_, row_, column)));
  }
  std::string Blob(int column) const override {
    const std::string hex = Text(column);
    std::string out;
    if (hex.size() < 2 || hex[0] != '\\' || hex[1] != 'x') return out;
    out.reserve((hex.size() - 2) / 2);
    for (size_t i = 2; i + 1 < hex.size(); i += 2) {
      const int hi = HexValue(hex[i]);
      const int lo = HexValue(hex[i + 1]);
      if (hi < 0 || lo < 0) return {};
      out += static_cast<char>((hi << 4) | lo);
    }
    return out;
  }
  bool IsNull(int column) const override {
    return result_ == nullptr || PQgetisnull(result_, row_, column) != 0;
  }

  void Reset() override {
    if (result_ != nullptr) PQclear(result_);
    result_ = nullptr;
    for (auto& p : params_) p.reset();
    bind_error_.clear();
  }

 private:
  void Set(int index, std::optional<std::string> value) {
    if (index < 1 || static_cast<size_t>(index) > params_.size()) {
      if (bind_error_.empty()) bind_error_ = "no parameter ?" + std::to_string(index);
      return;
    }
    params_[static_cast<size_t>(index - 1)] = std::move(value);
  }

  const char* Value(int column) const {
    if (result_ == nullptr || row_ < 0 || row_ >= PQntuples(result_)) return nullptr;
    if (column < 0 || column >= PQnfields(result_)) return nullptr;
    if (PQgetisnull(result_, row_, column) != 0) return nullptr;
    return PQgetvalue(result_, row_, column);
  }

  Status Execute() {
    if (!bind_error_.empty()) return Status::Internal("postgres bind: " + bind_error_);
    PGconn* pg = conn_.handle();
    if (prepared_generation_ != conn_.generation()) {
      PGresult* prepared = PQprepare(pg, name_.c_str(), text_.c_str(), 0, nullptr);
      const bool ok = PQresultStatus(prepared) == PGRES_COMMAND_OK;
      Status failed = ok ? Status::Ok() : conn_.Failure(prepared, "preparing " + sql_);
      PQclear(prepared);
      PETITIO_RETURN_IF_ERROR(failed);
      prepared_generation_ = conn_.generation();
    }
    std::vector<const char*> values(params_.size());
    for (size_t i = 0; i < params_.size(); ++i) {
      values[i] = params_[i] ? params_[i]->c_str() : nullptr;
    }
    result_ = PQexecPrepared(pg, name_.c_str(), static_cast<int>(values.size()), values.data(),
                             nullptr, nullptr, 0);
    const ExecStatusType status = PQresultStatus(result_);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      Status failed = conn_.Failure(result_, sql_);
      PQclear(result_);
      result_ = nullptr;
      return failed;
    }
    // A COMMIT of a failed transaction succeeds as a ROLLBACK; the writes are gone.
    if (sql_ == "COMMIT" && std::strcmp(PQcmdStatus(result_), "ROLLBACK") == 0) {
      PQclear(result_);
      result_ = nullptr;
      return Status::Internal("postgres: the transaction was rolled back at COMMIT");
    }
    conn_.Succeeded(result_);
    return Status::Ok();
  }

  PgConnection& conn_;
  const std::string sql_;   // as written, with ?N
  const std::string name_;  // the server-side name
  std::string text_;        // as sent, with $N
  uint64_t prepared_generation_ = 0;
  std::vector<std::optional<std::string>> params_;
  std::string bind_error_;
  PGresult* result_ = nullptr;
  int row_ = -1;
};

}  // namespace

std::string NumberedParameters(std::string_view sql, int* max_param) {
  std::string out;
  out.reserve(sql.size());
  int highest = 0;
  bool in_literal = false;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'') in_literal = !in_literal;
    if (c == '?' && !in_literal) {
      size_t j = i + 1;
      int n = 0;
      while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') n = n * 10 + (sql[j++] - '0');
      if (j > i + 1) {
        out += '$';
        out.append(sql.substr(i + 1, j - i - 1));
        if (n > highest) highest = n;
        i = j - 1;
        continue;
      }
    }
    out += c;
  }
  if (max_param != nullptr) *max_param = highest;
  return out;
}

std::string RedactedConninfo(const std::string& conninfo) {
  // URIs: postgresql://user:secret@host/... -> postgresql://user@host/...
  const size_t scheme = conninfo.find("://");
  if (scheme != std::string::npos) {
    const size_t at = conninfo.find('@', scheme);
    const size_t colon = conninfo.find(':', scheme + 3);
    if (at != std::string::npos && colon != std::string::npos && colon < at) {
      return conninfo.substr(0, colon) + conninfo.substr(at);
    }
    return conninfo;
  }
  const size_t pw = conninfo.find("password=");
  if (pw == std::string::npos) return conninfo;
  const size_t end = conninfo.find(' ', pw);
  return conninfo.substr(0, pw) + "password=***" +
         (end == std::string::npos ? "" : conninfo.substr(end));
}

// The server's messages that are not errors go to stderr only from WARNING up: its NOTICEs
// ("relation … already exists, skipping" from every start's CREATE … IF NOT EXISTS) and INFO,
// LOG and DEBUG ask nothing of an operator. Set on the connection, so it survives PQreset.
static void ReceiveNotice(void*, const PGresult* message) {
  const char* severity = PQresultErrorField(message, PG_DIAG_SEVERITY_NONLOCALIZED);
  if (severity != nullptr && std::strcmp(severity, "WARNING") != 0) return;
  std::fputs(PQresultErrorMessage(message), stderr);
}

Result<std::unique_ptr<PgConnection>> PgConnection::Open(const std::string& conninfo) {
  PGconn* pg = PQconnectdb(conninfo.c_str());
  if (pg == nullptr) return Status::Internal("postgres: out of memory connecting");
  PQsetNoticeReceiver(pg, ReceiveNotice, nullptr);
  std::unique_ptr<PgConnection> conn(new PgConnection(pg));
  if (PQstatus(pg) != CONNECTION_OK) {
    return Status(
        ErrorKind::kUnavailable, "store_unavailable",
        "postgres: cannot connect to " + RedactedConninfo(conninfo) + ": " + PQerrorMessage(pg));
  }
  if (PQsetClientEncoding(pg, "UTF8") != 0) {
    return Status::Internal(std::string("postgres: cannot use UTF8: ") + PQerrorMessage(pg));
  }
  return conn;
}

PgConnection::~PgConnection() {
  statements_.clear();
  if (conn_ != nullptr) PQfinish(conn_);
}

Status PgConnection::ExecScript(const std::string& sql) {
  PGresult* r = PQexec(conn_, sql.c_str());
  const ExecStatusType status = PQresultStatus(r);
  Status s = (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) ? Status::Ok()
                                                                       : Failure(r, "script");
  PQclear(r);
  return s;
}

Result<sql::Query> PgConnection::Prepare(const std::string& sql) {
  if (PQstatus(conn_) == CONNECTION_BAD && !InTransaction()) {
    PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK) {
      return Status(ErrorKind::kUnavailable, "store_unavailable",
                    std::string("postgres: connection lost: ") + PQerrorMessage(conn_));
    }
    ++generation_;  // the server forgot every prepared statement
  }
  if (++uses_ == next_refresh_) RefreshPlans();
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    std::string name = "p" + std::to_string(++next_name_);
    it = statements_.emplace(sql, std::make_unique<PgStatement>(*this, sql, std::move(name))).first;
  }
  return sql::Query(*it->second);
}

void PgConnection::RefreshPlans() {
  next_refresh_ = uses_ * 2;
  PGresult* r = PQexec(conn_, "DEALLOCATE ALL");
  if (PQresultStatus(r) == PGRES_COMMAND_OK) ++generation_;  // each prepares again when next run
  PQclear(r);
}

bool PgConnection::InTransaction() const {
  switch (PQtransactionStatus(conn_)) {
    case PQTRANS_INTRANS:
    case PQTRANS_INERROR:
    case PQTRANS_ACTIVE:
      return true;
    default:
      return false;
  }
}

Status PgConnection::Failure(const PGresult* result, std::string_view what) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string code = state != nullptr ? state : "";
  last_violation_ = code == "23505"   ? sql::Violation::kUnique
                    : code == "23503" ? sql::Violation::kForeignKey
                                      : sql::Violation::kNone;
  const char* message = result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
  std::string text = message != nullptr && *message != '\0' ? message : PQerrorMessage(conn_);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  if (PQstatus(conn_) == CONNECTION_BAD) {
    return Status(ErrorKind::kUnavailable, "store_unavailable",
                  "postgres: " + text + " (" + std::string(what) + ")");
  }
  return Status::Internal("postgres: " + text + " (" + std::string(what) + ")");
}

void PgConnection::Succeeded(const PGresult* result) {
  last_violation_ = sql::Violation::kNone;
  const std::string_view command = PQcmdStatus(const_cast<PGresult*>(result));
  if (!command.starts_with("INSERT") && !command.starts_with("UPDATE") &&
      !command.starts_with("DELETE")) {
    return;
  }
  const char* tuples = PQcmdTuples(const_cast<PGresult*>(result));
  int64_t n = 0;
  if (tuples != nullptr && *tuples != '\0')
    std::from_chars(tuples, tuples + std::strlen(tuples), n);
  changes_ = n;
}

}  // namespace petitio::postgres
