// The whole site as one HTTP handler: the JSON API, the pages and the static assets, routed.
// The handler is safe to call from many threads; `ctx` must outlive it.
#pragma once

#include <functional>
#include <optional>

#include "app/context.h"
#include "domain/result.h"
#include "http/server.h"

namespace petitio::http {

struct Site {
  AsyncHandler handler;
  // For ServerOptions::answers_inline: the requests whose routes answer from a write's
  // continuation and never block (Router::AddDeferred; the API's signing and confirming).
  std::function<bool(const HttpRequest&)> answers_inline;
  // For ServerOptions::answer_from_memory: the public count and petition JSON, and the
  // liveness check, answered from memory (Router::AddWithMemory) with their validators.
  std::function<std::optional<HttpResponse>(const HttpRequest&)> answer_from_memory;
};
Result<Site> MakeSite(const AppContext& ctx);
// The answers the server gives on its own, before any handler runs.
HttpResponse PayloadTooLargeResponse(size_t max_body_bytes);
HttpResponse BadRequestResponse();
// 503 "overloaded" with Retry-After: 1.
HttpResponse OverloadedResponse();
// The site's requests that never wait for a store write (ServerOptions::never_writes): GET and
// HEAD, and asking for an identity provider's nonce (a keyed hash, nothing stored), so that a
// signer's first step never queues behind signatures waiting for their commit.
bool NeverWrites(const HttpRequest& request);

}  // namespace petitio::http
