#include "http/api/consideration_json.h"

namespace petitio::http {

namespace json = boost::json;

namespace {

json::array Strings(const std::vector<std::string>& items) {
  json::array a;
  for (const std::string& s : items) a.push_back(json::string(s));
  return a;
}

Status Wrong(const std::string& field, const std::string& what) {
  return Status::Invalid(field + " must be " + what, "invalid_" + field);
}

// An optional string member; `out` unchanged when absent.
Status ReadString(const json::object& o, const char* name, std::string& out) {
  const json::value* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) return Status::Ok();
  if (!v->is_string()) return Wrong(name, "a string");
  out = std::string(v->as_string());
  return Status::Ok();
}

Result<std::vector<std::string>> ReadStrings(const json::object& o, const char* name) {
  std::vector<std::string> out;
  const json::value* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array() || v->as_array().size() > 200) {
    return Wrong(name, "a list of at most 200 strings");
  }
  for (const json::value& item : v->as_array()) {
    if (!item.is_string()) return Wrong(name, "a list of strings");
    out.emplace_back(item.as_string());
  }
  return out;
}

// A list of objects {first, second} as pairs.
Result<std::vector<std::pair<std::string, std::string>>> ReadPairs(const json::object& o,
                                                                   const char* name,
                                                                   const char* first,
                                                                   const char* second) {
  std::vector<std::pair<std::string, std::string>> out;
  const json::value* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) return out;
  const std::string shape =
      std::string("a list of at most 200 objects {") + first + ", " + second + "}";
  if (!v->is_array() || v->as_array().size() > 200) return Wrong(name, shape);
  for (const json::value& item : v->as_array()) {
    if (!item.is_object()) return Wrong(name, shape);
    std::pair<std::string, std::string> p;
    PETITIO_RETURN_IF_ERROR(ReadString(item.as_object(), first, p.first));
    PETITIO_RETURN_IF_ERROR(ReadString(item.as_object(), second, p.second));
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

json::object RecordJson(const ConsiderationRecord& r) {
  json::object o;
  o["id"] = r.id;
  o["kind"] = RecordKindName(r.kind);
  o["date"] = FormatDate(r.date);
  o["recorded_at"] = FormatRfc3339(r.recorded_at);
  switch (r.kind) {
    case RecordKind::kRegistration:
      o["number"] = r.number;
      break;
    case RecordKind::kWorkingGroup: {
      json::array members;
      for (const GroupMember& m : r.members) {
        members.push_back(json::object{{"name", m.name}, {"body", m.body}});
      }
      o["members"] = std::move(members);
      break;
    }
    case RecordKind::kMeeting:
    case RecordKind::kPublicDiscussion: {
      o["place"] = r.place;
      if (r.kind == RecordKind::kMeeting) {
        o["agenda"] = r.agenda;
        o["minutes"] = r.minutes;
      } else {
        o["summary"] = r.summary;
      }
      o["participants"] = Strings(r.participants);
      json::array attachments;
      for (const Attachment& a : r.attachments) {
        attachments.push_back(json::object{{"title", a.title}, {"text", a.text}});
      }
      o["attachments"] = std::move(attachments);
      break;
    }
    case RecordKind::kDecision:
      o["outcome"] = DecisionOutcomeName(*r.outcome);
      o["answer"] = r.answer;
      o["measures"] = r.measures;
      break;
  }
  return o;
}

json::object StatementJson(const Statement& s) {
  json::object o;
  o["id"] = s.id;
  o["organisation"] = s.organisation;
  o["position"] = PositionName(s.position);
  o["text"] = s.text;
  o["references"] = Strings(s.references);
  o["filed_at"] = FormatRfc3339(s.filed_at);
  if (s.reply) {
    o["reply"] = json::object{{"text", s.reply->text}, {"at", FormatRfc3339(s.reply->at)}};
  } else {
    o["reply"] = nullptr;
  }
  return o;
}

Result<ConsiderationRecord> ParseRecordJson(const json::value& body) {
  if (!body.is_object()) return Status::Invalid("the body must be a JSON object", "invalid_json");
  const json::object& o = body.as_object();
  ConsiderationRecord r;
  std::string kind, date, outcome;
  PETITIO_RETURN_IF_ERROR(ReadString(o, "kind", kind));
  const std::optional<RecordKind> k = ParseRecordKind(kind);
  if (!k) {
    return Wrong("kind", "registration, working_group, meeting, public_discussion or decision");
  }
  r.kind = *k;
  PETITIO_RETURN_IF_ERROR(ReadString(o, "date", date));
  const std::optional<Date> d = ParseDate(date);
  if (!d) return Wrong("date", "a day, YYYY-MM-DD");
  r.date = *d;
  for (auto [name, field] : {std::pair{"number", &r.number},
                             {"place", &r.place},
                             {"agenda", &r.agenda},
                             {"minutes", &r.minutes},
                             {"summary", &r.summary},
                             {"answer", &r.answer},
                             {"measures", &r.measures}}) {
    PETITIO_RETURN_IF_ERROR(ReadString(o, name, *field));
  }
  Result<std::vector<std::string>> participants = ReadStrings(o, "participants");
  if (!participants.ok()) return participants.status();
  r.participants = std::move(*participants);
  Result<std::vector<std::pair<std::string, std::string>>> members =
      ReadPairs(o, "members", "name", "body");
  if (!members.ok()) return members.status();
  for (auto& [name, member_body] : *members) r.members.push_back({name, member_body});
  Result<std::vector<std::pair<std::string, std::string>>> attachments =
      ReadPairs(o, "attachments", "title", "text");
  if (!attachments.ok()) return attachments.status();
  for (auto& [title, text] : *attachments) r.attachments.push_back({title, text});
  PETITIO_RETURN_IF_ERROR(ReadString(o, "outcome", outcome));
  if (!outcome.empty()) {
    r.outcome = ParseDecisionOutcome(outcome);
    if (!r.outcome) return Wrong("outcome", "accepted, partially_accepted or rejected");
  }
  return r;
}

Result<StatementInput> ParseStatementJson(const json::value& body) {
  if (!body.is_object()) return Status::Invalid("the body must be a JSON object", "invalid_json");
  const json::object& o = body.as_object();
  StatementInput in;
  PETITIO_RETURN_IF_ERROR(ReadString(o, "position", in.position));
  PETITIO_RETURN_IF_ERROR(ReadString(o, "text", in.text));
  Result<std::vector<std::string>> refs = ReadStrings(o, "references");
  if (!refs.ok()) return refs.status();
  in.references = std::move(*refs);
  return in;
}

}  // namespace petitio::http
