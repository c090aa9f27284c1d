#include "mail/rfc5322.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "mail_decode.h"

namespace petitio {
namespace {

using testing::DecodeQuotedPrintable;
using testing::DecodeWords;
using testing::LongestLine;
using testing::ParsedMessage;
using testing::ParseMessage;

// 9 June 2024 10:00:00.250 UTC, a Sunday.
const TimePoint kDate = FromMillis(1717927200250);

std::string Format(const MailMessage& m, const std::string& from_name = "Petitio") {
  Result<std::string> text =
      FormatMessage(m, "noreply@petitio.example.org", from_name, kDate, "20240609T100000.250-ab");
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  return text.ok() ? *text : "";
}

TEST(FormatRfc5322Date, IsUtcWithDayName) {
  EXPECT_EQ(FormatRfc5322Date(kDate), "Sun, 09 Jun 2024 10:00:00 +0000");
  EXPECT_EQ(FormatRfc5322Date(FromMillis(0)), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(FormatRfc5322Date(StartOfDay({2025, 12, 31}) + std::chrono::milliseconds(86'399'999)),
            "Wed, 31 Dec 2025 23:59:59 +0000");
}

TEST(FormatMessage, AsciiMessageHasEveryHeader) {
  const std::string text =
      Format({"Alex Morgan", "alex@example.org", "Please confirm your signature",
              "Hello Alex,\n\nPlease confirm.\n"});
  ParsedMessage m = ParseMessage(text);
  ASSERT_TRUE(m.well_formed) << text;
  EXPECT_EQ(m.header_lines[0], "Date: Sun, 09 Jun 2024 10:00:00 +0000");
  EXPECT_EQ(m.headers["From"], "Petitio <noreply@petitio.example.org>");
  EXPECT_EQ(m.headers["To"], "Alex Morgan <alex@example.org>");
  EXPECT_EQ(m.headers["Subject"], "Please confirm your signature");
  EXPECT_EQ(m.headers["Message-ID"], "<20240609T100000.250-ab@petitio.example.org>");
  EXPECT_EQ(m.headers["MIME-Version"], "1.0");
  EXPECT_EQ(m.headers["Content-Type"], "text/plain; charset=utf-8");
  EXPECT_EQ(m.headers["Content-Transfer-Encoding"], "quoted-printable");
  EXPECT_EQ(m.body, "Hello Alex,\r\n\r\nPlease confirm.\r\n");
  EXPECT_EQ(DecodeQuotedPrintable(m.body), "Hello Alex,\r\n\r\nPlease confirm.\r\n");
}

TEST(FormatMessage, NamesAreQuotedOrLeftOut) {
  ParsedMessage m =
      ParseMessage(Format({"Morgan, Alex \"Al\"", "alex@example.org", "Hi", "x"}, ""));
  EXPECT_EQ(m.headers["To"], "\"Morgan, Alex \\\"Al\\\"\" <alex@example.org>");
  EXPECT_EQ(m.headers["From"], "noreply@petitio.example.org");
}

TEST(FormatMessage, KazakhAndRussianSubjectsAndNamesRoundTrip) {
  const MailMessage in{
      "Айгерим Сәдуақасқызы", "aigerim@example.kz",
      "Петиция «Продлить часы работы публичных библиотек до 21:00» набрала 50 000 подписей — "
      "Петиция 50 000 қол жинады, ол қарауға қабылданады",
      "Құрметті Айгерим!\nВаша петиция принята к рассмотрению.\n"};
  const std::string text = Format(in, "Petitio — Қазақстан");
  ParsedMessage m = ParseMessage(text);
  ASSERT_TRUE(m.well_formed) << text;
  EXPECT_NE(m.headers["Subject"].find("=?UTF-8?B?"), std::string::npos);
  EXPECT_EQ(DecodeWords(m.headers["Subject"]), in.subject);
  EXPECT_EQ(DecodeWords(m.headers["To"]), in.to_name + " <aigerim@example.kz>");
  EXPECT_EQ(DecodeWords(m.headers["From"]), "Petitio — Қазақстан <noreply@petitio.example.org>");
  EXPECT_EQ(DecodeQuotedPrintable(m.body),
            "Құрметті Айгерим!\r\nВаша петиция принята к рассмотрению.\r\n");
  for (const std::string& line : m.header_lines) {
    EXPECT_LE(line.size(), 78u) << line;
    // Every encoded word is at most 75 characters.
    for (size_t at = line.find("=?"); at != std::string::npos; at = line.find("=?", at + 2)) {
      const size_t end = line.find("?=", at + 10);
      ASSERT_NE(end, std::string::npos);
      EXPECT_LE(end + 2 - at, 75u);
      at = end;
    }
  }
  EXPECT_LE(LongestLine(text), 78u);
}

TEST(FormatMessage, LongAsciiSubjectIsFolded) {
  std::string subject;
  for (int i = 0; i < 30; ++i) {
    subject += "word" + std::to_string(i) + " ";
  }
  subject += "end";
  const std::string text = Format({"", "a@example.org", subject, "x"});
  ParsedMessage m = ParseMessage(text);
  ASSERT_TRUE(m.well_formed);
  EXPECT_EQ(m.headers["Subject"], subject);
  EXPECT_LE(LongestLine(text), 78u);
}

TEST(FormatMessage, LongBodyLinesAreSoftBrokenAndDecodeExactly) {
  std::string body;
  for (int i = 0; i < 40; ++i) {
    body += "Signature " + std::to_string(i) + " = counted; ";
  }
  body += "\n";
  body += std::string(200, 'x') + "\n";                      // one unbroken run
  body += std::string(90, 'z') + ".\n.starts with a dot\n";  // dot at a line start
  body += "trailing spaces   \ntrailing tab\t\n";            // must be encoded
  body += "Unicode: Қазақстан Республикасы Әкімшілік рәсімдік-процестік кодексі\r\n";
  body += "bare CR\rthen a final line without a break";
  const std::string text = Format({"", "a@example.org", "Long", body});
  ParsedMessage m = ParseMessage(text);
  ASSERT_TRUE(m.well_formed);
  EXPECT_LE(LongestLine(m.body), 76u);
  EXPECT_LE(LongestLine(text), 78u);
  std::string expected;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\r' && i + 1 < body.size() && body[i + 1] == '\n') {
      continue;
    }
    if (body[i] == '\n' || body[i] == '\r') {
      expected += "\r\n";
    } else {
      expected += body[i];
    }
  }
  EXPECT_EQ(DecodeQuotedPrintable(m.body), expected);
  EXPECT_NE(m.body.find("=3D"), std::string::npos);
  EXPECT_NE(m.body.find("spaces  =20\r\n"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("tab=09\r\n"), std::string::npos);
  // No line of the body starts with a dot, and no line ends in white space.
  for (size_t at = 0; at < m.body.size();) {
    const size_t eol = m.body.find("\r\n", at);
    ASSERT_NE(eol, std::string::npos);
    if (eol > at) {
      EXPECT_NE(m.body[at], '.');
      EXPECT_NE(m.body[eol - 1], ' ');
      EXPECT_NE(m.body[eol - 1], '\t');
    }
    at = eol + 2;
  }
}

TEST(FormatMessage, EmptyBodyAndSubject) {
  ParsedMessage m = ParseMessage(Format({"", "a@example.org", "", ""}));
  ASSERT_TRUE(m.well_formed);
  EXPECT_EQ(m.headers["Subject"], "");
  EXPECT_EQ(m.body, "");
}

TEST(FormatMessage, RejectsHeaderInjection) {
  const MailMessage ok{"Alex", "alex@example.org", "Subject", "Body\nwith lines\r\n"};
  struct Case {
    const char* label;
    MailMessage m;
    std::string from_address = "noreply@example.org";
    std::string from_name = "Petitio";
  };
  std::vector<Case> cases;
  auto add = [&](const char* label, auto change) {
    Case c{label, ok};
    change(c);
    cases.push_back(c);
  };
  add("LF in subject", [](Case& c) { c.m.subject = "Hi\nBcc: victim@example.org"; });
  add("CR in subject", [](Case& c) { c.m.subject = "Hi\rBcc: victim@example.org"; });
  add("CRLF in to_name", [](Case& c) { c.m.to_name = "Alex\r\nBcc: victim@example.org"; });
  add("LF in to_address", [](Case& c) { c.m.to_address = "alex@example.org\nBcc: v@example.org"; });
  add("CR in from_name", [](Case& c) { c.from_name = "Petitio\rX-Evil: 1"; });
  add("LF in from_address", [](Case& c) { c.from_address = "a@example.org\nX-Evil: 1"; });
  add("NUL in subject", [](Case& c) { c.m.subject = std::string("a\0b", 3); });
  add("two addresses", [](Case& c) { c.m.to_address = "a@example.org, b@example.org"; });
  add("angle brackets", [](Case& c) { c.m.to_address = "a@example.org>"; });
  add("not an address", [](Case& c) { c.m.to_address = "alex"; });
  add("invalid UTF-8 subject", [](Case& c) { c.m.subject = "\xC3\x28"; });
  add("invalid UTF-8 body", [](Case& c) { c.m.body = "\xFF"; });
  for (const Case& c : cases) {
    SCOPED_TRACE(c.label);
    Result<std::string> r = FormatMessage(c.m, c.from_address, c.from_name, kDate, "id");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().kind(), ErrorKind::kInvalidArgument);
  }
  EXPECT_TRUE(FormatMessage(ok, "noreply@example.org", "Petitio", kDate, "id").ok());
  EXPECT_FALSE(FormatMessage(ok, "noreply@example.org", "Petitio", kDate, "id>\r\nX: y").ok());
}

TEST(EncodeQuotedPrintable, EncodesEqualsAndHighBytes) {
  EXPECT_EQ(EncodeQuotedPrintable("a=b\n"), "a=3Db\r\n");
  EXPECT_EQ(EncodeQuotedPrintable("é\n"), "=C3=A9\r\n");
  EXPECT_EQ(EncodeQuotedPrintable("no break"), "no break=\r\n");
  EXPECT_EQ(EncodeQuotedPrintable(""), "");
  const std::string long_line(100, 'a');
  EXPECT_EQ(EncodeQuotedPrintable(long_line + "\n"),
            std::string(75, 'a') + "=\r\n" + std::string(25, 'a') + "\r\n");
}

// The text with every line break (CRLF, bare LF, bare CR) as CRLF.
std::string WithCrlf(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' || text[i] == '\n') {
      out += "\r\n";
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

TEST(EncodeQuotedPrintable, AnyTextComesBackWhole) {
  // RFC 2045 section 6.7 on texts drawn from the bytes that take each path of the encoder:
  // letters, spaces and tabs (also before a line break), dots (also opening a line), "=",
  // line breaks of three kinds, control bytes and UTF-8 of two and three bytes. Lines of every
  // length, so the 76-character limit falls on each kind of byte.
  const std::vector<std::string> pieces = {"a",  "Z",  "0",    " ",    "\t",   ".", "=",
                                           "\n", "\r", "\r\n", "\x01", "\x7f", "Қ", "€"};
  std::mt19937 random(20261207);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int length = static_cast<int>(random() % 240);
    for (int k = 0; k < length; ++k) {
      // Mostly letters, so that long lines form; the rest from every piece.
      text += random() % 3 != 0 ? std::string(1, static_cast<char>('a' + random() % 26))
                                : pieces[random() % pieces.size()];
    }
    const std::string encoded = EncodeQuotedPrintable(text);
    SCOPED_TRACE(::testing::PrintToString(text));
    std::string expected = WithCrlf(text);
    if (!expected.empty() && !expected.ends_with("\r\n")) expected += "\r\n";
    EXPECT_EQ(DecodeQuotedPrintable(encoded) + (encoded.ends_with("=\r\n") ? "\r\n" : ""),
              expected);
    EXPECT_TRUE(encoded.empty() || encoded.ends_with("\r\n"));
    for (size_t at = 0; at < encoded.size();) {
      const size_t eol = encoded.find("\r\n", at);
      ASSERT_NE(eol, std::string::npos);
      const std::string_view line(encoded.data() + at, eol - at);
      EXPECT_LE(line.size(), 76u) << line;
      EXPECT_FALSE(line.starts_with(".")) << line;
      EXPECT_FALSE(line.ends_with(" ") || line.ends_with("\t")) << line;
      at = eol + 2;
    }
    for (char c : encoded) {
      const auto byte = static_cast<unsigned char>(c);
      EXPECT_TRUE((byte >= 32 && byte <= 126) || c == '\t' || c == '\r' || c == '\n') << int{byte};
    }
  }
}

}  // namespace
}  // namespace petitio
