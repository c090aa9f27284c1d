// The authority's consideration records and organisations' statements (migration 7). Lists are
// stored with EncodeStrings (domain/consideration.h): members and attachments as pairs.
#include "store/sql/tables.h"

namespace petitio::sql {

namespace {

constexpr const char* kRecordColumns =
    "id, petition_id, kind, date, recorded_at, recorded_by, number, members, place, agenda,"
    " participants, minutes, summary, attachments, outcome, answer, measures";

std::string EncodeMembers(const std::vector<GroupMember>& members) {
  std::vector<std::string> flat;
  for (const GroupMember& m : members) {
    flat.push_back(m.name);
    flat.push_back(m.body);
  }
  return EncodeStrings(flat);
}

std::string EncodeAttachments(const std::vector<Attachment>& attachments) {
  std::vector<std::string> flat;
  for (const Attachment& a : attachments) {
    flat.push_back(a.title);
    flat.push_back(a.text);
  }
  return EncodeStrings(flat);
}

Result<ConsiderationRecord> ReadRecord(const Query& q) {
  ConsiderationRecord r;
  r.id = q.Int(0);
  r.petition_id = q.Int(1);
  const std::optional<RecordKind> kind = ParseRecordKind(q.Text(2));
  const std::optional<Date> date = ParseDate(q.Text(3));
  if (!kind || !date) return Status::Internal("record " + std::to_string(r.id) + " is malformed");
  r.kind = *kind;
  r.date = *date;
  r.recorded_at = FromMillis(q.Int(4));
  r.recorded_by = q.Int(5);
  r.number = q.Text(6);
  Result<std::vector<std::pair<std::string, std::string>>> members = DecodePairs(q.Text(7));
  if (!members.ok()) return members.status();
  for (auto& [name, body] : *members) r.members.push_back({name, body});
  r.place = q.Text(8);
  r.agenda = q.Text(9);
  Result<std::vector<std::string>> participants = DecodeStrings(q.Text(10));
  if (!participants.ok()) return participants.status();
  r.participants = std::move(*participants);
  r.minutes = q.Text(11);
  r.summary = q.Text(12);
  Result<std::vector<std::pair<std::string, std::string>>> attachments = DecodePairs(q.Text(13));
  if (!attachments.ok()) return attachments.status();
  for (auto& [title, text] : *attachments) r.attachments.push_back({title, text});
  const std::string outcome = q.Text(14);
  if (!outcome.empty()) r.outcome = ParseDecisionOutcome(outcome);
  r.answer = q.Text(15);
  r.measures = q.Text(16);
  return r;
}

constexpr const char* kStatementColumns =
    "id, petition_id, organisation_account, organisation, position, text, refs, filed_at,"
    " reply_text, reply_at, reply_by";

Result<Statement> ReadStatement(const Query& q) {
  Statement s;
  s.id = q.Int(0);
  s.petition_id = q.Int(1);
  s.organisation_account = q.Int(2);
  s.organisation = q.Text(3);
  const std::optional<Position> position = ParsePosition(q.Text(4));
  if (!position) return Status::Internal("statement " + std::to_string(s.id) + " is malformed");
  s.position = *position;
  s.text = q.Text(5);
  Result<std::vector<std::string>> refs = DecodeStrings(q.Text(6));
  if (!refs.ok()) return refs.status();
  s.references = std::move(*refs);
  s.filed_at = FromMillis(q.Int(7));
  if (!q.IsNull(8)) {
    s.reply =
        StatementReply{q.Text(8), FromMillis(q.OptInt(9).value_or(0)), q.OptInt(10).value_or(0)};
  }
  return s;
}

}  // namespace

std::string EncodePairs(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::vector<std::string> flat;
  for (const auto& [a, b] : pairs) {
    flat.push_back(a);
    flat.push_back(b);
  }
  return EncodeStrings(flat);
}

Result<std::vector<std::pair<std::string, std::string>>> DecodePairs(std::string_view text) {
  Result<std::vector<std::string>> flat = DecodeStrings(text);
  if (!flat.ok()) return flat.status();
  if (flat->size() % 2 != 0) return Status::Internal("a stored list of pairs is malformed");
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = 0; i < flat->size(); i += 2) out.emplace_back((*flat)[i], (*flat)[i + 1]);
  return out;
}

