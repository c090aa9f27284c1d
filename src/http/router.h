// Router: maps (method, path pattern) to a route. Patterns are literal segments and
// `{name}` segments that capture one path segment: "/api/v1/petitions/{id}/count", or
// `{name}.ext` segments that capture a segment ending in ".ext" without it
// ("/petitions/{id}.atom"). The first pattern that matches wins, so such routes are added before a
// bare `{name}` one.
//
// A deferred route answers through a Responder, possibly later and from another thread (a
// signature answered when its write commits); it must not block.
//
// A route may also answer from memory (AddWithMemory): AnswerFromMemory runs that part alone,
// which never blocks and says nullopt when memory cannot answer (the route itself then answers,
// through Dispatch). A server calls it on its IO thread, so a count polled by thousands never
// waits for a worker. Memory parts are tried before any route: a path one takes must be its
// route's, not an earlier route's.
//
// Dispatch answers 404 (no pattern matches the path) or 405 with an Allow header (the path
// matches under other methods) as JSON errors for /api/ paths and through the not-found page
// otherwise. HEAD is answered by the GET route, body and all: the server sends the head alone, so
// its Content-Length and validator are the GET's (RFC 9110 §9.3.2). Routes are added before
// serving; Dispatch is then safe to call from many threads.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "http/message.h"

namespace petitio::http {

using PathParams = std::map<std::string, std::string>;
using Route = std::function<HttpResponse(const HttpRequest&, const PathParams&)>;
using DeferredRoute = std::function<void(const HttpRequest&, const PathParams&, Responder)>;
using MemoryRoute =
    std::function<std::optional<HttpResponse>(const HttpRequest&, const PathParams&)>;

// Parses a petition id path segment: 1 to 18 decimal digits, no leading zero.
std::optional<int64_t> ParsePetitionId(const std::string& segment);
// The petition id the path's {id} segment names; nullopt when there is none or it is malformed.
std::optional<int64_t> PetitionIdOf(const PathParams& params);

// A route for a path whose {id} segment names a petition: a malformed id is answered by
// `unknown` and `handle` is not called.
using PetitionHandler = std::function<HttpResponse(const HttpRequest&, int64_t id)>;
Route WithPetitionId(PetitionHandler handle, std::function<HttpResponse()> unknown);
Route WithPetitionId(PetitionHandler handle,
                     std::function<HttpResponse(const HttpRequest&)> unknown);

// The same for a deferred route.
using DeferredPetitionHandler = std::function<void(const HttpRequest&, int64_t id, Responder)>;
DeferredRoute WithPetitionIdDeferred(DeferredPetitionHandler handle,
                                     std::function<HttpResponse()> unknown);

class Router {
 public:
  void Add(const std::string& method, const std::string& pattern, Route route);
  void AddDeferred(const std::string& method, const std::string& pattern, DeferredRoute route);
  // `route` with its answer from memory, tried first by AnswerFromMemory.
  void AddWithMemory(const std::string& method, const std::string& pattern, Route route,
                     MemoryRoute from_memory);
  // Answers requests no route matches (for HTML paths); JSON 404 when unset.
  void SetNotFound(std::function<HttpResponse(const HttpRequest&)> not_found);
  // Answers through `respond`: at once, or later for a deferred route.
  void Dispatch(const HttpRequest& request, Responder respond) const;
  // Whether the request goes to a deferred route, whose handler never blocks (so a server may
  // run it on its IO thread). Cheap for a method no deferred route has.
  bool Defers(const HttpRequest& request) const;
  // The answer of the route's memory part (HEAD: the GET's); nullopt when the request has
  // no such route or memory cannot answer it. Cheap for a path no memory route has.
  std::optional<HttpResponse> AnswerFromMemory(const HttpRequest& request) const;

 private:
  struct Entry {
    std::string method;
    std::vector<std::string> segments;
    Route route;  // one of these two
    DeferredRoute deferred;
    MemoryRoute from_memory;  // beside `route`, when added with AddWithMemory
  };
  // The entry for the request and its path parameters; nullptr when none, with the methods the
  // path takes in `allow` (empty: no route has the path).
  const Entry* Find(const HttpRequest& request, PathParams& params, std::string& allow) const;
  // The answer when no entry takes the request: 405 with Allow, or 404.
  HttpResponse NoRoute(const HttpRequest& request, const std::string& allow) const;

  std::vector<Entry> entries_;
  std::vector<size_t> memory_entries_;  // indexes in entries_ of those with a memory part
  std::set<std::string> deferred_methods_;
  std::function<HttpResponse(const HttpRequest&)> not_found_;
};

}  // namespace petitio::http
