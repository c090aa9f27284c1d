#include "domain/consideration.h"

#include "domain/text.h"

namespace petitio {

namespace {

bool Blank(std::string_view s) { return Trim(s).empty(); }

Status Invalid(const std::string& why, const char* code) { return Status::Invalid(why, code); }

}  // namespace

std::string_view RecordKindName(RecordKind k) {
  switch (k) {
    case RecordKind::kRegistration:
      return "registration";
    case RecordKind::kWorkingGroup:
      return "working_group";
    case RecordKind::kMeeting:
      return "meeting";
    case RecordKind::kPublicDiscussion:
      return "public_discussion";
    case RecordKind::kDecision:
      return "decision";
  }
  return "meeting";
}

std::optional<RecordKind> ParseRecordKind(std::string_view name) {
  for (RecordKind k : {RecordKind::kRegistration, RecordKind::kWorkingGroup, RecordKind::kMeeting,
                       RecordKind::kPublicDiscussion, RecordKind::kDecision}) {
    if (RecordKindName(k) == name) return k;
  }
  return std::nullopt;
}

std::string_view DecisionOutcomeName(DecisionOutcome o) {
  switch (o) {
    case DecisionOutcome::kAccepted:
      return "accepted";
    case DecisionOutcome::kPartiallyAccepted:
      return "partially_accepted";
    case DecisionOutcome::kRejected:
      return "rejected";
  }
  return "rejected";
}

std::optional<DecisionOutcome> ParseDecisionOutcome(std::string_view name) {
  for (DecisionOutcome o : {DecisionOutcome::kAccepted, DecisionOutcome::kPartiallyAccepted,
                            DecisionOutcome::kRejected}) {
    if (DecisionOutcomeName(o) == name) return o;
  }
  return std::nullopt;
}

Status ValidateRecord(const ConsiderationRecord& r, const Petition& p, const Profile& profile,
                      TimePoint now) {
  const Date today = profile.LocalDate(now);
  if (!IsValidDate(r.date)) return Invalid("the record needs a valid date", "invalid_date");
  const bool scheduled = r.kind == RecordKind::kMeeting && r.date > today;
  if (r.date > today && !scheduled) {
    return Invalid("only a meeting can be recorded ahead of its day", "date_in_future");
  }
  if (scheduled && (!Blank(r.minutes) || !r.attachments.empty())) {
    return Invalid("a meeting that has not happened has no minutes yet", "date_in_future");
  }
  if (p.decided_at) {
    return Status::Conflict("the decision is published; the consideration is over",
                            "already_decided");
  }
  for (const GroupMember& m : r.members) {
    if (Blank(m.name) || Blank(m.body)) {
      return Invalid("each member needs a name and the body they represent", "invalid_member");
    }
  }
  for (const Attachment& a : r.attachments) {
    if (Blank(a.title) || Blank(a.text)) {
      return Invalid("each attachment needs a title and its text", "invalid_attachment");
    }
  }
  if (r.kind == RecordKind::kRegistration) {
    if (!p.registered_at) {
      return Status::Conflict("the petition has not reached a threshold that registers it",
                              "not_registrable");
    }
    if (!p.registration_number.empty()) {
      return Status::Conflict("the petition is already registered", "already_registered");
    }
    if (Blank(r.number)) return Invalid("a registration needs its number", "missing_number");
    return Status::Ok();
  }
  if (p.registration_number.empty() || !p.registered_at) {
    return Status::Conflict("record the registration first", "not_registered");
  }
  if (r.date < profile.LocalDate(*p.registered_at)) {
    return Invalid("the record is dated before the registration", "date_before_registration");
  }
  switch (r.kind) {
    case RecordKind::kWorkingGroup:
      if (r.members.empty()) return Invalid("a working group needs members", "missing_members");
      break;
    case RecordKind::kMeeting:
      if (Blank(r.place) || Blank(r.agenda)) {
        return Invalid("a meeting needs its place and agenda", "missing_meeting_details");
      }
      break;
    case RecordKind::kPublicDiscussion:
      if (Blank(r.place) || Blank(r.summary)) {
        return Invalid("a public discussion needs its place (or address) and a summary",
                       "missing_discussion_details");
      }
      break;
    case RecordKind::kDecision:
      if (!r.outcome) {
        return Invalid("a decision is accepted, partially_accepted or rejected", "invalid_outcome");
      }
      if (Blank(r.answer)) return Invalid("a decision needs its reasoned answer", "missing_answer");
      break;
    case RecordKind::kRegistration:
      break;
  }
  return Status::Ok();
}

const StageDeadline* DeadlineOf(const ConsiderationRecord& r,
                                const std::vector<StageDeadline>& deadlines) {
  if (r.kind == RecordKind::kRegistration) return nullptr;
  for (Stage stage : {Stage::kConsideration, Stage::kAnswer}) {
    for (const StageDeadline& d : deadlines) {
      if (d.stage == stage) return &d;
    }
  }
  return nullptr;
}

std::optional<bool> InTime(const ConsiderationRecord& r, const StageDeadline* deadline) {
  if (deadline == nullptr || !deadline->due) return std::nullopt;
  return r.date <= *deadline->due;
}

std::string EncodeStrings(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += std::to_string(s.size()) + ":" + s;
  return out;
}

Result<std::vector<std::string>> DecodeStrings(std::string_view text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < text.size()) {
    const size_t colon = text.find(':', at);
    if (colon == std::string_view::npos || colon == at || colon - at > 9) {
      return Status::Internal("a stored list is malformed");
    }
    size_t n = 0;
    for (size_t i = at; i < colon; ++i) {
      if (text[i] < '0' || text[i] > '9') return Status::Internal("a stored list is malformed");
      n = n * 10 + static_cast<size_t>(text[i] - '0');
    }
    if (n > text.size() - colon - 1) return Status::Internal("a stored list is malformed");
    out.emplace_back(text.substr(colon + 1, n));
    at = colon + 1 + n;
  }
  return out;
}

}  // namespace petitio
