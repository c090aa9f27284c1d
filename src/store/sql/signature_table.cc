#include <limits>
#include <utility>

#include "store/sql/tables.h"

namespace petitio::sql {

namespace {

constexpr const char* kColumns =
    "id, petition_id, role, name, email, identity_hash, region, token_hash, state, created_at,"
    " validated_at, ip, subnet, email_domain, log_index";

// Binds every field but the id to ?1..?13.
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
  q.BindText(11, s.ip).BindText(12, s.subnet).BindText(13, s.email_domain);
  q.BindOptInt(14, s.log_index);
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
  s.ip = q.Text(11);
  s.subnet = q.Text(12);
  s.email_domain = q.Text(13);
  s.log_index = q.OptInt(14);
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
  if (conn.LastViolation() == Violation::kUnique) {
    return Status(ErrorKind::kAlreadyExists, "already_signed",
                  "petition " + std::to_string(sig.petition_id) +
                      " already has a signature with this e-mail");
  }
  return ForeignKeyAsNotFound(conn, std::move(s), sig.petition_id);
}

}  // namespace

Status ForeignKeyAsNotFound(const Connection& conn, Status s, int64_t petition_id) {
  if (conn.LastViolation() == Violation::kForeignKey) {
    return Status::NotFound("no petition " + std::to_string(petition_id));
  }
  return s;
}

Result<int64_t> InsertSignatureRow(Connection& conn, const Signature& s, IdentityIndex index) {
  Result<Query> q = conn.Prepare(
      "INSERT INTO signatures (petition_id, role, name, email, identity_hash, region, token_hash,"
      " state, created_at, validated_at, ip, subnet, email_domain, log_index)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) RETURNING id");
  if (!q.ok()) return q.status();
  BindFields(*q, s);
  Result<int64_t> id = InsertedId(*q);
  if (!id.ok()) return ConstraintStatus(conn, id.status(), s);
  if (index == IdentityIndex::kIdentityTable) {
    Result<Query> entry = conn.Prepare(
        "INSERT INTO identities.signature_identities (petition_id, identity_hash, signature_id)"
        " VALUES (?1, ?2, ?3)");
    if (!entry.ok()) return entry.status();
    entry->BindInt(1, s.petition_id).BindText(2, s.identity_hash).BindInt(3, *id);
    Status run = entry->Run();
    if (!run.ok()) return ConstraintStatus(conn, std::move(run), s);
  }
  return id;
}

Result<Signature> SelectSignature(Connection& conn, int64_t id) {
  Result<Query> q =
      conn.Prepare(std::string("SELECT ") + kColumns + " FROM signatures WHERE id = ?1");
  if (!q.ok()) return q.status();
  q->BindInt(1, id);
  return ReadOne(*q, "no signature " + std::to_string(id));
}

Result<Signature> SelectSignatureByLegacyToken(Connection& conn, const std::string& token_hash) {
  // The row must still bear the hash: a token replaced since leaves a stale entry behind.
  Result<Query> q =
      conn.Prepare(std::string("SELECT ") + kColumns +
                   " FROM signatures WHERE id = (SELECT signature_id FROM legacy_signature_tokens"
                   " WHERE token_hash = ?1) AND token_hash = ?1");
  if (!q.ok()) return q.status();
  q->BindText(1, token_hash);
  return ReadOne(*q, "no signature with this token");
}

Status IndexLegacySignatureTokens(Connection& conn) {
  return conn.Exec(kIndexLegacySignatureTokensSql);
}

Result<Signature> SelectSignatureByIdentity(Connection& conn, int64_t petition_id,
                                            const std::string& identity_hash, IdentityIndex index) {
  // Through the identity table, the row must still be that signer's on that petition (a row the
  // table names may be gone, if the database file was replaced under it).
  static const std::string kThroughIdentityTable =
      std::string("SELECT ") + kColumns +
      " FROM signatures WHERE id = (SELECT signature_id FROM identities.signature_identities"
      " WHERE petition_id = ?1 AND identity_hash = ?2) AND petition_id = ?1 AND identity_hash = ?2";
  static const std::string kInSignaturesTable =
      std::string("SELECT ") + kColumns +
      " FROM signatures WHERE petition_id = ?1 AND identity_hash = ?2";
  Result<Query> q = conn.Prepare(index == IdentityIndex::kIdentityTable ? kThroughIdentityTable
                                                                        : kInSignaturesTable);
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id).BindText(2, identity_hash);
  return ReadOne(*q, "no signature with this e-mail on petition " + std::to_string(petition_id));
}

