#include "http/router.h"

#include "http/errors.h"

namespace petitio::http {

namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 1;  // paths begin with '/'
  while (start <= path.size()) {
    const size_t slash = path.find('/', start);
    const size_t end = slash == std::string::npos ? path.size() : slash;
    out.push_back(path.substr(start, end - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

bool Match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
           PathParams& params) {
  if (pattern.size() != path.size()) return false;
  PathParams captured;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const std::string& p = pattern[i];
    const size_t close = p.find('}');
    if (p.size() > 2 && p.front() == '{' && close != std::string::npos) {
      // "{name}" takes the whole segment; "{name}.atom" a segment ending in ".atom".
      const std::string suffix = p.substr(close + 1);
      const std::string& segment = path[i];
      if (segment.size() <= suffix.size() ||
          segment.compare(segment.size() - suffix.size(), suffix.size(), suffix) != 0) {
        return false;
      }
      captured[p.substr(1, close - 1)] = segment.substr(0, segment.size() - suffix.size());
    } else if (p != path[i]) {
      return false;
    }
  }
  params = std::move(captured);
  return true;
}

}  // namespace

std::optional<int64_t> ParsePetitionId(const std::string& segment) {
  if (segment.empty() || segment.size() > 18 || segment[0] == '0') return std::nullopt;
  int64_t id = 0;
  for (char c : segment) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  return id;
}

std::optional<int64_t> PetitionIdOf(const PathParams& params) {
  const auto it = params.find("id");
  return it == params.end() ? std::nullopt : ParsePetitionId(it->second);
}

Route WithPetitionId(PetitionHandler handle, std::function<HttpResponse()> unknown) {
  return WithPetitionId(std::move(handle),
                        [unknown = std::move(unknown)](const HttpRequest&) { return unknown(); });
}

Route WithPetitionId(PetitionHandler handle,
                     std::function<HttpResponse(const HttpRequest&)> unknown) {
  return [handle = std::move(handle), unknown = std::move(unknown)](const HttpRequest& req,
                                                                    const PathParams& params) {
    const std::optional<int64_t> id = PetitionIdOf(params);
    return id ? handle(req, *id) : unknown(req);
  };
}

DeferredRoute WithPetitionIdDeferred(DeferredPetitionHandler handle,
                                     std::function<HttpResponse()> unknown) {
  return [handle = std::move(handle), unknown = std::move(unknown)](
             const HttpRequest& req, const PathParams& params, Responder respond) {
    const std::optional<int64_t> id = PetitionIdOf(params);
    if (!id) return respond(unknown());
    handle(req, *id, std::move(respond));
  };
}

void Router::Add(const std::string& method, const std::string& pattern, Route route) {
  entries_.push_back({method, Split(pattern), std::move(route), {}, {}});
}

void Router::AddDeferred(const std::string& method, const std::string& pattern,
                         DeferredRoute route) {
  entries_.push_back({method, Split(pattern), {}, std::move(route), {}});
  deferred_methods_.insert(method);
}

void Router::AddWithMemory(const std::string& method, const std::string& pattern, Route route,
                           MemoryRoute from_memory) {
  memory_entries_.push_back(entries_.size());
  entries_.push_back({method, Split(pattern), std::move(route), {}, std::move(from_memory)});
}

void Router::SetNotFound(std::function<HttpResponse(const HttpRequest&)> not_found) {
  not_found_ = std::move(not_found);
}

void Router::Dispatch(const HttpRequest& request, Responder respond) const {
  PathParams params;
  std::string allow;
  const Entry* e = Find(request, params, allow);
  if (e == nullptr) return respond(NoRoute(request, allow));
  if (e->deferred) return e->deferred(request, params, std::move(respond));
  respond(e->route(request, params));
}

bool Router::Defers(const HttpRequest& request) const {
  const std::string& method = request.method == "HEAD" ? std::string("GET") : request.method;
  if (!deferred_methods_.contains(method)) return false;
  PathParams params;
  std::string allow;
  const Entry* e = Find(request, params, allow);
  return e != nullptr && e->deferred;
}

std::optional<HttpResponse> Router::AnswerFromMemory(const HttpRequest& request) const {
  if (memory_entries_.empty()) return std::nullopt;
  const std::string_view method =
      request.method == "HEAD" ? std::string_view("GET") : std::string_view(request.method);
  std::optional<std::vector<std::string>> path;  // split once a memory route takes the method
  PathParams params;
  for (const size_t i : memory_entries_) {
    const Entry& e = entries_[i];
    if (e.method != method) continue;
    if (!path) path = Split(request.path.empty() ? "/" : request.path);
    if (Match(e.segments, *path, params)) return e.from_memory(request, params);
  }
  return std::nullopt;
}

const Router::Entry* Router::Find(const HttpRequest& request, PathParams& params,
                                  std::string& allow) const {
  const bool head = request.method == "HEAD";
  const std::string& method = head ? std::string("GET") : request.method;
  const std::vector<std::string> path = Split(request.path.empty() ? "/" : request.path);
  for (const Entry& e : entries_) {
    if (!Match(e.segments, path, params)) continue;
    if (e.method == method) return &e;
    if (allow.find(e.method) == std::string::npos) allow += (allow.empty() ? "" : ", ") + e.method;
  }
  return nullptr;
}

HttpResponse Router::NoRoute(const HttpRequest& request, const std::string& allow) const {
  if (!allow.empty()) {
    HttpResponse r =
        JsonError(405, "method_not_allowed", request.method + " is not allowed here; use " + allow);
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  const bool api = request.path.rfind("/api/", 0) == 0;
  if (!api && not_found_) return not_found_(request);
  return JsonError(404, "no_route", "no such resource: " + request.path);
}

}  // namespace petitio::http
