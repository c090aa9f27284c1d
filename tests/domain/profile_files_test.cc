// Parses the shipped profiles in profiles/ (with their calendars) and checks the key facts each
// one must carry, with the source of every number.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "domain/profile.h"
#include "shipped_files.h"

namespace petitio {
namespace {

using testing::ShippedProfile;

const StageClock& ClockOf(const Profile& p, Stage stage, std::string_view level = {}) {
  const StageClock* c = p.Clock(stage, level);
  EXPECT_NE(c, nullptr) << StageName(stage);
  static const StageClock kNone{};
  return c ? *c : kNone;
}

TEST(ProfileFiles, EveryFileParsesWithSourcesAndItsCalendar) {
  int files = 0;
  const auto dir = std::filesystem::path(PETITIO_SOURCE_DIR) / "profiles";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".toml") continue;
    ++files;
    const std::string id = entry.path().stem().string();
    SCOPED_TRACE(id);
    Profile p = ShippedProfile(id);
    EXPECT_EQ(p.id, id);
    EXPECT_FALSE(p.source.empty());
    EXPECT_EQ(p.calendar == nullptr, p.calendar_id.empty());
    for (const auto& [stage, clock] : p.clocks) EXPECT_FALSE(clock.source.empty());
    for (const Threshold& t : p.thresholds) EXPECT_FALSE(t.source.empty());
    for (const Addressee& a : p.addressees) {
      for (const Threshold& t : a.thresholds) EXPECT_FALSE(t.source.empty()) << a.code;
      for (const auto& [stage, clock] : a.clocks) EXPECT_FALSE(clock.source.empty()) << a.code;
    }
    for (const Region& r : p.regions) {
      EXPECT_EQ(r.population.has_value(), !r.population_source.empty()) << r.code;
      EXPECT_EQ(r.minimum.has_value(), !r.minimum_source.empty()) << r.code;
    }
    for (const ModerationGround& g : p.grounds) EXPECT_FALSE(g.citation.empty()) << g.code;
  }
  EXPECT_GE(files, 6);
}

