#include "http/conditional.h"

#include <algorithm>
#include <cctype>

#include "domain/crypto.h"

namespace petitio::http {

namespace {

const std::string* HeaderOf(const HttpResponse& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == b;
        })) {
      return &v;
    }
  }
  return nullptr;
}

// True when If-None-Match (a list of entity tags, weak ones compared weakly) names `tag`.
bool Matches(std::string_view if_none_match, std::string_view tag) {
  size_t pos = 0;
  while (pos < if_none_match.size()) {
    size_t comma = if_none_match.find(',', pos);
    if (comma == std::string_view::npos) comma = if_none_match.size();
    std::string_view item = if_none_match.substr(pos, comma - pos);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (item == "*") return true;
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);
    if (item == tag) return true;
    pos = comma + 1;
  }
  return false;
}

}  // namespace

HttpResponse WithValidator(const HttpRequest& req, HttpResponse r) {
  if ((req.method != "GET" && req.method != "HEAD") || r.status != 200 || r.events) return r;
  const std::string* cache = HeaderOf(r, "cache-control");
  if (cache == nullptr || cache->find("no-store") != std::string::npos) return r;
  if (HeaderOf(r, "set-cookie") != nullptr) return r;
  const std::string tag = "\"" + Sha256Hex(r.body).substr(0, 32) + "\"";
  r.headers.emplace_back("ETag", tag);
  if (Matches(req.Header("if-none-match"), tag)) {
    r.status = 304;
    r.body.clear();
  }
  return r;
}

}  // namespace petitio::http
