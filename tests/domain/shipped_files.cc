#include "shipped_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace petitio::testing {

std::string ReadSourceFile(const std::string& relative_path) {
  const std::filesystem::path path = std::filesystem::path(PETITIO_SOURCE_DIR) / relative_path;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::shared_ptr<const Calendar> ShippedCalendar(const std::string& id) {
  const std::string file = "profiles/calendars/" + id + ".toml";
  Result<Calendar> c = ParseCalendarToml(ReadSourceFile(file), file);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  if (!c.ok()) return nullptr;
  return std::make_shared<const Calendar>(std::move(*c));
}

Profile ShippedProfile(const std::string& id) {
  const std::string file = "profiles/" + id + ".toml";
  Result<Profile> p = ParseProfileToml(ReadSourceFile(file), file);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  if (!p.ok()) return Profile{};
  if (!p->calendar_id.empty()) {
    CalendarRegistry calendars;
    if (std::shared_ptr<const Calendar> c = ShippedCalendar(p->calendar_id)) calendars.Add(*c);
    const Status attached = AttachCalendar(*p, calendars);
    EXPECT_TRUE(attached.ok()) << attached.ToString();
  }
  return std::move(*p);
}

}  // namespace petitio::testing
