// The whole site as one HTTP handler: the JSON API, the pages and the static assets, routed.
// The handler is safe to call from many threads; `ctx` must outlive it.
#pragma once

#include "app/context.h"
#include "domain/result.h"
#include "http/server.h"

namespace petitio::http {

Result<AsyncHandler> MakeSiteHandler(const AppContext& ctx);
// The answers the server gives on its own, before any handler runs.
HttpResponse PayloadTooLargeResponse(size_t max_body_bytes);
HttpResponse BadRequestResponse();
// 503 "overloaded" with Retry-After: 1.
HttpResponse OverloadedResponse();
// The site's requests that never wait for a store write (ServerOptions::never_writes): GET and
// HEAD, and asking for an identity provider's nonce (a keyed hash, nothing stored), so that a
// signer's first step never queues behind signatures waiting for their commit.
bool NeverWrites(const HttpRequest& request);
// The site's requests whose handlers never block (ServerOptions::answers_inline): the API's
// signing (by mail, as a sponsor, through the identity provider) and confirming check their
// input and hand their write to the store, which answers when the write commits.
bool AnswersInline(const HttpRequest& request);

}  // namespace petitio::http
