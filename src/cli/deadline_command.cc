#include "cli/deadline_command.h"

#include <boost/json.hpp>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/profile_files.h"
#include "domain/deadline.h"
#include "domain/profile.h"

namespace petitio {

namespace {

struct DeadlineOptions {
  std::string profile;
  std::string from;
  std::string profiles_dir;
  int working_days = 0;
  int calendar_days = 0;
  int weeks = 0;
  int months = 0;
  bool explain = false;
  bool json = false;
};

constexpr const char* kWeekdayNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};

int Fail(const std::string& message) {
  std::fprintf(stderr, "petitio deadline: %s\n", message.c_str());
  return 1;
}

// What makes a skipped day special beyond its kind ("" for a plain weekend day).
std::string Reason(const DayInfo& day) { return day.name.Get("en"); }

void PrintText(const DeadlineOptions& o, const Profile& profile, const Duration& duration,
               const Due& due) {
  std::printf("%s\n", FormatDate(due.date).c_str());
  if (!o.explain) return;
  std::printf("%s counted from %s %s under profile %s", DescribeDuration(duration).c_str(),
              profile.count_from == CountFrom::kNextDay ? "the day after" : "", o.from.c_str(),
              profile.id.c_str());
  if (duration.unit == DurationUnit::kWorkingDays) {
    std::printf(" (calendar %s); %zu non-working days skipped:\n", profile.calendar_id.c_str(),
                due.skipped.size());
  } else {
    std::printf("; calendar units skip no days\n");
  }
  for (const DayInfo& day : due.skipped) {
    std::printf("  %s %-9s %-12s %s", FormatDate(day.date).c_str(),
                kWeekdayNames[IsoWeekday(day.date)], std::string(DayKindName(day.kind)).c_str(),
                Reason(day).c_str());
    if (!day.source.empty()) std::printf(" [%s]", day.source.c_str());
    std::printf("\n");
  }
}

void PrintJson(const DeadlineOptions& o, const Profile& profile, const Duration& duration,
               const Due& due) {
  namespace json = boost::json;
  json::object out;
  out["profile"] = profile.id;
  out["calendar"] =
      profile.calendar_id.empty() ? json::value(nullptr) : json::value(profile.calendar_id);
  out["from"] = o.from;
  out["amount"] = duration.amount;
  out["unit"] = DurationUnitName(duration.unit);
  out["count_from"] = CountFromName(profile.count_from);
  out["due"] = FormatDate(due.date);
  if (o.explain) {
    json::array skipped;
    for (const DayInfo& day : due.skipped) {
      skipped.push_back(json::object{{"date", FormatDate(day.date)},
                                     {"weekday", kWeekdayNames[IsoWeekday(day.date)]},
                                     {"kind", DayKindName(day.kind)},
                                     {"reason", Reason(day)},
                                     {"source", day.source}});
    }
    out["skipped"] = std::move(skipped);
  }
  std::printf("%s\n", json::serialize(out).c_str());
}

int RunDeadline(const DeadlineOptions& o) {
  ProfileRegistry profiles;
  if (Status s = LoadProfiles(o.profiles_dir, profiles); !s.ok()) return Fail(s.message());
  const Profile* profile = profiles.Find(o.profile);
  if (profile == nullptr) {
    std::string known;
    for (const Profile* p : profiles.All()) known += (known.empty() ? "" : ", ") + p->id;
    return Fail("no profile \"" + o.profile + "\" (known: " + known + ")");
  }
  const std::optional<Date> from = ParseDate(o.from);
  if (!from) return Fail("--from must be a date YYYY-MM-DD, got \"" + o.from + "\"");
  Duration duration;
  int given = 0;
  for (const auto& [amount, unit] :
       {std::pair{o.working_days, DurationUnit::kWorkingDays},
        std::pair{o.calendar_days, DurationUnit::kCalendarDays},
        std::pair{o.weeks, DurationUnit::kWeeks}, std::pair{o.months, DurationUnit::kMonths}}) {
    if (amount == 0) continue;
    ++given;
    duration = {amount, unit};
  }
  if (given != 1) {
    return Fail("give exactly one of --working-days, --calendar-days, --weeks, --months");
  }
  Result<Due> due = profile->DueDate(*from, duration);
  if (!due.ok()) return Fail(due.status().message());
  if (o.json) {
    PrintJson(o, *profile, duration, *due);
  } else {
    PrintText(o, *profile, duration, *due);
  }
  return 0;
}

}  // namespace

void AddDeadlineCommand(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<DeadlineOptions>();
  CLI::App* cmd = app.add_subcommand(
      "deadline", "Compute when a statutory period ends under a profile's working-day calendar");
  cmd->add_option("--profile", o->profile, "Jurisdiction profile id, e.g. kz")->required();
  cmd->add_option("--from", o->from, "The day of the starting event, YYYY-MM-DD")->required();
  const auto amount = CLI::Range(1, kMaxDurationAmount);
  cmd->add_option("--working-days", o->working_days, "Working days")->check(amount);
  cmd->add_option("--calendar-days", o->calendar_days, "Calendar days")->check(amount);
  cmd->add_option("--weeks", o->weeks, "Weeks")->check(amount);
  cmd->add_option("--months", o->months, "Months (end of month clamped)")->check(amount);
  cmd->add_flag("--explain", o->explain, "List every non-working day skipped, with its reason");
  cmd->add_flag("--json", o->json, "Print JSON");
  cmd->add_option("--profiles", o->profiles_dir,
                  "Directory of extra profiles and calendars (as for serve)");
  cmd->callback([o, &exit_code] { exit_code = RunDeadline(*o); });
}

}  // namespace petitio
