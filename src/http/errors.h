// The one table from error kinds to HTTP statuses, and the JSON error body every API error
// uses: {"error": {"code": "...", "message": "..."}}.
#pragma once

#include <string>

#include "domain/result.h"
#include "http/message.h"

namespace petitio::http {

int HttpStatusFor(ErrorKind kind);
// For a Status; a 401 (kUnauthenticated) carries WWW-Authenticate: Bearer.
HttpResponse JsonError(const Status& status);
HttpResponse JsonError(int http_status, const std::string& code, const std::string& message);
// JSON string literal for `s` (quotes included), escaping per RFC 8259.
std::string JsonQuote(const std::string& s);

}  // namespace petitio::http
