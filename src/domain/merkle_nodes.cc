#include "domain/merkle_nodes.h"

namespace petitio {

namespace {

uint64_t SplitPoint(uint64_t n) {
  uint64_t k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

bool IsPowerOfTwo(uint64_t n) { return n != 0 && (n & (n - 1)) == 0; }

int Log2(uint64_t n) {
  int l = 0;
  while ((uint64_t{1} << l) < n) ++l;
  return l;
}

// The root of leaves [start, start + n), start aligned as the tree's splits make it.
Result<MerkleHash> Range(const MerkleNodeReader& read, uint64_t start, uint64_t n) {
  if (n != 0 && IsPowerOfTwo(n) && start % n == 0) return read(Log2(n), start / n);
  const uint64_t k = SplitPoint(n);
  Result<MerkleHash> left = Range(read, start, k);
  if (!left.ok()) return left;
  Result<MerkleHash> right = Range(read, start + k, n - k);
  if (!right.ok()) return right;
  return NodeHash(*left, *right);
}

Status Path(const MerkleNodeReader& read, uint64_t m, uint64_t start, uint64_t n,
            std::vector<MerkleHash>& out) {
  if (n <= 1) return Status::Ok();
  const uint64_t k = SplitPoint(n);
  if (m < k) {
    PETITIO_RETURN_IF_ERROR(Path(read, m, start, k, out));
    Result<MerkleHash> r = Range(read, start + k, n - k);
    if (!r.ok()) return r.status();
    out.push_back(*r);
  } else {
    PETITIO_RETURN_IF_ERROR(Path(read, m - k, start + k, n - k, out));
    Result<MerkleHash> l = Range(read, start, k);
    if (!l.ok()) return l.status();
    out.push_back(*l);
  }
  return Status::Ok();
}

Status Subproof(const MerkleNodeReader& read, uint64_t m, uint64_t start, uint64_t n, bool b,
                std::vector<MerkleHash>& out) {
  if (m == n) {
    if (b) return Status::Ok();
    Result<MerkleHash> r = Range(read, start, n);
    if (!r.ok()) return r.status();
    out.push_back(*r);
    return Status::Ok();
  }
  const uint64_t k = SplitPoint(n);
  if (m <= k) {
    PETITIO_RETURN_IF_ERROR(Subproof(read, m, start, k, b, out));
    Result<MerkleHash> r = Range(read, start + k, n - k);
    if (!r.ok()) return r.status();
    out.push_back(*r);
  } else {
    PETITIO_RETURN_IF_ERROR(Subproof(read, m - k, start + k, n - k, false, out));
    Result<MerkleHash> l = Range(read, start, k);
    if (!l.ok()) return l.status();
    out.push_back(*l);
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<MerkleNode>> NodesForAppend(const MerkleNodeReader& read, uint64_t size,
                                               const MerkleHash& leaf_hash) {
  std::vector<MerkleNode> out{{0, size, leaf_hash}};
  uint64_t index = size;
  int level = 0;
  MerkleHash current = leaf_hash;
  while ((index & 1) == 1) {
    Result<MerkleHash> left = read(level, index - 1);
    if (!left.ok()) return left.status();
    current = NodeHash(*left, current);
    index /= 2;
    ++level;
    out.push_back({level, index, current});
  }
  return out;
}

Result<MerkleHash> RootFromNodes(const MerkleNodeReader& read, uint64_t size) {
  if (size == 0) return EmptyTreeRoot();
  return Range(read, 0, size);
}

Result<std::vector<MerkleHash>> InclusionFromNodes(const MerkleNodeReader& read, uint64_t index,
                                                   uint64_t size) {
  if (index >= size) {
    return Status::Invalid("index must be below tree_size", "invalid_proof_request");
  }
  std::vector<MerkleHash> out;
  PETITIO_RETURN_IF_ERROR(Path(read, index, 0, size, out));
  return out;
}

Result<std::vector<MerkleHash>> ConsistencyFromNodes(const MerkleNodeReader& read, uint64_t first,
                                                     uint64_t second) {
  if (first == 0 || first > second) {
    return Status::Invalid("need 0 < first <= second", "invalid_proof_request");
  }
  std::vector<MerkleHash> out;
  if (first < second) PETITIO_RETURN_IF_ERROR(Subproof(read, first, 0, second, true, out));
  return out;
}

}  // namespace petitio
