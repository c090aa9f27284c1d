// The same Merkle tree (domain/merkle.h) computed from stored hashes of perfect subtrees, so that
// appending, roots and proofs read and write O(log n) hashes instead of rehashing the log.
//
// Node (level L, index i) is the root of the perfect subtree over leaves [i·2^L, (i+1)·2^L);
// level 0 holds the leaf hashes. Appending leaf n produces the level-0 node n and, while the
// index is odd, the parent of it and its left sibling. A tree of any size is made of such
// nodes, so its root, audit paths and consistency proofs need only them. Pure over a source.
#pragma once

#include <cstdint>
#include <functional>
#include <tuple>
#include <vector>

#include "domain/merkle.h"
#include "domain/result.h"

namespace petitio {

// Reads a stored perfect-subtree hash.
using MerkleNodeReader = std::function<Result<MerkleHash>(int level, uint64_t index)>;

struct MerkleNode {
  int level = 0;
  uint64_t index = 0;
  MerkleHash hash{};
};

// The nodes to store when leaf `size` (0-based: the tree had `size` leaves) is appended.
Result<std::vector<MerkleNode>> NodesForAppend(const MerkleNodeReader& read, uint64_t size,
                                               const MerkleHash& leaf_hash);
Result<MerkleHash> RootFromNodes(const MerkleNodeReader& read, uint64_t size);
Result<std::vector<MerkleHash>> InclusionFromNodes(const MerkleNodeReader& read, uint64_t index,
                                                   uint64_t size);
Result<std::vector<MerkleHash>> ConsistencyFromNodes(const MerkleNodeReader& read, uint64_t first,
                                                     uint64_t second);

}  // namespace petitio
