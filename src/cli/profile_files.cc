#include "cli/profile_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "domain/embedded_file.h"

namespace petitio {

Status LoadBuiltinProfiles(ProfileRegistry& registry) {
  for (const EmbeddedFile& f : embedded::profiles()) {
    const std::string path(f.path);
    if (path.size() < 5 || path.substr(path.size() - 5) != ".toml") continue;
    Result<Profile> p = ParseProfileToml(f.contents(), path);
    if (!p.ok()) return p.status();
    registry.Add(std::move(*p));
  }
  return Status::Ok();
}

Status LoadProfileDirectory(const std::string& dir, ProfileRegistry& registry) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".toml") {
      files.push_back(entry.path());
    }
  }
  if (ec) return Status::Invalid("cannot read profile directory " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return Status::Invalid("cannot read " + path.string());
    Result<Profile> p = ParseProfileToml(text.str(), path.string());
    if (!p.ok()) return p.status();
    registry.Add(std::move(*p));
  }
  return Status::Ok();
}

}  // namespace petitio
