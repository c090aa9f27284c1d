// A petition outside Petitio: /petitions/{id}/embed is a small page made to sit in another
// site's iframe (the only page that may be framed), with the count and a sign link; /oembed
// (oEmbed 1.0, JSON) gives the iframe to sites that discover it from the petition page's head.
#include "app/queries.h"
#include "http/errors.h"
#include "http/pages/page_common.h"
#include "http/pages/page_routes.h"

namespace petitio::http {

namespace {

constexpr int kEmbedWidth = 360;
constexpr int kEmbedHeight = 200;

HttpResponse EmbedPage(const AppContext& ctx, const LocalPages& pages, int64_t id) {
  const Catalogue& t = pages.t;
  Result<PetitionView> view = ViewPetition(ctx, id, Viewer::kPublic, "");
  if (!view.ok()) return StatusPage(pages, view.status());
  const Petition& p = view->petition;
  mustache::data d;
  d.set("title", p.title);
  d.set("url", ctx.public_url + "/petitions/" + std::to_string(id));
  d.set("site", ctx.public_url + "/");
  d.set("lang", t.language());
  if (!p.language.empty()) d.set("text_lang", p.language);
  d.set("count", t.Number(p.signature_count));
  d.set("count_unit", t.Plural("count.signatures_unit", p.signature_count));
  if (IsVisible(p.state))
    d.set("live_events", "/api/v1/petitions/" + std::to_string(id) + "/events");
  d.set("collecting", IsCollecting(p.state));
  d.set("state_label", StateLabel(t, p.state));
  for (const ThresholdView& tv : view->thresholds) {
    if (!tv.reached_at) {
      d.set("target", t.Text("embed.target", {{"target", t.Number(tv.threshold.count)}}));
      break;
    }
  }
  HttpResponse r;
  r.content_type = "text/html; charset=utf-8";
  r.body = pages.Render("embed", d);
  r.headers.emplace_back("Cache-Control", "public, max-age=30");
  r.headers.emplace_back("Content-Language", t.language());
  r.headers.emplace_back("Vary", "Accept-Language, Cookie");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Content-Security-Policy", "default-src 'self'; frame-ancestors *");
  return r;
}

HttpResponse OEmbed(const AppContext& ctx, const HttpRequest& req) {
  const std::string_view format = req.QueryParam("format");
  if (!format.empty() && format != "json") {
    return JsonError(501, "format_not_implemented", "only the json format is served");
  }
  const std::string url(req.QueryParam("url"));
  const std::string prefix = ctx.public_url + "/petitions/";
  const std::optional<int64_t> id =
      url.rfind(prefix, 0) == 0 ? ParsePetitionId(url.substr(prefix.size())) : std::nullopt;
  if (!id) return JsonError(404, "petition_not_found", "url must be a petition of this site");
  Result<Petition> p = PublicPetition(ctx, *id);
  if (!p.ok()) return JsonError(p.status());
  const std::string embed = prefix + std::to_string(*id) + "/embed";
  const std::string html = "<iframe src=\"" + XmlEscape(embed) + "\" width=\"" +
                           std::to_string(kEmbedWidth) + "\" height=\"" +
                           std::to_string(kEmbedHeight) + "\" title=\"" + XmlEscape(p->title) +
                           "\" style=\"border:0\"></iframe>";
  HttpResponse r;
  r.body =
      "{\"version\":\"1.0\",\"type\":\"rich\",\"provider_name\":\"Petitio\","
      "\"provider_url\":" +
      JsonQuote(ctx.public_url + "/") + ",\"title\":" + JsonQuote(p->title) +
      ",\"html\":" + JsonQuote(html) + ",\"width\":" + std::to_string(kEmbedWidth) +
      ",\"height\":" + std::to_string(kEmbedHeight) + "}";
  r.headers.emplace_back("Access-Control-Allow-Origin", "*");
  return r;
}

}  // namespace

void AddEmbedPages(Router& router, const AppContext& ctx,
                   std::shared_ptr<const PageRenderer> pages) {
  const AppContext* c = &ctx;
  router.Add("GET", "/petitions/{id}/embed",
             WithPetitionId([c, pages](const HttpRequest& req,
                                       int64_t id) { return EmbedPage(*c, pages->For(req), id); },
                            [pages](const HttpRequest& req) {
                              return StatusPage(pages->For(req),
                                                Status::NotFound("no such petition"));
                            }));
  router.Add("GET", "/oembed",
             [c](const HttpRequest& req, const PathParams&) { return OEmbed(*c, req); });
}

}  // namespace petitio::http
