#include "app/use_cases.h"

#include <gtest/gtest.h>

#include <thread>

#include "app/queries.h"
#include "app_fixture.h"
#include "domain/signature_token.h"

namespace petitio::testing {
namespace {

TEST_F(AppTest, CreateMailsTheInitiatorAConfirmationAndASponsorLink) {
  Result<CreatePetitionOutcome> c = CreatePetition(
      *ctx_, {"test", "  Plant trees ", "Text", "The council", "", "", "Ann", "Ann@Example.org"});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->petition.state, PetitionState::kPending);
  EXPECT_EQ(c->petition.title, "Plant trees");
  EXPECT_TRUE(c->mail_sent);
  const std::vector<MailMessage> mail = mail_.messages();
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].to_address, "Ann@Example.org");
  EXPECT_NE(mail[0].body.find("http://petitio.test/confirm?token="), std::string::npos);
  EXPECT_NE(mail[0].body.find("/petitions/" + std::to_string(c->petition.id) +
                              "/sponsor?token=" + c->petition.sponsor_token),
            std::string::npos);
  // Not public before publication.
  EXPECT_EQ(ViewPetition(*ctx_, c->petition.id, Viewer::kPublic, "").status().kind(),
            ErrorKind::kNotFound);
  EXPECT_TRUE(ViewPetition(*ctx_, c->petition.id, Viewer::kPublic, c->petition.sponsor_token).ok());
}

TEST_F(AppTest, CreateRejectsBadInputAndWritesNothing) {
  const CreatePetitionInput good{"test", "Title", "Text", "Council",
                                 "",     "",      "Ann",  "ann@example.org"};
  struct Case {
    CreatePetitionInput in;
    std::string code;
  };
  std::vector<Case> cases;
  auto with = [&](auto mutate, std::string code) {
    CreatePetitionInput in = good;
    mutate(in);
    cases.push_back({in, std::move(code)});
  };
  with([](auto& in) { in.profile = "xx"; }, "unknown_profile");
  with([](auto& in) { in.title = "   "; }, "missing_title");
  with([](auto& in) { in.title = std::string(151, 'a'); }, "invalid_title");
  with([](auto& in) { in.title = "a\nb"; }, "invalid_title");
  with([](auto& in) { in.text = ""; }, "missing_text");
  with([](auto& in) { in.text = "\xC3"; }, "invalid_text");
  with([](auto& in) { in.addressee = ""; }, "missing_addressee");
  with([](auto& in) { in.initiator_name = ""; }, "missing_name");
  with([](auto& in) { in.initiator_email = "not-an-address"; }, "invalid_email");
  for (const Case& c : cases) {
    Result<CreatePetitionOutcome> r = CreatePetition(*ctx_, c.in);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().kind(), ErrorKind::kInvalidArgument);
    EXPECT_EQ(r.status().code(), c.code);
  }
  EXPECT_EQ(*store_->CountPetitions(), 0);
  EXPECT_TRUE(mail_.messages().empty());
}

TEST_F(AppTest, SponsorsMoveThePetitionToModeration) {
  const int64_t id = CreateSponsored(1);
  EXPECT_EQ(store_->GetPetition(id)->state, PetitionState::kValidated);
  const std::string token = store_->GetPetition(id)->sponsor_token;
  ASSERT_TRUE(SponsorPetition(*ctx_, id, token, {"Bo", "bo@example.org", ""}).ok());
  ASSERT_TRUE(ConfirmSignature(*ctx_, mail_.LastToken("bo@example.org")).ok());
  const Petition p = *store_->GetPetition(id);
  EXPECT_EQ(p.state, PetitionState::kSponsored);
  EXPECT_EQ(p.sponsor_count, 2);
  EXPECT_EQ(p.signature_count, 3);
  EXPECT_EQ(mail_.CountTo("ann@example.org"), 3u) << "welcome, receipt, awaiting-moderation";
  EXPECT_EQ(ModerationQueue(*ctx_)->size(), 1u);
}

TEST_F(AppTest, SponsoringNeedsTheSponsorToken) {
  const int64_t id = CreateSponsored(0);
  Result<SignOutcome> r = SponsorPetition(*ctx_, id, "wrong", {"Bo", "bo@example.org", ""});
  EXPECT_EQ(r.status().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(mail_.CountTo("bo@example.org"), 0u);
}

TEST_F(AppTest, SignConfirmCountsOnceHoweverOftenConfirmed) {
  const int64_t id = CreateOpen();
  ASSERT_TRUE(SignPetition(*ctx_, id, {"Cy", "cy@example.org", "north"}).ok());
  const std::string token = mail_.LastToken("cy@example.org");
  EXPECT_EQ(store_->GetPetition(id)->signature_count, 3) << "pending does not count";
  Result<ConfirmOutcome> first = ConfirmSignature(*ctx_, token);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->newly_counted);
  EXPECT_EQ(first->signature_count, 4);
  for (int i = 0; i < 3; ++i) {
    Result<ConfirmOutcome> again = ConfirmSignature(*ctx_, token);
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again->newly_counted);
  }
  EXPECT_EQ(store_->GetPetition(id)->signature_count, 4);
  EXPECT_EQ(*PublicSignatureCount(*ctx_, id), 4);
}

