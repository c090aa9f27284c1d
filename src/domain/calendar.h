// Calendar: the working days of one jurisdiction, as data (profiles/calendars/<id>.toml).
//
// A calendar has weekend days, fixed-date holidays, holidays on dates given per year (Easter,
// Kurban Ait), the rule for a holiday that falls on a weekend day (moved to the next working
// day, unless the holiday is one that never moves), and explicit transfers (a weekend day made
// working, a weekday made free) that win over everything else. Compile() checks the data and
// builds a table of every special day of the covered years; a Calendar is then an immutable
// value, safe to share between threads.
//
// A calendar covers the years [first_year, last_year]. Asking about any other date is an error
// (code "calendar_out_of_range"), never a guess: days off beyond the covered years are decided
// by orders not yet published.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "domain/localized_text.h"
#include "domain/result.h"
#include "domain/time.h"

namespace petitio {

// A holiday on the same date every year.
struct FixedHoliday {
  int month = 1;
  int day = 1;
  bool moves = true;  // moved to the next working day when it falls on a weekend day
  int from_year = 0;  // applies in [from_year, until_year]
  int until_year = 9999;
  LocalizedText name;
  std::string source;
};

// A holiday on a date given for one year.
struct MovableHoliday {
  Date date;
  bool moves = true;
  LocalizedText name;
  std::string source;
};

// An explicit change of one day.
struct Transfer {
  Date date;
  bool working = false;  // true: a weekend day made working; false: a weekday made free
  LocalizedText name;
  std::string source;
};

struct CalendarData {
  std::string id;
  LocalizedText name;
  std::string source;
  std::string note;  // e.g. how martial law suspended days off
  int first_year = 0;
  int last_year = 0;
  std::array<bool, 7> weekend{};  // by ISO weekday, 0 = Monday
  bool move_weekend_holidays = false;
  std::vector<FixedHoliday> holidays;
  std::vector<MovableHoliday> movable;
  std::vector<Transfer> transfers;
};

enum class DayKind {
  kWorkday,          // an ordinary working day
  kWeekend,          // a weekend day
  kHoliday,          // a public holiday
  kSubstitute,       // a day off for a holiday that fell on a weekend day
  kTransferOff,      // a weekday made free by a transfer
  kTransferWorking,  // a weekend day made working by a transfer
};
std::string_view DayKindName(DayKind kind);

struct DayInfo {
  Date date;
  DayKind kind = DayKind::kWorkday;
  bool working = true;
  LocalizedText name;  // what the day is (holidays, substitutes, transfers); empty otherwise
  std::string source;  // where that comes from
};

class Calendar {
 public:
  // Checks the data (dates inside the covered years, a weekend, ...) and builds the table.
  static Result<Calendar> Compile(CalendarData data);

  const CalendarData& data() const { return data_; }
  const std::string& id() const { return data_.id; }
  bool Covers(const Date& d) const;

  // What a day is; fails with calendar_out_of_range outside the covered years.
  Result<DayInfo> Day(const Date& d) const;
  Result<bool> IsWorkingDay(const Date& d) const;
  // Every non-working weekday and working weekend day of a covered year, in date order.
  std::vector<DayInfo> SpecialDays(int year) const;

  Status OutOfRange(const Date& d) const;

 private:
  CalendarData data_;
  std::map<Date, DayInfo> special_;  // holidays, substitutes and transfers
};

// The loaded calendars by id; a later calendar with the same id replaces the earlier one.
class CalendarRegistry {
 public:
  void Add(Calendar calendar);
  std::shared_ptr<const Calendar> Find(std::string_view id) const;

 private:
  std::map<std::string, std::shared_ptr<const Calendar>, std::less<>> calendars_;
};

// Parses one calendar file; `origin` (a file name) is used in error messages only.
Result<Calendar> ParseCalendarToml(std::string_view toml_text, std::string_view origin);

}  // namespace petitio
