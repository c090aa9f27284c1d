// GET /petitions/{id}/receipt: the "check my signature" page. The check itself runs in the
// browser (web/static/receipt_page.js over log_check.js), so the receipt secret, carried in the
// link's fragment or typed in, never reaches the server.
#include "app/queries.h"
#include "http/errors.h"
#include "http/pages/page_common.h"
#include "http/pages/page_routes.h"

namespace petitio::http {

namespace {

HttpResponse ReceiptPage(const AppContext& ctx, const LocalPages& pages, int64_t id) {
  Result<Petition> p = PublicPetition(ctx, id);
  if (!p.ok()) return StatusPage(pages, p.status());
  mustache::data d;
  d.set("petition_id", std::to_string(id));
  d.set("title", p->title);
  d.set("petition_href", "/petitions/" + std::to_string(id));
  d.set("site_url", ctx.public_url);
  // The texts receipt_page.js shows, in the page's language; "<" escaped so that no text can end
  // the script element early.
  std::string json = "{";
  const std::string prefix = "receipt_js.";
  for (const auto& [key, text] : pages.t.texts()) {
    if (key.rfind(prefix, 0) != 0) continue;
    json +=
        (json.size() > 1 ? "," : "") + JsonQuote(key.substr(prefix.size())) + ":" + JsonQuote(text);
  }
  // Dates in the page's words, as the server writes them (browsers lack some languages' names).
  json += ",\"date_format\":" + JsonQuote(pages.t.Text("date.format"));
  for (int m = 1; m <= 12; ++m) {
    json += ",\"month_" + std::to_string(m) +
            "\":" + JsonQuote(pages.t.Text("date.month." + std::to_string(m)));
  }
  json += "}";
  std::string safe;
  for (const char ch : json) safe += ch == '<' ? std::string("\\u003c") : std::string(1, ch);
  d.set("texts_json", safe);
  return pages.Page(200, pages.t.Text("receipt.heading"), "receipt", d, "/static/receipt_page.js");
}

}  // namespace

void AddReceiptPages(Router& router, const AppContext& ctx,
                     std::shared_ptr<const PageRenderer> pages) {
  const AppContext* c = &ctx;
  router.Add("GET", "/petitions/{id}/receipt",
             WithPetitionId([c, pages](const HttpRequest& req,
                                       int64_t id) { return ReceiptPage(*c, pages->For(req), id); },
                            [pages](const HttpRequest& req) {
                              return StatusPage(pages->For(req),
                                                Status::NotFound("no such petition"));
                            }));
}

}  // namespace petitio::http
