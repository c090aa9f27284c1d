#include "domain/deadline.h"

#include <array>
#include <utility>

namespace petitio {

namespace {

constexpr std::array<std::pair<DurationUnit, std::string_view>, 4> kUnits = {{
    {DurationUnit::kWorkingDays, "working_days"},
    {DurationUnit::kCalendarDays, "calendar_days"},
    {DurationUnit::kWeeks, "weeks"},
    {DurationUnit::kMonths, "months"},
}};

Result<Due> WorkingDaysDue(const Calendar& calendar, const Date& start, int amount,
                           CountFrom from) {
  if (!calendar.Covers(start)) return calendar.OutOfRange(start);
  Due due;
  Date d = from == CountFrom::kNextDay ? AddDays(start, 1) : start;
  int counted = 0;
  for (;;) {
    Result<DayInfo> day = calendar.Day(d);
    if (!day.ok()) return day.status();
    if (day->working) {
      if (++counted == amount) break;
    } else {
      due.skipped.push_back(std::move(*day));
    }
    d = AddDays(d, 1);
  }
  due.date = d;
  return due;
}

}  // namespace

std::string_view DurationUnitName(DurationUnit unit) {
  for (const auto& [u, name] : kUnits) {
    if (u == unit) return name;
  }
  return "calendar_days";
}

std::optional<DurationUnit> ParseDurationUnit(std::string_view name) {
  for (const auto& [u, n] : kUnits) {
    if (n == name) return u;
  }
  return std::nullopt;
}

std::string_view CountFromName(CountFrom from) {
  return from == CountFrom::kNextDay ? "next_day" : "same_day";
}

std::string DescribeDuration(const Duration& d) {
  const bool one = d.amount == 1;
  std::string unit;
  switch (d.unit) {
    case DurationUnit::kWorkingDays:
      unit = one ? "working day" : "working days";
      break;
    case DurationUnit::kCalendarDays:
      unit = one ? "calendar day" : "calendar days";
      break;
    case DurationUnit::kWeeks:
      unit = one ? "week" : "weeks";
      break;
    case DurationUnit::kMonths:
      unit = one ? "month" : "months";
      break;
  }
  return std::to_string(d.amount) + " " + unit;
}

Result<Due> ComputeDue(const Calendar* calendar, const Date& start, const Duration& duration,
                       CountFrom from) {
  if (duration.amount < 1 || duration.amount > kMaxDurationAmount) {
    return Status::Invalid("the amount must be between 1 and " + std::to_string(kMaxDurationAmount),
                           "invalid_duration");
  }
  if (!IsValidDate(start) || start.year > 9000) {
    return Status::Invalid("the start must be a date before the year 9000", "invalid_date");
  }
  const int64_t same_day_shift = from == CountFrom::kSameDay ? -1 : 0;
  switch (duration.unit) {
    case DurationUnit::kWorkingDays:
      if (calendar == nullptr) {
        return Status::Invalid("working days need a calendar, and none is configured",
                               "no_calendar");
      }
      return WorkingDaysDue(*calendar, start, duration.amount, from);
    case DurationUnit::kCalendarDays:
      return Due{AddDays(start, duration.amount + same_day_shift), {}};
    case DurationUnit::kWeeks:
      return Due{AddDays(start, int64_t{7} * duration.amount + same_day_shift), {}};
    case DurationUnit::kMonths:
      return Due{AddDays(AddMonths(start, duration.amount), same_day_shift), {}};
  }
  return Status::Internal("unknown duration unit");
}

Result<int> DaysLeft(const Calendar* calendar, const Date& today, const Date& due) {
  if (due <= today) return 0;
  if (calendar == nullptr) return static_cast<int>(DaysFromCivil(due) - DaysFromCivil(today));
  int left = 0;
  for (Date d = AddDays(today, 1); d <= due; d = AddDays(d, 1)) {
    Result<bool> working = calendar->IsWorkingDay(d);
    if (!working.ok()) return working.status();
    if (*working) ++left;
  }
  return left;
}

}  // namespace petitio
