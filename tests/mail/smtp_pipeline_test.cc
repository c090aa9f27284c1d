#include "mail/smtp_pipeline.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "test_relay.h"

namespace petitio {
namespace {

using std::chrono::milliseconds;
using testing::RefusingPort;
using testing::TestRelay;

constexpr milliseconds kTimeout{10'000};

SmtpPipeline PipelineTo(int port, int connections, milliseconds timeout = kTimeout) {
  return SmtpPipeline("127.0.0.1", std::to_string(port), "client.test", connections, timeout);
}

SmtpEnvelope Envelope(const std::string& to, std::string content = "Subject: hi\r\n\r\nbody\r\n") {
  return {"noreply@example.org", to, std::move(content)};
}

TEST(SmtpPipeline, SendsEachMessagesCommandsWithoutWaitingForReplies) {
  // The relay answers MAIL and RCPT only once DATA is in, so waiting for a reply would stall.
  TestRelay relay({.sessions = 1, .pipelining = true});
  ASSERT_TRUE(relay.ok());
  std::vector<SmtpEnvelope> envelopes;
  for (int i = 0; i < 5; ++i)
    envelopes.push_back(Envelope("r" + std::to_string(i) + "@example.org"));
  // A line that starts with "." travels stuffed and arrives as it was; an unended last line
  // is ended.
  envelopes[2].content = "Subject: dots\r\n\r\n.hidden\r\n..two\r\nlast";
  {
    SmtpPipeline pipeline = PipelineTo(relay.port(), 1);
    for (const Status& s : pipeline.SendAll(envelopes)) EXPECT_TRUE(s.ok()) << s.ToString();
  }
  const std::vector<TestRelay::Session> sessions = relay.Finish();
  ASSERT_EQ(sessions.size(), 1u);
  const TestRelay::Session& s = sessions[0];
  EXPECT_EQ(s.messages, 5);
  EXPECT_TRUE(s.quit);
  ASSERT_GE(s.commands.size(), 2u);
  EXPECT_EQ(s.commands[0], "EHLO client.test");
  EXPECT_EQ(s.commands[1], "MAIL FROM:<noreply@example.org>");
  EXPECT_EQ(s.commands[2], "RCPT TO:<r0@example.org>");
  EXPECT_EQ(s.commands[3], "DATA");
  std::string want;
  for (int i = 0; i < 5; ++i) {
    want += i == 2 ? "Subject: dots\r\n\r\n.hidden\r\n..two\r\nlast\r\n"
                   : "Subject: hi\r\n\r\nbody\r\n";
  }
  EXPECT_EQ(s.data, want);
}

TEST(SmtpPipeline, WaitsForEachReplyWhenTheRelayDoesNotOfferPipelining) {
  TestRelay relay({.sessions = 1});
  ASSERT_TRUE(relay.ok());
  {
    SmtpPipeline pipeline = PipelineTo(relay.port(), 1);
    const std::vector<Status> out =
        pipeline.SendAll({Envelope("a@example.org"), Envelope("b@example.org")});
    for (const Status& s : out) EXPECT_TRUE(s.ok()) << s.ToString();
  }
  const std::vector<TestRelay::Session> sessions = relay.Finish();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].messages, 2);
  EXPECT_FALSE(sessions[0].unasked_pipelining);
}

TEST(SmtpPipeline, ARefusedRecipientFailsItsMessageAloneAndTheNextStartsAfresh) {
  TestRelay relay({.sessions = 1, .pipelining = true, .refuse = "nobody@example.org"});
  ASSERT_TRUE(relay.ok());
  std::vector<Status> out;
  {
    SmtpPipeline pipeline = PipelineTo(relay.port(), 1);
    out = pipeline.SendAll(
        {Envelope("a@example.org"), Envelope("nobody@example.org"), Envelope("c@example.org")});
  }
  ASSERT_EQ(out.size(), 3u);
  EXPECT_TRUE(out[0].ok()) << out[0].ToString();
  EXPECT_EQ(out[1].kind(), ErrorKind::kInternal);
  EXPECT_NE(out[1].message().find("550"), std::string::npos) << out[1].ToString();
  EXPECT_TRUE(out[2].ok()) << out[2].ToString();
  const std::vector<TestRelay::Session> sessions = relay.Finish();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].messages, 2);
  EXPECT_EQ(sessions[0].recipients,
            (std::vector<std::string>{"<a@example.org>", "<c@example.org>"}));
  // The refused transaction's MAIL was accepted: RSET clears it before the next MAIL.
  const std::vector<std::string>& c = sessions[0].commands;
  const auto rset = std::find(c.begin(), c.end(), "RSET");
  ASSERT_NE(rset, c.end());
  EXPECT_EQ(*(rset + 1), "MAIL FROM:<noreply@example.org>");
  EXPECT_EQ(*(rset + 2), "RCPT TO:<c@example.org>");
}

