// Conditional GET (RFC 9110 §8.8.3, §13.1.2) for answers that caches may keep: a strong ETag
// (a digest of the body) on every 200 answer to GET or HEAD that says it may be cached — its
// Cache-Control is present and not no-store — that sets no cookie and is not a stream; and a
// 304 without a body when the request's If-None-Match names that tag (or is "*"). So a client
// or a CDN that polls a count or the open data revalidates for a few bytes instead of fetching
// it again. Pages and personal answers are no-store, and keep being fetched whole.
#pragma once

#include "http/message.h"

namespace petitio::http {

HttpResponse WithValidator(const HttpRequest& req, HttpResponse r);

}  // namespace petitio::http
