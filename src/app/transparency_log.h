// Reading a public petition's transparency log (docs/transparency-log.md): its signed tree
// head, its leaves, and RFC 9162 inclusion and consistency proofs, all computed from the stored
// perfect-subtree hashes. Petitions not public answer petition_not_found; sizes and indexes
// beyond the log are invalid_log_request.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/context.h"
#include "domain/merkle.h"

namespace petitio {

struct TreeHead {
  uint64_t tree_size = 0;
  int64_t timestamp_ms = 0;
  MerkleHash root{};
  std::string signature;  // Ed25519 over TreeHeadText, 64 raw bytes
};

inline constexpr uint64_t kMaxLogEntriesPerRequest = 1000;

// The head of the log as it stands, signed now.
Result<TreeHead> SignedTreeHead(const AppContext& ctx, int64_t petition_id);
// The current size and root, unsigned (for the petition's JSON).
Result<TreeHead> CurrentTreeHead(const AppContext& ctx, int64_t petition_id);
// Leaves start..end inclusive, at most kMaxLogEntriesPerRequest.
Result<std::vector<std::string>> LogLeaves(const AppContext& ctx, int64_t petition_id,
                                           uint64_t start, uint64_t end);
Result<std::vector<MerkleHash>> LogInclusionProof(const AppContext& ctx, int64_t petition_id,
                                                  uint64_t index, uint64_t tree_size);
Result<std::vector<MerkleHash>> LogConsistencyProof(const AppContext& ctx, int64_t petition_id,
                                                    uint64_t first, uint64_t second);

}  // namespace petitio
