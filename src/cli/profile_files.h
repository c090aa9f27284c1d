// Loads the jurisdiction profiles and their working-day calendars: the built-in ones compiled
// into the binary (profiles/*.toml, profiles/calendars/*.toml), then an operator's directory
// (DIR/*.toml, DIR/calendars/*.toml), whose files replace built-in ones with the same id.
// Every profile is attached to the calendar it names; a missing calendar, a calendar whose id
// differs from its file name, or any invalid file fails the whole load with the file's name.
#pragma once

#include <string>

#include "domain/profile.h"
#include "domain/result.h"

namespace petitio {

// `operator_dir` may be empty (built-in files only).
Status LoadProfiles(const std::string& operator_dir, ProfileRegistry& registry);

}  // namespace petitio
