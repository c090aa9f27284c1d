#include "http/api/log_routes.h"

#include <boost/json.hpp>

#include "app/transparency_log.h"
#include "domain/log_entry.h"
#include "domain/tree_head.h"
#include "http/api/json_reply.h"
#include "http/errors.h"

namespace petitio::http {

namespace json = boost::json;

namespace {

// A required whole-number query parameter.
std::optional<uint64_t> Param(const HttpRequest& req, std::string_view name) {
  const std::string_view v = req.QueryParam(name);
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  return std::stoull(std::string(v));
}

HttpResponse UnknownPetition() { return JsonError(404, "petition_not_found", "no such petition"); }

HttpResponse BadParams(const char* names) {
  return JsonError(400, "invalid_log_request", std::string(names) + " must be whole numbers");
}

json::array HexList(const std::vector<MerkleHash>& hashes) {
  json::array a;
  for (const MerkleHash& h : hashes) a.push_back(json::string(ToHex(h)));
  return a;
}

json::object EntryJson(uint64_t index, const std::string& leaf) {
  json::object o{{"index", index}, {"leaf", Base64(leaf)}};
  Result<LogEntry> e = DecodeLogEntry(leaf);
  if (!e.ok()) return o;
  o["type"] = LogEntryTypeName(e->type);
  o["petition_id"] = e->petition_id;
  o["timestamp"] = e->timestamp_s;
  o["pseudonym"] = ToHex(e->pseudonym);
  o["region"] = e->region;
  if (e->type != LogEntryType::kSignature) o["cancels"] = e->cancels;
  return o;
}

}  // namespace

void AddLogRoutes(Router& router, const AppContext& ctx) {
  const AppContext* c = &ctx;
  router.Add("GET", "/api/v1/log/key", [c](const HttpRequest&, const PathParams&) {
    if (c->log_key == nullptr) return JsonError(404, "no_log_key", "no log key is configured");
    const std::string pk(reinterpret_cast<const char*>(c->log_key->public_key.data()),
                         c->log_key->public_key.size());
    return JsonReply(200, json::object{{"algorithm", "ed25519"}, {"public_key", Base64(pk)}});
  });
  router.Add("GET", "/api/v1/petitions/{id}/log/sth",
             WithPetitionId(
                 [c](const HttpRequest&, int64_t id) {
                   Result<TreeHead> h = SignedTreeHead(*c, id);
                   if (!h.ok()) return JsonError(h.status());
                   return JsonReply(200, json::object{{"tree_size", h->tree_size},
                                                      {"timestamp_ms", h->timestamp_ms},
                                                      {"root_hash", ToHex(h->root)},
                                                      {"signature", Base64(h->signature)}});
                 },
                 UnknownPetition));
  router.Add("GET", "/api/v1/petitions/{id}/log/entries",
             WithPetitionId(
                 [c](const HttpRequest& req, int64_t id) {
                   const std::optional<uint64_t> start = Param(req, "start");
                   const std::optional<uint64_t> end = Param(req, "end");
                   if (!start || !end) return BadParams("start and end");
                   Result<std::vector<std::string>> leaves = LogLeaves(*c, id, *start, *end);
                   if (!leaves.ok()) return JsonError(leaves.status());
                   json::array entries;
                   for (size_t i = 0; i < leaves->size(); ++i) {
                     entries.push_back(EntryJson(*start + i, (*leaves)[i]));
                   }
                   return JsonReply(200, json::object{{"entries", std::move(entries)}});
                 },
                 UnknownPetition));
  router.Add("GET", "/api/v1/petitions/{id}/log/proof",
             WithPetitionId(
                 [c](const HttpRequest& req, int64_t id) {
                   const std::optional<uint64_t> index = Param(req, "index");
                   const std::optional<uint64_t> size = Param(req, "tree_size");
                   if (!index || !size) return BadParams("index and tree_size");
                   Result<std::vector<MerkleHash>> p = LogInclusionProof(*c, id, *index, *size);
                   if (!p.ok()) return JsonError(p.status());
                   return JsonReply(
                       200, json::object{{"leaf_index", *index}, {"audit_path", HexList(*p)}});
                 },
                 UnknownPetition));
  router.Add("GET", "/api/v1/petitions/{id}/log/consistency",
             WithPetitionId(
                 [c](const HttpRequest& req, int64_t id) {
                   const std::optional<uint64_t> first = Param(req, "first");
                   const std::optional<uint64_t> second = Param(req, "second");
                   if (!first || !second) return BadParams("first and second");
                   Result<std::vector<MerkleHash>> p = LogConsistencyProof(*c, id, *first, *second);
                   if (!p.ok()) return JsonError(p.status());
                   return JsonReply(200, json::object{{"consistency", HexList(*p)}});
                 },
                 UnknownPetition));
}

}  // namespace petitio::http
