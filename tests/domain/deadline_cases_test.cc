// Reads the data-driven deadline cases in tests/cases/*.txt (format: tests/cases/README.md):
//   profile | start | amount | unit | expected | source
// and checks each against the shipped profile and its calendar.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "domain/deadline.h"
#include "shipped_files.h"

namespace petitio {
namespace {

struct Case {
  std::string where;  // file:line
  std::string profile, start, amount, unit, expected, source;
};

std::string Trimmed(const std::string& s) {
  const size_t b = s.find_first_not_of(' ');
  const size_t e = s.find_last_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<Case> ReadCases() {
  std::vector<Case> cases;
  const auto dir = std::filesystem::path(PETITIO_SOURCE_DIR) / "tests" / "cases";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    std::istringstream in(
        testing::ReadSourceFile("tests/cases/" + entry.path().filename().string()));
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      if (Trimmed(line).empty() || Trimmed(line)[0] == '#') continue;
      std::vector<std::string> f;
      size_t pos = 0;
      for (size_t bar; (bar = line.find(" | ", pos)) != std::string::npos && f.size() < 5;
           pos = bar + 3) {
        f.push_back(Trimmed(line.substr(pos, bar - pos)));
      }
      f.push_back(Trimmed(line.substr(pos)));
      const std::string where = entry.path().filename().string() + ":" + std::to_string(n);
      EXPECT_EQ(f.size(), 6u) << where << ": expected 6 fields: " << line;
      if (f.size() != 6) continue;
      cases.push_back({where, f[0], f[1], f[2], f[3], f[4], f[5]});
    }
  }
  return cases;
}

TEST(DeadlineCases, EveryCaseHolds) {
  const std::vector<Case> cases = ReadCases();
  EXPECT_GE(cases.size(), 40u);
  std::map<std::string, Profile> profiles;
  std::map<std::string, int> per_unit;
  int errors = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.where + ": " + c.profile + " " + c.start + " +" + c.amount + " " + c.unit);
    EXPECT_FALSE(c.source.empty()) << "every case names its source";
    if (!profiles.contains(c.profile)) profiles[c.profile] = testing::ShippedProfile(c.profile);
    const Profile& profile = profiles[c.profile];
    ASSERT_EQ(profile.id, c.profile);
    const std::optional<Date> start = ParseDate(c.start);
    ASSERT_TRUE(start.has_value());
    const std::optional<DurationUnit> unit = ParseDurationUnit(c.unit);
    ASSERT_TRUE(unit.has_value());
    ++per_unit[c.unit];
    Result<Due> due = profile.DueDate(*start, {std::stoi(c.amount), *unit});
    if (c.expected.rfind("error:", 0) == 0) {
      ++errors;
      ASSERT_FALSE(due.ok()) << "expected an error, got " << FormatDate(due->date);
      EXPECT_EQ("error:" + due.status().code(), c.expected) << due.status().message();
    } else {
      ASSERT_TRUE(due.ok()) << due.status().ToString();
      EXPECT_EQ(FormatDate(due->date), c.expected);
    }
  }
  EXPECT_GE(errors, 3) << "years without a calendar must be covered";
  EXPECT_GE(per_unit["working_days"], 30);
  EXPECT_GE(per_unit["months"], 1);
}

}  // namespace
}  // namespace petitio
