// ParseKzIin, AgeOn and CanonicalEmail. Every IIN below is synthetic; its check digit was
// computed by hand from the rule in jurisdictions/KZ.md (and cross-checked with a Python
// one-liner), never by the code under test.
#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <string_view>

#include "domain/national_id.h"
#include "domain/text.h"

namespace petitio {
namespace {

struct ValidIinCase {
  const char* input;
  Date birth_date;
  Sex sex;
  const char* source;
};

// Check digits: sum of d1..d11 x 1..11 mod 11, e.g. 900101300007: 9 + 4 + 6 + 21 = 40 -> 7.
const ValidIinCase kValidIins[] = {
    {"900101300007", {1990, 1, 1}, Sex::kMale, "KZ.md synthetic example"},
    {"050615500035", {2005, 6, 15}, Sex::kMale, "KZ.md synthetic example"},
    // First pass 9 + 4 + 6 + 21 + 80 + 11 = 131 = 10 mod 11; second pass
    // 27 + 6 + 8 + 27 + 8 + 2 = 78 = 1 mod 11.
    {"900101300811", {1990, 1, 1}, Sex::kMale, "KZ.md synthetic example, second pass"},
    // First pass 10 + 24 + 5 + 30 + 42 + 20 = 131 = 10; second 20 + 36 + 7 + 40 + 54 + 2 = 159
    // = 5 mod 11.
    {"050615600205", {2005, 6, 15}, Sex::kFemale, "constructed: second pass, 2000s female"},
    {"850315100016", {1885, 3, 15}, Sex::kMale, "constructed: century digit 1, 1800s male"},
    {"850315200022", {1885, 3, 15}, Sex::kFemale, "constructed: century digit 2, 1800s female"},
    {"751231401237", {1975, 12, 31}, Sex::kFemale, "constructed: century digit 4, 1900s female"},
    {"100704604565", {2010, 7, 4}, Sex::kFemale, "constructed: century digit 6, 2000s female"},
    {"000229500078",
     {2000, 2, 29},
     Sex::kMale,
     "constructed: 29 Feb 2000 (leap, divisible by 400)"},
    {"240229600023", {2024, 2, 29}, Sex::kFemale, "constructed: 29 Feb 2024 (leap)"},
    {"960229100031", {1896, 2, 29}, Sex::kMale, "constructed: 29 Feb 1896 (leap)"},
    {"900430300006", {1990, 4, 30}, Sex::kMale, "constructed: last day of April"},
    {" 900101300007 ", {1990, 1, 1}, Sex::kMale, "KZ.md example with surrounding spaces"},
    {"\t900101300007\r\n", {1990, 1, 1}, Sex::kMale, "KZ.md example with a tab and a newline"},
};

TEST(IinTest, AcceptsValidNumbers) {
  for (const ValidIinCase& c : kValidIins) {
    SCOPED_TRACE(c.source);
    const Result<KzIin> iin = ParseKzIin(c.input);
    ASSERT_TRUE(iin.ok()) << iin.status().ToString();
    EXPECT_EQ(iin->digits, std::string(Trim(c.input)));
    EXPECT_EQ(iin->birth_date, c.birth_date);
    EXPECT_EQ(iin->sex, c.sex);
  }
}

struct InvalidIinCase {
  const char* input;
  const char* message_says;  // a phrase the error message must contain
  const char* source;
};

constexpr const char* kCharacters = "only the digits";
constexpr const char* kLength = "exactly 12 digits";
constexpr const char* kCentury = "seventh digit";
constexpr const char* kDate = "not a real date";
constexpr const char* kCheck = "check digit";

// Except where the check digit is what is tested, each number's check digit is right, so the
// named problem is the only one.
const InvalidIinCase kInvalidIins[] = {
    {"", kLength, "empty"},
    {"   ", kLength, "spaces only"},
    {"90010130000", kLength, "11 digits (KZ.md example without its check digit)"},
    {"9001013000070", kLength, "13 digits"},
    {"90010130000A", kCharacters, "a letter"},
    {"9001013 00007", kCharacters, "an inner space"},
    {"900101-300007", kCharacters, "a dash"},
    {"+900101300007", kCharacters, "a sign"},
    {"90010130000\xEF\xBC\x97", kCharacters, "a full-width digit seven (UTF-8)"},
    {"901301300007", kDate, "month 13"},
    {"900001300003", kDate, "month 00"},
    {"900100300001", kDate, "day 00"},
    {"900132300006", kDate, "day 32"},
    {"900431300001", kDate, "31 April"},
    {"010229500016", kDate, "29 Feb 2001 (not leap)"},
    {"000229300075", kDate, "29 Feb 1900 (century digit 3; 1900 is not leap)"},
    {"000229100072", kDate, "29 Feb 1800 (century digit 1; 1800 is not leap)"},
    {"900101000008", kCentury, "century digit 0"},
    {"900101700002", kCentury, "century digit 7"},
    {"900101800009", kCentury, "century digit 8"},
    {"900101900005", kCentury, "century digit 9"},
    {"900101300008", kCheck, "KZ.md example with check digit 8 instead of 7"},
    {"050615500036", kCheck, "KZ.md example with check digit 6 instead of 5"},
    {"900101300810", kCheck, "KZ.md second-pass example with check digit 0 instead of 1"},
    // KZ.md: "9001013008x is unassignable". For 9,0,0,1,0,1,3,0,0,8,d11 the first pass is
    // 120 + 11 * d11 = 10 mod 11 whatever d11 is; the second pass is 76 + 2 * d11 = 10 + 2 * d11
    // mod 11, which is 10 only for d11 = 0. So 90010130080 has no check digit and every
    // 90010130080x is invalid, whatever its twelfth digit.
    {"900101300800", kCheck, "KZ.md unassignable prefix 90010130080, both passes give 10"},
    {"900101300805", kCheck, "KZ.md unassignable prefix 90010130080, both passes give 10"},
    {"900101300809", kCheck, "KZ.md unassignable prefix 90010130080, both passes give 10"},
};

TEST(IinTest, RejectsInvalidNumbersSayingWhy) {
  for (const InvalidIinCase& c : kInvalidIins) {
    SCOPED_TRACE(c.source);
    const Result<KzIin> iin = ParseKzIin(c.input);
    ASSERT_FALSE(iin.ok());
    EXPECT_EQ(iin.status().kind(), ErrorKind::kInvalidArgument);
    EXPECT_EQ(iin.status().code(), "invalid_national_id");
    EXPECT_NE(iin.status().message().find(c.message_says), std::string::npos)
        << iin.status().message();
  }
}

// The longest run of ASCII digits in `s`.
size_t LongestDigitRun(std::string_view s) {
  size_t longest = 0;
  size_t run = 0;
  for (char c : s) {
    run = std::isdigit(static_cast<unsigned char>(c)) != 0 ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

TEST(IinTest, ErrorMessagesNeverEchoTheNumber) {
  for (const InvalidIinCase& c : kInvalidIins) {
    SCOPED_TRACE(c.source);
    const Result<KzIin> iin = ParseKzIin(c.input);
    ASSERT_FALSE(iin.ok());
    const std::string text = iin.status().ToString();
    const std::string_view trimmed = Trim(c.input);
    if (!trimmed.empty()) {
      EXPECT_EQ(text.find(trimmed), std::string::npos) << text;
    }
    // Not even a part of it: the fixed messages hold at most "12"; a birth date, serial or
    // check digit would take more, or differ from case to case.
    EXPECT_LE(LongestDigitRun(text), 2u) << text;
  }
  // Every message is one of a few fixed texts, whatever the number.
  EXPECT_EQ(ParseKzIin("900101300008").status().message(),
            ParseKzIin("050615500036").status().message());
  EXPECT_EQ(ParseKzIin("901301300007").status().message(),
            ParseKzIin("900132300006").status().message());
}

struct AgeCase {
  Date birth;
  Date on;
  int age;
  const char* source;
};

const AgeCase kAges[] = {
    {{1990, 6, 15}, {1990, 6, 15}, 0, "the day of birth"},
    {{1990, 6, 15}, {1991, 6, 14}, 0, "day before the first birthday"},
    {{1990, 6, 15}, {2008, 6, 14}, 17, "day before the 18th birthday"},
    {{1990, 6, 15}, {2008, 6, 15}, 18, "18th birthday"},
    {{1990, 6, 15}, {2008, 6, 16}, 18, "day after the 18th birthday"},
    {{1999, 12, 31}, {2017, 12, 30}, 17, "day before a 31 December birthday"},
    {{1999, 12, 31}, {2017, 12, 31}, 18, "31 December birthday"},
    {{1999, 12, 31}, {2018, 1, 1}, 18, "new year after a 31 December birthday"},
    {{2000, 2, 29}, {2001, 2, 28}, 0, "29 Feb birth, 28 Feb of a non-leap year"},
    {{2000, 2, 29}, {2001, 3, 1}, 1, "29 Feb birth counts on 1 March in a non-leap year"},
    {{2000, 2, 29}, {2018, 2, 28}, 17, "29 Feb birth, day before 1 March at 18"},
    {{2000, 2, 29}, {2018, 3, 1}, 18, "29 Feb birth, 18 on 1 March 2018"},
    {{2000, 2, 29}, {2020, 2, 28}, 19, "29 Feb birth, 28 Feb of a leap year"},
    {{2000, 2, 29}, {2020, 2, 29}, 20, "29 Feb birth, 29 Feb of a leap year"},
    {{1896, 2, 29}, {1900, 2, 28}, 3, "29 Feb birth; 1900 is not leap"},
    {{1896, 2, 29}, {1900, 3, 1}, 4, "29 Feb birth; 1900 is not leap, birthday on 1 March"},
    {{2000, 6, 1}, {2000, 5, 31}, -1, "a day before birth is negative"},
};

TEST(IinTest, AgeOn) {
  for (const AgeCase& c : kAges) {
    SCOPED_TRACE(c.source);
    EXPECT_EQ(AgeOn(c.birth, c.on), c.age);
  }
}

TEST(IinTest, AgeFromAParsedIin) {
  const Result<KzIin> iin = ParseKzIin("050615500035");  // KZ.md: born 15 June 2005
  ASSERT_TRUE(iin.ok());
  EXPECT_EQ(AgeOn(iin->birth_date, {2023, 6, 14}), 17);
  EXPECT_EQ(AgeOn(iin->birth_date, {2023, 6, 15}), 18);
}

TEST(CanonicalEmailTest, GmailIgnoresDotsAndTags) {
  EXPECT_EQ(CanonicalEmail("John.Smith+petitions@Gmail.com"), "johnsmith@gmail.com");
  EXPECT_EQ(CanonicalEmail("j.o.h.n.smith@gmail.com"), "johnsmith@gmail.com");
  EXPECT_EQ(CanonicalEmail("johnsmith+a+b.c@gmail.com"), "johnsmith@gmail.com");
}

TEST(CanonicalEmailTest, GooglemailIsGmail) {
  EXPECT_EQ(CanonicalEmail("john.smith+x@googlemail.com"), "johnsmith@gmail.com");
  EXPECT_EQ(CanonicalEmail("JOHNSMITH@GOOGLEMAIL.COM"), "johnsmith@gmail.com");
}

TEST(CanonicalEmailTest, PlusAddressingProvidersKeepDots) {
  EXPECT_EQ(CanonicalEmail("First.Last+news@Outlook.com"), "first.last@outlook.com");
  for (const char* domain :
       {"outlook.com", "hotmail.com", "live.com", "icloud.com", "me.com", "fastmail.com",
        "proton.me", "protonmail.com", "yandex.ru", "yandex.kz"}) {
    SCOPED_TRACE(domain);
    EXPECT_EQ(CanonicalEmail(std::string("a.b+tag@") + domain), std::string("a.b@") + domain);
  }
}

TEST(CanonicalEmailTest, OtherDomainsOnlyLowerCased) {
  EXPECT_EQ(CanonicalEmail("First.Last+Tag@Example.KZ"), "first.last+tag@example.kz");
  EXPECT_EQ(CanonicalEmail("a.b+c@mail.ru"), "a.b+c@mail.ru");
  EXPECT_EQ(CanonicalEmail("a.b+c@mail.gmail.com"), "a.b+c@mail.gmail.com");  // no subdomains
  EXPECT_EQ(CanonicalEmail("a.b+c@gmail.com.evil.example"), "a.b+c@gmail.com.evil.example");
}

TEST(CanonicalEmailTest, TrimsSurroundingSpace) {
  EXPECT_EQ(CanonicalEmail("  J.Smith+x@gmail.com \r\n"), "jsmith@gmail.com");
  EXPECT_EQ(CanonicalEmail("\tAnna@Example.ORG "), "anna@example.org");
}

TEST(CanonicalEmailTest, WithoutAtOnlyTrimmedAndLowerCased) {
  EXPECT_EQ(CanonicalEmail("  Not.An+Address "), "not.an+address");
  EXPECT_EQ(CanonicalEmail(""), "");
}

TEST(CanonicalEmailTest, NeverEmptiesTheLocalPart) {
  EXPECT_EQ(CanonicalEmail("+Tag@Gmail.com"), "+tag@gmail.com");
  EXPECT_EQ(CanonicalEmail("..@gmail.com"), "..@gmail.com");
  EXPECT_EQ(CanonicalEmail("+tag@outlook.com"), "+tag@outlook.com");
}

}  // namespace
}  // namespace petitio
