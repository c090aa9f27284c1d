// Accounts, sessions, API tokens and moderation locks (migration 7).

#include "store/sql/tables.h"

namespace petitio::sql {

namespace {

constexpr const char* kAccountColumns =
    "id, email, name, role, authority, organisation, password_hash, created_at, disabled";

Result<Account> ReadAccount(const Query& q) {
  Account a;
  a.id = q.Int(0);
  a.email = q.Text(1);
  a.name = q.Text(2);
  const std::optional<Role> role = ParseRole(q.Text(3));
  if (!role) return Status::Internal("account " + std::to_string(a.id) + " has an unknown role");
  a.role = *role;
  a.authority = q.Text(4);
  a.organisation = q.Text(5);
  a.password_hash = q.Text(6);
  a.created_at = FromMillis(q.Int(7));
  a.disabled = q.Int(8) != 0;
  return a;
}

Result<Account> SelectOneAccount(Connection& conn, const std::string& where,
                                 const std::function<void(Query&)>& bind) {
  Result<Query> q =
      conn.Prepare(std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE " + where);
  if (!q.ok()) return q.status();
  bind(*q);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no such account", "account_not_found");
  return ReadAccount(*q);
}

}  // namespace

Result<int64_t> InsertAccountRow(Connection& conn, const Account& a) {
  Result<Query> q = conn.Prepare(
      "INSERT INTO accounts (email, name, role, authority, organisation, password_hash,"
      " created_at, disabled) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
  if (!q.ok()) return q.status();
  q->BindText(1, a.email).BindText(2, a.name).BindText(3, RoleName(a.role));
  q->BindText(4, a.authority).BindText(5, a.organisation).BindText(6, a.password_hash);
  q->BindInt(7, ToMillis(a.created_at)).BindInt(8, a.disabled ? 1 : 0);
  Result<int64_t> id = InsertedId(*q);
  if (!id.ok() && conn.LastViolation() == Violation::kUnique) {
    return Status(ErrorKind::kAlreadyExists, "account_exists",
                  "an account with this e-mail address exists");
  }
  return id;
}

Result<Account> SelectAccount(Connection& conn, int64_t id) {
  return SelectOneAccount(conn, "id = ?1", [id](Query& q) { q.BindInt(1, id); });
}

Result<Account> SelectAccountByEmail(Connection& conn, const std::string& email) {
  return SelectOneAccount(conn, "email = ?1", [&email](Query& q) { q.BindText(1, email); });
}

Result<int64_t> CountAccountRows(Connection& conn) {
  Result<Query> q = conn.Prepare("SELECT COUNT(*) FROM accounts");
  if (!q.ok()) return q.status();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  return q->Int(0);
}

Status InsertSessionRow(Connection& conn, const Session& s) {
  Result<Query> q = conn.Prepare(
      "INSERT INTO sessions (token_hash, account_id, csrf, created_at, expires_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!q.ok()) return q.status();
  q->BindText(1, s.token_hash).BindInt(2, s.account_id).BindText(3, s.csrf);
  q->BindInt(4, ToMillis(s.created_at)).BindInt(5, ToMillis(s.expires_at));
  return q->Run();
}

Status DeleteSessionRow(Connection& conn, const std::string& token_hash) {
  Result<Query> q = conn.Prepare("DELETE FROM sessions WHERE token_hash = ?1");
  if (!q.ok()) return q.status();
  q->BindText(1, token_hash);
  return q->Run();
}

Result<int64_t> DeleteExpiredSessionRows(Connection& conn, TimePoint now) {
  Result<Query> q = conn.Prepare("DELETE FROM sessions WHERE expires_at <= ?1");
  if (!q.ok()) return q.status();
  q->BindInt(1, ToMillis(now));
  PETITIO_RETURN_IF_ERROR(q->Run());
  return conn.Changes();
}

Result<Session> SelectSession(Connection& conn, const std::string& token_hash) {
  Result<Query> q = conn.Prepare(
      "SELECT token_hash, account_id, csrf, created_at, expires_at FROM sessions"
      " WHERE token_hash = ?1");
  if (!q.ok()) return q.status();
  q->BindText(1, token_hash);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no such session", "session_not_found");
  return Session{q->Text(0), q->Int(1), q->Text(2), FromMillis(q->Int(3)), FromMillis(q->Int(4))};
}

Status InsertApiTokenRow(Connection& conn, const ApiToken& t) {
  Result<Query> q = conn.Prepare(
      "INSERT INTO api_tokens (token_hash, account_id, label, created_at) VALUES (?1, ?2, ?3, ?4)");
  if (!q.ok()) return q.status();
  q->BindText(1, t.token_hash).BindInt(2, t.account_id).BindText(3, t.label);
  q->BindInt(4, ToMillis(t.created_at));
  return q->Run();
}

Result<ApiToken> SelectApiToken(Connection& conn, const std::string& token_hash) {
  Result<Query> q = conn.Prepare(
      "SELECT token_hash, account_id, label, created_at FROM api_tokens WHERE token_hash = ?1");
  if (!q.ok()) return q.status();
  q->BindText(1, token_hash);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no such API token", "token_not_found");
  return ApiToken{q->Text(0), q->Int(1), q->Text(2), FromMillis(q->Int(3))};
}

Result<std::vector<ModerationLock>> SelectModerationLocks(Connection& conn,
                                                          std::optional<int64_t> petition_id) {
  Result<Query> q = conn.Prepare(
      "SELECT petition_id, account_id, locked_at, expires_at FROM moderation_locks"
      " WHERE CAST(?1 AS BIGINT) IS NULL OR petition_id = ?1 ORDER BY petition_id");
  if (!q.ok()) return q.status();
  q->BindOptInt(1, petition_id);
  std::vector<ModerationLock> out;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back({q->Int(0), q->Int(1), FromMillis(q->Int(2)), FromMillis(q->Int(3))});
  }
}

Status PutModerationLockRow(Connection& conn, const ModerationLock& lock) {
  Result<Query> q = conn.Prepare(
      "INSERT INTO moderation_locks (petition_id, account_id, locked_at, expires_at)"
      " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (petition_id) DO UPDATE SET"
      " account_id = excluded.account_id, locked_at = excluded.locked_at,"
      " expires_at = excluded.expires_at");
  if (!q.ok()) return q.status();
  q->BindInt(1, lock.petition_id).BindInt(2, lock.account_id);
  q->BindInt(3, ToMillis(lock.locked_at)).BindInt(4, ToMillis(lock.expires_at));
  Status run = q->Run();
  if (!run.ok()) return ForeignKeyAsNotFound(conn, std::move(run), lock.petition_id);
  return Status::Ok();
}

Status DeleteModerationLockRow(Connection& conn, int64_t petition_id) {
  Result<Query> q = conn.Prepare("DELETE FROM moderation_locks WHERE petition_id = ?1");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id);
  return q->Run();
}

}  // namespace petitio::sql
