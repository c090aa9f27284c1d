// Use cases on a statutory clock: the moderation-first order, lapsing when supporters do not
// come in time, registration with its consideration deadline in the petition view, and a
// reasoned extension. The fixture's "mf" profile counts working days of a 2024 test calendar;
// the clock stands at Sunday 9 June 2024, 10:00 UTC.
#include "app/queries.h"
#include "app_fixture.h"

namespace petitio::testing {
namespace {

using std::chrono::hours;

class DeadlinesAppTest : public AppTest {
 protected:
  // Creates an "mf" petition and confirms its initiator; returns its id and sponsor token.
  std::pair<int64_t, std::string> CreateModerationFirst() {
    Result<CreatePetitionOutcome> c =
        CreatePetition(*ctx_, {"mf", "Light the crossings", "Please.", "The akimat", "", "",
                               "Aigerim", "aigerim@example.org"});
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_TRUE(ConfirmSignature(*ctx_, mail_.LastToken("aigerim@example.org")).ok());
    return {c->petition.id, c->petition.sponsor_token};
  }
  Status Sponsor(int64_t id, const std::string& token, const std::string& email) {
    Result<SignOutcome> s = SponsorPetition(*ctx_, id, token, {"Supporter", email, ""});
    if (!s.ok()) return s.status();
    Result<ConfirmOutcome> c = ConfirmSignature(*ctx_, mail_.LastToken(email));
    return c.ok() ? Status::Ok() : c.status();
  }
  const StageDeadline* Find(const PetitionView& v, Stage stage) {
    for (const StageDeadline& d : v.deadlines) {
      if (d.stage == stage) return &d;
    }
    return nullptr;
  }
};

TEST_F(DeadlinesAppTest, ModerationComesFirstAndIsInTheQueueWithItsDeadline) {
  const int64_t gathering = CreateSponsored(1);  // validated, but still gathering sponsors
  const auto [id, token] = CreateModerationFirst();
  clock_.Advance(std::chrono::minutes(1));
  const int64_t sponsored = CreateSponsored(2);
  Result<std::vector<Petition>> queue = ModerationQueue(*ctx_);
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->size(), 2u) << "petition " << gathering << " is not moderatable yet";
  EXPECT_EQ(queue->at(0).id, id) << "oldest first";
  EXPECT_EQ(queue->at(1).id, sponsored);
  EXPECT_EQ(Sponsor(id, token, "early@example.org").code(), "sponsoring_closed");

