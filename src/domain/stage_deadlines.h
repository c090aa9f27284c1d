// Stage deadlines of one petition: for each stage whose clock has started (moderation,
// sponsors, collection, consideration, answer), when it is due, whether it was completed, and
// whether it is overdue now. Pure: the caller passes the time.
//
// A stage starts at its event (entering moderation, admission, publication, registration) and
// is due after its profile clock, counted with the profile's calendar and counting rule, plus
// any extensions an officer recorded (each counted from the day after the previous due date).
// Days are the jurisdiction's (Profile::utc_offset_minutes). It is overdue once its due day is
// over and it is not completed. When the due date lies
// beyond the calendar's covered years, `due` is empty and `due_error` says why: never a guess.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/deadline.h"
#include "domain/petition.h"
#include "domain/profile.h"

namespace petitio {

// A reasoned extension of a stage's clock, recorded by an officer.
struct DeadlineExtension {
  Stage stage = Stage::kConsideration;
  Duration duration;
  std::string reason;
  TimePoint recorded_at;
};

struct StageDeadline {
  Stage stage = Stage::kCollection;
  TimePoint starts_at;
  Duration duration;  // the profile's clock
  std::string basis;  // its legal source
  std::vector<DeadlineExtension> extensions;
  std::optional<Date> due;  // the last day, extensions included
  std::string due_error;    // why `due` is empty
  std::optional<TimePoint> completed_at;
  bool overdue = false;
  std::optional<int> days_left;  // in the clock's unit family: working days or calendar days
  bool days_left_working = false;
};

std::vector<StageDeadline> StageDeadlines(const Petition& p, const Profile& profile,
                                          const std::vector<DeadlineExtension>& extensions,
                                          TimePoint now);

// Checks that `ext` may be recorded on `p` now: its stage has a running clock that allows
// extensions, and the extensions of that stage together stay within the profile's maximum
// (same unit).
Status CheckExtension(const Petition& p, const Profile& profile,
                      const std::vector<DeadlineExtension>& existing, const DeadlineExtension& ext,
                      TimePoint now);

}  // namespace petitio
