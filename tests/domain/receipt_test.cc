#include "domain/receipt.h"

#include <gtest/gtest.h>

#include "domain/crypto.h"

namespace petitio {
namespace {

// Expected values computed independently with Python's hmac module:
//   s = hmac.new(token, b"petitio-receipt/v1", sha256)
//   p = hmac.new(s, b"petitio-pseudonym/v1" + (7).to_bytes(8, "big"), sha256)
constexpr char kToken[] = "dGhpcyBpcyBhIHRva2VuIG9mIDQzIGNoYXJhY3RlcnM";
constexpr char kSecret[] = "e9d1a22e759a490ce99afddda2f0acd123ef8a5ef0dd5e5db120d1e2f65d6eaa";
constexpr char kPseudonymOn7[] = "8f888a7e325dc9b50d413ecf42be83fd299d1a2ebaffe38ade157353b6af52c2";

TEST(Receipt, SecretAndPseudonymMatchTheSpecifiedHmacs) {
  const ReceiptSecret secret = ReceiptSecretFromToken(kToken);
  EXPECT_EQ(ReceiptSecretHex(secret), kSecret);
  EXPECT_EQ(ToHex(ReceiptPseudonym(secret, 7)), kPseudonymOn7);
}

TEST(Receipt, PseudonymsLinkNothingAcrossPetitionsOrTokens) {
  ASSERT_TRUE(InitCrypto().ok());
  const ReceiptSecret a = ReceiptSecretFromToken(RandomToken());
  const ReceiptSecret b = ReceiptSecretFromToken(RandomToken());
  EXPECT_NE(a, b);
  EXPECT_EQ(ReceiptPseudonym(a, 1), ReceiptPseudonym(a, 1));
  EXPECT_NE(ReceiptPseudonym(a, 1), ReceiptPseudonym(a, 2));
  EXPECT_NE(ReceiptPseudonym(a, 1), ReceiptPseudonym(b, 1));
}

TEST(Receipt, SecretHexRoundTripsAndRefusesOtherText) {
  const ReceiptSecret secret = ReceiptSecretFromToken(kToken);
  EXPECT_EQ(ReceiptSecretFromHex(kSecret), secret);
  EXPECT_FALSE(ReceiptSecretFromHex("e9d1"));
  EXPECT_FALSE(ReceiptSecretFromHex(std::string(64, 'g')));
}

TEST(Receipt, CheckPathKeepsTheSecretInTheFragment) {
  Receipt r;
  r.petition_id = 7;
  r.log_index = 41;
  r.secret = ReceiptSecretFromToken(kToken);
  EXPECT_EQ(ReceiptCheckPath(r), std::string("/petitions/7/receipt#index=41&secret=") + kSecret);
}

}  // namespace
}  // namespace petitio
