// Stored perfect-subtree hashes give the same roots and proofs as the tree over all leaves
// (domain/merkle.h, itself checked against the RFC 6962 reference vectors), reading few nodes.
#include "domain/merkle_nodes.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>

namespace petitio {
namespace {

struct NodeStore {
  std::map<std::pair<int, uint64_t>, MerkleHash> nodes;
  int reads = 0;
  MerkleNodeReader Reader() {
    return [this](int level, uint64_t index) -> Result<MerkleHash> {
      ++reads;
      auto it = nodes.find({level, index});
      if (it == nodes.end()) return Status::Internal("missing node");
      return it->second;
    };
  }
};

TEST(MerkleNodes, AppendsGiveTheSameRootsAndProofsAsTheWholeTree) {
  NodeStore store;
  std::vector<MerkleHash> leaves;
  for (uint64_t n = 0; n < 70; ++n) {
    const MerkleHash leaf = LeafHash("leaf " + std::to_string(n));
    Result<std::vector<MerkleNode>> add = NodesForAppend(store.Reader(), n, leaf);
    ASSERT_TRUE(add.ok());
    for (const MerkleNode& node : *add) store.nodes[{node.level, node.index}] = node.hash;
    leaves.push_back(leaf);
    const uint64_t size = n + 1;
    ASSERT_EQ(RootFromNodes(store.Reader(), size).value(), RootOf(leaves)) << size;
  }
  EXPECT_EQ(RootFromNodes(store.Reader(), 0).value(), EmptyTreeRoot());
  for (uint64_t size : {1, 2, 3, 7, 8, 9, 31, 33, 64, 70}) {
    const auto tree = std::span(leaves).first(size);
    for (uint64_t i = 0; i < size; ++i) {
      EXPECT_EQ(InclusionFromNodes(store.Reader(), i, size).value(), InclusionProof(tree, i))
          << i << " of " << size;
    }
    for (uint64_t m = 1; m <= size; ++m) {
      EXPECT_EQ(ConsistencyFromNodes(store.Reader(), m, size).value(), ConsistencyProof(tree, m))
          << m << " -> " << size;
    }
  }
  EXPECT_FALSE(InclusionFromNodes(store.Reader(), 70, 70).ok());
  EXPECT_FALSE(ConsistencyFromNodes(store.Reader(), 0, 5).ok());
  EXPECT_FALSE(ConsistencyFromNodes(store.Reader(), 6, 5).ok());
}

TEST(MerkleNodes, CostGrowsWithTheLogarithmOfTheSize) {
  NodeStore store;
  for (uint64_t n = 0; n < 5000; ++n) {
    Result<std::vector<MerkleNode>> add =
        NodesForAppend(store.Reader(), n, LeafHash(std::to_string(n)));
    for (const MerkleNode& node : *add) store.nodes[{node.level, node.index}] = node.hash;
    EXPECT_LE(add->size(), 14u);
  }
  store.reads = 0;
  ASSERT_TRUE(RootFromNodes(store.Reader(), 4999).ok());
  EXPECT_LE(store.reads, 13) << "one node per set bit of the size";
  store.reads = 0;
  ASSERT_TRUE(InclusionFromNodes(store.Reader(), 1234, 4999).ok());
  EXPECT_LE(store.reads, 13 * 13);
}

}  // namespace
}  // namespace petitio
