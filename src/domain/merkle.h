// Merkle tree hashing of RFC 6962 §2.1 (as restated in RFC 9162 §2.1), so that roots and proofs
// match other Certificate Transparency implementations on the same leaves:
//   leaf hash  SHA-256(0x00 || leaf)        node hash  SHA-256(0x01 || left || right)
//   the tree of n > 1 leaves splits at k, the largest power of two smaller than n.
// RootOf, InclusionProof and ConsistencyProof work over the leaf hashes of a whole tree;
// VerifyInclusion and VerifyConsistency check a proof against roots alone (RFC 9162 §2.1.3.2 and
// §2.1.4.2), which is what an auditor holds. Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace petitio {

using MerkleHash = std::array<uint8_t, 32>;

MerkleHash LeafHash(std::string_view leaf);
MerkleHash NodeHash(const MerkleHash& left, const MerkleHash& right);
// The root of the empty tree: SHA-256 of nothing.
MerkleHash EmptyTreeRoot();

MerkleHash RootOf(std::span<const MerkleHash> leaf_hashes);
// The audit path of leaf `index` in the tree of all `leaf_hashes`; empty when out of range.
std::vector<MerkleHash> InclusionProof(std::span<const MerkleHash> leaf_hashes, uint64_t index);
// The proof that the tree of the first `first` leaves is a prefix of the tree of all of them
// (0 < first <= size); empty when first == size or out of range.
std::vector<MerkleHash> ConsistencyProof(std::span<const MerkleHash> leaf_hashes, uint64_t first);

bool VerifyInclusion(uint64_t index, uint64_t tree_size, const MerkleHash& leaf_hash,
                     std::span<const MerkleHash> proof, const MerkleHash& root);
bool VerifyConsistency(uint64_t first, uint64_t second, const MerkleHash& first_root,
                       const MerkleHash& second_root, std::span<const MerkleHash> proof);

std::string ToHex(const MerkleHash& h);
std::optional<MerkleHash> MerkleHashFromHex(std::string_view hex);

}  // namespace petitio
