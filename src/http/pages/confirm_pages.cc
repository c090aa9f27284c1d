#include "app/use_cases.h"
#include "http/api/request_body.h"
#include "http/pages/page_common.h"
#include "http/pages/page_routes.h"

namespace petitio::http {

namespace {

// GET only shows what the link is for and a button: mail scanners that follow links
// confirm nothing.
HttpResponse ConfirmForm(const AppContext& ctx, const PageRenderer& pages,
                         const std::string& token) {
  Result<ConfirmationPreview> preview = PreviewConfirmation(ctx, token);
  if (!preview.ok()) {
    if (preview.status().kind() == ErrorKind::kInternal) return StatusPage(pages, preview.status());
    return pages.Message(404, "This link does not work",
                         {"The confirmation link is incomplete, or a newer one replaced it. "
                          "Use the link in the most recent message we sent you."});
  }
  const bool sponsor = preview->role == SignerRole::kSponsor;
  const bool initiator = preview->role == SignerRole::kInitiator;
  mustache::data d;
  d.set("heading", initiator ? "Confirm your petition"
                             : (sponsor ? "Confirm your support" : "Confirm your signature"));
  d.set("button", initiator ? "Confirm my e-mail address"
                            : (sponsor ? "Confirm my support" : "Confirm my signature"));
  d.set("title", preview->petition.title);
  d.set("token", token);
  d.set("already", preview->state == SignatureState::kValidated);
  const std::string href = "/petitions/" + std::to_string(preview->petition.id);
  d.set("petition_href", IsVisible(preview->petition.state)
                             ? href
                             : href + "/sponsor?token=" + preview->petition.sponsor_token);
  return pages.Page(200, "Confirm", "confirm", d);
}

mustache::data ReceiptData(const Receipt& r, bool mailed) {
  mustache::data d;
  d.set("petition_id", std::to_string(r.petition_id));
  d.set("log_index", std::to_string(r.log_index));
  d.set("leaf_hash", ToHex(r.leaf_hash));
  d.set("secret", ReceiptSecretHex(r.secret));
  d.set("check_href", ReceiptCheckPath(r));
  d.set("mailed", mailed);
  return d;
}

HttpResponse ConfirmSubmit(const AppContext& ctx, const PageRenderer& pages,
                           const HttpRequest& req) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return StatusPage(pages, f.status());
  Result<ConfirmOutcome> out = ConfirmSignature(ctx, f->Get("token"));
  if (!out.ok()) {
    if (out.status().kind() == ErrorKind::kNotFound ||
        out.status().kind() == ErrorKind::kInvalidArgument) {
      return pages.Message(404, "This link does not work",
                           {"The confirmation link is incomplete, or a newer one replaced it."});
    }
    return StatusPage(pages, out.status());
  }
  mustache::data lines{mustache::data::type::list};
  lines.push_back(out->newly_counted ? "Thank you: it is confirmed and counted."
                                     : "This was already confirmed; it is counted once.");
  lines.push_back("The petition now has " + std::to_string(out->signature_count) + " signatures.");
  if (out->role == SignerRole::kInitiator) {
    lines.push_back("Now send the sponsor link from our message to your sponsors.");
  }
  mustache::data d;
  d.set("title", out->petition_title);
  d.set("paragraphs", lines);
  d.set("petition_href", "/petitions/" + std::to_string(out->petition_id));
  if (out->receipt) d.set("receipt", ReceiptData(*out->receipt, out->receipt_mailed));
  return pages.Page(200, "Confirmed", "confirmed", d);
}

// GET shows a button only; POST withdraws.
HttpResponse WithdrawForm(const AppContext& ctx, const PageRenderer& pages,
                          const std::string& token) {
  Result<ConfirmationPreview> preview = PreviewConfirmation(ctx, token);
  if (!preview.ok()) {
    if (preview.status().kind() == ErrorKind::kInternal) return StatusPage(pages, preview.status());
    return pages.Message(404, "This link does not work",
                         {"The link is incomplete, or a newer one replaced it. Use the link in "
                          "the most recent message we sent you."});
  }
  mustache::data d;
  d.set("title", preview->petition.title);
  d.set("token", token);
  d.set("already", preview->state == SignatureState::kWithdrawn);
  d.set("collecting", IsCollecting(preview->petition.state));
  d.set("petition_href", "/petitions/" + std::to_string(preview->petition.id));
  return pages.Page(200, "Withdraw your signature", "withdraw", d);
}

HttpResponse WithdrawSubmit(const AppContext& ctx, const PageRenderer& pages,
                            const HttpRequest& req) {
  Result<RequestFields> f = RequestFields::Parse(req);
  if (!f.ok()) return StatusPage(pages, f.status());
  Result<WithdrawOutcome> out = WithdrawSignature(ctx, f->Get("token"));
  if (!out.ok()) {
    if (out.status().kind() == ErrorKind::kNotFound ||
        out.status().kind() == ErrorKind::kInvalidArgument) {
      return pages.Message(404, "This link does not work",
                           {"The link is incomplete, or a newer one replaced it."});
    }
    return StatusPage(pages, out.status());
  }
  return pages.Message(
      200, "Withdrawn",
      {out->newly_withdrawn ? "Your signature is withdrawn and no longer counts."
                            : "This signature was already withdrawn.",
       "The petition now has " + std::to_string(out->signature_count) + " signatures."},
      "/petitions/" + std::to_string(out->petition_id), "See the petition");
}

}  // namespace

void AddConfirmPages(Router& router, const AppContext& ctx,
                     std::shared_ptr<const PageRenderer> pages) {
  const AppContext* c = &ctx;
  router.Add("GET", "/confirm", [c, pages](const HttpRequest& req, const PathParams&) {
    return ConfirmForm(*c, *pages, std::string(req.QueryParam("token")));
  });
  router.Add("POST", "/confirm", [c, pages](const HttpRequest& req, const PathParams&) {
    return ConfirmSubmit(*c, *pages, req);
  });
  router.Add("GET", "/withdraw", [c, pages](const HttpRequest& req, const PathParams&) {
    return WithdrawForm(*c, *pages, std::string(req.QueryParam("token")));
  });
  router.Add("POST", "/withdraw", [c, pages](const HttpRequest& req, const PathParams&) {
    return WithdrawSubmit(*c, *pages, req);
  });
}

}  // namespace petitio::http
