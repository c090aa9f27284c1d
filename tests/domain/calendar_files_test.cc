// The shipped calendars reproduce the published days off. Sources: the published non-working
// days of Kazakhstan for 2024-2026 and its 246 working days of 2026 (../shared/jurisdictions/
// KZ.md, the orders of the Minister of Labour); England and Wales bank holidays as listed by
// the UK government (gov.uk/bank-holidays); German federal holidays and Berlin's; Ukraine under
// martial law (Law No. 2136-IX, art. 6). Easter-based days are checked against the Gregorian
// computus, computed here independently of the files.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "shipped_files.h"

namespace petitio {
namespace {

using testing::ShippedCalendar;

std::vector<Date> Dates(int year, std::initializer_list<std::pair<int, int>> month_days) {
  std::vector<Date> out;
  for (const auto& [m, d] : month_days) out.push_back({year, m, d});
  return out;
}

// Weekdays that are not working days in `year`.
std::vector<Date> NonWorkingWeekdays(const Calendar& c, int year) {
  std::vector<Date> out;
  for (Date d{year, 1, 1}; d.year == year; d = AddDays(d, 1)) {
    if (IsoWeekday(d) >= 5) continue;
    Result<bool> working = c.IsWorkingDay(d);
    EXPECT_TRUE(working.ok());
    if (working.ok() && !*working) out.push_back(d);
  }
  return out;
}

std::vector<Date> WorkingWeekendDays(const Calendar& c, int year) {
  std::vector<Date> out;
  for (Date d{year, 1, 1}; d.year == year; d = AddDays(d, 1)) {
    if (IsoWeekday(d) < 5) continue;
    Result<bool> working = c.IsWorkingDay(d);
    if (working.ok() && *working) out.push_back(d);
  }
  return out;
}

int WorkingDays(const Calendar& c, int year) {
  int n = 0;
  for (Date d{year, 1, 1}; d.year == year; d = AddDays(d, 1)) {
    Result<bool> working = c.IsWorkingDay(d);
    if (working.ok() && *working) ++n;
  }
  return n;
}

// Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
Date Easter(int y) {
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return {y, month, day};
}

TEST(KazakhstanCalendar, ReproducesThePublishedNonWorkingDays2024) {
  auto kz = ShippedCalendar("kz");
  ASSERT_NE(kz, nullptr);
  EXPECT_EQ(NonWorkingWeekdays(*kz, 2024), Dates(2024, {{1, 1},
                                                        {1, 2},
                                                        {3, 8},
                                                        {3, 21},
                                                        {3, 22},
                                                        {3, 25},
                                                        {5, 1},
                                                        {5, 7},
                                                        {5, 8},
                                                        {5, 9},
                                                        {7, 8},
                                                        {8, 30},
                                                        {10, 25},
                                                        {12, 16}}));
  EXPECT_EQ(WorkingWeekendDays(*kz, 2024), Dates(2024, {{5, 4}}));  // Saturday 4 May worked
  EXPECT_TRUE(*kz->IsWorkingDay({2024, 6, 17})) << "Kurban Ait on Sunday 16 June is not moved";
  EXPECT_FALSE(*kz->IsWorkingDay({2024, 7, 8})) << "Capital Day on Saturday 6 July moves";
}

TEST(KazakhstanCalendar, ReproducesThePublishedNonWorkingDays2025) {
  auto kz = ShippedCalendar("kz");
  ASSERT_NE(kz, nullptr);
  EXPECT_EQ(NonWorkingWeekdays(*kz, 2025), Dates(2025, {{1, 1},
                                                        {1, 2},
                                                        {1, 3},
                                                        {1, 7},
                                                        {3, 10},
                                                        {3, 21},
                                                        {3, 24},
                                                        {3, 25},
                                                        {5, 1},
                                                        {5, 7},
                                                        {5, 9},
                                                        {6, 6},
                                                        {7, 7},
                                                        {9, 1},
                                                        {10, 27},
                                                        {12, 16}}));
  EXPECT_EQ(WorkingWeekendDays(*kz, 2025), Dates(2025, {{1, 5}}));  // Sunday 5 January worked
}

TEST(KazakhstanCalendar, ReproducesThePublishedNonWorkingDays2026And246WorkingDays) {
  auto kz = ShippedCalendar("kz");
  ASSERT_NE(kz, nullptr);
  EXPECT_EQ(NonWorkingWeekdays(*kz, 2026), Dates(2026, {{1, 1},
                                                        {1, 2},
                                                        {1, 7},
                                                        {3, 9},
                                                        {3, 23},
                                                        {3, 24},
                                                        {3, 25},
                                                        {5, 1},
                                                        {5, 7},
                                                        {5, 11},
                                                        {5, 27},
                                                        {7, 6},
                                                        {8, 31},
                                                        {10, 26},
                                                        {12, 16}}));
  EXPECT_TRUE(WorkingWeekendDays(*kz, 2026).empty());
  EXPECT_EQ(WorkingDays(*kz, 2026), 246);
}

TEST(KazakhstanCalendar, RefusesYearsItDoesNotCover) {
  auto kz = ShippedCalendar("kz");
  ASSERT_NE(kz, nullptr);
  for (Date d : {Date{2023, 12, 31}, Date{2027, 1, 1}}) {
    Result<bool> working = kz->IsWorkingDay(d);
    ASSERT_FALSE(working.ok());
    EXPECT_EQ(working.status().code(), "calendar_out_of_range");
    EXPECT_NE(working.status().message().find("2024-2026"), std::string::npos);
  }
}

TEST(UnitedKingdomCalendar, GivesTheEnglandAndWalesBankHolidays) {
  auto uk = ShippedCalendar("uk");
  ASSERT_NE(uk, nullptr);
  EXPECT_EQ(NonWorkingWeekdays(*uk, 2024),
            Dates(2024, {{1, 1}, {3, 29}, {4, 1}, {5, 6}, {5, 27}, {8, 26}, {12, 25}, {12, 26}}));
  EXPECT_EQ(NonWorkingWeekdays(*uk, 2025),
            Dates(2025, {{1, 1}, {4, 18}, {4, 21}, {5, 5}, {5, 26}, {8, 25}, {12, 25}, {12, 26}}));
  // 26 December 2026 is a Saturday: the substitute day is Monday 28 December.
  EXPECT_EQ(NonWorkingWeekdays(*uk, 2026),
            Dates(2026, {{1, 1}, {4, 3}, {4, 6}, {5, 4}, {5, 25}, {8, 31}, {12, 25}, {12, 28}}));
}

TEST(GermanCalendar, GivesFederalHolidaysAndBerlins) {
  auto de = ShippedCalendar("de");
  ASSERT_NE(de, nullptr);
  for (int year = 2024; year <= 2026; ++year) {
    SCOPED_TRACE(year);
    const Date easter = Easter(year);
    for (int offset : {-2, 1, 39, 50}) {  // Good Friday, Easter Monday, Ascension, Whit Monday
      EXPECT_FALSE(*de->IsWorkingDay(AddDays(easter, offset))) << offset;
    }
    for (Date d : {Date{year, 1, 1}, Date{year, 5, 1}, Date{year, 10, 3}, Date{year, 12, 25},
                   Date{year, 12, 26}, Date{year, 3, 8}}) {
      EXPECT_FALSE(*de->IsWorkingDay(d)) << FormatDate(d);
    }
  }
  // No substitute days: 3 October 2026 is a Saturday and Monday 5 October is a working day.
  EXPECT_TRUE(*de->IsWorkingDay({2026, 10, 5}));
}

TEST(UkrainianCalendar, HasNoHolidaysOffUnderMartialLaw) {
  auto ua = ShippedCalendar("ua");
  ASSERT_NE(ua, nullptr);
  for (int year = 2024; year <= 2026; ++year) EXPECT_TRUE(NonWorkingWeekdays(*ua, year).empty());
  EXPECT_TRUE(*ua->IsWorkingDay({2025, 8, 25})) << "Independence Day (observed) is worked";
  EXPECT_NE(ua->data().note.find("martial law"), std::string::npos);
}

TEST(ShippedCalendars, EasterBasedDaysMatchTheComputus) {
  auto uk = ShippedCalendar("uk");
  ASSERT_NE(uk, nullptr);
  for (int year = 2024; year <= 2026; ++year) {
    EXPECT_FALSE(*uk->IsWorkingDay(AddDays(Easter(year), -2))) << year;
    EXPECT_FALSE(*uk->IsWorkingDay(AddDays(Easter(year), 1))) << year;
  }
}

TEST(ShippedCalendars, EveryFileLoadsAndEveryEntryHasASource) {
  int files = 0;
  const auto dir = std::filesystem::path(PETITIO_SOURCE_DIR) / "profiles" / "calendars";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".toml") continue;
    ++files;
    const std::string id = entry.path().stem().string();
    SCOPED_TRACE(id);
    auto c = ShippedCalendar(id);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->id(), id);
    EXPECT_LE(c->data().first_year, 2024);
    EXPECT_GE(c->data().last_year, 2026);
    EXPECT_FALSE(c->data().source.empty());
    for (const FixedHoliday& h : c->data().holidays) EXPECT_FALSE(h.source.empty());
    for (const MovableHoliday& m : c->data().movable) EXPECT_FALSE(m.source.empty());
    for (const Transfer& t : c->data().transfers) EXPECT_FALSE(t.source.empty());
  }
  EXPECT_GE(files, 4);
}

}  // namespace
}  // namespace petitio
