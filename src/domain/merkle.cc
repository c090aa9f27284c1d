#include "domain/merkle.h"

#include <sodium.h>

namespace petitio {

namespace {

MerkleHash Sha256(std::initializer_list<std::span<const uint8_t>> parts) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  for (std::span<const uint8_t> p : parts) crypto_hash_sha256_update(&state, p.data(), p.size());
  MerkleHash out;
  crypto_hash_sha256_final(&state, out.data());
  return out;
}

// The largest power of two smaller than n (n > 1).
uint64_t SplitPoint(uint64_t n) {
  uint64_t k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

// RFC 9162 §2.1.3.1: PATH(m, D[n]).
void Path(std::span<const MerkleHash> d, uint64_t m, std::vector<MerkleHash>& out) {
  const uint64_t n = d.size();
  if (n <= 1) return;
  const uint64_t k = SplitPoint(n);
  if (m < k) {
    Path(d.subspan(0, k), m, out);
    out.push_back(RootOf(d.subspan(k)));
  } else {
    Path(d.subspan(k), m - k, out);
    out.push_back(RootOf(d.subspan(0, k)));
  }
}

// RFC 9162 §2.1.4.1: SUBPROOF(m, D[n], b).
void Subproof(uint64_t m, std::span<const MerkleHash> d, bool b, std::vector<MerkleHash>& out) {
  const uint64_t n = d.size();
  if (m == n) {
    if (!b) out.push_back(RootOf(d));
    return;
  }
  const uint64_t k = SplitPoint(n);
  if (m <= k) {
    Subproof(m, d.subspan(0, k), b, out);
    out.push_back(RootOf(d.subspan(k)));
  } else {
    Subproof(m - k, d.subspan(k), false, out);
    out.push_back(RootOf(d.subspan(0, k)));
  }
}

}  // namespace

MerkleHash LeafHash(std::string_view leaf) {
  static constexpr uint8_t kPrefix[1] = {0x00};
  return Sha256({kPrefix, {reinterpret_cast<const uint8_t*>(leaf.data()), leaf.size()}});
}

MerkleHash NodeHash(const MerkleHash& left, const MerkleHash& right) {
  static constexpr uint8_t kPrefix[1] = {0x01};
  return Sha256({kPrefix, left, right});
}

MerkleHash EmptyTreeRoot() { return Sha256({}); }

MerkleHash RootOf(std::span<const MerkleHash> d) {
  if (d.empty()) return EmptyTreeRoot();
  if (d.size() == 1) return d[0];
  const uint64_t k = SplitPoint(d.size());
  return NodeHash(RootOf(d.subspan(0, k)), RootOf(d.subspan(k)));
}

std::vector<MerkleHash> InclusionProof(std::span<const MerkleHash> d, uint64_t index) {
  std::vector<MerkleHash> out;
  if (index < d.size()) Path(d, index, out);
  return out;
}

std::vector<MerkleHash> ConsistencyProof(std::span<const MerkleHash> d, uint64_t first) {
  std::vector<MerkleHash> out;
  if (first > 0 && first < d.size()) Subproof(first, d, true, out);
  return out;
}

bool VerifyInclusion(uint64_t index, uint64_t tree_size, const MerkleHash& leaf_hash,
                     std::span<const MerkleHash> proof, const MerkleHash& root) {
  // RFC 9162 §2.1.3.2.
  if (index >= tree_size) return false;
  uint64_t fn = index;
  uint64_t sn = tree_size - 1;
  MerkleHash r = leaf_hash;
  for (const MerkleHash& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) == 1 || fn == sn) {
      r = NodeHash(p, r);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool VerifyConsistency(uint64_t first, uint64_t second, const MerkleHash& first_root,
                       const MerkleHash& second_root, std::span<const MerkleHash> proof) {
  // RFC 9162 §2.1.4.2.
  if (first > second || first == 0) return false;
  if (first == second) return proof.empty() && first_root == second_root;
  if (proof.empty()) return false;
  std::vector<MerkleHash> path(proof.begin(), proof.end());
  if ((first & (first - 1)) == 0) path.insert(path.begin(), first_root);  // a power of two
  uint64_t fn = first - 1;
  uint64_t sn = second - 1;
  while ((fn & 1) == 1) {
    fn >>= 1;
    sn >>= 1;
  }
  MerkleHash fr = path[0];
  MerkleHash sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    const MerkleHash& c = path[i];
    if (sn == 0) return false;
    if ((fn & 1) == 1 || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == first_root && sr == second_root && sn == 0;
}

std::string ToHex(const MerkleHash& h) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (uint8_t b : h) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

std::optional<MerkleHash> MerkleHashFromHex(std::string_view hex) {
  if (hex.size() != 64) return std::nullopt;
  MerkleHash out;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (size_t i = 0; i < 32; ++i) {
    const int hi = nibble(hex[2 * i]);
    const int lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return out;
}

}  // namespace petitio
