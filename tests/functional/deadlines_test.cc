// Statutory clocks through the real binary: a petition carries its deadlines in the API and on
// its page, moderation comes before supporters where the profile says so (Kazakhstan), the
// threshold registers the petition and starts consideration, and an officer's extension moves
// the due date within the profile's limit. The operator's profile here uses a calendar of plain
// weekdays covering 2000-2100, so the counts do not depend on the day the test runs.
#include <filesystem>
#include <fstream>

#include "site_fixture.h"

namespace petitio::testing {
namespace {

constexpr const char* kSteadyCalendar = R"toml(id = "steady"
source = "Test calendar: Monday to Friday, no holidays"
first_year = 2000
last_year = 2100
weekend = ["saturday", "sunday"]
weekend_holiday_rule = "none"
name = { en = "Weekdays" }
)toml";

constexpr const char* kTownProfile = R"toml(id = "town"
source = "Town charter"
languages = ["en"]
sponsors_required = 1
stages = ["moderation", "sponsors"]
calendar = "steady"
name = { en = "Town: petitions to the council" }
[clocks.moderation]
amount = 20
unit = "working_days"
source = "Town charter, art. 1"
[clocks.sponsors]
amount = 10
unit = "working_days"
source = "Town charter, art. 2"
[clocks.collection]
amount = 6
unit = "months"
source = "Town charter, art. 3"
[clocks.consideration]
amount = 10
unit = "working_days"
source = "Town charter, art. 4"
[clocks.consideration.extension]
amount = 5
unit = "working_days"
source = "Town charter, art. 5"
[[thresholds]]
count = 3
registers = true
effect = "consideration"
source = "Town charter, art. 6"
description = { en = "The council considers it." }
)toml";

class DeadlinesTest : public SiteTest {
 protected:
  void SetUp() override {
    profiles_ = MakeTempDir("petitio-town");
    std::filesystem::create_directories(profiles_ + "/calendars");
    std::ofstream(profiles_ + "/calendars/steady.toml") << kSteadyCalendar;
    std::ofstream(profiles_ + "/town.toml") << kTownProfile;
    SiteTest::SetUp();
  }
  void TearDown() override {
    SiteTest::TearDown();
    RemoveTree(profiles_);
  }
  std::vector<std::string> ExtraServeArgs() override {
    return {"--profiles", profiles_, "--no-rate-limits"};
  }

  boost::json::value AdminView(int64_t id) {
    const HttpReply r = HttpCall(server_->port(), "GET", "/api/v1/petitions/" + std::to_string(id),
                                 "", {{"Authorization", "Bearer " + admin_api_token_}});
    EXPECT_EQ(r.status, 200) << r.body;
    return Json(r);
  }
  static boost::json::value Deadline(const boost::json::value& petition, const char* stage) {
    for (const auto& d : petition.at("deadlines").as_array()) {
      if (d.at("stage").as_string() == stage) return d;
    }
    ADD_FAILURE() << "no " << stage << " deadline in " << boost::json::serialize(petition);
    return nullptr;
  }
  static bool HasEvent(const boost::json::value& petition, const char* kind) {
    for (const auto& e : petition.at("timeline").as_array()) {
      if (e.at("kind").as_string() == kind) return true;
    }
    return false;
  }
  void SignAndConfirm(const std::string& path, const std::string& email,
                      const std::string& extra = "") {
    const HttpReply s = Post(path, R"({"name":"Ben",)" + extra + R"("email":")" + email + R"("})");
    ASSERT_EQ(s.status, 202) << s.body;
    ASSERT_EQ(Post("/api/v1/signatures/confirm",
                   R"({"token":")" + TokenFromMail(email, "/confirm?token=") + R"("})")
                  .status,
              200);
  }

  std::string profiles_;
  std::string officer_;
};

