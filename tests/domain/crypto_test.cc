#include "domain/crypto.h"

#include <gtest/gtest.h>

#include <set>

namespace petitio {
namespace {

class CryptoTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(InitCrypto().ok()); }
};

TEST_F(CryptoTest, Sha256KnownAnswer) {
  // FIPS 180-2 example "abc".
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(CryptoTest, HmacSha256KnownAnswer) {
  // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?". The key is padded
  // with zeros to 32 bytes, which HMAC treats the same as the 4-byte key.
  SecretKey key{};
  key[0] = 'J';
  key[1] = 'e';
  key[2] = 'f';
  key[3] = 'e';
  EXPECT_EQ(KeyedHashHex(key, "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_F(CryptoTest, KeyedHashDependsOnKey) {
  const SecretKey a = NewSecretKey();
  const SecretKey b = NewSecretKey();
  EXPECT_NE(KeyedHashHex(a, "anna@example.org"), KeyedHashHex(b, "anna@example.org"));
  EXPECT_EQ(KeyedHashHex(a, "anna@example.org"), KeyedHashHex(a, "anna@example.org"));
}

TEST_F(CryptoTest, RandomTokensAreDistinctAndWellFormed) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string t = RandomToken();
    EXPECT_TRUE(LooksLikeToken(t)) << t;
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 200u);
  EXPECT_FALSE(LooksLikeToken("short"));
  EXPECT_FALSE(LooksLikeToken(std::string(43, '!')));
}

TEST_F(CryptoTest, TokensEqualComparesWholeValue) {
  EXPECT_TRUE(TokensEqual("abc", "abc"));
  EXPECT_FALSE(TokensEqual("abc", "abd"));
  EXPECT_FALSE(TokensEqual("abc", "abcd"));
}

}  // namespace
}  // namespace petitio
