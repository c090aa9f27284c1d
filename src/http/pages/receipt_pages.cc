// GET /petitions/{id}/receipt: the "check my signature" page. The check itself runs in the
// browser (web/static/receipt_page.js over log_check.js), so the receipt secret, carried in the
// link's fragment or typed in, never reaches the server.
#include "app/queries.h"
#include "http/pages/page_common.h"
#include "http/pages/page_routes.h"

namespace petitio::http {

namespace {

HttpResponse ReceiptPage(const AppContext& ctx, const PageRenderer& pages, int64_t id) {
  Result<Petition> p = PublicPetition(ctx, id);
  if (!p.ok()) return StatusPage(pages, p.status());
  mustache::data d;
  d.set("petition_id", std::to_string(id));
  d.set("title", p->title);
  d.set("petition_href", "/petitions/" + std::to_string(id));
  d.set("site_url", ctx.public_url);
  return pages.Page(200, "Check my signature", "receipt", d, "/static/receipt_page.js");
}

}  // namespace

void AddReceiptPages(Router& router, const AppContext& ctx,
                     std::shared_ptr<const PageRenderer> pages) {
  const AppContext* c = &ctx;
  router.Add("GET", "/petitions/{id}/receipt",
             WithPetitionId(
                 [c, pages](const HttpRequest&, int64_t id) { return ReceiptPage(*c, *pages, id); },
                 [pages] { return StatusPage(*pages, Status::NotFound("no such petition")); }));
}

}  // namespace petitio::http
