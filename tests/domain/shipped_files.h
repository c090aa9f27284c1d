// Test helper: reads the profiles and calendars shipped in profiles/ straight from the source
// tree (the binary embeds the same files).
#pragma once

#include <memory>
#include <string>

#include "domain/calendar.h"
#include "domain/profile.h"

#ifndef PETITIO_SOURCE_DIR
#error "PETITIO_SOURCE_DIR must be defined to the repository root"
#endif

namespace petitio::testing {

std::string ReadSourceFile(const std::string& relative_path);
// profiles/calendars/<id>.toml, compiled; fails the test when it does not load.
std::shared_ptr<const Calendar> ShippedCalendar(const std::string& id);
// profiles/<id>.toml with its calendar attached.
Profile ShippedProfile(const std::string& id);

}  // namespace petitio::testing
