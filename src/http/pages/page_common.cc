#include "http/pages/page_common.h"

#include <cstdio>

#include "http/errors.h"

namespace petitio::http {

namespace {
constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};
}  // namespace

std::string HumanDate(TimePoint t) {
  const Date d = DateOf(t);
  return std::to_string(d.day) + " " + kMonths[d.month - 1] + " " + std::to_string(d.year);
}

std::string HumanDateTime(TimePoint t) {
  const int64_t ms_of_day = ((ToMillis(t) % 86'400'000) + 86'400'000) % 86'400'000;
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d:%02d", static_cast<int>(ms_of_day / 3'600'000),
                static_cast<int>(ms_of_day / 60'000 % 60));
  return HumanDate(t) + ", " + hm + " UTC";
}

mustache::data ErrorData(const Status& s) {
  mustache::data e;
  e.set("message", s.message());
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

HttpResponse StatusPage(const PageRenderer& pages, const Status& s) {
  const int status = s.kind() == ErrorKind::kInternal ? 500 : HttpStatusFor(s.kind());
  if (s.kind() == ErrorKind::kNotFound) {
    return pages.Message(404, "Page not found",
                         {"There is no such page or petition, or it is not public."}, "/",
                         "See the open petitions");
  }
  if (s.kind() == ErrorKind::kInternal) {
    std::fprintf(stderr, "petitio: internal error: %s\n", s.ToString().c_str());
    return pages.Message(500, "Sorry, something went wrong", {"Please try again later."});
  }
  return pages.Message(status, "That did not work", {s.message()}, "/", "Back to the petitions");
}

std::string ProfileName(const Profile* p) { return p ? p->name.Get("en") : ""; }

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
