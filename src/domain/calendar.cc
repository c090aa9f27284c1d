#include "domain/calendar.h"

#include <algorithm>
#include <utility>

namespace petitio {

namespace {

struct DayOff {
  Date date;
  bool moves = true;
  const LocalizedText* name = nullptr;
  const std::string* source = nullptr;
};

LocalizedText SubstituteName(const LocalizedText& holiday, const Date& original) {
  LocalizedText out;
  for (const auto& [lang, text] : holiday.by_language) {
    out.by_language[lang] = lang == "en" ? text + " (moved from " + FormatDate(original) + ")"
                                         : text + " (" + FormatDate(original) + ")";
  }
  return out;
}

}  // namespace

std::string_view DayKindName(DayKind kind) {
  switch (kind) {
    case DayKind::kWorkday:
      return "workday";
    case DayKind::kWeekend:
      return "weekend";
    case DayKind::kHoliday:
      return "holiday";
    case DayKind::kSubstitute:
      return "substitute";
    case DayKind::kTransferOff:
      return "transfer_off";
    case DayKind::kTransferWorking:
      return "transfer_working";
  }
  return "workday";
}

Result<Calendar> Calendar::Compile(CalendarData data) {
  const std::string where = "calendar " + data.id + ": ";
  if (data.first_year < 1 || data.last_year > 9998 || data.first_year > data.last_year) {
    return Status::Invalid(where + "covered years must satisfy 1 <= first_year <= last_year",
                           "invalid_calendar");
  }
  if (std::all_of(data.weekend.begin(), data.weekend.end(), [](bool w) { return w; })) {
    return Status::Invalid(where + "every day of the week is a weekend day", "invalid_calendar");
  }
  Calendar cal;
  auto covers = [&data](const Date& d) {
    return d.year >= data.first_year && d.year <= data.last_year;
  };
  for (const MovableHoliday& m : data.movable) {
    if (!covers(m.date)) {
      return Status::Invalid(
          where + "movable holiday " + FormatDate(m.date) + " lies outside the covered years",
          "invalid_calendar");
    }
  }
  for (const Transfer& t : data.transfers) {
    if (!covers(t.date)) {
      return Status::Invalid(
          where + "transfer " + FormatDate(t.date) + " lies outside the covered years",
          "invalid_calendar");
    }
  }

  auto is_weekend = [&data](const Date& d) { return data.weekend[IsoWeekday(d)]; };
  for (int year = data.first_year; year <= data.last_year; ++year) {
    std::vector<DayOff> days;
    for (const FixedHoliday& h : data.holidays) {
      if (year < h.from_year || year > h.until_year) continue;
      const Date d{year, h.month, h.day};
      if (!IsValidDate(d)) continue;  // 29 February outside leap years
      days.push_back({d, h.moves, &h.name, &h.source});
    }
    for (const MovableHoliday& m : data.movable) {
      if (m.date.year == year) days.push_back({m.date, m.moves, &m.name, &m.source});
    }
    std::stable_sort(days.begin(), days.end(),
                     [](const DayOff& a, const DayOff& b) { return a.date < b.date; });
    // Holidays first, so a substitute never lands on a later holiday of the same run.
    for (const DayOff& h : days) {
      cal.special_.try_emplace(h.date,
                               DayInfo{h.date, DayKind::kHoliday, false, *h.name, *h.source});
    }
    if (!data.move_weekend_holidays) continue;
    for (const DayOff& h : days) {
      if (!h.moves || !is_weekend(h.date)) continue;
      Date d = AddDays(h.date, 1);
      while (is_weekend(d) || cal.special_.contains(d)) d = AddDays(d, 1);
      cal.special_.emplace(
          d, DayInfo{d, DayKind::kSubstitute, false, SubstituteName(*h.name, h.date), *h.source});
    }
  }
  for (const Transfer& t : data.transfers) {
    cal.special_.insert_or_assign(
        t.date, DayInfo{t.date, t.working ? DayKind::kTransferWorking : DayKind::kTransferOff,
                        t.working, t.name, t.source});
  }
  cal.data_ = std::move(data);
  return cal;
}

bool Calendar::Covers(const Date& d) const {
  return d.year >= data_.first_year && d.year <= data_.last_year;
}

Status Calendar::OutOfRange(const Date& d) const {
  return Status::Invalid("the " + data_.id + " calendar covers " +
                             std::to_string(data_.first_year) + "-" +
                             std::to_string(data_.last_year) + "; " + FormatDate(d) +
                             " lies outside it, and its days off are not known yet",
                         "calendar_out_of_range");
}

Result<DayInfo> Calendar::Day(const Date& d) const {
  if (!Covers(d)) return OutOfRange(d);
  if (auto it = special_.find(d); it != special_.end()) {
    // A holiday on a weekend day is a weekend day too; report what makes the day special.
    return it->second;
  }
  if (data_.weekend[IsoWeekday(d)]) return DayInfo{d, DayKind::kWeekend, false, {}, {}};
  return DayInfo{d, DayKind::kWorkday, true, {}, {}};
}

Result<bool> Calendar::IsWorkingDay(const Date& d) const {
  Result<DayInfo> info = Day(d);
  if (!info.ok()) return info.status();
  return info->working;
}

std::vector<DayInfo> Calendar::SpecialDays(int year) const {
  std::vector<DayInfo> out;
  for (auto it = special_.lower_bound(Date{year, 1, 1});
       it != special_.end() && it->first.year == year; ++it) {
    const bool weekend = data_.weekend[IsoWeekday(it->first)];
    // A holiday falling on a weekend day changes nothing by itself (its substitute does).
    if (it->second.working == !weekend) continue;
    out.push_back(it->second);
  }
  return out;
}

void CalendarRegistry::Add(Calendar calendar) {
  std::string id = calendar.id();
  calendars_.insert_or_assign(std::move(id), std::make_shared<const Calendar>(std::move(calendar)));
}

std::shared_ptr<const Calendar> CalendarRegistry::Find(std::string_view id) const {
  auto it = calendars_.find(id);
  return it == calendars_.end() ? nullptr : it->second;
}

}  // namespace petitio