TEST(ProfileFiles, KazakhstanModeratesFirstAndSetsThresholdsByAddressee) {
  Profile p = ShippedProfile("kz");
  EXPECT_EQ(p.order(), StageOrder::kModerationFirst);
  EXPECT_EQ(p.sponsors_required, 50);
  EXPECT_EQ(p.calendar_id, "kz");
  EXPECT_EQ(p.identity.proof, IdentityProof::kNationalId);
  EXPECT_EQ(p.identity.national_id, "kz_iin");
  EXPECT_EQ(p.identity.min_age, 18);
  EXPECT_EQ(ClockOf(p, Stage::kModeration).duration, (Duration{20, DurationUnit::kWorkingDays}));
  EXPECT_EQ(ClockOf(p, Stage::kSponsors).duration, (Duration{10, DurationUnit::kWorkingDays}));
  EXPECT_EQ(ClockOf(p, Stage::kCollection).duration, (Duration{6, DurationUnit::kMonths}));

  struct Level {
    const char* code;
    int64_t count;  // 0: a percentage
    double percent;
    int consideration_days;
  };
  for (const Level& l : {Level{"central", 50'000, 0, 40}, Level{"regional_maslikhat", 0, 2, 20},
                         Level{"regional_akimat", 0, 1, 20}, Level{"district_akimat", 2'500, 0, 20},
                         Level{"district_maslikhat", 5'000, 0, 20}}) {
    SCOPED_TRACE(l.code);
    const Addressee* a = p.FindAddressee(l.code);
    ASSERT_NE(a, nullptr);
    ASSERT_EQ(a->thresholds.size(), 1u);
    EXPECT_EQ(a->thresholds[0].count, l.count);
    EXPECT_EQ(a->thresholds[0].percent, l.percent);
    EXPECT_TRUE(a->thresholds[0].registers);
    EXPECT_EQ(ClockOf(p, Stage::kConsideration, l.code).duration,
              (Duration{l.consideration_days, DurationUnit::kWorkingDays}));
    EXPECT_TRUE(a->name.by_language.contains("ru"));
    EXPECT_TRUE(a->name.by_language.contains("kk"));
  }
  // 2% of Astana's population on 1 January 2026 (1,638,233), rounded up.
  Result<std::vector<Threshold>> astana = p.ThresholdsFor("regional_maslikhat", "astana");
  ASSERT_TRUE(astana.ok()) << astana.status().ToString();
  EXPECT_EQ((*astana)[0].count, 32'765);

  ASSERT_EQ(p.regions.size(), 20u);
  for (const Region& r : p.regions) {
    SCOPED_TRACE(r.code);
    EXPECT_TRUE(r.name.by_language.contains("ru"));
    EXPECT_TRUE(r.name.by_language.contains("kk"));
  }
  const ModerationGround* human_rights = p.FindGround("human_rights");
  ASSERT_NE(human_rights, nullptr);
  EXPECT_FALSE(human_rights->hides);
  EXPECT_NE(human_rights->title.Get("en").find("human and civil rights"), std::string::npos);
  EXPECT_NE(human_rights->citation.find("Administrative Procedural Code"), std::string::npos);
  ASSERT_NE(p.FindGround("defamation"), nullptr);
  EXPECT_TRUE(p.FindGround("defamation")->hides);
}

TEST(ProfileFiles, UnitedKingdomGathersSponsorsThenModerates) {
  Profile p = ShippedProfile("uk");
  EXPECT_EQ(p.order(), StageOrder::kSponsorsFirst);
  EXPECT_EQ(p.sponsors_required, 5);
  ASSERT_EQ(p.thresholds.size(), 2u);
  EXPECT_EQ(p.thresholds[0].count, 10'000);
  EXPECT_EQ(p.thresholds[1].count, 100'000);
  EXPECT_EQ(ClockOf(p, Stage::kCollection).duration, (Duration{6, DurationUnit::kMonths}));
  EXPECT_EQ(p.regions.size(), 12u);
  for (const char* code : {"duplicate", "irrelevant", "no_action", "honours", "fake_name", "foi",
                           "libellous", "offensive"}) {
    EXPECT_NE(p.FindGround(code), nullptr) << code;
  }
}

TEST(ProfileFiles, GermanBundestag) {
  Profile p = ShippedProfile("de-bt");
  EXPECT_EQ(p.sponsors_required, 0);
  EXPECT_EQ(p.stages, std::vector<Stage>{Stage::kModeration});
  ASSERT_EQ(p.thresholds.size(), 1u);
  EXPECT_EQ(p.thresholds[0].count, 30'000);
  EXPECT_EQ(ClockOf(p, Stage::kCollection).duration, (Duration{6, DurationUnit::kWeeks}));
  EXPECT_EQ(p.regions.size(), 16u);
}

TEST(ProfileFiles, EuropeanCitizensInitiativeNeedsSevenStatesOverTheirMinimum) {
  Profile p = ShippedProfile("eu-eci");
  EXPECT_EQ(p.sponsors_required, 6);
  ASSERT_EQ(p.thresholds.size(), 1u);
  EXPECT_EQ(p.thresholds[0].count, 1'000'000);
  EXPECT_EQ(p.thresholds[0].min_regions, 7);
  EXPECT_TRUE(p.thresholds[0].registers);
  EXPECT_EQ(ClockOf(p, Stage::kCollection).duration, (Duration{12, DurationUnit::kMonths}));
  EXPECT_EQ(ClockOf(p, Stage::kConsideration).duration, (Duration{3, DurationUnit::kMonths}));
  EXPECT_EQ(ClockOf(p, Stage::kAnswer).duration, (Duration{6, DurationUnit::kMonths}));
  ASSERT_EQ(p.regions.size(), 27u);
  int64_t seats = 0;
  for (const Region& r : p.regions) {
    ASSERT_TRUE(r.minimum.has_value()) << r.code;
    EXPECT_EQ(*r.minimum % 720, 0) << r.code << ": minimum = MEPs x 720";
    seats += *r.minimum / 720;
  }
  EXPECT_EQ(seats, 720) << "the 2024-2029 Parliament has 720 members";
  EXPECT_EQ(p.FindRegion("de")->minimum, 69'120);
  EXPECT_EQ(p.FindRegion("mt")->minimum, 4'320);
}

TEST(ProfileFiles, UkrainePresident) {
  Profile p = ShippedProfile("ua-president");
  ASSERT_EQ(p.thresholds.size(), 1u);
  EXPECT_EQ(p.thresholds[0].count, 25'000);
  EXPECT_TRUE(p.thresholds[0].registers);
  EXPECT_EQ(ClockOf(p, Stage::kCollection).duration, (Duration{3, DurationUnit::kMonths}));
  EXPECT_EQ(ClockOf(p, Stage::kConsideration).duration, (Duration{10, DurationUnit::kWorkingDays}));
  EXPECT_EQ(p.calendar_id, "ua");
}

TEST(ProfileFiles, UsWeThePeople) {
  Profile p = ShippedProfile("us-wtp");
  ASSERT_FALSE(p.thresholds.empty());
  EXPECT_EQ(p.thresholds.back().count, 100'000);
  EXPECT_EQ(ClockOf(p, Stage::kCollection).duration, (Duration{30, DurationUnit::kCalendarDays}));
  EXPECT_EQ(p.regions.size(), 51u);
}

}  // namespace
}  // namespace petitio
