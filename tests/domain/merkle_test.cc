// RFC 6962 Merkle tree hashing. The eight leaves and the roots of their first 1..8 leaves are the
// Certificate Transparency reference test vectors (google/certificate-transparency, merkle tree
// tests); the proofs were recomputed independently from RFC 9162 §2.1's definitions.
#include "domain/merkle.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace petitio {
namespace {

std::vector<MerkleHash> ReferenceLeafHashes() {
  const std::vector<std::string> leaves = {
      std::string(),
      std::string("\x00", 1),
      std::string("\x10"),
      std::string("\x20\x21"),
      std::string("\x30\x31"),
      std::string("\x40\x41\x42\x43"),
      std::string("\x50\x51\x52\x53\x54\x55\x56\x57"),
      std::string("\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f")};
  std::vector<MerkleHash> out;
  for (const std::string& l : leaves) out.push_back(LeafHash(l));
  return out;
}

MerkleHash H(const char* hex) { return MerkleHashFromHex(hex).value(); }

std::vector<std::string> Hex(const std::vector<MerkleHash>& hashes) {
  std::vector<std::string> out;
  for (const MerkleHash& h : hashes) out.push_back(ToHex(h));
  return out;
}

const char* const kRoots[] = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

TEST(Merkle, RootsMatchTheReferenceVectors) {
  const std::vector<MerkleHash> d = ReferenceLeafHashes();
  EXPECT_EQ(ToHex(EmptyTreeRoot()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  for (size_t n = 1; n <= d.size(); ++n) {
    EXPECT_EQ(ToHex(RootOf(std::span(d).first(n))), kRoots[n - 1]) << n;
  }
}

TEST(Merkle, InclusionProofsMatchAndVerify) {
  const std::vector<MerkleHash> d = ReferenceLeafHashes();
  EXPECT_EQ(Hex(InclusionProof(d, 0)),
            (std::vector<std::string>{
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}));
  EXPECT_EQ(Hex(InclusionProof(d, 5)),
            (std::vector<std::string>{
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}));
  EXPECT_EQ(Hex(InclusionProof(std::span(d).first(7), 6)),
            (std::vector<std::string>{
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}));
  EXPECT_TRUE(InclusionProof(d, 8).empty());

  for (uint64_t n = 1; n <= d.size(); ++n) {
    const auto tree = std::span(d).first(n);
    const MerkleHash root = RootOf(tree);
    for (uint64_t i = 0; i < n; ++i) {
      SCOPED_TRACE("leaf " + std::to_string(i) + " of " + std::to_string(n));
      std::vector<MerkleHash> proof = InclusionProof(tree, i);
      EXPECT_TRUE(VerifyInclusion(i, n, d[i], proof, root));
      EXPECT_FALSE(VerifyInclusion(i, n, d[(i + 1) % d.size()], proof, root)) << "another leaf";
      if (!proof.empty()) {
        proof.back()[0] ^= 1;
        EXPECT_FALSE(VerifyInclusion(i, n, d[i], proof, root)) << "a tampered path";
        proof.pop_back();
        EXPECT_FALSE(VerifyInclusion(i, n, d[i], proof, root)) << "a short path";
      }
    }
    EXPECT_FALSE(VerifyInclusion(n, n, d[0], {}, root)) << "index out of range";
  }
}

TEST(Merkle, ConsistencyProofsMatchAndVerify) {
  const std::vector<MerkleHash> d = ReferenceLeafHashes();
  EXPECT_EQ(Hex(ConsistencyProof(d, 6)),
            (std::vector<std::string>{
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}));
  EXPECT_EQ(Hex(ConsistencyProof(std::span(d).first(7), 3)),
            (std::vector<std::string>{
                "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
                "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
                "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                "837dbb152e9b079010717e84e865da4ebc0fa198a806d59d31bf15accef22d0e"}));
  EXPECT_EQ(Hex(ConsistencyProof(std::span(d).first(5), 2)),
            (std::vector<std::string>{
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}));

  for (uint64_t n = 1; n <= d.size(); ++n) {
    for (uint64_t m = 1; m <= n; ++m) {
      SCOPED_TRACE(std::to_string(m) + " -> " + std::to_string(n));
      const MerkleHash rm = RootOf(std::span(d).first(m));
      const MerkleHash rn = RootOf(std::span(d).first(n));
      std::vector<MerkleHash> proof = ConsistencyProof(std::span(d).first(n), m);
      EXPECT_TRUE(VerifyConsistency(m, n, rm, rn, proof));
      if (m == n) continue;
      EXPECT_FALSE(VerifyConsistency(m, n, rn, rn, proof)) << "a forked first root";
      proof.front()[5] ^= 0x80;
      EXPECT_FALSE(VerifyConsistency(m, n, rm, rn, proof)) << "a tampered proof";
    }
  }
  EXPECT_FALSE(VerifyConsistency(0, 3, EmptyTreeRoot(), RootOf(d), {}));
  EXPECT_FALSE(VerifyConsistency(5, 3, RootOf(d), RootOf(d), {}));
}

TEST(Merkle, HexRoundTrip) {
  const MerkleHash h = H(kRoots[7]);
  EXPECT_EQ(ToHex(h), kRoots[7]);
  EXPECT_FALSE(MerkleHashFromHex("5DC9").has_value());
  EXPECT_FALSE(MerkleHashFromHex(std::string(64, 'g')).has_value());
  EXPECT_FALSE(MerkleHashFromHex(std::string(64, 'A')).has_value()) << "lower-case hex only";
}

}  // namespace
}  // namespace petitio
