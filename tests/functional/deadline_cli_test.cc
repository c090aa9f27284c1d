// `petitio deadline` of the real binary: the reference case, every unit, --explain, --json,
// and the refusals (a year without a calendar, bad arguments).
#include <boost/json.hpp>

#include "site_fixture.h"

namespace petitio::testing {
namespace {

TEST(DeadlineCli, ReferenceCaseOfDesign) {
  // Registered on Sunday 9 June 2024; 40 working days from the next day: 5 August 2024.
  const CommandResult r =
      RunPetitio({"deadline", "--profile", "kz", "--from", "2024-06-09", "--working-days", "40"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "2024-08-05\n");
}

TEST(DeadlineCli, CalendarUnits) {
  EXPECT_EQ(
      RunPetitio({"deadline", "--profile", "kz", "--from", "2024-06-09", "--calendar-days", "40"})
          .output,
      "2024-07-19\n");
  EXPECT_EQ(RunPetitio({"deadline", "--profile", "eu-eci", "--from", "2024-01-31", "--months", "1"})
                .output,
            "2024-02-29\n");
  EXPECT_EQ(
      RunPetitio({"deadline", "--profile", "de-bt", "--from", "2024-12-20", "--weeks", "6"}).output,
      "2025-01-31\n");
}

TEST(DeadlineCli, ExplainListsEverySkippedDayWithItsReason) {
  const CommandResult r = RunPetitio(
      {"deadline", "--profile", "kz", "--from", "2024-06-09", "--working-days", "40", "--explain"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.rfind("2024-08-05\n", 0), 0u) << r.output;
  EXPECT_NE(r.output.find("2024-07-08 Monday    substitute   Capital Day"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("2024-06-16 Sunday    holiday      Kurban Ait"), std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find("2024-06-17"), std::string::npos)
      << "Monday 17 June is a working day: Kurban Ait is never moved\n"
      << r.output;
  EXPECT_NE(r.output.find("17 non-working days skipped"), std::string::npos) << r.output;
}

TEST(DeadlineCli, TransferredWorkingSaturdayCounts) {
  // Saturday 4 May 2024 was a working day by transfer; Wednesday 8 May a day off.
  const CommandResult r = RunPetitio({"deadline", "--profile", "kz", "--from", "2024-05-02",
                                      "--working-days", "2", "--json", "--explain"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(r.output, ec);
  ASSERT_FALSE(ec) << r.output;
  EXPECT_EQ(v.at("due").as_string(), "2024-05-04");
  EXPECT_EQ(v.at("profile").as_string(), "kz");
  EXPECT_EQ(v.at("calendar").as_string(), "kz");
  EXPECT_EQ(v.at("amount").as_int64(), 2);
  EXPECT_EQ(v.at("unit").as_string(), "working_days");
  EXPECT_EQ(v.at("count_from").as_string(), "next_day");
  EXPECT_TRUE(v.at("skipped").as_array().empty()) << r.output;

  const CommandResult plain_json = RunPetitio(
      {"deadline", "--profile", "kz", "--from", "2024-06-09", "--working-days", "40", "--json"});
  const boost::json::value j = boost::json::parse(plain_json.output, ec);
  ASSERT_FALSE(ec) << plain_json.output;
  EXPECT_EQ(j.at("due").as_string(), "2024-08-05");
  EXPECT_FALSE(j.as_object().contains("skipped"));
}

TEST(DeadlineCli, AYearWithoutACalendarIsRefused) {
  const CommandResult r =
      RunPetitio({"deadline", "--profile", "kz", "--from", "2026-12-01", "--working-days", "40"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("covers 2024-2026"), std::string::npos) << r.output;
  EXPECT_EQ(
      RunPetitio({"deadline", "--profile", "kz", "--from", "2023-06-09", "--working-days", "1"})
          .exit_code,
      1);
}

TEST(DeadlineCli, BadArgumentsAreRefused) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"deadline", "--profile", "kz", "--from", "2024-06-09"},
           {"deadline", "--profile", "kz", "--from", "2024-06-09", "--working-days", "4",
            "--months", "1"},
           {"deadline", "--profile", "zz", "--from", "2024-06-09", "--working-days", "4"},
           {"deadline", "--profile", "kz", "--from", "9 June", "--working-days", "4"},
           {"deadline", "--profile", "kz", "--from", "2024-02-30", "--working-days", "4"},
           {"deadline", "--profile", "kz", "--from", "2024-06-09", "--working-days", "0"},
           {"deadline", "--profile", "kz", "--from", "2024-06-09", "--working-days", "x"},
           {"deadline", "--profile", "eu-eci", "--from", "2024-06-09", "--working-days", "4"},
       }) {
    const CommandResult r = RunPetitio(args);
    EXPECT_NE(r.exit_code, 0) << r.output;
    EXPECT_FALSE(r.output.empty());
  }
}

}  // namespace
}  // namespace petitio::testing
