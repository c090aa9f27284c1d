#include "domain/stage_deadlines.h"

#include <gtest/gtest.h>

#include "shipped_files.h"

namespace petitio {
namespace {

using std::chrono::hours;

// A petition to a central body of Kazakhstan registered on Sunday 9 June 2024 (the reference
// case of DESIGN.md): consideration runs 40 working days, due Monday 5 August 2024.
Petition Registered() {
  Petition p;
  p.profile_id = "kz";
  p.addressee_level = "central";
  p.state = PetitionState::kOpen;
  p.created_at = StartOfDay({2024, 4, 4});
  p.moderation_started_at = p.created_at;
  p.moderation = ModerationDecision{"publish", "", "", StartOfDay({2024, 4, 10})};
  p.sponsors_started_at = StartOfDay({2024, 4, 10});
  p.opened_at = StartOfDay({2024, 4, 12});
  p.closes_at = StartOfDay({2024, 10, 13});
  p.registered_at = StartOfDay({2024, 6, 9}) + hours(10);
  return p;
}

const StageDeadline* Find(const std::vector<StageDeadline>& all, Stage stage) {
  for (const StageDeadline& d : all) {
    if (d.stage == stage) return &d;
  }
  return nullptr;
}

TEST(StageDeadlines, ConsiderationCountsDownAndFallsOverdue) {
  const Profile kz = testing::ShippedProfile("kz");
  const Petition p = Registered();

  // On Monday 22 July 2024, 10 working days remain: 23-26 July, 29 July - 2 August, 5 August.
  std::vector<StageDeadline> all = StageDeadlines(p, kz, {}, StartOfDay({2024, 7, 22}));
  const StageDeadline* c = Find(all, Stage::kConsideration);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->duration, (Duration{40, DurationUnit::kWorkingDays}));
  EXPECT_EQ(c->due, (Date{2024, 8, 5}));
  EXPECT_FALSE(c->overdue);
  EXPECT_EQ(c->days_left, 10);
  EXPECT_TRUE(c->days_left_working);
  EXPECT_NE(c->basis.find("90-5"), std::string::npos) << c->basis;

  // Still due through 5 August (23:00 in Astana is 18:00 UTC); overdue on 6 August.
  const std::vector<StageDeadline> last_day =
      StageDeadlines(p, kz, {}, StartOfDay({2024, 8, 5}) + hours(18));
  c = Find(last_day, Stage::kConsideration);
  EXPECT_FALSE(c->overdue);
  EXPECT_EQ(c->days_left, 0);
  all = StageDeadlines(p, kz, {}, StartOfDay({2024, 8, 6}));
  c = Find(all, Stage::kConsideration);
  EXPECT_TRUE(c->overdue);

  // Moderation was decided: completed, never overdue.
  const StageDeadline* m = Find(all, Stage::kModeration);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->completed_at, StartOfDay({2024, 4, 10}));
  EXPECT_FALSE(m->overdue);
  EXPECT_EQ(m->due, (Date{2024, 5, 3}));  // 20 working days from 4 April 2024
  ASSERT_NE(Find(all, Stage::kCollection), nullptr);
  EXPECT_EQ(Find(all, Stage::kAnswer), nullptr) << "kz has no separate answer clock";
}

TEST(StageDeadlines, DaysAreKazakhstansNotUtcs) {
  const Profile kz = testing::ShippedProfile("kz");
  EXPECT_EQ(kz.utc_offset_minutes, 300);
  Petition p = Registered();
  // 01:00 on Sunday 9 June in Astana is still Saturday 8 June in UTC.
  p.registered_at = StartOfDay({2024, 6, 8}) + hours(20);
  std::vector<StageDeadline> all = StageDeadlines(p, kz, {}, StartOfDay({2024, 7, 1}));
  const StageDeadline* c = Find(all, Stage::kConsideration);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->due, (Date{2024, 8, 5}));
  // The due day ends at midnight in Astana: 19:00 UTC on 5 August.
  all = StageDeadlines(p, kz, {}, StartOfDay({2024, 8, 5}) + hours(19) - std::chrono::seconds(1));
  EXPECT_FALSE(Find(all, Stage::kConsideration)->overdue);
  all = StageDeadlines(p, kz, {}, StartOfDay({2024, 8, 5}) + hours(19));
  EXPECT_TRUE(Find(all, Stage::kConsideration)->overdue);
}

