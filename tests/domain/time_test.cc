#include "domain/time.h"

#include <gtest/gtest.h>

#include "domain/clock.h"

namespace petitio {
namespace {

TEST(CivilDays, RoundTripsAcrossFourCenturies) {
  for (int64_t d = -146097; d <= 3 * 146097; d += 17) {
    EXPECT_EQ(DaysFromCivil(CivilFromDays(d)), d);
  }
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil({2000, 3, 1}), 11017);
}

TEST(CivilDays, IsoWeekdays) {
  EXPECT_EQ(IsoWeekday({2024, 6, 9}), 6);    // Sunday: the KZ reference case
  EXPECT_EQ(IsoWeekday({2024, 7, 8}), 0);    // Monday
  EXPECT_EQ(IsoWeekday({1970, 1, 1}), 3);    // Thursday
  EXPECT_EQ(IsoWeekday({2026, 11, 28}), 5);  // Saturday
}

TEST(CivilDays, MonthsClampToMonthEnd) {
  EXPECT_EQ(AddMonths({2025, 1, 31}, 1), (Date{2025, 2, 28}));
  EXPECT_EQ(AddMonths({2024, 1, 31}, 1), (Date{2024, 2, 29}));
  EXPECT_EQ(AddMonths({2024, 6, 9}, 6), (Date{2024, 12, 9}));
  EXPECT_EQ(AddMonths({2024, 11, 30}, 3), (Date{2025, 2, 28}));
  EXPECT_EQ(AddMonths({2024, 3, 15}, -3), (Date{2023, 12, 15}));
}

TEST(CivilDays, Validity) {
  EXPECT_TRUE(IsValidDate({2024, 2, 29}));
  EXPECT_FALSE(IsValidDate({2023, 2, 29}));
  EXPECT_FALSE(IsValidDate({1900, 2, 29}));
  EXPECT_TRUE(IsValidDate({2000, 2, 29}));
  EXPECT_FALSE(IsValidDate({2024, 13, 1}));
  EXPECT_FALSE(IsValidDate({2024, 4, 31}));
}

TEST(Rfc3339, FormatsAndParses) {
  const TimePoint t = StartOfDay({2024, 6, 9}) + std::chrono::hours(10);
  EXPECT_EQ(FormatRfc3339(t), "2024-06-09T10:00:00Z");
  EXPECT_EQ(FormatRfc3339(t + std::chrono::milliseconds(7)), "2024-06-09T10:00:00.007Z");
  EXPECT_EQ(ParseRfc3339("2024-06-09T10:00:00Z"), t);
  EXPECT_EQ(ParseRfc3339("2024-06-09T15:00:00+05:00"), t);
  EXPECT_EQ(ParseRfc3339("2024-06-09T10:00:00.5Z"), t + std::chrono::milliseconds(500));
  EXPECT_EQ(FormatRfc3339(FromMillis(-1)), "1969-12-31T23:59:59.999Z");
}

TEST(Rfc3339, RejectsMalformed) {
  for (const char* bad : {"", "2024-06-09", "2024-06-09T10:00:00", "2024-06-09 10:00:00Z",
                          "2024-02-30T10:00:00Z", "2024-06-09T24:00:00Z", "2024-06-09T10:00:00.Z",
                          "2024-06-09T10:00:00+0500", "2024-06-09T10:00:00Zjunk"}) {
    EXPECT_FALSE(ParseRfc3339(bad).has_value()) << bad;
  }
}

TEST(Dates, ParseAndFormat) {
  EXPECT_EQ(ParseDate("2024-08-05"), (Date{2024, 8, 5}));
  EXPECT_EQ(FormatDate({2024, 8, 5}), "2024-08-05");
  EXPECT_FALSE(ParseDate("2024-8-5").has_value());
  EXPECT_FALSE(ParseDate("2023-02-29").has_value());
  EXPECT_EQ(DateOf(StartOfDay({2024, 6, 9}) + std::chrono::hours(23)), (Date{2024, 6, 9}));
}

TEST(FixedClockTest, SetsAndAdvances) {
  FixedClock clock(StartOfDay({2024, 6, 9}));
  clock.Advance(std::chrono::hours(24));
  EXPECT_EQ(DateOf(clock.Now()), (Date{2024, 6, 10}));
  clock.Set(StartOfDay({2025, 1, 1}));
  EXPECT_EQ(DateOf(clock.Now()), (Date{2025, 1, 1}));
}

}  // namespace
}  // namespace petitio
