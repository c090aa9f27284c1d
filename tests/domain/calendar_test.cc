#include "domain/calendar.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace petitio {
namespace {

constexpr const char* kValid = R"toml(
id = "test"
source = "Holidays Act"
first_year = 2026
last_year = 2026
weekend = ["saturday", "sunday"]
weekend_holiday_rule = "next_working_day"
name = { en = "Test" }

[[holidays]]
date = "03-21"
source = "s. 1"
name = { en = "Spring", ru = "Весна" }

[[holidays]]
date = "03-22"
source = "s. 1"
name = { en = "Spring (2)" }

[[holidays]]
date = "03-23"
source = "s. 1"
name = { en = "Spring (3)" }

[[holidays]]
date = "01-07"
moves = false
source = "s. 2"
name = { en = "Fixed, never moved" }

[[movable]]
date = "2026-05-27"
moves = false
source = "s. 3"
name = { en = "Feast" }

[[transfers]]
date = "2026-06-06"
working = true
source = "Order 1"
name = { en = "Working Saturday" }

[[transfers]]
date = "2026-06-08"
working = false
source = "Order 1"
name = { en = "Day off for Saturday 6 June" }
)toml";

Calendar Valid() {
  Result<Calendar> c = ParseCalendarToml(kValid, "test.toml");
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? std::move(*c) : Calendar{};
}

TEST(Calendar, RunOfWeekendHolidaysGivesOneSubstituteEach) {
  const Calendar c = Valid();
  // 21 (Sat), 22 (Sun), 23 (Mon) March 2026: Monday is a holiday itself, so the two weekend
  // holidays give Tuesday 24 and Wednesday 25 off; Thursday 26 works.
  EXPECT_EQ(c.Day({2026, 3, 21})->kind, DayKind::kHoliday);
  EXPECT_EQ(c.Day({2026, 3, 23})->kind, DayKind::kHoliday);
  Result<DayInfo> tue = c.Day({2026, 3, 24});
  ASSERT_TRUE(tue.ok());
  EXPECT_EQ(tue->kind, DayKind::kSubstitute);
  EXPECT_FALSE(tue->working);
  EXPECT_EQ(tue->name.Get("en"), "Spring (moved from 2026-03-21)");
  EXPECT_EQ(tue->name.Get("ru"), "Весна (2026-03-21)");
  EXPECT_EQ(tue->source, "s. 1");
  EXPECT_EQ(c.Day({2026, 3, 25})->kind, DayKind::kSubstitute);
  EXPECT_TRUE(*c.IsWorkingDay({2026, 3, 26}));
}

TEST(Calendar, DaysThatNeverMoveStayOnTheirWeekend) {
  const Calendar c = Valid();
  // 7 January 2026 is a Wednesday: simply off. (The rule matters when it falls on a weekend.)
  EXPECT_FALSE(*c.IsWorkingDay({2026, 1, 7}));
  EXPECT_TRUE(*c.IsWorkingDay({2026, 1, 8}));
  EXPECT_FALSE(*c.IsWorkingDay({2026, 5, 27}));
  EXPECT_TRUE(*c.IsWorkingDay({2026, 5, 28}));
}

TEST(Calendar, TransfersWin) {
  const Calendar c = Valid();
  Result<DayInfo> sat = c.Day({2026, 6, 6});
  ASSERT_TRUE(sat.ok());
  EXPECT_TRUE(sat->working);
  EXPECT_EQ(sat->kind, DayKind::kTransferWorking);
  EXPECT_EQ(c.Day({2026, 6, 8})->kind, DayKind::kTransferOff);
  EXPECT_FALSE(*c.IsWorkingDay({2026, 6, 8}));
  EXPECT_EQ(c.Day({2026, 6, 7})->kind, DayKind::kWeekend);
  EXPECT_EQ(c.Day({2026, 6, 9})->kind, DayKind::kWorkday);
}

TEST(Calendar, SpecialDaysListChangesToTheWeek) {
  const Calendar c = Valid();
  std::vector<std::string> days;
  for (const DayInfo& d : c.SpecialDays(2026)) days.push_back(FormatDate(d.date));
  EXPECT_EQ(days, (std::vector<std::string>{"2026-01-07", "2026-03-23", "2026-03-24", "2026-03-25",
                                            "2026-05-27", "2026-06-06", "2026-06-08"}));
}

