// The JSON API v1 (docs/api.md): thin handlers that parse, call one use case, and render.
#pragma once

#include "app/context.h"
#include "http/router.h"

namespace petitio::http {

void AddApiRoutes(Router& router, const AppContext& ctx);

// The bearer token of an Authorization header, or empty.
std::string BearerToken(const HttpRequest& request);

}  // namespace petitio::http
