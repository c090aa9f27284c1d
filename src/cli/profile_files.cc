#include "cli/profile_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "domain/calendar.h"
#include "domain/embedded_file.h"

namespace petitio {

namespace {

struct TomlFile {
  std::string path;  // for messages: "calendars/kz.toml", "/etc/petitio/profiles/kz.toml"
  std::string stem;  // file name without .toml
  std::string text;
};

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string Stem(const std::string& path) { return std::filesystem::path(path).stem().string(); }

// Built-in files directly in the embedded folder `sub` ("" or "calendars").
std::vector<TomlFile> Builtin(const std::string& sub) {
  std::vector<TomlFile> out;
  for (const EmbeddedFile& f : embedded::profiles()) {
    const std::string path(f.path);
    const std::string dir = std::filesystem::path(path).parent_path().string();
    if (dir != sub || !EndsWith(path, ".toml")) continue;
    out.push_back({path, Stem(path), std::string(f.contents())});
  }
  return out;
}

// *.toml directly in `dir`, sorted by name; a missing optional directory gives none.
Result<std::vector<TomlFile>> FromDirectory(const std::string& dir, bool required) {
  std::vector<TomlFile> out;
  std::error_code ec;
  if (!required && !std::filesystem::exists(dir, ec)) return out;
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".toml") {
      paths.push_back(entry.path());
    }
  }
  if (ec) return Status::Invalid("cannot read profile directory " + dir + ": " + ec.message());
  std::sort(paths.begin(), paths.end());
  for (const auto& path : paths) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return Status::Invalid("cannot read " + path.string());
    out.push_back({path.string(), path.stem().string(), text.str()});
  }
  return out;
}

Status AddCalendars(const std::vector<TomlFile>& files, CalendarRegistry& calendars) {
  for (const TomlFile& f : files) {
    Result<Calendar> c = ParseCalendarToml(f.text, f.path);
    if (!c.ok()) return c.status();
    if (c->id() != f.stem) {
      return Status::Invalid(f.path + ": id: must equal the file name \"" + f.stem + "\"",
                             "invalid_calendar");
    }
    calendars.Add(std::move(*c));
  }
  return Status::Ok();
}

Status AddProfiles(const std::vector<TomlFile>& files, const CalendarRegistry& calendars,
                   ProfileRegistry& registry) {
  for (const TomlFile& f : files) {
    Result<Profile> p = ParseProfileToml(f.text, f.path);
    if (!p.ok()) return p.status();
    if (Status s = AttachCalendar(*p, calendars); !s.ok()) {
      return Status::Invalid(f.path + ": " + s.message(), s.code());
    }
    registry.Add(std::move(*p));
  }
  return Status::Ok();
}

}  // namespace

Status LoadProfiles(const std::string& operator_dir, ProfileRegistry& registry) {
  CalendarRegistry calendars;
  PETITIO_RETURN_IF_ERROR(AddCalendars(Builtin("calendars"), calendars));
  std::vector<TomlFile> operator_profiles;
  if (!operator_dir.empty()) {
    Result<std::vector<TomlFile>> own = FromDirectory(operator_dir + "/calendars", false);
    if (!own.ok()) return own.status();
    PETITIO_RETURN_IF_ERROR(AddCalendars(*own, calendars));
    Result<std::vector<TomlFile>> profiles = FromDirectory(operator_dir, true);
    if (!profiles.ok()) return profiles.status();
    operator_profiles = std::move(*profiles);
  }
  PETITIO_RETURN_IF_ERROR(AddProfiles(Builtin(""), calendars, registry));
  return AddProfiles(operator_profiles, calendars, registry);
}

}  // namespace petitio
