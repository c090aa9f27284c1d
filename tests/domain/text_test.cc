#include "domain/text.h"

#include <gtest/gtest.h>

namespace petitio {
namespace {

TEST(Utf8, AcceptsKazakhRussianAndEmoji) {
  EXPECT_TRUE(IsValidUtf8("Қазақстан"));
  EXPECT_TRUE(IsValidUtf8("Петиция"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));
  EXPECT_EQ(CodePointCount("Қазақ"), 5u);
}

TEST(Utf8, RejectsBrokenSequences) {
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(Text, TrimAndControlCharacters) {
  EXPECT_EQ(Trim("  a b \r\n"), "a b");
  EXPECT_EQ(Trim(" \t "), "");
  EXPECT_TRUE(HasControlCharacters("a\x01", true));
  EXPECT_FALSE(HasControlCharacters("a\nb", true));
  EXPECT_TRUE(HasControlCharacters("a\nb", false));
}

TEST(Email, PlausibleAddresses) {
  EXPECT_TRUE(IsPlausibleEmail("a@example.org"));
  EXPECT_TRUE(IsPlausibleEmail("first.last+tag@sub.example.kz"));
  for (const char* bad :
       {"", "a", "@example.org", "a@", "a@b", "a@@example.org", "a b@example.org", "a@example..org",
        "a@.example.org", "a@example.org.", "<a@example.org>", "a@example.org\r\nBcc: x@y.z"}) {
    EXPECT_FALSE(IsPlausibleEmail(bad)) << bad;
  }
}

TEST(Email, NormalisesCaseAndSpace) {
  EXPECT_EQ(NormalizeEmail(" Anna@Example.ORG "), "anna@example.org");
}

}  // namespace
}  // namespace petitio