TEST(SmtpPipeline, SendsNothingToARelayThatOffersStartTls) {
  TestRelay relay({.sessions = 1, .starttls = true});
  ASSERT_TRUE(relay.ok());
  SmtpPipeline pipeline = PipelineTo(relay.port(), 2);
  const std::vector<Status> out =
      pipeline.SendAll({Envelope("a@example.org"), Envelope("b@example.org")});
  EXPECT_TRUE(pipeline.offers_tls());
  for (const Status& s : out) EXPECT_EQ(s.code(), kSmtpOffersTls) << s.ToString();
  const std::vector<TestRelay::Session> sessions = relay.Finish();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].commands, std::vector<std::string>{"EHLO client.test"});
}

TEST(SmtpPipeline, ReplacesAKeptConnectionTheRelayClosed) {
  TestRelay relay({.sessions = 2, .pipelining = true, .close_after = 1});
  ASSERT_TRUE(relay.ok());
  {
    SmtpPipeline pipeline = PipelineTo(relay.port(), 1);
    std::vector<Status> out = pipeline.SendAll({Envelope("first@example.org")});
    ASSERT_EQ(out.size(), 1u);
    EXPECT_TRUE(out[0].ok()) << out[0].ToString();
    ASSERT_TRUE(relay.AwaitEnded(1)) << "the relay says goodbye after its one message";
    out = pipeline.SendAll({Envelope("second@example.org")});
    ASSERT_EQ(out.size(), 1u);
    EXPECT_TRUE(out[0].ok()) << out[0].ToString();
  }
  const std::vector<TestRelay::Session> sessions = relay.Finish();
  ASSERT_EQ(sessions.size(), 2u);
  EXPECT_EQ(sessions[0].messages + sessions[1].messages, 2);
}

TEST(SmtpPipeline, ARelayThatIsDownOrSilentIsUnavailable) {
  RefusingPort down;
  ASSERT_TRUE(down.ok());
  SmtpPipeline to_down = PipelineTo(down.port(), 2);
  for (const Status& s : to_down.SendAll({Envelope("a@example.org"), Envelope("b@example.org")})) {
    EXPECT_EQ(s.kind(), ErrorKind::kUnavailable) << s.ToString();
  }

  TestRelay silent({.sessions = 1, .silent = true});
  ASSERT_TRUE(silent.ok());
  SmtpPipeline to_silent = PipelineTo(silent.port(), 1, milliseconds(200));
  const auto start = std::chrono::steady_clock::now();
  const std::vector<Status> out = to_silent.SendAll({Envelope("a@example.org")});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind(), ErrorKind::kUnavailable) << out[0].ToString();
  EXPECT_NE(out[0].message().find("in time"), std::string::npos) << out[0].ToString();
}

TEST(SmtpPipeline, RefusesAnAddressThatWouldInjectACommand) {
  TestRelay relay({.sessions = 1, .pipelining = true});
  ASSERT_TRUE(relay.ok());
  {
    SmtpPipeline pipeline = PipelineTo(relay.port(), 1);
    const std::vector<Status> out = pipeline.SendAll(
        {Envelope("a@example.org>\r\nRCPT TO:<evil@example.org"), Envelope("b@example.org")});
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].kind(), ErrorKind::kInvalidArgument) << out[0].ToString();
    EXPECT_TRUE(out[1].ok()) << out[1].ToString();
  }
  const std::vector<TestRelay::Session> sessions = relay.Finish();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].recipients, std::vector<std::string>{"<b@example.org>"});
}

}  // namespace
}  // namespace petitio
