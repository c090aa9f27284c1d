// ParseCalendarToml: reads one calendar written in the format of profiles/calendars/README.md.
#include <array>
#include <string>
#include <utility>

#include "domain/calendar.h"
#include "domain/toml_reader.h"

namespace petitio {

namespace {

using toml_reader::Indexed;
using toml_reader::Join;
using toml_reader::TomlReader;

constexpr std::array<std::string_view, 7> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

class CalendarReader {
 public:
  explicit CalendarReader(std::string_view origin) : r_(origin, "invalid_calendar") {}

  const TomlReader& reader() const { return r_; }

  Status Weekend(const toml::table& root, std::array<bool, 7>* out) const {
    const toml::node* node = root.get("weekend");
    if (node == nullptr) return r_.Fail("weekend", "missing");
    const auto* array = node->as_array();
    if (array == nullptr) return r_.Fail("weekend", "must be an array of weekday names");
    for (size_t i = 0; i < array->size(); ++i) {
      const auto* s = array->get(i)->as_string();
      const std::string path = Indexed("weekend", i);
      if (s == nullptr) return r_.Fail(path, "must be a weekday name like \"saturday\"");
      size_t day = 0;
      while (day < kWeekdays.size() && kWeekdays[day] != s->get()) ++day;
      if (day == kWeekdays.size()) {
        return r_.Fail(path, "not a weekday name (monday..sunday): \"" + s->get() + "\"");
      }
      if ((*out)[day]) return r_.Fail(path, "duplicate weekday \"" + s->get() + "\"");
      (*out)[day] = true;
    }
    return Status::Ok();
  }

  Status FullDate(const toml::table& row, std::string_view path, Date* out) const {
    std::string text;
    PETITIO_RETURN_IF_ERROR(r_.String(row, path, "date", &text));
    std::optional<Date> d = ParseDate(text);
    if (!d) return r_.Fail(Join(path, "date"), "must be a date YYYY-MM-DD, got \"" + text + "\"");
    *out = *d;
    return Status::Ok();
  }

  Status MonthDay(const toml::table& row, std::string_view path, int* month, int* day) const {
    std::string text;
    PETITIO_RETURN_IF_ERROR(r_.String(row, path, "date", &text));
    // Parsed as a day of the leap year 2000, so 02-29 is accepted.
    std::optional<Date> d = ParseDate("2000-" + text);
    if (text.size() != 5 || !d) {
      return r_.Fail(Join(path, "date"), "must be a day MM-DD, got \"" + text + "\"");
    }
    *month = d->month;
    *day = d->day;
    return Status::Ok();
  }

  Status Holidays(const toml::table& root, std::vector<FixedHoliday>* out) const {
    std::vector<const toml::table*> rows;
    PETITIO_RETURN_IF_ERROR(r_.Tables(root, "", "holidays", false, &rows));
    for (size_t i = 0; i < rows.size(); ++i) {
      const std::string path = Indexed("holidays", i);
      const toml::table& row = *rows[i];
      PETITIO_RETURN_IF_ERROR(
          r_.CheckKeys(row, path, {"date", "moves", "from_year", "until_year", "source", "name"}));
      FixedHoliday h;
      PETITIO_RETURN_IF_ERROR(MonthDay(row, path, &h.month, &h.day));
      PETITIO_RETURN_IF_ERROR(r_.Boolean(row, path, "moves", &h.moves));
      int64_t year = 0;
      if (row.get("from_year") != nullptr) {
        PETITIO_RETURN_IF_ERROR(r_.Integer(row, path, "from_year", 1, 9999, &year));
        h.from_year = static_cast<int>(year);
      }
      if (row.get("until_year") != nullptr) {
        PETITIO_RETURN_IF_ERROR(r_.Integer(row, path, "until_year", 1, 9999, &year));
        h.until_year = static_cast<int>(year);
      }
      if (h.from_year > h.until_year) {
        return r_.Fail(Join(path, "until_year"), "must not be before from_year");
      }
      PETITIO_RETURN_IF_ERROR(r_.String(row, path, "source", &h.source));
      PETITIO_RETURN_IF_ERROR(r_.Localized(row, path, "name", true, &h.name));
      out->push_back(std::move(h));
    }
    return Status::Ok();
  }

