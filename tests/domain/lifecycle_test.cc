#include "domain/lifecycle.h"

#include <gtest/gtest.h>

namespace petitio {
namespace {

Profile TwoSponsorProfile() {
  Profile p;
  p.id = "test";
  p.name.by_language["en"] = "Test";
  p.sponsors_required = 2;
  p.thresholds = {{3, "response", {}, ""}, {5, "debate", {}, ""}};
  p.collection = {6, PeriodUnit::kMonths};
  p.grounds = {{"duplicate", {{{"en", "Duplicate"}}}, "Standards 1", false},
               {"libel", {{{"en", "Libel"}}}, "Standards 2", true}};
  return p;
}

const TimePoint kNow = StartOfDay({2024, 6, 9}) + std::chrono::hours(10);

Petition Sponsored(const Profile& profile) {
  Petition p;
  p.profile_id = profile.id;
  EXPECT_TRUE(CountValidatedSignature(p, SignerRole::kInitiator, profile, kNow).ok());
  EXPECT_TRUE(CountValidatedSignature(p, SignerRole::kSponsor, profile, kNow).ok());
  EXPECT_TRUE(CountValidatedSignature(p, SignerRole::kSponsor, profile, kNow).ok());
  return p;
}

TEST(Lifecycle, InitiatorThenSponsorsReachModeration) {
  const Profile profile = TwoSponsorProfile();
  Petition p;
  Result<Transition> t = CountValidatedSignature(p, SignerRole::kInitiator, profile, kNow);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(p.state, PetitionState::kValidated);
  EXPECT_EQ(p.signature_count, 1);
  ASSERT_TRUE(CountValidatedSignature(p, SignerRole::kSponsor, profile, kNow).ok());
  EXPECT_EQ(p.state, PetitionState::kValidated);
  t = CountValidatedSignature(p, SignerRole::kSponsor, profile, kNow);
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->became_sponsored);
  EXPECT_EQ(p.state, PetitionState::kSponsored);
  EXPECT_EQ(p.sponsor_count, 2);
  EXPECT_EQ(p.signature_count, 3);
  EXPECT_TRUE(t->crossings.empty()) << "thresholds count only once collecting";
}

TEST(Lifecycle, SponsorsBeforeInitiatorConfirmsStillWait) {
  const Profile profile = TwoSponsorProfile();
  Petition p;
  ASSERT_TRUE(CountValidatedSignature(p, SignerRole::kSponsor, profile, kNow).ok());
  ASSERT_TRUE(CountValidatedSignature(p, SignerRole::kSponsor, profile, kNow).ok());
  EXPECT_EQ(p.state, PetitionState::kPending);
  ASSERT_TRUE(CountValidatedSignature(p, SignerRole::kInitiator, profile, kNow).ok());
  EXPECT_EQ(p.state, PetitionState::kSponsored);
}

TEST(Lifecycle, SignersOnlyWhileOpen) {
  const Profile profile = TwoSponsorProfile();
  Petition p = Sponsored(profile);
  EXPECT_EQ(CountValidatedSignature(p, SignerRole::kSigner, profile, kNow).status().code(),
            "petition_not_collecting");
  EXPECT_EQ(p.signature_count, 3);
}

TEST(Lifecycle, PublishOpensAndRecordsThresholdsAlreadyReached) {
  const Profile profile = TwoSponsorProfile();
  Petition p = Sponsored(profile);
  Result<Transition> t = Publish(p, profile, kNow);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(p.state, PetitionState::kOpen);
  EXPECT_EQ(p.opened_at, kNow);
  // 6 months from 9 June 2024 ends on 9 December; collection closes at its end.
  EXPECT_EQ(p.closes_at, StartOfDay({2024, 12, 10}));
  ASSERT_EQ(t->crossings.size(), 1u);  // 3 signatures reach the first threshold
  EXPECT_EQ(t->crossings[0].index, 0);
  EXPECT_EQ(t->crossings[0].reached_at, kNow);
}

TEST(Lifecycle, ThresholdCrossedExactlyOnce) {
  const Profile profile = TwoSponsorProfile();
  Petition p = Sponsored(profile);
  ASSERT_TRUE(Publish(p, profile, kNow).ok());
  Result<Transition> t = CountValidatedSignature(p, SignerRole::kSigner, profile, kNow);  // 4
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->crossings.empty());
  t = CountValidatedSignature(p, SignerRole::kSigner, profile, kNow);  // 5
  ASSERT_EQ(t->crossings.size(), 1u);
  EXPECT_EQ(t->crossings[0].index, 1);
  EXPECT_EQ(t->crossings[0].count, 5);
  t = CountValidatedSignature(p, SignerRole::kSigner, profile, kNow);  // 6
  EXPECT_TRUE(t->crossings.empty());
}

TEST(Lifecycle, RejectNeedsAProfileGroundAndHidesWhenItSays) {
  const Profile profile = TwoSponsorProfile();
  Petition p = Sponsored(profile);
  EXPECT_EQ(Reject(p, profile, "no_such_ground", "x", kNow).status().code(), "unknown_ground");
  EXPECT_EQ(p.state, PetitionState::kSponsored);
  ASSERT_TRUE(Reject(p, profile, "duplicate", "See petition 1", kNow).ok());
  EXPECT_EQ(p.state, PetitionState::kRejected);
  EXPECT_EQ(p.moderation->ground_code, "duplicate");
  Petition q = Sponsored(profile);
  ASSERT_TRUE(Reject(q, profile, "libel", "Names a private person", kNow).ok());
  EXPECT_EQ(q.state, PetitionState::kHidden);
}

TEST(Lifecycle, ModerationOnlyOnce) {
  const Profile profile = TwoSponsorProfile();
  Petition p = Sponsored(profile);
  ASSERT_TRUE(Publish(p, profile, kNow).ok());
  EXPECT_EQ(Publish(p, profile, kNow).status().code(), "not_moderatable");
  EXPECT_EQ(Reject(p, profile, "duplicate", "x", kNow).status().code(), "not_moderatable");
  EXPECT_EQ(p.state, PetitionState::kOpen);
}

TEST(Lifecycle, ClosesOnlyWhenDue) {
  const Profile profile = TwoSponsorProfile();
  Petition p = Sponsored(profile);
  ASSERT_TRUE(Publish(p, profile, kNow).ok());
  EXPECT_FALSE(CloseIfExpired(p, StartOfDay({2024, 12, 9})).ok());
  EXPECT_EQ(p.state, PetitionState::kOpen);
  ASSERT_TRUE(CloseIfExpired(p, StartOfDay({2024, 12, 10})).ok());
  EXPECT_EQ(p.state, PetitionState::kClosed);
  EXPECT_EQ(p.closed_at, StartOfDay({2024, 12, 10}));
  EXPECT_EQ(CountValidatedSignature(p, SignerRole::kSigner, profile, kNow).status().code(),
            "petition_not_collecting");
}

}  // namespace
}  // namespace petitio
