#include "http/pages/page_common.h"

#include <cctype>
#include <cstdio>

#include "http/errors.h"

namespace petitio::http {

std::string ErrorText(const Catalogue& t, const Status& s) {
  const std::string key = "error." + s.code();
  return t.Has(key) ? t.Text(key) : s.message();
}

std::string StateLabel(const Catalogue& t, PetitionState s) {
  return t.Text("state." + std::string(PetitionStateName(s)));
}

mustache::data ErrorData(const Catalogue& t, const Status& s, const FormFields& fields) {
  mustache::data e;
  e.set("message", ErrorText(t, s));
  std::string_view field = s.code();
  for (const std::string_view prefix : {"missing_", "invalid_"}) {
    if (field.substr(0, prefix.size()) == prefix) field.remove_prefix(prefix.size());
  }
  if (const auto it = fields.find(field); it != fields.end()) e.set("href", "#" + it->second);
  mustache::data d;
  d.set("error", e);
  return d;
}

HttpResponse SeeOther(const std::string& location) {
  HttpResponse r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  r.headers.emplace_back("Location", location);
  r.body = "See " + location + "\n";
  return r;
}

HttpResponse StatusPage(const LocalPages& pages, const Status& s) {
  const Catalogue& t = pages.t;
  const int status = s.kind() == ErrorKind::kInternal ? 500 : HttpStatusFor(s.kind());
  if (s.kind() == ErrorKind::kNotFound) {
    return pages.Message(404, t.Text("status.not_found.heading"), {t.Text("status.not_found.text")},
                         "/", t.Text("status.not_found.link"));
  }
  if (s.kind() == ErrorKind::kInternal) {
    std::fprintf(stderr, "petitio: internal error: %s\n", s.ToString().c_str());
    return pages.Message(500, t.Text("status.internal.heading"), {t.Text("status.internal.text")});
  }
  return pages.Message(status, t.Text("status.failed.heading"), {ErrorText(t, s)}, "/",
                       t.Text("status.failed.link"));
}

std::string ProfileName(const Profile* p, std::string_view language) {
  return p ? p->name.Get(language) : "";
}

std::string TimelineLabel(const Catalogue& t, const TimelineItem& item) {
  if (const ConsiderationRecord* r = item.record) {
    switch (r->kind) {
      case RecordKind::kRegistration:
        return t.Text("timeline.registration", {{"number", r->number}});
      case RecordKind::kWorkingGroup:
        return t.Plural("timeline.working_group", static_cast<int64_t>(r->members.size()));
      case RecordKind::kMeeting:
        return t.Text("timeline.meeting", {{"place", r->place}, {"agenda", r->agenda}});
      case RecordKind::kPublicDiscussion:
        return t.Text("timeline.public_discussion", {{"place", r->place}});
      case RecordKind::kDecision:
        return t.Text(
            "timeline.decision",
            {{"outcome", t.Text("outcome." + std::string(DecisionOutcomeName(r->outcome.value_or(
                                                 DecisionOutcome::kAccepted))))}});
    }
  }
  const std::string key = "timeline." + item.kind;
  return t.Has(key) ? t.Text(key) : item.detail;
}

std::string TimelineQuote(const Catalogue& t, const TimelineItem& item) {
  const bool quoted = item.kind == "extended" || item.kind == "invalidated" ||
                      item.kind == "signature_withdrawn" || item.kind == "rejected" ||
                      item.kind == "assigned";
  return item.record == nullptr && quoted && t.Has("timeline." + item.kind) ? item.detail : "";
}

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace petitio::http
