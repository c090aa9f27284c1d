#include "app/transparency_log.h"

#include "app/validation.h"
#include "domain/merkle_nodes.h"
#include "domain/tree_head.h"

namespace petitio {

namespace {

Status BadRequest(const std::string& why) { return Status::Invalid(why, "invalid_log_request"); }

// The log size of a public petition.
Result<uint64_t> PublicLogSize(const AppContext& ctx, int64_t id) {
  Result<Petition> p = ctx.store.GetPetition(id);
  if (!p.ok()) return PetitionLookupError(p.status());
  if (!IsVisible(p->state)) return Status::NotFound("no such petition", "petition_not_found");
  return ctx.store.GetLogSize(id);
}

MerkleNodeReader Reader(const AppContext& ctx, int64_t id) {
  return [&ctx, id](int level, uint64_t index) { return ctx.store.GetLogNode(id, level, index); };
}

}  // namespace

Result<TreeHead> CurrentTreeHead(const AppContext& ctx, int64_t petition_id) {
  Result<uint64_t> size = ctx.store.GetLogSize(petition_id);
  if (!size.ok()) return size.status();
  Result<MerkleHash> root = RootFromNodes(Reader(ctx, petition_id), *size);
  if (!root.ok()) return root.status();
  return TreeHead{*size, ToMillis(ctx.clock.Now()), *root, ""};
}

Result<TreeHead> SignedTreeHead(const AppContext& ctx, int64_t petition_id) {
  if (ctx.log_key == nullptr) return Status::Internal("no log key is configured");
  Result<uint64_t> size = PublicLogSize(ctx, petition_id);
  if (!size.ok()) return size.status();
  Result<TreeHead> head = CurrentTreeHead(ctx, petition_id);
  if (!head.ok()) return head;
  head->signature =
      SignTreeHead(*ctx.log_key, TreeHeadText(static_cast<uint64_t>(petition_id), head->tree_size,
                                              head->timestamp_ms, head->root));
  return head;
}

Result<std::vector<std::string>> LogLeaves(const AppContext& ctx, int64_t petition_id,
                                           uint64_t start, uint64_t end) {
  Result<uint64_t> size = PublicLogSize(ctx, petition_id);
  if (!size.ok()) return size.status();
  if (start > end) return BadRequest("start must not be after end");
  if (end >= *size) return BadRequest("the log has " + std::to_string(*size) + " entries");
  if (end - start + 1 > kMaxLogEntriesPerRequest) {
    return BadRequest("at most " + std::to_string(kMaxLogEntriesPerRequest) + " entries at once");
  }
  return ctx.store.GetLogEntries(petition_id, start, end);
}

Result<std::vector<MerkleHash>> LogInclusionProof(const AppContext& ctx, int64_t petition_id,
                                                  uint64_t index, uint64_t tree_size) {
  Result<uint64_t> size = PublicLogSize(ctx, petition_id);
  if (!size.ok()) return size.status();
  if (tree_size == 0 || tree_size > *size || index >= tree_size) {
    return BadRequest("need index < tree_size <= " + std::to_string(*size));
  }
  return InclusionFromNodes(Reader(ctx, petition_id), index, tree_size);
}

Result<std::vector<MerkleHash>> LogConsistencyProof(const AppContext& ctx, int64_t petition_id,
                                                    uint64_t first, uint64_t second) {
  Result<uint64_t> size = PublicLogSize(ctx, petition_id);
  if (!size.ok()) return size.status();
  if (first == 0 || first > second || second > *size) {
    return BadRequest("need 0 < first <= second <= " + std::to_string(*size));
  }
  return ConsistencyFromNodes(Reader(ctx, petition_id), first, second);
}

}  // namespace petitio
