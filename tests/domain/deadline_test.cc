#include "domain/deadline.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace petitio {
namespace {

// Saturday and Sunday off; 8 March 2026 (a Sunday) moves to Monday 9 March; a working Saturday
// on 14 March 2026.
Calendar Small() {
  CalendarData c;
  c.id = "small";
  c.name.by_language["en"] = "Small";
  c.first_year = 2026;
  c.last_year = 2026;
  c.weekend[5] = c.weekend[6] = true;
  c.move_weekend_holidays = true;
  c.holidays.push_back({3, 8, true, 0, 9999, {{{"en", "Women's Day"}}}, "law"});
  c.transfers.push_back({{2026, 3, 14}, true, {{{"en", "Working Saturday"}}}, "order"});
  Result<Calendar> cal = Calendar::Compile(std::move(c));
  EXPECT_TRUE(cal.ok());
  return std::move(*cal);
}

TEST(ComputeDue, WorkingDaysCountFromTheDayAfterAndReportWhatTheySkip) {
  const Calendar c = Small();
  // From Friday 6 March 2026: Mon 9 is off (moved holiday), so day 1 is Tue 10; Sat 14 works.
  Result<Due> due = ComputeDue(&c, {2026, 3, 6}, {5, DurationUnit::kWorkingDays});
  ASSERT_TRUE(due.ok()) << due.status().ToString();
  EXPECT_EQ(due->date, (Date{2026, 3, 14}));
  std::vector<std::string> skipped;
  for (const DayInfo& d : due->skipped) {
    skipped.push_back(FormatDate(d.date) + " " + std::string(DayKindName(d.kind)));
  }
  EXPECT_EQ(skipped, (std::vector<std::string>{"2026-03-07 weekend", "2026-03-08 holiday",
                                               "2026-03-09 substitute"}));
}

TEST(ComputeDue, SameDayCountsTheStartItself) {
  const Calendar c = Small();
  EXPECT_EQ(
      ComputeDue(&c, {2026, 3, 10}, {1, DurationUnit::kWorkingDays}, CountFrom::kSameDay)->date,
      (Date{2026, 3, 10}));
  EXPECT_EQ(ComputeDue(&c, {2026, 3, 10}, {1, DurationUnit::kWorkingDays})->date,
            (Date{2026, 3, 11}));
  // A start on a day off: day 1 is the next working day either way.
  EXPECT_EQ(
      ComputeDue(&c, {2026, 3, 8}, {1, DurationUnit::kWorkingDays}, CountFrom::kSameDay)->date,
      (Date{2026, 3, 10}));
  EXPECT_EQ(
      ComputeDue(nullptr, {2026, 3, 10}, {10, DurationUnit::kCalendarDays}, CountFrom::kSameDay)
          ->date,
      (Date{2026, 3, 19}));
  EXPECT_EQ(
      ComputeDue(nullptr, {2026, 1, 31}, {1, DurationUnit::kMonths}, CountFrom::kSameDay)->date,
      (Date{2026, 2, 27}));
}

TEST(ComputeDue, CalendarUnitsNeedNoCalendar) {
  EXPECT_EQ(ComputeDue(nullptr, {2024, 2, 15}, {30, DurationUnit::kCalendarDays})->date,
            (Date{2024, 3, 16}));
  EXPECT_EQ(ComputeDue(nullptr, {2024, 12, 20}, {6, DurationUnit::kWeeks})->date,
            (Date{2025, 1, 31}));
  EXPECT_EQ(ComputeDue(nullptr, {2024, 6, 9}, {6, DurationUnit::kMonths})->date,
            (Date{2024, 12, 9}));
  // End of month: clamped to the shorter month.
  EXPECT_EQ(ComputeDue(nullptr, {2025, 1, 31}, {1, DurationUnit::kMonths})->date,
            (Date{2025, 2, 28}));
  EXPECT_EQ(ComputeDue(nullptr, {2024, 1, 31}, {1, DurationUnit::kMonths})->date,
            (Date{2024, 2, 29}));
  EXPECT_EQ(ComputeDue(nullptr, {2024, 2, 29}, {12, DurationUnit::kMonths})->date,
            (Date{2025, 2, 28}));
  EXPECT_TRUE(ComputeDue(nullptr, {2024, 2, 29}, {12, DurationUnit::kMonths})->skipped.empty());
}

TEST(ComputeDue, Errors) {
  const Calendar c = Small();
  EXPECT_EQ(ComputeDue(nullptr, {2026, 3, 6}, {5, DurationUnit::kWorkingDays}).status().code(),
            "no_calendar");
  EXPECT_EQ(ComputeDue(&c, {2025, 12, 31}, {1, DurationUnit::kWorkingDays}).status().code(),
            "calendar_out_of_range")
      << "the start itself lies outside";
  EXPECT_EQ(ComputeDue(&c, {2026, 12, 20}, {20, DurationUnit::kWorkingDays}).status().code(),
            "calendar_out_of_range")
      << "the count runs past the covered years";
  EXPECT_EQ(ComputeDue(&c, {2026, 3, 6}, {0, DurationUnit::kWorkingDays}).status().code(),
            "invalid_duration");
  EXPECT_EQ(ComputeDue(nullptr, {2026, 3, 6}, {kMaxDurationAmount + 1, DurationUnit::kMonths})
                .status()
                .code(),
            "invalid_duration");
  EXPECT_EQ(ComputeDue(nullptr, {2026, 2, 30}, {1, DurationUnit::kMonths}).status().code(),
            "invalid_date");
}

TEST(DaysLeft, CountsWorkingDaysAfterToday) {
  const Calendar c = Small();
  EXPECT_EQ(*DaysLeft(&c, {2026, 3, 6}, {2026, 3, 14}), 5);
  EXPECT_EQ(*DaysLeft(&c, {2026, 3, 14}, {2026, 3, 14}), 0);
  EXPECT_EQ(*DaysLeft(&c, {2026, 3, 20}, {2026, 3, 14}), 0);
  EXPECT_EQ(*DaysLeft(nullptr, {2026, 3, 6}, {2026, 3, 14}), 8);
  EXPECT_EQ(DaysLeft(&c, {2026, 12, 30}, {2027, 1, 4}).status().code(), "calendar_out_of_range");
}

TEST(DurationUnit, NamesRoundTripAndDescribe) {
  for (DurationUnit u : {DurationUnit::kWorkingDays, DurationUnit::kCalendarDays,
                         DurationUnit::kWeeks, DurationUnit::kMonths}) {
    EXPECT_EQ(ParseDurationUnit(DurationUnitName(u)), u);
  }
  EXPECT_FALSE(ParseDurationUnit("days").has_value());
  EXPECT_EQ(DescribeDuration({40, DurationUnit::kWorkingDays}), "40 working days");
  EXPECT_EQ(DescribeDuration({1, DurationUnit::kMonths}), "1 month");
  EXPECT_EQ(DescribeDuration({6, DurationUnit::kWeeks}), "6 weeks");
  EXPECT_EQ(DescribeDuration({1, DurationUnit::kCalendarDays}), "1 calendar day");
}

}  // namespace
}  // namespace petitio