  Status Movable(const toml::table& root, std::vector<MovableHoliday>* out) const {
    std::vector<const toml::table*> rows;
    PETITIO_RETURN_IF_ERROR(r_.Tables(root, "", "movable", false, &rows));
    for (size_t i = 0; i < rows.size(); ++i) {
      const std::string path = Indexed("movable", i);
      const toml::table& row = *rows[i];
      PETITIO_RETURN_IF_ERROR(r_.CheckKeys(row, path, {"date", "moves", "source", "name"}));
      MovableHoliday m;
      PETITIO_RETURN_IF_ERROR(FullDate(row, path, &m.date));
      PETITIO_RETURN_IF_ERROR(r_.Boolean(row, path, "moves", &m.moves));
      PETITIO_RETURN_IF_ERROR(r_.String(row, path, "source", &m.source));
      PETITIO_RETURN_IF_ERROR(r_.Localized(row, path, "name", true, &m.name));
      out->push_back(std::move(m));
    }
    return Status::Ok();
  }

  Status Transfers(const toml::table& root, std::vector<Transfer>* out) const {
    std::vector<const toml::table*> rows;
    PETITIO_RETURN_IF_ERROR(r_.Tables(root, "", "transfers", false, &rows));
    for (size_t i = 0; i < rows.size(); ++i) {
      const std::string path = Indexed("transfers", i);
      const toml::table& row = *rows[i];
      PETITIO_RETURN_IF_ERROR(r_.CheckKeys(row, path, {"date", "working", "source", "name"}));
      Transfer t;
      PETITIO_RETURN_IF_ERROR(FullDate(row, path, &t.date));
      if (row.get("working") == nullptr) return r_.Fail(Join(path, "working"), "missing");
      PETITIO_RETURN_IF_ERROR(r_.Boolean(row, path, "working", &t.working));
      PETITIO_RETURN_IF_ERROR(r_.String(row, path, "source", &t.source));
      PETITIO_RETURN_IF_ERROR(r_.Localized(row, path, "name", true, &t.name));
      out->push_back(std::move(t));
    }
    return Status::Ok();
  }

  Result<CalendarData> Read(const toml::table& root) const {
    PETITIO_RETURN_IF_ERROR(
        r_.CheckKeys(root, "",
                     {"id", "name", "source", "note", "first_year", "last_year", "weekend",
                      "weekend_holiday_rule", "holidays", "movable", "transfers"}));
    CalendarData c;
    PETITIO_RETURN_IF_ERROR(r_.String(root, "", "id", &c.id));
    if (!toml_reader::IsId(c.id)) {
      return r_.Fail("id", "must match ^[a-z][a-z0-9-]*$, got \"" + c.id + "\"");
    }
    PETITIO_RETURN_IF_ERROR(r_.Localized(root, "", "name", true, &c.name));
    PETITIO_RETURN_IF_ERROR(r_.String(root, "", "source", &c.source));
    PETITIO_RETURN_IF_ERROR(r_.OptionalString(root, "", "note", &c.note));
    int64_t first = 0;
    int64_t last = 0;
    PETITIO_RETURN_IF_ERROR(r_.Integer(root, "", "first_year", 1900, 9998, &first));
    PETITIO_RETURN_IF_ERROR(r_.Integer(root, "", "last_year", 1900, 9998, &last));
    if (last < first) return r_.Fail("last_year", "must not be before first_year");
    c.first_year = static_cast<int>(first);
    c.last_year = static_cast<int>(last);
    PETITIO_RETURN_IF_ERROR(Weekend(root, &c.weekend));
    std::string rule;
    PETITIO_RETURN_IF_ERROR(r_.String(root, "", "weekend_holiday_rule", &rule));
    if (rule == "next_working_day") {
      c.move_weekend_holidays = true;
    } else if (rule != "none") {
      return r_.Fail("weekend_holiday_rule",
                     "must be \"next_working_day\" or \"none\", got \"" + rule + "\"");
    }
    PETITIO_RETURN_IF_ERROR(Holidays(root, &c.holidays));
    PETITIO_RETURN_IF_ERROR(Movable(root, &c.movable));
    PETITIO_RETURN_IF_ERROR(Transfers(root, &c.transfers));
    return c;
  }

 private:
  TomlReader r_;
};

}  // namespace

Result<Calendar> ParseCalendarToml(std::string_view toml_text, std::string_view origin) {
  CalendarReader reader(origin);
  Result<toml::table> root = reader.reader().Parse(toml_text);
  if (!root.ok()) return root.status();
  Result<CalendarData> data = reader.Read(*root);
  if (!data.ok()) return data.status();
  Result<Calendar> cal = Calendar::Compile(std::move(*data));
  if (!cal.ok()) return reader.reader().Fail("calendar", cal.status().message());
  return cal;
}

}  // namespace petitio
