// The durable mail queue (app/mail_queue.h): mail is queued with the write it tells of, sent by
// the courier after, retried with growing pauses when the relay fails, and taken over from
// another server only once it has waited long enough.
#include "app/mail_queue.h"

#include <gtest/gtest.h>

#include "app/notifications.h"
#include "app_fixture.h"

namespace petitio::testing {
namespace {

// A relay that is down while `down` is set, and keeps what it accepts.
class FlakyRelay final : public Mailer {
 public:
  Status Send(const MailMessage& m) override {
    if (down) return {ErrorKind::kUnavailable, "mail_unavailable", "relay down"};
    sent.push_back(m);
    return Status::Ok();
  }
  bool down = false;
  std::vector<MailMessage> sent;
};

// A courier that is never woken for real: the test delivers when it chooses.
class NamedCourier final : public Courier {
 public:
  explicit NamedCourier(std::string name) : name_(std::move(name)) {}
  void Wake() override { ++wakes; }
  const std::string& name() const override { return name_; }
  int wakes = 0;

 private:
  std::string name_;
};

class MailQueueTest : public AppTest {
 protected:
  // A context like the fixture's, with `relay` and `courier`.
  AppContext With(Mailer& relay, Courier* courier) {
    AppContext c = *ctx_;
    return AppContext{c.store,       c.clock,   relay, c.profiles, c.secret, c.public_url,
                      c.admin_token, c.limiter, c.idp, c.log_key,  courier};
  }
  int64_t Queued() { return store_->CountQueuedMail().value(); }
};

TEST_F(MailQueueTest, ASignatureQueuesItsMailForTheCourierAndTheCourierSendsIt) {
  const int64_t id = CreateOpen();
  FlakyRelay relay;
  NamedCourier courier("server-a");
  const AppContext ctx = With(relay, &courier);
  Result<SignOutcome> s = SignPetition(ctx, id, {"Isla", "isla@example.org", ""});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->mail_sent);
  EXPECT_EQ(courier.wakes, 1);
  EXPECT_TRUE(relay.sent.empty()) << "the request does not wait for the relay";
  EXPECT_EQ(Queued(), 1);

