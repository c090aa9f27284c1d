// Loads the jurisdiction profiles: the built-in ones compiled into the binary, then every
// *.toml in an operator's directory (a profile with a built-in id replaces it).
#pragma once

#include <string>

#include "domain/profile.h"
#include "domain/result.h"

namespace petitio {

Status LoadBuiltinProfiles(ProfileRegistry& registry);
Status LoadProfileDirectory(const std::string& dir, ProfileRegistry& registry);

}  // namespace petitio
