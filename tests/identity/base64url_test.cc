#include "identity/base64url.h"

#include <gtest/gtest.h>

#include <string>

namespace petitio {
namespace {

TEST(Base64UrlTest, EncodesRfc4648VectorsWithoutPadding) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("foob"), "Zm9vYg");
  EXPECT_EQ(Base64UrlEncode("fooba"), "Zm9vYmE");
  EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");  // the two url-safe characters
}

TEST(Base64UrlTest, DecodesWhatItEncodes) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (size_t n = 0; n <= all.size(); n += 37) {
    const std::string bytes = all.substr(0, n);
    EXPECT_EQ(Base64UrlDecode(Base64UrlEncode(bytes)), bytes) << n;
  }
  EXPECT_EQ(Base64UrlDecode("Zm9vYmE"), "fooba");
  EXPECT_EQ(Base64UrlDecode(""), "");
}

TEST(Base64UrlTest, RejectsPaddingWhitespaceAndOtherAlphabets) {
  EXPECT_FALSE(Base64UrlDecode("Zg=="));
  EXPECT_FALSE(Base64UrlDecode("Zm8="));
  EXPECT_FALSE(Base64UrlDecode("+/8"));      // standard base64, not base64url
  EXPECT_FALSE(Base64UrlDecode("Zm9vYm "));  // whitespace
  EXPECT_FALSE(Base64UrlDecode("Zm\n9vYg"));
  EXPECT_FALSE(Base64UrlDecode(std::string("Zm\0v", 4)));
  EXPECT_FALSE(Base64UrlDecode("Zm9v\xc3\xa9"));
}

TEST(Base64UrlTest, RejectsImpossibleLengthAndNonCanonicalTails) {
  EXPECT_FALSE(Base64UrlDecode("Z"));
  EXPECT_FALSE(Base64UrlDecode("Zm9vY"));
  EXPECT_TRUE(Base64UrlDecode("Zg"));
  EXPECT_FALSE(Base64UrlDecode("Zh"));  // same byte as "Zg", unused bits set
  EXPECT_TRUE(Base64UrlDecode("Zm8"));
  EXPECT_FALSE(Base64UrlDecode("Zm9"));  // same bytes as "Zm8", unused bits set
}

}  // namespace
}  // namespace petitio