  EXPECT_EQ(DeliverQueuedMail(ctx, std::nullopt, 100).value(), 1);
  ASSERT_EQ(relay.sent.size(), 1u);
  EXPECT_EQ(relay.sent[0].to_address, "isla@example.org");
  EXPECT_NE(relay.sent[0].body.find("/confirm?token="), std::string::npos);
  EXPECT_EQ(Queued(), 0) << "sent mail leaves the queue, and its link with it";
  EXPECT_EQ(DeliverQueuedMail(ctx, std::nullopt, 100).value(), 0);
}

TEST_F(MailQueueTest, AFailedWriteQueuesNoMail) {
  const int64_t id = CreateOpen();
  FlakyRelay relay;
  NamedCourier courier("server-a");
  const AppContext ctx = With(relay, &courier);
  EXPECT_FALSE(SignPetition(ctx, id + 100, {"Isla", "isla@example.org", ""}).ok());
  EXPECT_FALSE(SignPetition(ctx, id, {"Isla", "not an address", ""}).ok());
  EXPECT_EQ(Queued(), 0);
}

TEST_F(MailQueueTest, ARelayThatIsDownIsTriedAgainLaterAndAtLastGivenUp) {
  const int64_t id = CreateOpen();
  FlakyRelay relay;
  NamedCourier courier("server-a");
  const AppContext ctx = With(relay, &courier);
  ASSERT_TRUE(SignPetition(ctx, id, {"Isla", "isla@example.org", ""}).ok());
  relay.down = true;
  EXPECT_EQ(DeliverQueuedMail(ctx, std::nullopt, 100).value(), 1);
  EXPECT_EQ(Queued(), 1) << "kept for another try";
  EXPECT_EQ(DeliverQueuedMail(ctx, std::nullopt, 100).value(), 0) << "not before 10 s";
  clock_.Advance(std::chrono::seconds(10));
  EXPECT_EQ(DeliverQueuedMail(ctx, std::nullopt, 100).value(), 1);
  clock_.Advance(std::chrono::seconds(19));
  EXPECT_EQ(DeliverQueuedMail(ctx, std::nullopt, 100).value(), 0) << "then 20 s";
  clock_.Advance(std::chrono::seconds(1));
  relay.down = false;
  EXPECT_EQ(DeliverQueuedMail(ctx, std::nullopt, 100).value(), 1);
  EXPECT_EQ(relay.sent.size(), 1u);
  EXPECT_EQ(Queued(), 0);

  // A relay that never comes back: the mail is dropped after kMaxMailAttempts tries, the
  // pauses growing to an hour.
  ASSERT_TRUE(SignPetition(ctx, id, {"Ann", "ann@example.org", ""}).ok());
  relay.down = true;
  int tries = 0;
  for (int hour = 0; hour < 24 && Queued() > 0; ++hour) {
    for (int minute = 0; minute < 60; ++minute) {
      tries += DeliverQueuedMail(ctx, std::nullopt, 100).value();
      clock_.Advance(std::chrono::minutes(1));
    }
  }
  EXPECT_EQ(tries, kMaxMailAttempts);
  EXPECT_EQ(Queued(), 0);
}

TEST_F(MailQueueTest, ANoticeMailTheRelayDidNotTakeIsQueuedAndSentLater) {
  const int64_t id = CreateOpen();  // its initiator hears of its news
  FlakyRelay relay;
  NamedCourier courier("server-a");
  const AppContext ctx = With(relay, &courier);
  ASSERT_TRUE(store_
                  ->Write([&](StoreTx& tx) {
                    return QueueNotification(tx, id, "closed", "Closed", "It closed.",
                                             clock_.Now());
                  })
                  .ok());
  relay.down = true;
  ASSERT_EQ(DeliverNotifications(ctx, 100).value(), 1);
  EXPECT_EQ(Queued(), 1) << "the initiator's notice waits in the queue";
  EXPECT_EQ(DeliverNotifications(ctx, 100).value(), 0) << "the notice itself is done";
  relay.down = false;
  EXPECT_EQ(DeliverQueuedMail(ctx, std::nullopt, 100).value(), 1);
  ASSERT_EQ(relay.sent.size(), 1u);
  EXPECT_NE(relay.sent[0].body.find("/unsubscribe"), std::string::npos) << relay.sent[0].body;
  EXPECT_EQ(Queued(), 0);
}

TEST_F(MailQueueTest, AnotherServersMailIsTakenOverOnlyOnceItHasWaited) {
  const int64_t id = CreateOpen();
  FlakyRelay relay_a;
  FlakyRelay relay_b;
  NamedCourier a("server-a");
  NamedCourier b("server-b");
  ASSERT_TRUE(SignPetition(With(relay_a, &a), id, {"Isla", "isla@example.org", ""}).ok());
  const AppContext ctx_b = With(relay_b, &b);
  EXPECT_EQ(DeliverQueuedMail(ctx_b, std::nullopt, 100).value(), 0) << "not b's";
  EXPECT_EQ(DeliverQueuedMail(ctx_b, kMailTakeover, 100).value(), 0) << "a may be sending it";
  clock_.Advance(kMailTakeover);
  EXPECT_EQ(DeliverQueuedMail(ctx_b, kMailTakeover, 100).value(), 1);
  EXPECT_EQ(relay_b.sent.size(), 1u);
  EXPECT_TRUE(relay_a.sent.empty());
}

TEST_F(MailQueueTest, WithoutACourierMailIsSentBeforeTheAnswer) {
  const int64_t id = CreateOpen();
  const size_t before = mail_.messages().size();
  ASSERT_TRUE(SignPetition(*ctx_, id, {"Isla", "isla@example.org", ""}).ok());
  EXPECT_EQ(mail_.messages().size(), before + 1);
  EXPECT_EQ(Queued(), 0);
}

}  // namespace
}  // namespace petitio::testing