TEST_F(AppTest, ConcurrentConfirmationsOfOneTokenCountOnce) {
  const int64_t id = CreateOpen();
  ASSERT_TRUE(SignPetition(*ctx_, id, {"Cy", "cy@example.org", ""}).ok());
  const std::string token = mail_.LastToken("cy@example.org");
  std::vector<std::thread> threads;
  std::atomic<int> counted{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      Result<ConfirmOutcome> r = ConfirmSignature(*ctx_, token);
      if (r.ok() && r->newly_counted) ++counted;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(counted.load(), 1);
  EXPECT_EQ(store_->GetPetition(id)->signature_count, 4);
}

TEST_F(AppTest, OneAddressSignsOnceWhateverItsCase) {
  const int64_t id = CreateOpen();
  ASSERT_TRUE(SignAndConfirm(id, "dee@example.org").ok());
  // The same mailbox again: the same answer as a first signature, and a note by mail.
  ASSERT_TRUE(SignPetition(*ctx_, id, {"Dee", " DEE@Example.ORG ", ""}).ok());
  EXPECT_EQ(store_->GetPetition(id)->signature_count, 4);
  const std::vector<MailMessage> mail = mail_.messages();
  EXPECT_NE(mail.back().subject.find("already signed"), std::string::npos);
}

TEST_F(AppTest, SigningAgainBeforeConfirmingReplacesTheLink) {
  const int64_t id = CreateOpen();
  ASSERT_TRUE(SignPetition(*ctx_, id, {"Ed", "ed@example.org", ""}).ok());
  const std::string old_token = mail_.LastToken("ed@example.org");
  ASSERT_TRUE(SignPetition(*ctx_, id, {"Ed", "ed@example.org", ""}).ok());
  const std::string new_token = mail_.LastToken("ed@example.org");
  EXPECT_NE(old_token, new_token);
  EXPECT_EQ(ConfirmSignature(*ctx_, old_token).status().code(), "unknown_token");
  EXPECT_TRUE(ConfirmSignature(*ctx_, new_token).ok());
  EXPECT_EQ(store_->GetPetition(id)->signature_count, 4);
}

TEST_F(AppTest, SigningChecksStateAndRegion) {
  const int64_t sponsored = CreateSponsored();
  EXPECT_EQ(SignPetition(*ctx_, sponsored, {"F", "f@example.org", ""}).status().kind(),
            ErrorKind::kNotFound)
      << "not public yet";
  const int64_t open = CreateOpen();
  EXPECT_EQ(SignPetition(*ctx_, open, {"F", "f@example.org", "atlantis"}).status().code(),
            "invalid_region");
  EXPECT_EQ(SignPetition(*ctx_, 999, {"F", "f@example.org", ""}).status().kind(),
            ErrorKind::kNotFound);
  EXPECT_EQ(ConfirmSignature(*ctx_, "garbage").status().code(), "invalid_token");
  EXPECT_EQ(ConfirmSignature(*ctx_, std::string(43, 'A')).status().code(), "unknown_token");
  // A token names its signature; the name without the secret confirms nothing.
  ASSERT_TRUE(SignPetition(*ctx_, open, {"F", "f@example.org", ""}).ok());
  const std::optional<SignatureToken> mailed =
      ParseSignatureToken(mail_.LastToken("f@example.org"));
  ASSERT_TRUE(mailed.has_value() && mailed->signature_id.has_value());
  const std::string guessed = FormatSignatureToken(*mailed->signature_id, std::string(43, 'A'));
  EXPECT_EQ(ConfirmSignature(*ctx_, guessed).status().code(), "unknown_token");
  EXPECT_EQ(ConfirmSignature(*ctx_, FormatSignatureToken(987654, mailed->secret)).status().code(),
            "unknown_token");
  EXPECT_EQ(ConfirmSignature(*ctx_, mailed->secret).status().code(), "unknown_token")
      << "its secret alone is no token of the old form";
  EXPECT_EQ(store_->GetPetition(open)->signature_count, 3);
}

TEST_F(AppTest, ThresholdCrossingsAreRecordedWithTheirTime) {
  const int64_t id = CreateOpen();  // 3 signatures
  ASSERT_TRUE(SignAndConfirm(id, "s4@example.org").ok());
  clock_.Advance(std::chrono::hours(5));
  const TimePoint at_fifth = clock_.Now();
  ASSERT_TRUE(SignAndConfirm(id, "s5@example.org").ok());
  clock_.Advance(std::chrono::hours(1));
  ASSERT_TRUE(SignAndConfirm(id, "s6@example.org").ok());
  Result<PetitionView> view = ViewPetition(*ctx_, id, Viewer::kPublic, "");
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->thresholds.size(), 2u);
  EXPECT_EQ(view->thresholds[0].reached_at, at_fifth);
  EXPECT_FALSE(view->thresholds[1].reached_at.has_value());
  int threshold_events = 0;
  for (const TimelineEvent& e : view->timeline) threshold_events += e.kind == "threshold_reached";
  EXPECT_EQ(threshold_events, 1);
}