Result<int64_t> InsertConsiderationRow(Connection& conn, const ConsiderationRecord& r) {
  Result<Query> q = conn.Prepare(
      "INSERT INTO consideration_records (petition_id, kind, date, recorded_at, recorded_by,"
      " number, members, place, agenda, participants, minutes, summary, attachments, outcome,"
      " answer, measures)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) RETURNING "
      "id");
  if (!q.ok()) return q.status();
  q->BindInt(1, r.petition_id).BindText(2, RecordKindName(r.kind)).BindText(3, FormatDate(r.date));
  q->BindInt(4, ToMillis(r.recorded_at)).BindInt(5, r.recorded_by).BindText(6, r.number);
  q->BindText(7, EncodeMembers(r.members)).BindText(8, r.place).BindText(9, r.agenda);
  q->BindText(10, EncodeStrings(r.participants)).BindText(11, r.minutes).BindText(12, r.summary);
  q->BindText(13, EncodeAttachments(r.attachments));
  q->BindText(14, r.outcome ? DecisionOutcomeName(*r.outcome) : "");
  q->BindText(15, r.answer).BindText(16, r.measures);
  Result<int64_t> id = InsertedId(*q);
  if (!id.ok()) return ForeignKeyAsNotFound(conn, id.status(), r.petition_id);
  return id;
}

Result<std::vector<ConsiderationRecord>> SelectConsiderationRecords(Connection& conn,
                                                                    int64_t petition_id) {
  Result<Query> q = conn.Prepare(std::string("SELECT ") + kRecordColumns +
                                 " FROM consideration_records WHERE petition_id = ?1 ORDER BY id");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id);
  std::vector<ConsiderationRecord> out;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    Result<ConsiderationRecord> r = ReadRecord(*q);
    if (!r.ok()) return r.status();
    out.push_back(std::move(*r));
  }
}

Result<int64_t> InsertStatementRow(Connection& conn, const Statement& s) {
  Result<Query> q = conn.Prepare(
      "INSERT INTO statements (petition_id, organisation_account, organisation, position, text,"
      " refs, filed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
  if (!q.ok()) return q.status();
  q->BindInt(1, s.petition_id).BindInt(2, s.organisation_account).BindText(3, s.organisation);
  q->BindText(4, PositionName(s.position)).BindText(5, s.text);
  q->BindText(6, EncodeStrings(s.references)).BindInt(7, ToMillis(s.filed_at));
  Result<int64_t> id = InsertedId(*q);
  if (!id.ok()) return ForeignKeyAsNotFound(conn, id.status(), s.petition_id);
  return id;
}

Result<std::vector<Statement>> SelectStatements(Connection& conn, std::optional<int64_t> id,
                                                std::optional<int64_t> petition_id) {
  Result<Query> q =
      conn.Prepare(std::string("SELECT ") + kStatementColumns +
                   " FROM statements WHERE (CAST(?1 AS BIGINT) IS NULL OR id = ?1)"
                   " AND (CAST(?2 AS BIGINT) IS NULL OR petition_id = ?2) ORDER BY id");
  if (!q.ok()) return q.status();
  q->BindOptInt(1, id).BindOptInt(2, petition_id);
  std::vector<Statement> out;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    Result<Statement> s = ReadStatement(*q);
    if (!s.ok()) return s.status();
    out.push_back(std::move(*s));
  }
}

Status UpdateStatementReplyRow(Connection& conn, const Statement& s) {
  Result<Query> q = conn.Prepare(
      "UPDATE statements SET reply_text = ?1, reply_at = ?2, reply_by = ?3"
      " WHERE petition_id = ?5 AND id = ?4");
  if (!q.ok()) return q.status();
  if (s.reply) {
    q->BindText(1, s.reply->text).BindInt(2, ToMillis(s.reply->at)).BindInt(3, s.reply->by);
  } else {
    q->BindOptInt(1, std::nullopt).BindOptInt(2, std::nullopt).BindOptInt(3, std::nullopt);
  }
  q->BindInt(4, s.id).BindInt(5, s.petition_id);
  PETITIO_RETURN_IF_ERROR(q->Run());
  if (conn.Changes() == 0) return Status::NotFound("no such statement", "statement_not_found");
  return Status::Ok();
}

}  // namespace petitio::sql