TEST(Calendar, OutsideTheCoveredYearsIsAnError) {
  const Calendar c = Valid();
  for (Date d : {Date{2025, 12, 31}, Date{2027, 1, 1}}) {
    Result<bool> w = c.IsWorkingDay(d);
    ASSERT_FALSE(w.ok());
    EXPECT_EQ(w.status().code(), "calendar_out_of_range");
    EXPECT_EQ(w.status().kind(), ErrorKind::kInvalidArgument);
  }
}

TEST(Calendar, WithoutTheMoveRuleNothingMoves) {
  std::string text = kValid;
  text.replace(text.find("\"next_working_day\""), 18, "\"none\"");
  Result<Calendar> c = ParseCalendarToml(text, "none.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(*c->IsWorkingDay({2026, 3, 24}));
  EXPECT_FALSE(*c->IsWorkingDay({2026, 3, 23}));
}

TEST(Calendar, HolidaysLimitedToYears) {
  std::string text = kValid;
  text.replace(text.find("date = \"03-23\""), 14, "date = \"03-23\"\nuntil_year = 2025");
  Result<Calendar> c = ParseCalendarToml(text, "limited.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  // 23 March is no longer a holiday: it is now the substitute for 21 March, and Tuesday 24
  // for 22 March; Wednesday 25 works.
  EXPECT_EQ(c->Day({2026, 3, 23})->kind, DayKind::kSubstitute);
  EXPECT_FALSE(*c->IsWorkingDay({2026, 3, 24}));
  EXPECT_TRUE(*c->IsWorkingDay({2026, 3, 25}));
}

struct Bad {
  const char* label;
  const char* from;
  const char* to;
  const char* key;
};

TEST(ParseCalendarToml, RejectsInvalidInputNamingTheKey) {
  const Bad cases[] = {
      {"unknown key", "id = \"test\"", "id = \"test\"\nholiday_rule = 1", "holiday_rule"},
      {"bad id", "id = \"test\"", "id = \"Test!\"", "id"},
      {"missing source", "source = \"Holidays Act\"\n", "", "source"},
      {"years reversed", "first_year = 2026", "first_year = 2027", "last_year"},
      {"unknown weekday", "\"sunday\"]", "\"sonntag\"]", "weekend[1]"},
      {"duplicate weekday", "\"sunday\"]", "\"saturday\"]", "weekend[1]"},
      {"bad rule", "\"next_working_day\"", "\"previous_day\"", "weekend_holiday_rule"},
      {"bad month-day", "date = \"03-21\"", "date = \"21-03\"", "holidays[0].date"},
      {"holiday without source", "source = \"s. 1\"\nname = { en = \"Spring\", ru = \"Весна\" }",
       "name = { en = \"Spring\" }", "holidays[0].source"},
      {"holiday without English name", "name = { en = \"Spring\", ru = \"Весна\" }",
       "name = { ru = \"Весна\" }", "holidays[0].name.en"},
      {"movable not a full date", "date = \"2026-05-27\"", "date = \"05-27\"", "movable[0].date"},
      {"movable outside the years", "date = \"2026-05-27\"", "date = \"2027-05-16\"", "calendar"},
      {"transfer without working", "working = true\n", "", "transfers[0].working"},
      {"transfer working not a bool", "working = true", "working = \"yes\"",
       "transfers[0].working"},
      {"every day a weekend", "weekend = [\"saturday\", \"sunday\"]",
       "weekend = [\"monday\", \"tuesday\", \"wednesday\", \"thursday\", \"friday\", "
       "\"saturday\", \"sunday\"]",
       "calendar"},
  };
  for (const Bad& b : cases) {
    SCOPED_TRACE(b.label);
    std::string text = kValid;
    const size_t at = text.find(b.from);
    ASSERT_NE(at, std::string::npos);
    text.replace(at, std::string(b.from).size(), b.to);
    Result<Calendar> c = ParseCalendarToml(text, "bad.toml");
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.status().code(), "invalid_calendar");
    EXPECT_EQ(c.status().message().rfind("bad.toml: ", 0), 0u) << c.status().message();
    EXPECT_NE(c.status().message().find(std::string(b.key) + ":"), std::string::npos)
        << c.status().message();
  }
  EXPECT_FALSE(ParseCalendarToml("not = [toml", "x.toml").ok());
  EXPECT_FALSE(ParseCalendarToml("", "x.toml").ok());
}

TEST(CalendarRegistry, FindsAndReplacesById) {
  CalendarRegistry r;
  EXPECT_EQ(r.Find("test"), nullptr);
  r.Add(Valid());
  ASSERT_NE(r.Find("test"), nullptr);
  EXPECT_EQ(r.Find("test")->data().first_year, 2026);
}

}  // namespace
}  // namespace petitio
