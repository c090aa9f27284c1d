// PgConnection: sql::Connection (store/sql/connection.h) over one libpq connection to a
// PostgreSQL server (or an engine that speaks its protocol).
//
// The shared SQL's ?N parameters become $N; each distinct SQL text is prepared once on the
// server (PQprepare, parameter types inferred from where they are used) and run with
// PQexecPrepared, parameters and results in text form (integers as decimals, byte strings as
// bytea's \x hex). A COMMIT that the server turned into a ROLLBACK (the transaction had
// failed) is reported as a failure. When the server connection is lost, the next Prepare outside
// a transaction reconnects once and prepares statements again as they are used.
// SQLSTATE 23505 is a unique violation and 23503 a foreign-key one.
//
// PostgreSQL keeps a statement's generic plan until the tables it reads are analysed again. One
// made while a table was nearly empty can pick the wrong index for good: the identity lookup
// (petition_id = $1 AND identity_hash = $2) then walks a petition's signatures by (petition_id,
// created_at), each signature dearer than the one before, until autovacuum first analyses the
// table (a minute or more). So the statements are prepared afresh (DEALLOCATE ALL) after
// kFirstPlanRefresh uses of the connection, and again each time the uses double: plans follow
// the tables' growth while they are young, and cost nothing to speak of later.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/result.h"
#include "store/sql/connection.h"

namespace petitio::postgres {

inline constexpr uint64_t kFirstPlanRefresh = 1'000;

class PgConnection final : public sql::Connection {
 public:
  // Connects with a libpq connection string or URI ("postgresql://user@host:port/db").
  static Result<std::unique_ptr<PgConnection>> Open(const std::string& conninfo);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  Status ExecScript(const std::string& sql) override;
  Result<sql::Query> Prepare(const std::string& sql) override;
  sql::Violation LastViolation() const override { return last_violation_; }
  int64_t Changes() const override { return changes_; }
  bool InTransaction() const override;

  PGconn* handle() const { return conn_; }

  // For the statements: a kInternal Status with the server's message and `what`, and the
  // constraint it names, remembered as the last violation.
  Status Failure(const PGresult* result, std::string_view what);
  void Succeeded(const PGresult* result);
  // Whether a statement prepared at `generation` is still prepared on the server.
  uint64_t generation() const { return generation_; }

 private:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}

  PGconn* conn_;
  // Prepares its statements afresh (above).
  void RefreshPlans();

  uint64_t generation_ = 1;  // grows on every reconnection and plan refresh
  uint64_t uses_ = 0;        // Prepare calls
  uint64_t next_refresh_ = kFirstPlanRefresh;
  uint64_t next_name_ = 0;
  sql::Violation last_violation_ = sql::Violation::kNone;
  int64_t changes_ = 0;
  std::unordered_map<std::string, std::unique_ptr<sql::PreparedStatement>> statements_;
};

// "?1 ... ?12" -> "$1 ... $12", and the highest parameter number.
std::string NumberedParameters(std::string_view sql, int* max_param);

// A libpq connection string with the password, if any, left out: for messages and logs.
std::string RedactedConninfo(const std::string& conninfo);

}  // namespace petitio::postgres
