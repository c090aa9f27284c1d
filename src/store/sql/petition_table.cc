#include <algorithm>
#include <set>
#include <utility>

#include "domain/search_fold.h"
#include "store/sql/tables.h"

namespace petitio::sql {

namespace {

constexpr const char* kColumns =
    "id, profile_id, title, text, addressee, initiator_name, initiator_email, sponsor_token,"
    " state, signature_count, sponsor_count, created_at, opened_at, closes_at, closed_at,"
    " moderation_decision, moderation_ground_code, moderation_reason, moderation_decided_at,"
    " addressee_level, addressee_region, moderation_started_at, sponsors_started_at,"
    " registered_at, contact_erased_at, authority, registration_number, decided_at, decision,"
    " language";

constexpr int kMaxLimit = 500;

std::optional<int64_t> OptMillis(const std::optional<TimePoint>& t) {
  if (!t.has_value()) return std::nullopt;
  return ToMillis(*t);
}

std::optional<TimePoint> OptTime(const Query& q, int column) {
  std::optional<int64_t> ms = q.OptInt(column);
  if (!ms.has_value()) return std::nullopt;
  return FromMillis(*ms);
}

// Binds every field but the id to ?1..?29.
void BindFields(Query& q, const Petition& p) {
  q.BindText(1, p.profile_id)
      .BindText(2, p.title)
      .BindText(3, p.text)
      .BindText(4, p.addressee)
      .BindText(5, p.initiator_name)
      .BindText(6, p.initiator_email)
      .BindText(7, p.sponsor_token)
      .BindText(8, PetitionStateName(p.state))
      .BindInt(9, p.signature_count)
      .BindInt(10, p.sponsor_count)
      .BindInt(11, ToMillis(p.created_at))
      .BindOptInt(12, OptMillis(p.opened_at))
      .BindOptInt(13, OptMillis(p.closes_at))
      .BindOptInt(14, OptMillis(p.closed_at));
  if (p.moderation.has_value()) {
    q.BindText(15, p.moderation->decision)
        .BindText(16, p.moderation->ground_code)
        .BindText(17, p.moderation->reason)
        .BindInt(18, ToMillis(p.moderation->decided_at));
  } else {
    q.BindOptInt(15, std::nullopt)
        .BindOptInt(16, std::nullopt)
        .BindOptInt(17, std::nullopt)
        .BindOptInt(18, std::nullopt);
  }
  q.BindText(19, p.addressee_level)
      .BindText(20, p.addressee_region)
      .BindOptInt(21, OptMillis(p.moderation_started_at))
      .BindOptInt(22, OptMillis(p.sponsors_started_at))
      .BindOptInt(23, OptMillis(p.registered_at))
      .BindOptInt(24, OptMillis(p.contact_erased_at))
      .BindText(25, p.authority)
      .BindText(26, p.registration_number)
      .BindOptInt(27, OptMillis(p.decided_at))
      .BindText(28, p.decision)
      .BindText(29, p.language);
}

// A stored state's name, read back; any other text is a damaged row.
Result<PetitionState> StoredState(int64_t id, const std::string& name) {
  std::optional<PetitionState> parsed = ParsePetitionState(name);
  if (!parsed.has_value()) {
    return Status::Internal("petition " + std::to_string(id) + " has unknown state '" + name + "'");
  }
  return *parsed;
}

Result<Petition> ReadRow(const Query& q) {
  Petition p;
  p.id = q.Int(0);
  p.profile_id = q.Text(1);
  p.title = q.Text(2);
  p.text = q.Text(3);
  p.addressee = q.Text(4);
  p.initiator_name = q.Text(5);
  p.initiator_email = q.Text(6);
  p.sponsor_token = q.Text(7);
  Result<PetitionState> state = StoredState(p.id, q.Text(8));
  if (!state.ok()) return state.status();
  p.state = *state;
  p.signature_count = q.Int(9);
  p.sponsor_count = q.Int(10);
  p.created_at = FromMillis(q.Int(11));
  p.opened_at = OptTime(q, 12);
  p.closes_at = OptTime(q, 13);
  p.closed_at = OptTime(q, 14);
  if (!q.IsNull(15)) {
    ModerationDecision m;
    m.decision = q.Text(15);
    m.ground_code = q.Text(16);
    m.reason = q.Text(17);
    m.decided_at = FromMillis(q.OptInt(18).value_or(0));
    p.moderation = std::move(m);
  }
  p.addressee_level = q.Text(19);
  p.addressee_region = q.Text(20);
  p.moderation_started_at = OptTime(q, 21);
  p.sponsors_started_at = OptTime(q, 22);
  p.registered_at = OptTime(q, 23);
  p.contact_erased_at = OptTime(q, 24);
  p.authority = q.Text(25);
  p.registration_number = q.Text(26);
  p.decided_at = OptTime(q, 27);
  p.decision = q.Text(28);
  p.language = q.Text(29);
  return p;
}

Result<std::vector<Petition>> ReadAll(Query& q) {
  std::vector<Petition> out;
  for (;;) {
    Result<bool> row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    Result<Petition> p = ReadRow(q);
    if (!p.ok()) return p.status();
    out.push_back(std::move(p).value());
  }
}

}  // namespace

Result<int64_t> InsertPetitionRow(Connection& conn, const Petition& p) {
  Result<Query> q = conn.Prepare(
      "INSERT INTO petitions (profile_id, title, text, addressee, initiator_name,"
      " initiator_email, sponsor_token, state, signature_count, sponsor_count, created_at,"
      " opened_at, closes_at, closed_at, moderation_decision, moderation_ground_code,"
      " moderation_reason, moderation_decided_at, addressee_level, addressee_region,"
      " moderation_started_at, sponsors_started_at, registered_at, contact_erased_at, authority,"
      " registration_number, decided_at, decision, language)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
      " ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29) RETURNING id");
  if (!q.ok()) return q.status();
  BindFields(*q, p);
  return InsertedId(*q);
}

Result<Petition> SelectPetition(Connection& conn, int64_t id) {
  Result<Query> q =
      conn.Prepare(std::string("SELECT ") + kColumns + " FROM petitions WHERE id = ?1");
  if (!q.ok()) return q.status();
  q->BindInt(1, id);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no petition " + std::to_string(id));
  return ReadRow(*q);
}

Status UpdatePetitionRow(Connection& conn, const Petition& p) {
  Result<Query> q = conn.Prepare(
      "UPDATE petitions SET profile_id = ?1, title = ?2, text = ?3, addressee = ?4,"
      " initiator_name = ?5, initiator_email = ?6, sponsor_token = ?7, state = ?8,"
      " signature_count = ?9, sponsor_count = ?10, created_at = ?11, opened_at = ?12,"
      " closes_at = ?13, closed_at = ?14, moderation_decision = ?15,"
      " moderation_ground_code = ?16, moderation_reason = ?17, moderation_decided_at = ?18,"
      " addressee_level = ?19, addressee_region = ?20, moderation_started_at = ?21,"
      " sponsors_started_at = ?22, registered_at = ?23, contact_erased_at = ?24,"
      " authority = ?25, registration_number = ?26, decided_at = ?27, decision = ?28,"
      " language = ?29 WHERE id = ?30");
  if (!q.ok()) return q.status();
  BindFields(*q, p);
  q->BindInt(30, p.id);
  PETITIO_RETURN_IF_ERROR(q->Run());
  if (conn.Changes() == 0) return Status::NotFound("no petition " + std::to_string(p.id));
  return Status::Ok();
}

Status UpdatePetitionCountsRow(Connection& conn, const Petition& p) {
  Result<Query> q =
      conn.Prepare("UPDATE petitions SET signature_count = ?1, sponsor_count = ?2 WHERE id = ?3");
  if (!q.ok()) return q.status();
  q->BindInt(1, p.signature_count).BindInt(2, p.sponsor_count).BindInt(3, p.id);
  PETITIO_RETURN_IF_ERROR(q->Run());
  if (conn.Changes() == 0) return Status::NotFound("no petition " + std::to_string(p.id));
  return Status::Ok();
}

Result<std::vector<Petition>> SelectPetitions(Connection& conn, const PetitionQuery& query) {
  // Distinct states and profiles, so the statement cache holds a bounded number of shapes.
  std::set<std::string_view> states;
  for (PetitionState s : query.states) states.insert(PetitionStateName(s));

  std::set<std::string_view> profiles(query.profiles.begin(), query.profiles.end());

  std::string sql = std::string("SELECT ") + kColumns + " FROM petitions";
  int param = 0;
  auto in_list = [&](const char* column, size_t n) {
    sql += param == 0 ? " WHERE " : " AND ";
    sql += column;
    sql += " IN (";
    for (size_t i = 0; i < n; ++i) sql += (i == 0 ? "?" : ", ?") + std::to_string(++param);
    sql += ")";
  };
  if (!states.empty()) in_list("state", states.size());
  if (!profiles.empty()) in_list("profile_id", profiles.size());
  if (!query.authority.empty()) in_list("authority", 1);
  if (!query.addressee_level.empty()) in_list("addressee_level", 1);
  int text_param = 0;
  if (!query.text.empty()) {
    text_param = ++param;
    sql += (text_param == 1 ? " WHERE " : " AND ");
    sql += "petitio_fold(title || ' ' || text || ' ' || addressee) LIKE ?" +
           std::to_string(text_param) + " ESCAPE '\\'";
  }
  switch (query.order) {
    case PetitionQuery::Order::kMostSigned:
      sql += " ORDER BY signature_count DESC, id ASC";
      break;
    case PetitionQuery::Order::kNewest:
      sql += " ORDER BY created_at DESC, id DESC";
      break;
    case PetitionQuery::Order::kOldest:
      sql += " ORDER BY created_at ASC, id ASC";
      break;
    case PetitionQuery::Order::kClosingSoon:
      sql += " ORDER BY closes_at IS NULL, closes_at ASC, id ASC";
      break;
  }
  const int limit_param = ++param;
  const int offset_param = ++param;
  sql += " LIMIT ?" + std::to_string(limit_param) + " OFFSET ?" + std::to_string(offset_param);

  Result<Query> q = conn.Prepare(sql);
  if (!q.ok()) return q.status();
  int index = 0;
  for (std::string_view s : states) q->BindText(++index, s);
  for (std::string_view s : profiles) q->BindText(++index, s);
  if (!query.authority.empty()) q->BindText(++index, query.authority);
  if (!query.addressee_level.empty()) q->BindText(++index, query.addressee_level);
  if (text_param != 0) q->BindText(text_param, ContainsPattern(query.text));
  q->BindInt(limit_param, std::clamp(query.limit, 1, kMaxLimit));
  q->BindInt(offset_param, std::max(query.offset, 0));
  return ReadAll(*q);
}

Result<int64_t> CountPetitionRows(Connection& conn) {
  Result<Query> q = conn.Prepare("SELECT COUNT(*) FROM petitions");
  if (!q.ok()) return q.status();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  return *row ? q->Int(0) : 0;
}

Result<std::vector<int64_t>> SelectOpenPetitionsClosingBy(Connection& conn, TimePoint now) {
  // The state is a literal so that the partial index petitions_open_by_closes_at applies.
  static const std::string kSql = "SELECT id FROM petitions WHERE state = '" +
                                  std::string(PetitionStateName(PetitionState::kOpen)) +
                                  "' AND closes_at <= ?1 ORDER BY id";
  Result<Query> q = conn.Prepare(kSql);
  if (!q.ok()) return q.status();
  q->BindInt(1, ToMillis(now));
  std::vector<int64_t> ids;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return ids;
    ids.push_back(q->Int(0));
  }
}

Result<std::vector<std::pair<int64_t, int64_t>>> SelectAllCounts(Connection& conn) {
  Result<Query> q = conn.Prepare("SELECT id, signature_count FROM petitions");
  if (!q.ok()) return q.status();
  std::vector<std::pair<int64_t, int64_t>> counts;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return counts;
    counts.emplace_back(q->Int(0), q->Int(1));
  }
}

Result<std::unordered_map<int64_t, PetitionState>> SelectAllStates(Connection& conn) {
  Result<Query> q = conn.Prepare("SELECT id, state FROM petitions");
  if (!q.ok()) return q.status();
  std::unordered_map<int64_t, PetitionState> states;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return states;
    Result<PetitionState> state = StoredState(q->Int(0), q->Text(1));
    if (!state.ok()) return state.status();
    states.emplace(q->Int(0), *state);
  }
}

}  // namespace petitio::sql
