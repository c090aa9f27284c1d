// Time values and civil (proleptic Gregorian, UTC) date arithmetic. Pure functions, no clock.
//
// TimePoint is milliseconds since the Unix epoch, UTC. Date is a calendar day. Conversions
// are exact for years 1..9999. FormatRfc3339 gives "2024-06-09T10:00:00Z" (milliseconds are
// shown only when non-zero); ParseRfc3339 accepts that form with an optional fraction and a
// "Z" or "+hh:mm" offset, and rejects anything else.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace petitio {

using TimePoint = std::chrono::time_point<std::chrono::system_clock, std::chrono::milliseconds>;

struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads the defaulted comparison
  friend auto operator<=>(const Date&, const Date&) = default;
};

// Days since 1970-01-01 of a date, and back.
int64_t DaysFromCivil(const Date& d);
Date CivilFromDays(int64_t days);
// 0 = Monday .. 6 = Sunday (ISO 8601).
int IsoWeekday(const Date& d);
int DaysInMonth(int year, int month);
bool IsValidDate(const Date& d);

Date DateOf(TimePoint t);  // the UTC calendar day of an instant
TimePoint StartOfDay(const Date& d);
Date AddDays(const Date& d, int64_t days);
// Adds months; a day past the end of the target month is clamped to its last day
// (31 January + 1 month = 28 or 29 February).
Date AddMonths(const Date& d, int months);

std::string FormatDate(const Date& d);  // "2024-06-09"
std::optional<Date> ParseDate(std::string_view s);
std::string FormatRfc3339(TimePoint t);
std::optional<TimePoint> ParseRfc3339(std::string_view s);
int64_t ToMillis(TimePoint t);
TimePoint FromMillis(int64_t ms);

}  // namespace petitio
