// The JSON API v1 (docs/api.md): thin handlers that parse, call one use case, and render.
#pragma once

#include "app/context.h"
#include "http/router.h"

namespace petitio::http {

void AddApiRoutes(Router& router, const AppContext& ctx);

// Parses a petition id path segment: 1 to 18 decimal digits.
std::optional<int64_t> ParsePetitionId(const std::string& segment);

// The bearer token of an Authorization header, or empty.
std::string BearerToken(const HttpRequest& request);

}  // namespace petitio::http
