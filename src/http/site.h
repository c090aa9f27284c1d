// The whole site as one HTTP handler: the JSON API, the pages and the static assets, routed.
// The handler is safe to call from many threads; `ctx` must outlive it.
#pragma once

#include "app/context.h"
#include "domain/result.h"
#include "http/server.h"

namespace petitio::http {

Result<Handler> MakeSiteHandler(const AppContext& ctx);
// The answers the server gives on its own, before any handler runs.
HttpResponse PayloadTooLargeResponse(size_t max_body_bytes);
HttpResponse BadRequestResponse();
// 503 "overloaded" with Retry-After: 1.
HttpResponse OverloadedResponse();

}  // namespace petitio::http
