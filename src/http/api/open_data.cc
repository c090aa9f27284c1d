#include "http/api/open_data.h"

#include <boost/json.hpp>

#include "app/queries.h"
#include "domain/identity.h"
#include "http/errors.h"

namespace petitio::http {

namespace json = boost::json;

namespace {

constexpr int kPageSize = 50;        // as the UK site's list
constexpr int kMaxCsvRows = 100000;  // a bound on one answer; more than any platform has yet

json::value Time(const std::optional<TimePoint>& t) {
  if (!t) return nullptr;
  return json::string(FormatRfc3339(*t));
}

std::string PetitionUrl(const AppContext& ctx, int64_t id) {
  return ctx.public_url + "/petitions/" + std::to_string(id);
}

// The attributes the UK list and petition share.
json::object CommonAttributes(const Petition& p) {
  json::object a;
  a["action"] = p.title;
  a["background"] = p.text;
  a["state"] = PetitionStateName(p.state);
  a["signature_count"] = p.signature_count;
  a["created_at"] = FormatRfc3339(p.created_at);
  a["opened_at"] = Time(p.opened_at);
  a["closed_at"] = Time(p.closed_at);
  const bool rejected = p.moderation && p.moderation->decision == "reject";
  a["rejected_at"] = rejected ? json::value(FormatRfc3339(p.moderation->decided_at)) : nullptr;
  a["response_threshold_reached_at"] = Time(p.registered_at);
  a["government_response_at"] = Time(p.decided_at);
  return a;
}

json::object UkPetition(const AppContext& ctx, const PetitionView& view) {
  const Petition& p = view.petition;
  json::object a = CommonAttributes(p);
  a["creator_name"] = PublicNameOf(view.profile->identity, p.initiator_name);
  if (p.moderation && p.moderation->decision == "reject") {
    a["rejection"] =
        json::object{{"code", p.moderation->ground_code}, {"details", p.moderation->reason}};
  } else {
    a["rejection"] = nullptr;
  }
  a["government_response"] = nullptr;
  for (const ConsiderationRecord& r : view.records) {
    if (r.kind != RecordKind::kDecision) continue;
    a["government_response"] = json::object{{"responded_on", FormatDate(r.date)},
                                            {"summary", DecisionOutcomeName(*r.outcome)},
                                            {"details", r.answer}};
  }
  // Petitio does not ask signers for their country: the list is empty, never made up.
  a["signatures_by_country"] = json::array();
  json::array regions;
  for (const Region& r : view.profile->regions) {
    auto it = view.signatures_by_region.find(r.code);
    if (it == view.signatures_by_region.end()) continue;
    regions.push_back(json::object{{"name", r.name.Get("en")},
                                   {"ons_code", nullptr},
                                   {"code", r.code},
                                   {"signature_count", it->second}});
  }
  a["signatures_by_region"] = std::move(regions);
  const std::string url = PetitionUrl(ctx, p.id);
  return json::object{{"links", json::object{{"self", url + ".json"}}},
                      {"data", json::object{{"type", "petition"},
                                            {"id", p.id},
                                            {"links", json::object{{"self", url + ".json"}}},
                                            {"attributes", std::move(a)}}}};
}

// Open data may be kept by caches for 10 s and then revalidated by its ETag.
constexpr const char* kOpenDataCaching = "public, max-age=10";

HttpResponse JsonAnswer(const json::value& v) {
  HttpResponse r;
  r.body = json::serialize(v);
  r.headers.emplace_back("Access-Control-Allow-Origin", "*");
  r.headers.emplace_back("Cache-Control", kOpenDataCaching);
  return r;
}

std::optional<int> PageParam(const HttpRequest& req) {
  const std::string_view v = req.QueryParam("page");
  if (v.empty()) return 1;
  if (v.size() > 6 || v.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  const int page = std::stoi(std::string(v));
  return page >= 1 ? std::optional<int>(page) : std::nullopt;
}

HttpResponse UkList(const AppContext& ctx, const HttpRequest& req) {
  const std::optional<int> page = PageParam(req);
  if (!page) return JsonError(400, "invalid_page", "page is a whole number from 1");
  const std::string state(req.QueryParam("state"));
  Result<std::vector<Petition>> list =
      ListPublicPetitions(ctx, {state, "most_signed", kPageSize + 1, (*page - 1) * kPageSize});
  if (!list.ok()) return JsonError(list.status());
  const bool more = static_cast<int>(list->size()) > kPageSize;
  if (more) list->pop_back();
  json::array data;
  for (const Petition& p : *list) {
    data.push_back(json::object{{"type", "petition"},
                                {"id", p.id},
                                {"links", json::object{{"self", PetitionUrl(ctx, p.id) + ".json"}}},
                                {"attributes", CommonAttributes(p)}});
  }
  const std::string base =
      ctx.public_url + "/petitions.json?" + (state.empty() ? "" : "state=" + state + "&") + "page=";
  json::object links{{"self", base + std::to_string(*page)}, {"first", base + "1"}};
  links["next"] = more ? json::value(base + std::to_string(*page + 1)) : nullptr;
  links["prev"] = *page > 1 ? json::value(base + std::to_string(*page - 1)) : nullptr;
  return JsonAnswer(json::object{{"links", std::move(links)}, {"data", std::move(data)}});
}

// RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled.
std::string Csv(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string CsvTime(const std::optional<TimePoint>& t) { return t ? FormatRfc3339(*t) : ""; }

HttpResponse CsvList(const AppContext& ctx) {
  std::string body =
      "id,profile,title,addressee,state,signature_count,created_at,opened_at,closes_at,"
      "closed_at,url\r\n";
  for (int offset = 0; offset < kMaxCsvRows; offset += 500) {
    Result<std::vector<Petition>> list = ListPublicPetitions(ctx, {"", "newest", 500, offset});
    if (!list.ok()) return JsonError(list.status());
    for (const Petition& p : *list) {
      body += std::to_string(p.id) + "," + Csv(p.profile_id) + "," + Csv(p.title) + "," +
              Csv(p.addressee) + "," + std::string(PetitionStateName(p.state)) + "," +
              std::to_string(p.signature_count) + "," + FormatRfc3339(p.created_at) + "," +
              CsvTime(p.opened_at) + "," + CsvTime(p.closes_at) + "," + CsvTime(p.closed_at) + "," +
              PetitionUrl(ctx, p.id) + "\r\n";
    }
    if (list->size() < 500) break;
  }
  HttpResponse r;
  r.content_type = "text/csv; charset=utf-8; header=present";
  r.body = std::move(body);
  r.headers.emplace_back("Access-Control-Allow-Origin", "*");
  r.headers.emplace_back("Content-Disposition", "inline; filename=\"petitions.csv\"");
  r.headers.emplace_back("Cache-Control", kOpenDataCaching);
  return r;
}

}  // namespace

void AddOpenDataRoutes(Router& router, const AppContext& ctx) {
  const AppContext* c = &ctx;
  router.Add("GET", "/petitions.csv",
             [c](const HttpRequest&, const PathParams&) { return CsvList(*c); });
  router.Add("GET", "/petitions.json",
             [c](const HttpRequest& req, const PathParams&) { return UkList(*c, req); });
  router.Add("GET", "/petitions/{id}.json",
             WithPetitionId(
                 [c](const HttpRequest&, int64_t id) {
                   Result<PetitionView> view = ViewPetition(*c, id, Viewer::kPublic, "");
                   if (!view.ok()) return JsonError(view.status());
                   return JsonAnswer(UkPetition(*c, *view));
                 },
                 [] { return JsonError(404, "petition_not_found", "no such petition"); }));
}

}  // namespace petitio::http
