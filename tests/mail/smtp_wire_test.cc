// SMTP's wire format (mail/smtp_wire.h): replies, EHLO keywords, DATA's payload. Cases after
// RFC 5321 sections 4.2 (reply lines) and 4.5.2 (transparency), and RFC 2920's EHLO keyword.
#include "mail/smtp_wire.h"

#include <gtest/gtest.h>

#include <string>

namespace petitio {
namespace {

TEST(ReadSmtpReply, ReadsOneLineAndManyLineRepliesOneAtATime) {
  const std::string in =
      "220 relay.test ESMTP\r\n250-relay.test\r\n250-PIPELINING\r\n250 SIZE\r\n354";
  size_t pos = 0;
  SmtpReply r;
  ASSERT_EQ(ReadSmtpReply(in, pos, r), ReplyRead::kComplete);
  EXPECT_EQ(r.code, 220);
  EXPECT_EQ(r.first_line(), "220 relay.test ESMTP");
  ASSERT_EQ(ReadSmtpReply(in, pos, r), ReplyRead::kComplete);
  EXPECT_EQ(r.code, 250);
  EXPECT_EQ(r.text, "250-relay.test\n250-PIPELINING\n250 SIZE\n");
  // "354" without its line end has not arrived yet; the position stays before it.
  const size_t before = pos;
  EXPECT_EQ(ReadSmtpReply(in, pos, r), ReplyRead::kIncomplete);
  EXPECT_EQ(pos, before);
  EXPECT_EQ(ReadSmtpReply(in + "\r\n", pos, r), ReplyRead::kComplete);
  EXPECT_EQ(r.code, 354);
}

TEST(ReadSmtpReply, AManyLineReplyIsIncompleteUntilItsLastLine) {
  size_t pos = 0;
  SmtpReply r;
  EXPECT_EQ(ReadSmtpReply("250-relay.test\r\n250-8BITMIME\r\n", pos, r), ReplyRead::kIncomplete);
  EXPECT_EQ(pos, 0u);
}

TEST(ReadSmtpReply, TakesABareLineFeedAndACodeAlone) {
  size_t pos = 0;
  SmtpReply r;
  ASSERT_EQ(ReadSmtpReply("250\n", pos, r), ReplyRead::kComplete);
  EXPECT_EQ(r.code, 250);
  EXPECT_EQ(pos, 4u);
}

TEST(ReadSmtpReply, RefusesWhatIsNotAReply) {
  for (const char* bad :
       {"hello\r\n", "25\r\n", "2x0 ok\r\n", "250_ok\r\n", "250-first\r\n421 other code\r\n"}) {
    size_t pos = 0;
    SmtpReply r;
    EXPECT_EQ(ReadSmtpReply(bad, pos, r), ReplyRead::kMalformed) << bad;
    EXPECT_EQ(pos, 0u) << bad;
  }
}

SmtpReply Ehlo(const std::string& text) {
  SmtpReply r;
  size_t pos = 0;
  EXPECT_EQ(ReadSmtpReply(text, pos, r), ReplyRead::kComplete) << text;
  return r;
}

TEST(EhloOffers, FindsAKeywordOnItsOwnLineWhateverItsCase) {
  const SmtpReply r =
      Ehlo("250-relay.test\r\n250-SIZE 10240000\r\n250-pipelining\r\n250 STARTTLS\r\n");
  EXPECT_TRUE(EhloOffers(r, "PIPELINING"));
  EXPECT_TRUE(EhloOffers(r, "STARTTLS"));
  EXPECT_TRUE(EhloOffers(r, "SIZE"));  // with its parameter
  EXPECT_FALSE(EhloOffers(r, "CHUNKING"));
}

TEST(EhloOffers, NeitherTheGreetingLineNorAPartOfAWordCounts) {
  EXPECT_FALSE(EhloOffers(Ehlo("250 PIPELINING\r\n"), "PIPELINING"));  // the relay's name
  EXPECT_FALSE(EhloOffers(Ehlo("250-relay.test\r\n250 PIPELININGX\r\n"), "PIPELINING"));
  EXPECT_FALSE(EhloOffers(Ehlo("250-relay.test\r\n250 PIPE\r\n"), "PIPELINING"));
  EXPECT_FALSE(EhloOffers(Ehlo("250-relay.test\r\n250\r\n"), "PIPELINING"));
}

std::string Data(const std::string& content) {
  std::string out;
  AppendSmtpData(out, content);
  return out;
}

TEST(AppendSmtpData, StuffsEveryLineThatStartsWithADot) {
  EXPECT_EQ(Data(".first\r\nmid.dle\r\n.\r\n..two\r\n"),
            "..first\r\nmid.dle\r\n..\r\n...two\r\n.\r\n");
}

TEST(AppendSmtpData, EndsTheLastLine) {
  EXPECT_EQ(Data("Subject: x\r\n\r\nno end"), "Subject: x\r\n\r\nno end\r\n.\r\n");
  EXPECT_EQ(Data("half\r"), "half\r\n.\r\n");
  EXPECT_EQ(Data(""), ".\r\n");
}

}  // namespace
}  // namespace petitio
