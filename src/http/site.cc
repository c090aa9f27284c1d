#include "http/site.h"

#include <memory>

#include "app/builtin_messages.h"
#include "http/api/api_routes.h"
#include "http/api/live_routes.h"
#include "http/api/open_data.h"
#include "http/api/staff_routes.h"
#include "http/conditional.h"
#include "http/errors.h"
#include "http/pages/page_common.h"
#include "http/pages/page_routes.h"

namespace petitio::http {

namespace {

HttpResponse Healthy() {
  HttpResponse r;
  r.content_type = "text/plain; charset=utf-8";
  r.headers = {{"Cache-Control", "no-store"}};
  r.body = "ok\n";
  return r;
}

}  // namespace

Result<Site> MakeSite(const AppContext& ctx) {
  Result<std::shared_ptr<const PageRenderer>> pages = PageRenderer::Create(BuiltinMessages());
  if (!pages.ok()) return pages.status();
  auto router = std::make_shared<Router>();
  AddApiRoutes(*router, ctx);
  AddStaffRoutes(*router, ctx);
  AddLiveRoutes(*router, ctx);
  AddOpenDataRoutes(*router, ctx);
  AddFollowPages(*router, ctx, *pages);
  AddPetitionPages(*router, ctx, *pages);
  AddConfirmPages(*router, ctx, *pages);
  AddReceiptPages(*router, ctx, *pages);
  AddEmbedPages(*router, ctx, *pages);
  AddStaffPages(*router, ctx, *pages);
  AddModerationPages(*router, ctx, *pages);
  AddStaticAssets(*router);
  AddLanguageSwitch(*router);
  // Liveness for load balancers and the benchmarks' hello-world baseline: the process answers.
  // From memory, as the count is: the baseline is the stack's quickest answer.
  router->AddWithMemory(
      "GET", "/healthz", [](const HttpRequest&, const PathParams&) { return Healthy(); },
      [](const HttpRequest&, const PathParams&) -> std::optional<HttpResponse> {
        return Healthy();
      });
  router->SetNotFound([pages = *pages](const HttpRequest& req) {
    return StatusPage(pages->For(req), Status::NotFound("no such page"));
  });
  AsyncHandler handler = [router](const HttpRequest& req, Responder respond) {
    if (req.method != "GET" && req.method != "HEAD") {
      return router->Dispatch(req, std::move(respond));
    }
    // Answers to GET and HEAD take a validator: what it reads of the request is kept for it.
    HttpRequest asked;
    asked.method = req.method;
    if (const std::string tag = std::string(req.Header("if-none-match")); !tag.empty()) {
      asked.headers.emplace("if-none-match", tag);
    }
    router->Dispatch(req, [asked = std::move(asked), respond = std::move(respond)](HttpResponse r) {
      respond(WithValidator(asked, std::move(r)));
    });
  };
  return Site{std::move(handler), [router](const HttpRequest& req) { return router->Defers(req); },
              [router](const HttpRequest& req) -> std::optional<HttpResponse> {
                std::optional<HttpResponse> r = router->AnswerFromMemory(req);
                if (!r) return std::nullopt;
                return WithValidator(req, std::move(*r));
              }};
}

HttpResponse PayloadTooLargeResponse(size_t max_body_bytes) {
  return JsonError(413, "payload_too_large",
                   "the request is larger than " + std::to_string(max_body_bytes) + " bytes");
}

HttpResponse BadRequestResponse() {
  return JsonError(400, "bad_request", "the request is not valid HTTP/1.1");
}

namespace {

// Whether the request is `method` on /api/v1/petitions/{one segment}`suffix`.
bool IsPetitionRequest(const HttpRequest& request, std::string_view method,
                       std::string_view suffix) {
  constexpr std::string_view kPrefix = "/api/v1/petitions/";
  const std::string_view path = request.path;
  if (request.method != method || !path.starts_with(kPrefix) || !path.ends_with(suffix) ||
      path.size() <= kPrefix.size() + suffix.size()) {
    return false;
  }
  const std::string_view id =
      path.substr(kPrefix.size(), path.size() - kPrefix.size() - suffix.size());
  return id.find('/') == std::string_view::npos;
}

}  // namespace

bool NeverWrites(const HttpRequest& request) {
  if (request.method == "GET" || request.method == "HEAD") return true;
  return IsPetitionRequest(request, "POST", "/idp/nonce");
}

HttpResponse OverloadedResponse() {
  HttpResponse r = JsonError(503, "overloaded", "the server is busy; try again in a second");
  r.headers.emplace_back("Retry-After", "1");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace petitio::http