TEST_F(DeadlinesTest, ModerationFirstThenSupportersThenRegistrationAndExtension) {
  const int64_t id = CreateConfirmed("town", "ann@example.org");
  const std::string base = "/api/v1/petitions/" + std::to_string(id);

  // Confirmed: awaiting moderation, on its 20-working-day clock.
  boost::json::value p = AdminView(id);
  EXPECT_EQ(p.at("state").as_string(), "validated");
  boost::json::value m = Deadline(p, "moderation");
  EXPECT_EQ(m.at("amount").as_int64(), 20);
  EXPECT_EQ(m.at("unit").as_string(), "working_days");
  EXPECT_EQ(m.at("days_left").as_int64(), 20);
  EXPECT_EQ(m.at("basis").as_string(), "Town charter, art. 1");
  EXPECT_FALSE(m.at("overdue").as_bool());
  EXPECT_EQ(Get(base).status, 404) << "not public before publication";

  // In the moderation queue; a supporter cannot join before moderation.
  const HttpReply queue = HttpCall(server_->port(), "GET", "/api/v1/admin/moderation", "",
                                   {{"Authorization", "Bearer " + admin_api_token_}});
  EXPECT_NE(queue.body.find("\"id\":" + std::to_string(id)), std::string::npos) << queue.body;
  const std::string sponsor_token = TokenFromMail("ann@example.org", "/sponsor?token=");
  EXPECT_EQ(Post(base + "/sponsors", R"({"name":"S","email":"s@example.org","sponsor_token":")" +
                                         sponsor_token + R"("})")
                .status,
            409);
  HttpReply page = Get("/petitions/" + std::to_string(id) + "/sponsor?token=" + sponsor_token);
  ASSERT_EQ(page.status, 200) << "the link works from the start";
  EXPECT_NE(page.body.find("awaiting moderation"), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("<form"), std::string::npos) << "no sign form before admission";

  // Admitted: gathering its supporter behind the direct link within 10 working days.
  ASSERT_EQ(PostAdmin("/api/v1/admin/petitions/" + std::to_string(id) + "/moderation",
                      R"({"decision":"publish"})")
                .status,
            200);
  p = AdminView(id);
  EXPECT_EQ(p.at("state").as_string(), "admitted");
  EXPECT_TRUE(HasEvent(p, "admitted"));
  EXPECT_FALSE(Deadline(p, "moderation").at("completed_at").is_null());
  EXPECT_EQ(Deadline(p, "sponsors").at("days_left").as_int64(), 10);
  EXPECT_EQ(Get(base).status, 404) << "only by its direct link";
  EXPECT_EQ(Get(base + "?token=" + sponsor_token).status, 200);
  page = Get("/petitions/" + std::to_string(id) + "/sponsor?token=" + sponsor_token);
  EXPECT_NE(page.body.find("<form"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find(" it, by "), std::string::npos) << page.body;

  SignAndConfirm(base + "/sponsors", "sue@example.org",
                 R"("sponsor_token":")" + sponsor_token + R"(",)");
  p = AdminView(id);
  EXPECT_EQ(p.at("state").as_string(), "open");
  ASSERT_EQ(Get(base).status, 200);

  // The third signature reaches the registering threshold: consideration starts.
  SignAndConfirm(base + "/signatures", "carl@example.org");
  p = Json(Get(base));
  EXPECT_FALSE(p.at("registered_at").is_null());
  EXPECT_TRUE(HasEvent(p, "registered"));
  boost::json::value c = Deadline(p, "consideration");
  EXPECT_EQ(c.at("amount").as_int64(), 10);
  EXPECT_EQ(c.at("days_left").as_int64(), 10);
  EXPECT_EQ(c.at("days_left_unit").as_string(), "working_days");
  const std::string due = std::string(c.at("due").as_string());

  // An officer extends consideration by 3 of the 5 working days the charter allows.
  const std::string extend = "/api/v1/admin/petitions/" + std::to_string(id) + "/extensions";
  EXPECT_EQ(Post(extend, R"({"stage":"consideration","amount":3,"unit":"working_days",)"
                         R"("reason":"x"})")
                .status,
            401)
      << "officers only";
  // The petition goes to the town council; only that council's officers extend its clocks.
  ASSERT_EQ(PostAs(admin_api_token_, "/api/v1/admin/petitions/" + std::to_string(id) + "/authority",
                   R"({"authority":"town-council"})", "PUT")
                .status,
            200);
  officer_ = AddStaff("officer", "clerk@town.example", R"("authority":"town-council",)");
  const std::string stranger =
      AddStaff("officer", "clerk@elsewhere.example", R"("authority":"another-council",)");
  EXPECT_EQ(PostAs(stranger, extend,
                   R"({"stage":"consideration","amount":3,)"
                   R"("unit":"working_days","reason":"x"})")
                .status,
            403);
  EXPECT_EQ(PostAdmin(extend, R"({"stage":"consideration","amount":3,"unit":"working_days",)"
                              R"("reason":"x"})")
                .status,
            403)
      << "not even an admin: the authority answers for its own clock";
  HttpReply r = PostAs(officer_, extend,
                       R"({"stage":"consideration","amount":3,"unit":"working_days",)"
                       R"("reason":"The working group awaits the budget office."})");
  ASSERT_EQ(r.status, 200) << r.body;
  c = Deadline(Json(r), "consideration");
  EXPECT_EQ(c.at("days_left").as_int64(), 13);
  EXPECT_GT(std::string(c.at("due").as_string()), due);
  ASSERT_EQ(c.at("extensions").as_array().size(), 1u);
  EXPECT_EQ(c.at("extensions").as_array()[0].at("reason").as_string(),
            "The working group awaits the budget office.");
  EXPECT_TRUE(HasEvent(Json(r), "extended"));

  // Beyond the limit, a wrong unit, a stage without extensions, junk: refused, nothing changes.
  for (const auto& [body, code] : std::vector<std::pair<std::string, std::string>>{
           {R"({"stage":"consideration","amount":3,"unit":"working_days","reason":"more"})",
            "invalid_extension"},
           {R"({"stage":"consideration","amount":1,"unit":"months","reason":"more"})",
            "invalid_extension"},
           {R"({"stage":"moderation","amount":1,"unit":"working_days","reason":"more"})",
            "extension_not_allowed"},
           {R"({"stage":"consideration","amount":1,"unit":"working_days"})", "missing_reason"},
           {R"({"stage":"hearing","amount":1,"unit":"working_days","reason":"r"})",
            "invalid_stage"},
           {R"({"stage":"consideration","amount":"two","unit":"working_days","reason":"r"})",
            "invalid_amount"},
           {R"({"stage":"consideration","amount":1.5,"unit":"working_days","reason":"r"})",
            "invalid_amount"},
       }) {
    r = PostAs(officer_, extend, body);
    EXPECT_GE(r.status, 400) << body;
    EXPECT_LT(r.status, 500) << body;
    EXPECT_NE(r.body.find(code), std::string::npos) << body << " -> " << r.body;
  }
  EXPECT_EQ(Deadline(Json(Get(base)), "consideration").at("extensions").as_array().size(), 1u);

  // The page shows the countdown.
  page = Get("/petitions/" + std::to_string(id));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Consideration by the addressee"), std::string::npos);
  EXPECT_NE(page.body.find("13 working days left — due"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("Town charter, art. 4"), std::string::npos);
}

TEST_F(DeadlinesTest, KazakhstanNamesItsAddresseeLevelAndModeratesFirst) {
  for (const auto& [fields, code] : std::vector<std::pair<std::string, std::string>>{
           {"", "invalid_addressee"},
           {R"("addressee_level":"ministry",)", "invalid_addressee"},
           {R"("addressee_level":"regional_maslikhat",)", "invalid_addressee_region"},
           {R"("addressee_level":"regional_maslikhat","addressee_region":"mars",)",
            "invalid_addressee_region"},
           {R"("addressee_level":"central","addressee_region":"astana",)",
            "invalid_addressee_region"},
       }) {
    const HttpReply r = Post("/api/v1/petitions",
                             R"({"profile":"kz","title":"T","text":"X","addressee":"A",)" + fields +
                                 R"("initiator":{"name":"N","email":"n@example.org"}})");
    EXPECT_EQ(r.status, 400) << fields << " -> " << r.body;
    EXPECT_NE(r.body.find(code), std::string::npos) << fields << " -> " << r.body;
  }
  const int64_t id = CreateConfirmed(
      "kz", "aigerim@example.org",
      R"("addressee_level":"regional_maslikhat","addressee_region":"astana",)", "850720400136");
  boost::json::value p = AdminView(id);
  EXPECT_EQ(p.at("state").as_string(), "validated");
  EXPECT_EQ(p.at("addressee_level").as_string(), "regional_maslikhat");
  EXPECT_EQ(p.at("addressee_region").as_string(), "astana");
  // 2% of Astana's population on 1 January 2026.
  EXPECT_EQ(p.at("thresholds").as_array().at(0).at("count").as_int64(), 32765);
  const boost::json::value m = Deadline(p, "moderation");
  EXPECT_EQ(m.at("amount").as_int64(), 20);
  EXPECT_EQ(m.at("unit").as_string(), "working_days");
  EXPECT_TRUE(m.at("due").is_string() || !m.at("due_error").as_string().empty())
      << "a due date, or why it is not known yet";
  ASSERT_EQ(PostAdmin("/api/v1/admin/petitions/" + std::to_string(id) + "/moderation",
                      R"({"decision":"publish"})")
                .status,
            200);
  EXPECT_EQ(AdminView(id).at("state").as_string(), "admitted");
}

}  // namespace
}  // namespace petitio::testing
