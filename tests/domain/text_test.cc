#include "domain/text.h"

#include <gtest/gtest.h>

#include <string>

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

TEST(Utf8, FindsABrokenSequenceWhereverAsciiRunsPutIt) {
  // ASCII is skipped eight bytes at a time: a sequence at any offset, and a truncated one at
  // the end of a run of any length, must still be seen.
  for (size_t before = 0; before < 20; ++before) {
    for (size_t after = 0; after < 20; after += 3) {
      const std::string a(before, 'a');
      const std::string z(after, 'z');
      SCOPED_TRACE(testing::Message() << before << " bytes before, " << after << " after");
      EXPECT_TRUE(IsValidUtf8(a + "Қ" + z));
      EXPECT_TRUE(IsValidUtf8(a + "\xF0\x9F\x98\x80" + z));
      EXPECT_FALSE(IsValidUtf8(a + "\xFF" + z));
      EXPECT_FALSE(IsValidUtf8(a + "\xED\xA0\x80" + z));
      EXPECT_FALSE(IsValidUtf8(a + "\xC0\xAF" + z));
      EXPECT_FALSE(IsValidUtf8(a + "\xD2" + (after == 0 ? "" : "a" + z)));  // cut short
    }
  }
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
