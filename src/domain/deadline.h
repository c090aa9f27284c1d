// Deadlines: when a statutory period that starts on a given day ends.
//
// A Duration is an amount of working days, calendar days, weeks or months. ComputeDue counts
// it from the day after the start (CountFrom::kNextDay, as Kazakh law counts "from" an event)
// or from the start day itself (kSameDay):
//   working days N  the Nth working day of the calendar after the start (a weekend day made
//                   working by a transfer counts; every day off skipped is reported);
//   calendar days N start + N days;   weeks N  start + 7N days;
//   months N        the same day N months later, clamped to the end of a shorter month.
// Only working days need a calendar; touching a day outside its covered years is an error
// (calendar_out_of_range), as is asking for working days with no calendar at all.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.h"
#include "domain/result.h"
#include "domain/time.h"

namespace petitio {

enum class DurationUnit { kWorkingDays, kCalendarDays, kWeeks, kMonths };
std::string_view DurationUnitName(DurationUnit unit);  // "working_days", ...
std::optional<DurationUnit> ParseDurationUnit(std::string_view name);

enum class CountFrom { kNextDay, kSameDay };
std::string_view CountFromName(CountFrom from);  // "next_day", "same_day"

struct Duration {
  int amount = 0;
  DurationUnit unit = DurationUnit::kCalendarDays;
  friend bool operator==(const Duration&, const Duration&) = default;
};
// "40 working days", "1 month", "6 weeks".
std::string DescribeDuration(const Duration& d);

// The largest amount a profile may give; keeps every due date inside year 9999.
inline constexpr int kMaxDurationAmount = 10'000;

struct Due {
  Date date;
  // Working days only: each day off passed over between the start and the due date (weekends,
  // holidays, substitutes, transfers), in date order.
  std::vector<DayInfo> skipped;
};

Result<Due> ComputeDue(const Calendar* calendar, const Date& start, const Duration& duration,
                       CountFrom from = CountFrom::kNextDay);

// Working days after `today` up to and including `due` (0 when due <= today); without a
// calendar, calendar days. Used for countdowns ("12 working days left").
Result<int> DaysLeft(const Calendar* calendar, const Date& today, const Date& due);

}  // namespace petitio