TEST_F(AppTest, RejectionIsPublicWithItsGround) {
  const int64_t id = CreateSponsored();
  EXPECT_EQ(ModeratePetition(*ctx_, id, {"reject", "", "why"}).status().code(), "missing_ground");
  EXPECT_EQ(ModeratePetition(*ctx_, id, {"reject", "duplicate", ""}).status().code(),
            "missing_reason");
  EXPECT_EQ(ModeratePetition(*ctx_, id, {"maybe", "", ""}).status().code(), "invalid_decision");
  EXPECT_EQ(ModeratePetition(*ctx_, id, {"reject", "nope", "why"}).status().code(),
            "unknown_ground");
  EXPECT_EQ(store_->GetPetition(id)->state, PetitionState::kSponsored);
  Result<Petition> p = ModeratePetition(*ctx_, id, {"reject", "duplicate", "See petition 1"});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->state, PetitionState::kRejected);
  Result<PetitionView> view = ViewPetition(*ctx_, id, Viewer::kPublic, "");
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->petition.moderation->reason, "See petition 1");
}

TEST_F(AppTest, AHidingGroundHidesThePetition) {
  const int64_t id = CreateSponsored();
  ASSERT_TRUE(ModeratePetition(*ctx_, id, {"reject", "libel", "Names a private person"}).ok());
  EXPECT_EQ(ViewPetition(*ctx_, id, Viewer::kPublic, "").status().kind(), ErrorKind::kNotFound);
  EXPECT_TRUE(ViewPetition(*ctx_, id, Viewer::kModerator, "").ok());
}

TEST_F(AppTest, CollectionClosesAtTheEndOfItsPeriod) {
  const int64_t id = CreateOpen();  // opened 9 June 2024, six months
  clock_.Set(StartOfDay({2024, 12, 9}) + std::chrono::hours(23));
  EXPECT_EQ(*CloseExpiredPetitions(*ctx_), 0);
  ASSERT_TRUE(SignAndConfirm(id, "late@example.org").ok()) << "9 December is the last day";
  clock_.Set(StartOfDay({2024, 12, 10}));
  EXPECT_EQ(*CloseExpiredPetitions(*ctx_), 1);
  EXPECT_EQ(store_->GetPetition(id)->state, PetitionState::kClosed);
  EXPECT_EQ(SignPetition(*ctx_, id, {"G", "g@example.org", ""}).status().code(),
            "petition_not_collecting");
  EXPECT_EQ(*CloseExpiredPetitions(*ctx_), 0);
}

TEST_F(AppTest, ListsOnlyPublicPetitionsMostSignedFirst) {
  const int64_t a = CreateOpen();
  const int64_t b = CreateOpen();
  ASSERT_TRUE(SignAndConfirm(b, "x@example.org").ok());
  CreateSponsored();
  Result<std::vector<Petition>> list = ListPublicPetitions(*ctx_, {"open", "", 50, 0});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, b);
  EXPECT_EQ((*list)[1].id, a);
  EXPECT_EQ(ListPublicPetitions(*ctx_, {"pending", "", 50, 0}).status().code(), "invalid_state");
  EXPECT_EQ(ListPublicPetitions(*ctx_, {"", "random", 50, 0}).status().code(), "invalid_order");
}

TEST_F(AppTest, AdminTokenComparison) {
  EXPECT_TRUE(IsAdminToken(*ctx_, "admin-secret"));
  EXPECT_FALSE(IsAdminToken(*ctx_, "admin-secreT"));
  EXPECT_FALSE(IsAdminToken(*ctx_, ""));
  ctx_->admin_token.clear();
  EXPECT_FALSE(IsAdminToken(*ctx_, ""));
}

}  // namespace
}  // namespace petitio::testing
