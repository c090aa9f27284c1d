#include <utility>

#include "store/sqlite/tables.h"

namespace petitio::sqlite {

namespace {

constexpr const char* kColumns =
    "id, petition_id, role, name, email, identity_hash, region, token_hash, state, created_at,"
    " validated_at";

// Binds every field but the id to ?1..?10.
void BindFields(Query& q, const Signature& s) {
  q.BindInt(1, s.petition_id)
      .BindText(2, SignerRoleName(s.role))
      .BindText(3, s.name)
      .BindText(4, s.email)
      .BindText(5, s.identity_hash)
      .BindText(6, s.region)
      .BindText(7, s.token_hash)
      .BindText(8, SignatureStateName(s.state))
      .BindInt(9, ToMillis(s.created_at))
      .BindOptInt(10, s.validated_at.has_value() ? std::optional<int64_t>(ToMillis(*s.validated_at))
                                                 : std::nullopt);
}

Result<Signature> ReadRow(const Query& q) {
  Signature s;
  s.id = q.Int(0);
  s.petition_id = q.Int(1);
  const std::string role = q.Text(2);
  std::optional<SignerRole> parsed_role = ParseSignerRole(role);
  if (!parsed_role.has_value()) {
    return Status::Internal("signature " + std::to_string(s.id) + " has unknown role '" + role +
                            "'");
  }
  s.role = *parsed_role;
  s.name = q.Text(3);
  s.email = q.Text(4);
  s.identity_hash = q.Text(5);
  s.region = q.Text(6);
  s.token_hash = q.Text(7);
  const std::string state = q.Text(8);
  std::optional<SignatureState> parsed_state = ParseSignatureState(state);
  if (!parsed_state.has_value()) {
    return Status::Internal("signature " + std::to_string(s.id) + " has unknown state '" + state +
                            "'");
  }
  s.state = *parsed_state;
  s.created_at = FromMillis(q.Int(9));
  if (std::optional<int64_t> ms = q.OptInt(10)) s.validated_at = FromMillis(*ms);
  return s;
}

Result<Signature> ReadOne(Query& q, const std::string& missing) {
  Result<bool> row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound(missing);
  return ReadRow(q);
}

// A failed insert or update of a signature: the unique (petition_id, identity_hash) pair and the
// petition reference get their own kinds.
Status ConstraintStatus(const Connection& conn, Status s, const Signature& sig) {
  if (conn.LastExtendedCode() == SQLITE_CONSTRAINT_UNIQUE) {
    return Status(ErrorKind::kAlreadyExists, "already_signed",
                  "petition " + std::to_string(sig.petition_id) +
                      " already has a signature with this e-mail");
  }
  return ForeignKeyAsNotFound(conn, std::move(s), sig.petition_id);
}

}  // namespace

Status ForeignKeyAsNotFound(const Connection& conn, Status s, int64_t petition_id) {
  if (conn.LastExtendedCode() == SQLITE_CONSTRAINT_FOREIGNKEY) {
    return Status::NotFound("no petition " + std::to_string(petition_id));
  }
  return s;
}

Result<int64_t> InsertSignatureRow(Connection& conn, const Signature& s) {
  Result<Query> q = conn.Prepare(
      "INSERT INTO signatures (petition_id, role, name, email, identity_hash, region, token_hash,"
      " state, created_at, validated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!q.ok()) return q.status();
  BindFields(*q, s);
  Status run = q->Run();
  if (!run.ok()) return ConstraintStatus(conn, std::move(run), s);
  return conn.LastInsertId();
}

Result<Signature> SelectSignatureByToken(Connection& conn, const std::string& token_hash) {
  Result<Query> q = conn.Prepare(std::string("SELECT ") + kColumns +
                                 " FROM signatures WHERE token_hash = ?1 ORDER BY id LIMIT 1");
  if (!q.ok()) return q.status();
  q->BindText(1, token_hash);
  return ReadOne(*q, "no signature with this token");
}

Result<Signature> SelectSignatureByIdentity(Connection& conn, int64_t petition_id,
                                            const std::string& identity_hash) {
  Result<Query> q = conn.Prepare(std::string("SELECT ") + kColumns +
                                 " FROM signatures WHERE petition_id = ?1 AND identity_hash = ?2");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id).BindText(2, identity_hash);
  return ReadOne(*q, "no signature with this e-mail on petition " + std::to_string(petition_id));
}

Status UpdateSignatureRow(Connection& conn, const Signature& s) {
  Result<Query> q = conn.Prepare(
      "UPDATE signatures SET petition_id = ?1, role = ?2, name = ?3, email = ?4,"
      " identity_hash = ?5, region = ?6, token_hash = ?7, state = ?8, created_at = ?9,"
      " validated_at = ?10 WHERE id = ?11");
  if (!q.ok()) return q.status();
  BindFields(*q, s);
  q->BindInt(11, s.id);
  Status run = q->Run();
  if (!run.ok()) return ConstraintStatus(conn, std::move(run), s);
  if (conn.Changes() == 0) return Status::NotFound("no signature " + std::to_string(s.id));
  return Status::Ok();
}

}  // namespace petitio::sqlite