  Result<PetitionView> v = ViewPetition(*ctx_, id, Viewer::kModerator, "");
  ASSERT_TRUE(v.ok());
  const StageDeadline* m = Find(*v, Stage::kModeration);
  ASSERT_NE(m, nullptr);
  // 20 working days from the day after Sunday 9 June: 10-14, 17-21, 24-28 June, 1-5 July.
  EXPECT_EQ(m->due, (Date{2024, 7, 5}));
  EXPECT_EQ(m->days_left, 20);
  EXPECT_FALSE(m->overdue);
  clock_.Set(StartOfDay({2024, 7, 6}));
  v = ViewPetition(*ctx_, id, Viewer::kModerator, "");
  EXPECT_TRUE(Find(*v, Stage::kModeration)->overdue) << "no decision by the end of 5 July";
}

TEST_F(DeadlinesAppTest, AdmittedPetitionOpensWithItsSupportersOrLapses) {
  const auto [id, token] = CreateModerationFirst();
  ASSERT_TRUE(ModeratePetition(*ctx_, id, {"publish", "", ""}).ok());
  EXPECT_EQ(store_->GetPetition(id)->state, PetitionState::kAdmitted);
  const MailMessage admitted = mail_.messages().back();
  EXPECT_EQ(admitted.subject, "Your petition is admitted: Light the crossings");
  EXPECT_NE(admitted.body.find("within 10 working days, by 21 June 2024"), std::string::npos)
      << admitted.body;
  EXPECT_NE(admitted.body.find("/sponsor?token=" + token), std::string::npos);
  ASSERT_TRUE(Sponsor(id, token, "s1@example.org").ok());

  // The supporters' 10 working days end on Friday 21 June 2024.
  clock_.Set(StartOfDay({2024, 6, 21}) + hours(23));
  ASSERT_EQ(*CloseExpiredPetitions(*ctx_), 0);
  EXPECT_EQ(store_->GetPetition(id)->state, PetitionState::kAdmitted);
  clock_.Set(StartOfDay({2024, 6, 22}));
  ASSERT_EQ(*CloseExpiredPetitions(*ctx_), 1);
  const Petition p = *store_->GetPetition(id);
  EXPECT_EQ(p.state, PetitionState::kLapsed);
  EXPECT_EQ(p.closed_at, StartOfDay({2024, 6, 22}));
  EXPECT_EQ(Sponsor(id, token, "s2@example.org").code(), "sponsoring_closed");
  EXPECT_EQ(ViewPetition(*ctx_, id, Viewer::kPublic, "").status().code(), "petition_not_found");
  const std::vector<TimelineEvent> timeline = *store_->GetTimeline(id);
  EXPECT_EQ(timeline.back().kind, "lapsed");
}

TEST_F(DeadlinesAppTest, WithoutASponsorsClockNothingLapses) {
  const int64_t id = CreateSponsored(1);  // the "test" profile needs 2 and sets no clock
  clock_.Set(StartOfDay({2025, 6, 9}));
  ASSERT_EQ(*CloseExpiredPetitions(*ctx_), 0);
  EXPECT_EQ(store_->GetPetition(id)->state, PetitionState::kValidated);
}

TEST_F(DeadlinesAppTest, RegistrationStartsConsiderationAndAnExtensionMovesIt) {
  const auto [id, token] = CreateModerationFirst();
  ASSERT_TRUE(ModeratePetition(*ctx_, id, {"publish", "", ""}).ok());
  ASSERT_TRUE(Sponsor(id, token, "s1@example.org").ok());
  ASSERT_TRUE(Sponsor(id, token, "s2@example.org").ok());
  EXPECT_EQ(store_->GetPetition(id)->state, PetitionState::kOpen);
  ASSERT_TRUE(SignAndConfirm(id, "signer@example.org").ok());  // the 4th: registers it
  const Petition p = *store_->GetPetition(id);
  ASSERT_TRUE(p.registered_at.has_value());

  Result<PetitionView> v = ViewPetition(*ctx_, id, Viewer::kPublic, "");
  ASSERT_TRUE(v.ok());
  const StageDeadline* c = Find(*v, Stage::kConsideration);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->due, (Date{2024, 8, 5})) << "40 working days, Monday 8 July skipped";
  EXPECT_EQ(c->basis, "art. 90-5");

  ExtensionInput ext{"consideration", 10, "working_days", "awaiting the ministry's opinion"};
  Result<Petition> extended = ExtendDeadline(*ctx_, id, ext);
  ASSERT_TRUE(extended.ok()) << extended.status().ToString();
  v = ViewPetition(*ctx_, id, Viewer::kPublic, "");
  c = Find(*v, Stage::kConsideration);
  EXPECT_EQ(c->due, (Date{2024, 8, 19}));
  ASSERT_EQ(c->extensions.size(), 1u);
  EXPECT_EQ(c->extensions[0].reason, "awaiting the ministry's opinion");
  EXPECT_EQ(v->timeline.back().kind, "extended");
  EXPECT_NE(v->timeline.back().detail.find("now due 2024-08-19"), std::string::npos)
      << v->timeline.back().detail;

  // Beyond the profile's 10 working days in all, or bad input: refused, nothing written.
  const size_t events = v->timeline.size();
  for (const ExtensionInput& bad : {ExtensionInput{"consideration", 1, "working_days", "more"},
                                    ExtensionInput{"consideration", 1, "months", "more"},
                                    ExtensionInput{"collection", 1, "months", "more"},
                                    ExtensionInput{"consideration", 1, "working_days", "   "},
                                    ExtensionInput{"hearing", 1, "working_days", "r"},
                                    ExtensionInput{"consideration", 0, "working_days", "r"},
                                    ExtensionInput{"consideration", 1, "fortnights", "r"}}) {
    Result<Petition> r = ExtendDeadline(*ctx_, id, bad);
    EXPECT_FALSE(r.ok()) << bad.stage << " " << bad.amount << " " << bad.unit;
    EXPECT_NE(r.status().kind(), ErrorKind::kInternal) << r.status().ToString();
  }
  EXPECT_EQ(store_->GetTimeline(id)->size(), events);
  EXPECT_EQ(store_->GetExtensions(id)->size(), 1u);
  EXPECT_EQ(ExtendDeadline(*ctx_, 999, ext).status().code(), "petition_not_found");
}

}  // namespace
}  // namespace petitio::testing