Status UpdateSignatureRow(Connection& conn, const Signature& s) {
  Result<Query> q = conn.Prepare(
      "UPDATE signatures SET role = ?2, name = ?3, email = ?4,"
      " region = ?6, token_hash = ?7, state = ?8, created_at = ?9,"
      " validated_at = ?10, ip = ?11, subnet = ?12, email_domain = ?13, log_index = ?14"
      " WHERE petition_id = ?1 AND identity_hash = ?5 AND id = ?15");
  if (!q.ok()) return q.status();
  BindFields(*q, s);
  q->BindInt(15, s.id);
  Status run = q->Run();
  if (!run.ok()) return ConstraintStatus(conn, std::move(run), s);
  if (conn.Changes() == 0) return Status::NotFound("no signature " + std::to_string(s.id));
  return Status::Ok();
}

Status UpdateSignatureStateRow(Connection& conn, const Signature& s) {
  Result<Query> q = conn.Prepare(
      "UPDATE signatures SET state = ?1, validated_at = ?2, log_index = ?3"
      " WHERE petition_id = ?4 AND id = ?5");
  if (!q.ok()) return q.status();
  q->BindText(1, SignatureStateName(s.state))
      .BindOptInt(2, s.validated_at.has_value() ? std::optional<int64_t>(ToMillis(*s.validated_at))
                                                : std::nullopt)
      .BindOptInt(3, s.log_index)
      .BindInt(4, s.petition_id)
      .BindInt(5, s.id);
  PETITIO_RETURN_IF_ERROR(q->Run());
  if (conn.Changes() == 0) return Status::NotFound("no signature " + std::to_string(s.id));
  return Status::Ok();
}

Result<std::vector<Signature>> SelectSignaturesMatching(Connection& conn, int64_t petition_id,
                                                        const SignatureMatch& m) {
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM signatures WHERE petition_id = ?1 AND state IN ('pending', 'validated')"
                    " AND created_at >= ?2 AND created_at < ?3";
  switch (m.field) {
    case MatchField::kNone:
      break;
    case MatchField::kIp:
      sql += " AND ip = ?4";
      break;
    case MatchField::kSubnet:
      sql += " AND subnet = ?4";
      break;
    case MatchField::kEmailDomain:
      sql += " AND email_domain = ?4";
      break;
    case MatchField::kRegion:
      sql += " AND region = ?4";
      break;
  }
  sql += " ORDER BY id";
  Result<Query> q = conn.Prepare(sql);
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id);
  q->BindInt(2, m.from ? ToMillis(*m.from) : std::numeric_limits<int64_t>::min());
  q->BindInt(3, m.to ? ToMillis(*m.to) : std::numeric_limits<int64_t>::max());
  if (m.field != MatchField::kNone) q->BindText(4, m.value);
  std::vector<Signature> out;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    Result<Signature> s = ReadRow(*q);
    if (!s.ok()) return s.status();
    out.push_back(std::move(*s));
  }
}

Result<Trending> SelectTrending(Connection& conn, int64_t petition_id, TimePoint since, int limit) {
  Trending out;
  for (auto [column, list] : {std::pair{"ip", &out.ips}, std::pair{"subnet", &out.subnets},
                              std::pair{"email_domain", &out.domains}}) {
    Result<Query> q =
        conn.Prepare(std::string("SELECT ") + column +
                     ", COUNT(*) AS n FROM signatures WHERE petition_id = ?1"
                     " AND created_at >= ?2 AND " +
                     column + " <> '' GROUP BY " + column + " ORDER BY n DESC, 1 LIMIT ?3");
    if (!q.ok()) return q.status();
    q->BindInt(1, petition_id).BindInt(2, ToMillis(since)).BindInt(3, limit);
    for (;;) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      list->push_back({q->Text(0), q->Int(1)});
    }
  }
  return out;
}

Status EraseSignatureContactRows(Connection& conn, int64_t petition_id) {
  Result<Query> q =
      conn.Prepare("UPDATE signatures SET email = '', ip = '' WHERE petition_id = ?1");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id);
  return q->Run();
}

}  // namespace petitio::sql
