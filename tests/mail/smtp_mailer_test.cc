#include "mail/smtp_mailer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "mail_decode.h"
#include "test_relay.h"

namespace petitio {
namespace {

using testing::RefusingPort;
using testing::RelayOptions;
using testing::TestRelay;

const TimePoint kNow = FromMillis(1717927200250);

TEST(SmtpMailer, DeliversEnvelopeAndMessageToTheRelay) {
  TestRelay sink({});
  ASSERT_TRUE(sink.ok());
  FixedClock clock(kNow);
  Result<std::unique_ptr<Mailer>> mailer =
      MakeSmtpMailer(sink.url(), "noreply@example.org", "Petitio", clock);
  ASSERT_TRUE(mailer.ok()) << mailer.status().ToString();
  const MailMessage message{"Айгерим", "aigerim@example.kz", "Петиция принята",
                            "Здравствуйте!\n.\n..leading dots\nEnd\n"};
  Status s = (*mailer)->Send(message);
  ASSERT_TRUE(s.ok()) << s.ToString();

  std::vector<TestRelay::Session> sessions = sink.Finish();
  ASSERT_EQ(sessions.size(), 1u);
  const TestRelay::Session& session = sessions[0];
  EXPECT_TRUE(session.mail_from.starts_with("<noreply@example.org>")) << session.mail_from;
  EXPECT_EQ(session.recipients, std::vector<std::string>{"<aigerim@example.kz>"});
  EXPECT_TRUE(session.quit);
  testing::ParsedMessage m = testing::ParseMessage(session.data);
  ASSERT_TRUE(m.well_formed) << session.data;
  EXPECT_EQ(m.headers["Date"], "Sun, 09 Jun 2024 10:00:00 +0000");
  EXPECT_EQ(testing::DecodeWords(m.headers["To"]), "Айгерим <aigerim@example.kz>");
  EXPECT_EQ(testing::DecodeWords(m.headers["Subject"]), "Петиция принята");
  EXPECT_EQ(m.headers["From"], "Petitio <noreply@example.org>");
  EXPECT_EQ(testing::DecodeQuotedPrintable(m.body),
            "Здравствуйте!\r\n.\r\n..leading dots\r\nEnd\r\n");
}

TEST(SmtpMailer, ConcurrentSendsEachGetThrough) {
  constexpr int kSends = 4;
  TestRelay sink({.sessions = kSends});
  ASSERT_TRUE(sink.ok());
  FixedClock clock(kNow);
  SmtpMailer mailer(sink.url(), "noreply@example.org", "Petitio", clock);
  std::vector<std::thread> threads;
  threads.reserve(kSends);
  std::vector<Status> results(kSends);
  for (int i = 0; i < kSends; ++i) {
    threads.emplace_back([&, i] {
      results[static_cast<size_t>(i)] =
          mailer.Send({"", "r" + std::to_string(i) + "@example.org", "Hi", "x\n"});
    });
  }
  for (std::thread& t : threads) {
    t.join();
  }
  for (const Status& s : results) {
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  EXPECT_EQ(sink.Finish().size(), static_cast<size_t>(kSends));
}

TEST(SmtpMailer, SendAllKeepsItsConnectionsForEveryMessage) {
  TestRelay sink({.sessions = kSmtpConnections});
  ASSERT_TRUE(sink.ok());
  FixedClock clock(kNow);
  auto mailer = std::make_unique<SmtpMailer>(sink.url(), "noreply@example.org", "Petitio", clock);
  std::vector<MailMessage> first;
  std::vector<MailMessage> second;
  for (int i = 0; i < 30; ++i) {
    (i < 20 ? first : second)
        .push_back({"", "r" + std::to_string(i) + "@example.org", "Hi " + std::to_string(i),
                    "body " + std::to_string(i) + "\n"});
  }
  // A message the relay could not be given fails alone; the others still go.
  first[7].to_address = "r7@example.org\r\nRCPT TO:<evil@example.org>";
  const std::vector<Status> a = mailer->SendAll(first);
  const std::vector<Status> b = mailer->SendAll(second);  // over the same connections
  ASSERT_EQ(a.size(), first.size());
  ASSERT_EQ(b.size(), second.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].ok(), i != 7) << i << ": " << a[i].ToString();
  }
  EXPECT_EQ(a[7].kind(), ErrorKind::kInvalidArgument);
  for (const Status& s : b) {
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  mailer.reset();  // closes the connections

  std::vector<TestRelay::Session> sessions = sink.Finish();
  EXPECT_EQ(sessions.size(), static_cast<size_t>(kSmtpConnections));
  std::vector<std::string> recipients;
  for (const TestRelay::Session& session : sessions) {
    EXPECT_TRUE(session.quit);
    recipients.insert(recipients.end(), session.recipients.begin(), session.recipients.end());
  }
  std::sort(recipients.begin(), recipients.end());
  std::vector<std::string> want;
  for (int i = 0; i < 30; ++i) {
    if (i != 7) want.push_back("<r" + std::to_string(i) + "@example.org>");
  }
  std::sort(want.begin(), want.end());
  EXPECT_EQ(recipients, want);
}

TEST(SmtpMailer, SendAllPipelinesToAPlainRelayThatOffersIt) {
  // The relay answers MAIL and RCPT only once DATA is in: a client that waits for each reply
  // (as libcurl does) would stall until the relay gives up.
  TestRelay sink({.sessions = kSmtpConnections, .pipelining = true});
  ASSERT_TRUE(sink.ok());
  FixedClock clock(kNow);
  auto mailer = std::make_unique<SmtpMailer>(sink.url(), "noreply@example.org", "Petitio", clock);
  std::vector<MailMessage> messages;
  for (int i = 0; i < 40; ++i) {
    messages.push_back({"", "p" + std::to_string(i) + "@example.org", "Hi", "line\n"});
  }
  for (const Status& s : mailer->SendAll(messages)) EXPECT_TRUE(s.ok()) << s.ToString();
  mailer.reset();
  int sent = 0;
  for (const TestRelay::Session& session : sink.Finish()) {
    EXPECT_TRUE(session.quit);
    // A connection that came up after the others had taken every message carried none.
    if (session.messages > 0) {
      EXPECT_EQ(session.mail_from, "<noreply@example.org>");
    }
    sent += session.messages;
  }
  EXPECT_EQ(sent, 40);
}

TEST(SmtpMailer, SendAllGoesThroughLibcurlToARelayThatOffersStartTls) {
  // One connection learns the relay offers STARTTLS and sends nothing; libcurl then asks for
  // TLS (refused here, so it goes on in the clear) and delivers, now and on the next call.
  TestRelay sink({.sessions = 2, .starttls = true});
  ASSERT_TRUE(sink.ok());
  FixedClock clock(kNow);
  auto mailer = std::make_unique<SmtpMailer>(sink.url(), "noreply@example.org", "Petitio", clock);
  for (const char* to : {"first@example.org", "second@example.org"}) {
    const std::vector<Status> out = mailer->SendAll({{"", to, "Hi", "x\n"}});
    ASSERT_EQ(out.size(), 1u);
    EXPECT_TRUE(out[0].ok()) << out[0].ToString();
  }
  mailer.reset();
  std::vector<TestRelay::Session> sessions = sink.Finish();
  ASSERT_EQ(sessions.size(), 2u);
  std::sort(sessions.begin(), sessions.end(),
            [](const auto& a, const auto& b) { return a.messages < b.messages; });
  EXPECT_EQ(sessions[0].messages, 0);
  EXPECT_EQ(sessions[0].commands.size(), 1u);  // EHLO, then closed
  EXPECT_EQ(sessions[1].messages, 2);
  EXPECT_NE(std::find(sessions[1].commands.begin(), sessions[1].commands.end(), "STARTTLS"),
            sessions[1].commands.end());
}

TEST(SmtpMailer, SendAllReportsARelayThatIsDown) {
  RefusingPort relay;
  ASSERT_TRUE(relay.ok());
  FixedClock clock(kNow);
  SmtpMailer mailer(relay.url(), "noreply@example.org", "Petitio", clock);
  const std::vector<Status> out =
      mailer.SendAll({{"", "a@example.org", "Hi", "x\n"}, {"", "b@example.org", "Hi", "y\n"}});
  ASSERT_EQ(out.size(), 2u);
  for (const Status& s : out) {
    EXPECT_EQ(s.kind(), ErrorKind::kUnavailable) << s.ToString();
  }
}

TEST(SmtpMailer, RejectedRecipientIsAnError) {
  TestRelay sink({.sessions = 1, .rcpt_reply = "550 No such user"});
  ASSERT_TRUE(sink.ok());
  FixedClock clock(kNow);
  SmtpMailer mailer(sink.url(), "noreply@example.org", "Petitio", clock);
  Status s = mailer.Send({"", "nobody@example.org", "Hi", "x\n"});
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("550"), std::string::npos) << s.ToString();
  std::vector<TestRelay::Session> sessions = sink.Finish();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_TRUE(sessions[0].data.empty());
}

TEST(SmtpMailer, RefusedConnectionFailsQuickly) {
  RefusingPort relay;
  ASSERT_TRUE(relay.ok());
  FixedClock clock(kNow);
  SmtpMailer mailer(relay.url(), "noreply@example.org", "Petitio", clock);
  const auto start = std::chrono::steady_clock::now();
  Status s = mailer.Send({"", "a@example.org", "Hi", "x\n"});
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.kind(), ErrorKind::kUnavailable) << s.ToString();
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

TEST(SmtpMailer, InvalidMessageIsRejectedBeforeConnecting) {
  FixedClock clock(kNow);
  SmtpMailer mailer("smtp://127.0.0.1:1", "noreply@example.org", "Petitio", clock);
  Status s = mailer.Send({"", "a@example.org\r\nRCPT TO:<b@example.org>", "Hi", "x"});
  EXPECT_EQ(s.kind(), ErrorKind::kInvalidArgument);
}

TEST(MakeSmtpMailer, ValidatesTheUrlAndSender) {
  FixedClock clock(kNow);
  for (const char* bad : {"http://relay.example.org", "relay.example.org:25", "smtp://", "",
                          "ftp://relay.example.org", "smtp://relay example.org"}) {
    Result<std::unique_ptr<Mailer>> m = MakeSmtpMailer(bad, "noreply@example.org", "P", clock);
    ASSERT_FALSE(m.ok()) << bad;
    EXPECT_EQ(m.status().kind(), ErrorKind::kInvalidArgument) << bad;
  }
  for (const char* good : {"smtp://relay.example.org", "smtps://relay.example.org:465",
                           "smtp://user:p%40ss@relay.example.org:587"}) {
    EXPECT_TRUE(MakeSmtpMailer(good, "noreply@example.org", "P", clock).ok()) << good;
  }
  EXPECT_FALSE(MakeSmtpMailer("smtp://relay.example.org", "noreply", "P", clock).ok());
}

}  // namespace
}  // namespace petitio
