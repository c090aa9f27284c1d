#include "domain/lifecycle.h"

#include <gtest/gtest.h>

#include <memory>

namespace petitio {
namespace {

Threshold At(int64_t count, const char* effect, bool registers = false) {
  Threshold t;
  t.count = count;
  t.effect = effect;
  t.registers = registers;
  return t;
}

Profile TwoSponsorProfile() {
  Profile p;
  p.id = "test";
  p.name.by_language["en"] = "Test";
  p.sponsors_required = 2;
  p.stages = {Stage::kSponsors, Stage::kModeration};
  p.thresholds = {At(3, "response"), At(5, "debate")};
  p.clocks[Stage::kCollection] = {{6, DurationUnit::kMonths}, "rules", std::nullopt, ""};
  p.grounds = {{"duplicate", {{{"en", "Duplicate"}}}, "Standards 1", false},
               {"libel", {{{"en", "Libel"}}}, "Standards 2", true}};
  return p;
}

// A Kazakh-style calendar for 2024: Saturday and Sunday off, Capital Day (6 July, a Saturday)
// moved to Monday 8 July, Kurban Ait on Sunday 16 June not moved.
std::shared_ptr<const Calendar> Calendar2024() {
  CalendarData c;
  c.id = "kz-test";
  c.name.by_language["en"] = "Test";
  c.first_year = 2024;
  c.last_year = 2024;
  c.weekend[5] = c.weekend[6] = true;
  c.move_weekend_holidays = true;
  c.holidays.push_back({7, 6, true, 0, 9999, {{{"en", "Capital Day"}}}, "law"});
  c.movable.push_back({{2024, 6, 16}, false, {{{"en", "Kurban Ait"}}}, "law"});
  Result<Calendar> cal = Calendar::Compile(std::move(c));
  EXPECT_TRUE(cal.ok());
  return std::make_shared<const Calendar>(std::move(*cal));
}

// Moderation first, then 2 supporters within 10 working days; 40 working days to consider.
Profile ModerationFirstProfile() {
  Profile p = TwoSponsorProfile();
  p.stages = {Stage::kModeration, Stage::kSponsors};
  p.thresholds = {At(4, "consideration", /*registers=*/true)};
  p.calendar_id = "kz-test";
  p.calendar = Calendar2024();
  p.clocks[Stage::kModeration] = {{20, DurationUnit::kWorkingDays}, "art. 1", std::nullopt, ""};
  p.clocks[Stage::kSponsors] = {{10, DurationUnit::kWorkingDays}, "art. 2", std::nullopt, ""};
  p.clocks[Stage::kConsideration] = {
      {40, DurationUnit::kWorkingDays}, "art. 90-5", std::nullopt, ""};
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

TEST(Lifecycle, ModerationFirstAdmitsThenOpensWithItsSupporters) {
  const Profile profile = ModerationFirstProfile();
  Petition p;
  ASSERT_TRUE(CountValidatedSignature(p, SignerRole::kInitiator, profile, kNow).ok());
  EXPECT_EQ(p.state, PetitionState::kValidated);
  EXPECT_EQ(p.moderation_started_at, kNow);
  EXPECT_EQ(CountValidatedSignature(p, SignerRole::kSponsor, profile, kNow).status().code(),
            "petition_not_collecting")
      << "supporters join only after moderation";

  Result<Transition> t = Publish(p, profile, kNow);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(p.state, PetitionState::kAdmitted);
  EXPECT_EQ(p.sponsors_started_at, kNow);
  EXPECT_FALSE(p.opened_at.has_value());
  ASSERT_EQ(t->events.size(), 1u);
  EXPECT_EQ(t->events[0].kind, "admitted");
  // 10 working days from the day after Sunday 9 June 2024: 10-14 and 17-21 June (Monday 17
  // counts: Kurban Ait on Sunday 16 June is not moved).
  EXPECT_NE(t->events[0].detail.find("due 2024-06-21"), std::string::npos) << t->events[0].detail;

  ASSERT_TRUE(CountValidatedSignature(p, SignerRole::kSponsor, profile, kNow).ok());
  EXPECT_EQ(p.state, PetitionState::kAdmitted);
  t = CountValidatedSignature(p, SignerRole::kSponsor, profile, kNow);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(p.state, PetitionState::kOpen);
  EXPECT_EQ(p.opened_at, kNow);
  EXPECT_EQ(p.closes_at, StartOfDay({2024, 12, 10}));
  EXPECT_EQ(t->events.back().kind, "published");
}

TEST(Lifecycle, AdmittedPetitionLapsesWhenItsSupportersClockRunsOut) {
  const Profile profile = ModerationFirstProfile();
  Petition p;
  ASSERT_TRUE(CountValidatedSignature(p, SignerRole::kInitiator, profile, kNow).ok());
  ASSERT_TRUE(Publish(p, profile, kNow).ok());
  ASSERT_TRUE(CountValidatedSignature(p, SignerRole::kSponsor, profile, kNow).ok());
  // Due Friday 21 June 2024: still gathering through that day.
  EXPECT_EQ(LapseIfExpired(p, profile, StartOfDay({2024, 6, 22}) - std::chrono::milliseconds(1))
                .status()
                .code(),
            "not_due");
  Result<Transition> t = LapseIfExpired(p, profile, StartOfDay({2024, 6, 24}));
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(p.state, PetitionState::kLapsed);
  EXPECT_EQ(p.closed_at, StartOfDay({2024, 6, 22}));
  EXPECT_EQ(t->events[0].kind, "lapsed");
  EXPECT_EQ(CountValidatedSignature(p, SignerRole::kSponsor, profile, kNow).status().code(),
            "petition_not_collecting");
}

TEST(Lifecycle, ModerationFirstWithoutSponsorsOpensOnPublication) {
  Profile profile = ModerationFirstProfile();
  profile.sponsors_required = 0;
  profile.stages = {Stage::kModeration};
  Petition p;
  ASSERT_TRUE(CountValidatedSignature(p, SignerRole::kInitiator, profile, kNow).ok());
  ASSERT_TRUE(Publish(p, profile, kNow).ok());
  EXPECT_EQ(p.state, PetitionState::kOpen);
}

// The petition with its counts set aside, for comparing everything else.
std::string AllButCounts(Petition p) {
  p.signature_count = 0;
  p.sponsor_count = 0;
  auto ms = [](const std::optional<TimePoint>& t) {
    return t ? std::to_string(ToMillis(*t)) : std::string("-");
  };
  return std::string(PetitionStateName(p.state)) + "|" + ms(p.opened_at) + "|" + ms(p.closes_at) +
         "|" + ms(p.closed_at) + "|" + ms(p.moderation_started_at) + "|" +
         ms(p.sponsors_started_at) + "|" + ms(p.registered_at) + "|" +
         (p.moderation ? p.moderation->decision : "-");
}

// Transition::OnlyCounts lets the store write the counts alone (StoreTx::UpdatePetitionCounts),
// so every counting that says it must have changed nothing else: through a whole life in both
// stage orders, past the thresholds, sponsors first and moderation first.
TEST(Lifecycle, ACountThatOnlyCountsChangesOnlyTheCounts) {
  for (const Profile& profile : {TwoSponsorProfile(), ModerationFirstProfile()}) {
    Petition p;
    int only_counts = 0;
    int more = 0;
    auto count = [&](SignerRole role) {
      const std::string before = AllButCounts(p);
      const int64_t total = p.signature_count;
      Result<Transition> t = CountValidatedSignature(p, role, profile, kNow);
      ASSERT_TRUE(t.ok()) << t.status().ToString();
      EXPECT_EQ(p.signature_count, total + 1);
      if (t->OnlyCounts()) {
        ++only_counts;
        EXPECT_EQ(AllButCounts(p), before) << profile.id << " at " << p.signature_count;
      } else {
        ++more;
      }
    };
    count(SignerRole::kInitiator);
    if (profile.order() == StageOrder::kModerationFirst) {
      ASSERT_TRUE(Publish(p, profile, kNow).ok());
    }
    count(SignerRole::kSponsor);
    count(SignerRole::kSponsor);
    if (profile.order() == StageOrder::kSponsorsFirst) {
      ASSERT_TRUE(Publish(p, profile, kNow).ok());
    }
    for (int i = 0; i < 6; ++i) count(SignerRole::kSigner);
    EXPECT_GT(only_counts, 0);
    EXPECT_GE(more, 3);  // validated, sponsored or opened, a threshold
  }
}

TEST(Lifecycle, RegisteringThresholdStartsConsideration) {
  const Profile profile = ModerationFirstProfile();
  Petition p;
  ASSERT_TRUE(CountValidatedSignature(p, SignerRole::kInitiator, profile, kNow).ok());
  ASSERT_TRUE(Publish(p, profile, kNow).ok());
  ASSERT_TRUE(CountValidatedSignature(p, SignerRole::kSponsor, profile, kNow).ok());
  ASSERT_TRUE(CountValidatedSignature(p, SignerRole::kSponsor, profile, kNow).ok());
  EXPECT_FALSE(p.registered_at.has_value());
  Result<Transition> t = CountValidatedSignature(p, SignerRole::kSigner, profile, kNow);  // 4
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(p.registered_at, kNow);
  ASSERT_EQ(t->events.size(), 2u);
  EXPECT_EQ(t->events[0].kind, "threshold_reached");
  EXPECT_EQ(t->events[1].kind, "registered");
  // The reference case: 40 working days from Sunday 9 June 2024 fall due on 5 August 2024.
  EXPECT_NE(t->events[1].detail.find("40 working days, due 2024-08-05"), std::string::npos)
      << t->events[1].detail;
}

TEST(Lifecycle, RegistrationSaysWhenTheDueDateIsBeyondTheCalendar) {
  const Profile profile = ModerationFirstProfile();
  Petition p;
  const TimePoint december = StartOfDay({2024, 12, 2});
  ASSERT_TRUE(CountValidatedSignature(p, SignerRole::kInitiator, profile, december).ok());
  p.state = PetitionState::kOpen;
  p.signature_count = 3;
  Result<Transition> t = CountValidatedSignature(p, SignerRole::kSigner, profile, december);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(p.registered_at, december);
  EXPECT_NE(t->events[1].detail.find("due date not known yet"), std::string::npos)
      << t->events[1].detail;
}

TEST(Lifecycle, PercentThresholdsUseThePetitionsRegion) {
  Profile profile = ModerationFirstProfile();
  Region big;
  big.code = "big";
  big.name.by_language["en"] = "Big";
  big.population = 1'638'233;
  big.population_source = "statistics";
  Region unknown;
  unknown.code = "unknown";
  unknown.name.by_language["en"] = "Unknown";
  profile.regions = {big, unknown};
  Threshold two_percent = At(0, "consideration", true);
  two_percent.percent = 2.0;
  Addressee maslikhat;
  maslikhat.code = "regional_maslikhat";
  maslikhat.name.by_language["en"] = "Regional maslikhat";
  maslikhat.regional = true;
  maslikhat.thresholds = {two_percent};
  profile.addressees = {maslikhat};

  Result<std::vector<Threshold>> t = profile.ThresholdsFor("regional_maslikhat", "big");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ((*t)[0].count, 32'765);  // 2% of 1,638,233 = 32,764.66, rounded up
  EXPECT_TRUE(profile.CheckAddressee("regional_maslikhat", "big").ok());
  EXPECT_EQ(profile.CheckAddressee("regional_maslikhat", "").code(), "invalid_addressee_region");
  EXPECT_EQ(profile.CheckAddressee("regional_maslikhat", "unknown").code(),
            "invalid_addressee_region")
      << "a region whose population the profile lacks is refused, not guessed";
  EXPECT_EQ(profile.CheckAddressee("central", "").code(), "invalid_addressee");
}

// Three member states with a minimum of 2 signatures each; the threshold needs 6 signatures in
// all and 2 states at their minimum.
Profile RegionsProfile() {
  Profile profile = TwoSponsorProfile();
  Threshold eci = At(6, "commission_response", true);
  eci.min_regions = 2;
  profile.thresholds = {eci};
  for (const char* code : {"at", "be", "cy"}) {
    Region r;
    r.code = code;
    r.name.by_language["en"] = code;
    r.minimum = 2;
    r.minimum_source = "Annex I";
    profile.regions.push_back(r);
  }
  return profile;
}

TEST(Lifecycle, MinRegionsThresholdIsNotReachedByTheTotalAlone) {
  const Profile profile = RegionsProfile();
  Petition p = Sponsored(profile);
  ASSERT_TRUE(Publish(p, profile, kNow).ok());
  p.signature_count = 9;
  Result<Transition> t = CountValidatedSignature(p, SignerRole::kSigner, profile, kNow);
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->crossings.empty()) << "without counts by region it cannot be decided";
  // 10 in all, but only Austria at its minimum.
  RegionTally tally{"at", {{"at", 8}, {"be", 1}, {"", 1}}};
  t = CountValidatedSignature(p, SignerRole::kSigner, profile, kNow, &tally);
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->crossings.empty());
  EXPECT_FALSE(p.registered_at.has_value());
}

TEST(Lifecycle, MinRegionsThresholdIsReachedByTheSignatureThatCompletesIt) {
  const Profile profile = RegionsProfile();
  Petition p = Sponsored(profile);
  ASSERT_TRUE(Publish(p, profile, kNow).ok());
  p.signature_count = 10;
  // Belgium reaches its minimum with this signature: two states, 11 in all.
  RegionTally tally{"be", {{"at", 8}, {"be", 2}, {"", 1}}};
  Result<Transition> t = CountValidatedSignature(p, SignerRole::kSigner, profile, kNow, &tally);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->crossings.size(), 1u);
  EXPECT_EQ(t->crossings[0].count, 11);
  EXPECT_EQ(p.registered_at, kNow);
  // The next one, anywhere, crosses nothing again.
  RegionTally more{"be", {{"at", 8}, {"be", 3}, {"", 1}}};
  t = CountValidatedSignature(p, SignerRole::kSigner, profile, kNow, &more);
  EXPECT_TRUE(t->crossings.empty());
  // Regions already met, the total completes it.
  Petition q = Sponsored(profile);
  ASSERT_TRUE(Publish(q, profile, kNow).ok());
  q.signature_count = 5;
  RegionTally total{"cy", {{"at", 2}, {"be", 2}, {"cy", 2}}};
  t = CountValidatedSignature(q, SignerRole::kSigner, profile, kNow, &total);
  ASSERT_EQ(t->crossings.size(), 1u);
  EXPECT_EQ(t->crossings[0].count, 6);
}

}  // namespace
}  // namespace petitio