TEST(StageDeadlines, DueBeyondTheCalendarIsUnknownNotGuessed) {
  const Profile kz = testing::ShippedProfile("kz");
  Petition p = Registered();
  p.registered_at = StartOfDay({2026, 12, 1});
  const std::vector<StageDeadline> all = StageDeadlines(p, kz, {}, StartOfDay({2026, 12, 2}));
  const StageDeadline* c = Find(all, Stage::kConsideration);
  ASSERT_NE(c, nullptr);
  EXPECT_FALSE(c->due.has_value());
  EXPECT_NE(c->due_error.find("2024-2026"), std::string::npos) << c->due_error;
  EXPECT_FALSE(c->overdue);
}

TEST(StageDeadlines, ExtensionsMoveTheDueDateWithinTheProfilesLimit) {
  Profile kz = testing::ShippedProfile("kz");
  StageClock& clock = kz.clocks[Stage::kConsideration];
  clock.extension = Duration{20, DurationUnit::kWorkingDays};
  clock.extension_source = "test rule";
  kz.addressees.clear();  // the top-level clock applies
  const Petition p = Registered();
  const TimePoint now = StartOfDay({2024, 7, 1});
  const DeadlineExtension ext{Stage::kConsideration,
                              {10, DurationUnit::kWorkingDays},
                              "working group needs the ministry's report",
                              now};
  ASSERT_TRUE(CheckExtension(p, kz, {}, ext, now).ok());
  const std::vector<StageDeadline> all = StageDeadlines(p, kz, {ext}, now);
  const StageDeadline* c = Find(all, Stage::kConsideration);
  // 10 working days after Monday 5 August 2024: 6-9 and 12-16, 19 August.
  EXPECT_EQ(c->due, (Date{2024, 8, 19}));
  ASSERT_EQ(c->extensions.size(), 1u);

  DeadlineExtension too_long = ext;
  too_long.duration.amount = 11;
  EXPECT_EQ(CheckExtension(p, kz, {ext}, too_long, now).code(), "invalid_extension");
  DeadlineExtension wrong_unit = ext;
  wrong_unit.duration.unit = DurationUnit::kMonths;
  EXPECT_EQ(CheckExtension(p, kz, {}, wrong_unit, now).code(), "invalid_extension");
  DeadlineExtension no_reason = ext;
  no_reason.reason.clear();
  EXPECT_EQ(CheckExtension(p, kz, {}, no_reason, now).code(), "missing_reason");
  DeadlineExtension moderation = ext;
  moderation.stage = Stage::kModeration;
  EXPECT_EQ(CheckExtension(p, kz, {}, moderation, now).code(), "extension_not_allowed");
  Petition unregistered = p;
  unregistered.registered_at.reset();
  EXPECT_EQ(CheckExtension(unregistered, kz, {}, ext, now).code(), "stage_not_started");
}

TEST(StageDeadlines, LapsedSupportersStageIsCompletedNotOverdue) {
  const Profile kz = testing::ShippedProfile("kz");
  Petition p;
  p.profile_id = "kz";
  p.addressee_level = "central";
  p.state = PetitionState::kLapsed;
  p.sponsors_started_at = StartOfDay({2024, 6, 9});
  p.closed_at = StartOfDay({2024, 6, 22});
  const std::vector<StageDeadline> all = StageDeadlines(p, kz, {}, StartOfDay({2024, 7, 1}));
  const StageDeadline* s = Find(all, Stage::kSponsors);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->due, (Date{2024, 6, 21}));
  EXPECT_EQ(s->completed_at, p.closed_at);
  EXPECT_FALSE(s->overdue);
}

}  // namespace
}  // namespace petitio
