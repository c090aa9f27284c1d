#include "domain/signature_token.h"

#include <gtest/gtest.h>

#include <string>

namespace petitio {
namespace {

const std::string kSecret = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN-_0";  // 43 characters

TEST(SignatureTokenTest, ATokenNamesItsSignature) {
  const std::string token = FormatSignatureToken(4711, kSecret);
  EXPECT_EQ(token, "4711-" + kSecret);
  const std::optional<SignatureToken> t = ParseSignatureToken(token);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->signature_id, 4711);
  EXPECT_EQ(t->secret, kSecret);
  EXPECT_EQ(ParseSignatureToken(FormatSignatureToken(999999999999999999, kSecret))->signature_id,
            999999999999999999);
}

TEST(SignatureTokenTest, ABareSecretIsALegacyToken) {
  const std::optional<SignatureToken> t = ParseSignatureToken(kSecret);
  ASSERT_TRUE(t.has_value());
  EXPECT_FALSE(t->signature_id.has_value());
  EXPECT_EQ(t->secret, kSecret);
  // A legacy secret may itself hold digits and a dash; its length alone says it is legacy.
  const std::string dashed = "12-" + kSecret.substr(3);
  EXPECT_FALSE(ParseSignatureToken(dashed)->signature_id.has_value());
}

TEST(SignatureTokenTest, AnythingElseIsRefused) {
  for (const std::string& bad :
       {std::string(), std::string("short"), "-" + kSecret, "0-" + kSecret, "012-" + kSecret,
        "+12-" + kSecret, "1x-" + kSecret, "12" + kSecret, "12." + kSecret,
        "1234567890123456789-" + kSecret, "12-" + kSecret.substr(1) + "!", "12-" + kSecret + "A",
        kSecret.substr(1), kSecret + "A"}) {
    EXPECT_FALSE(ParseSignatureToken(bad).has_value()) << bad;
  }
}

TEST(SignatureTokenTest, ATokenIsReadFromTheLinkThatCarriesIt) {
  const std::string token = FormatSignatureToken(12, kSecret);
  EXPECT_EQ(TokenAfter("Confirm:\nhttps://p.example/confirm?token=" + token + "\n\nWithdraw",
                       "/confirm?token="),
            token);
  EXPECT_EQ(TokenAfter("/confirm?token=" + kSecret + "&lang=kk", "/confirm?token="), kSecret);
  EXPECT_EQ(TokenAfter("/confirm?token=" + token, "/confirm?token="), token) << "at the end";
  EXPECT_EQ(TokenAfter("no link here", "/confirm?token="), "");
}

}  // namespace
}  // namespace petitio
