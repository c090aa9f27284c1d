#include "app/use_cases.h"
#include "http/api/request_body.h"
#include "http/pages/page_common.h"
#include "http/pages/page_routes.h"

namespace petitio::http {

namespace {

// GET only shows what the link is for and a button: mail scanners that follow links
// confirm nothing.
HttpResponse ConfirmForm(const AppContext& ctx, const LocalPages& pages, const std::string& token) {
  const Catalogue& t = pages.t;
  Result<ConfirmationPreview> preview = PreviewConfirmation(ctx, token);
  if (!preview.ok()) {
    if (preview.status().kind() == ErrorKind::kInternal) return StatusPage(pages, preview.status());
    return pages.Message(404, t.Text("link.broken_heading"),
                         {t.Text("link.broken_text"), t.Text("link.use_latest")});
  }
  const std::string role = std::string(SignerRoleName(preview->role));
  mustache::data d;
  d.set("heading", t.Text("confirm.heading_" + role));
  d.set("button", t.Text("confirm.button_" + role));
  d.set("title", preview->petition.title);
  d.set("token", token);
  d.set("already", preview->state == SignatureState::kValidated);
  const std::string href = "/petitions/" + std::to_string(preview->petition.id);
  d.set("petition_href", IsVisible(preview->petition.state)
                             ? href
                             : href + "/sponsor?token=" + preview->petition.sponsor_token);
  return pages.Page(200, t.Text("confirm.heading_" + role), "confirm", d);
}

mustache::data ReceiptData(const Catalogue& t, const Receipt& r, bool mailed) {
  mustache::data d;
  d.set("intro", t.Text("confirmed.receipt_intro", {{"index", std::to_string(r.log_index)}}));
  d.set("petition_id", std::to_string(r.petition_id));
  d.set("log_index", std::to_string(r.log_index));
  d.set("leaf_hash", ToHex(r.leaf_hash));
  d.set("secret", ReceiptSecretHex(r.secret));
  d.set("check_href", ReceiptCheckPath(r));
  d.set("mailed", mailed);
  return d;
}

// The page answering a confirmation: counted (with the receipt), or a broken link.
HttpResponse ConfirmedPage(const LocalPages& pages, const Result<ConfirmOutcome>& out) {
  const Catalogue& t = pages.t;
  if (!out.ok()) {
    if (out.status().kind() == ErrorKind::kNotFound ||
        out.status().kind() == ErrorKind::kInvalidArgument) {
      return pages.Message(404, t.Text("link.broken_heading"), {t.Text("link.broken_text")});
    }
    return StatusPage(pages, out.status());
  }
  mustache::data lines{mustache::data::type::list};
  lines.push_back(t.Text(out->newly_counted ? "confirmed.counted" : "confirmed.already"));
  lines.push_back(t.Plural("confirmed.now_has", out->signature_count));
  if (out->role == SignerRole::kInitiator) lines.push_back(t.Text("confirmed.send_sponsor_link"));
  mustache::data d;
  d.set("title", out->petition_title);
  d.set("paragraphs", lines);
  d.set("petition_href", "/petitions/" + std::to_string(out->petition_id));
  if (out->receipt) d.set("receipt", ReceiptData(t, *out->receipt, out->receipt_mailed));
  return pages.Page(200, t.Text("confirmed.heading"), "confirmed", d);
}

// Confirms as the API does, holding no thread while the write commits; the page is made on a
// read worker once it has (HttpResponse::MadeOnWorker).
void ConfirmSubmitThen(const AppContext& ctx, std::shared_ptr<const PageRenderer> renderer,
                       const HttpRequest& req, Responder respond) {
  LocalPages pages = renderer->For(req);
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return respond(StatusPage(pages, f.status()));
  ConfirmSignatureThen(
      ctx, f->Get("token"), pages.t.language(),
      [renderer, pages, respond](Result<ConfirmOutcome> out) {
        respond(HttpResponse::MadeOnWorker(
            [renderer, pages, out = std::move(out)] { return ConfirmedPage(pages, out); }));
      });
}

// GET shows a button only; POST withdraws.
HttpResponse WithdrawForm(const AppContext& ctx, const LocalPages& pages,
                          const std::string& token) {
  const Catalogue& t = pages.t;
  Result<ConfirmationPreview> preview = PreviewConfirmation(ctx, token);
  if (!preview.ok()) {
    if (preview.status().kind() == ErrorKind::kInternal) return StatusPage(pages, preview.status());
    return pages.Message(404, t.Text("link.broken_heading"),
                         {t.Text("link.broken_text"), t.Text("link.use_latest")});
  }
  mustache::data d;
  d.set("title", preview->petition.title);
  d.set("token", token);
  d.set("already", preview->state == SignatureState::kWithdrawn);
  d.set("collecting", IsCollecting(preview->petition.state));
  d.set("petition_href", "/petitions/" + std::to_string(preview->petition.id));
  return pages.Page(200, t.Text("withdraw.heading"), "withdraw", d);
}

HttpResponse WithdrawSubmit(const AppContext& ctx, const LocalPages& pages,
                            const HttpRequest& req) {
  const Catalogue& t = pages.t;
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return StatusPage(pages, f.status());
  Result<WithdrawOutcome> out = WithdrawSignature(ctx, f->Get("token"));
  if (!out.ok()) {
    if (out.status().kind() == ErrorKind::kNotFound ||
        out.status().kind() == ErrorKind::kInvalidArgument) {
      return pages.Message(404, t.Text("link.broken_heading"), {t.Text("link.broken_text")});
    }
    return StatusPage(pages, out.status());
  }
  return pages.Message(200, t.Text("withdraw.done_heading"),
                       {t.Text(out->newly_withdrawn ? "withdraw.done" : "withdraw.already"),
                        t.Plural("confirmed.now_has", out->signature_count)},
                       "/petitions/" + std::to_string(out->petition_id),
                       t.Text("common.see_petition"));
}

}  // namespace

void AddConfirmPages(Router& router, const AppContext& ctx,
                     std::shared_ptr<const PageRenderer> pages) {
  const AppContext* c = &ctx;
  router.Add("GET", "/confirm", [c, pages](const HttpRequest& req, const PathParams&) {
    return ConfirmForm(*c, pages->For(req), std::string(req.QueryParam("token")));
  });
  router.AddDeferred("POST", "/confirm",
                     [c, pages](const HttpRequest& req, const PathParams&, Responder respond) {
                       ConfirmSubmitThen(*c, pages, req, std::move(respond));
                     });
  router.Add("GET", "/withdraw", [c, pages](const HttpRequest& req, const PathParams&) {
    return WithdrawForm(*c, pages->For(req), std::string(req.QueryParam("token")));
  });
  router.Add("POST", "/withdraw", [c, pages](const HttpRequest& req, const PathParams&) {
    return WithdrawSubmit(*c, pages->For(req), req);
  });
}

}  // namespace petitio::http
