// Router: maps (method, path pattern) to a route. Patterns are literal segments and
// `{name}` segments that capture one path segment: "/api/v1/petitions/{id}/count", or
// `{name}.ext` segments that capture a segment ending in ".ext" without it
// ("/petitions/{id}.atom"). The first pattern that matches wins, so such routes are added before a
// bare `{name}` one.
//
// Dispatch answers 404 (no pattern matches the path) or 405 with an Allow header (the path
// matches under other methods) as JSON errors for /api/ paths and through the not-found page
// otherwise. HEAD is served by the GET route with the body dropped. Routes are added before
// serving; Dispatch is then safe to call from many threads.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"

namespace petitio::http {

using PathParams = std::map<std::string, std::string>;
using Route = std::function<HttpResponse(const HttpRequest&, const PathParams&)>;

// Parses a petition id path segment: 1 to 18 decimal digits, no leading zero.
std::optional<int64_t> ParsePetitionId(const std::string& segment);

// A route for a path whose {id} segment names a petition: a malformed id is answered by
// `unknown` and `handle` is not called.
using PetitionHandler = std::function<HttpResponse(const HttpRequest&, int64_t id)>;
Route WithPetitionId(PetitionHandler handle, std::function<HttpResponse()> unknown);
Route WithPetitionId(PetitionHandler handle,
                     std::function<HttpResponse(const HttpRequest&)> unknown);

class Router {
 public:
  void Add(const std::string& method, const std::string& pattern, Route route);
  // Answers requests no route matches (for HTML paths); JSON 404 when unset.
  void SetNotFound(std::function<HttpResponse(const HttpRequest&)> not_found);
  HttpResponse Dispatch(const HttpRequest& request) const;

 private:
  struct Entry {
    std::string method;
    std::vector<std::string> segments;
    Route route;
  };
  std::vector<Entry> entries_;
  std::function<HttpResponse(const HttpRequest&)> not_found_;
};

}  // namespace petitio::http
