// The reference case of consideration, recorded and read back through the API and the pages: a
// Kazakh petition to a ministry, registered on 9 June 2024 with its 40-working-day clock due on
// 5 August 2024 (Capital Day, 8 July, skipped), a working group, meetings on 21 June and 10 July,
// a public discussion, an organisation's call for rejection citing the ICCPR, the authority's
// reply and its decision — each on the timeline with its day and whether it met the deadline.
//
// The profile is the shipped kz.toml (its calendar, clocks and sources) with two numbers made
// small enough for a test: the central threshold (50,000 -> 3) and the supporters needed (50 -> 1).
// The server runs on a clock started in June 2024 (--clock-start) and is restarted later in the
// case, as the days pass.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "domain/national_id.h"
#include "site_fixture.h"
#include "test_store.h"

namespace petitio::testing {
namespace {

std::string Iin(int serial) { return ComposeKzIin({1980, 3, 14}, Sex::kFemale, serial).value(); }

class ConsiderationTest : public SiteTest {
 protected:
  void SetUp() override {
    profiles_ = MakeTempDir("petitio-kz-reference");
    std::ifstream in(std::string(PETITIO_SOURCE_DIR) + "/profiles/kz.toml");
    std::stringstream text;
    text << in.rdbuf();
    std::string kz = text.str();
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"id = \"kz\"", "id = \"kz-reference\""},
             {"sponsors_required = 50", "sponsors_required = 1"},
             {"count = 50000", "count = 3"}}) {
      const size_t at = kz.find(from);
      ASSERT_NE(at, std::string::npos) << from;
      kz.replace(at, from.size(), to);
    }
    std::ofstream(profiles_ + "/kz-reference.toml") << kz;
    SiteTest::SetUp();
  }
  void TearDown() override {
    SiteTest::TearDown();
    RemoveTree(profiles_);
  }
  std::vector<std::string> ExtraServeArgs() override {
    return {"--profiles", profiles_, "--no-rate-limits", "--clock-start", clock_start_};
  }
  // Stops the server and starts it again on the same data with its clock at `when`.
  void RestartAt(const std::string& when) {
    ASSERT_EQ(server_->Stop(), 0) << server_->output();
    clock_start_ = when;
    std::vector<std::string> args{"serve", "--listen", "127.0.0.1:0", "--data", data_dir_};
    for (std::string& a : ExtraServeArgs()) args.push_back(std::move(a));
    server_ = std::make_unique<ServerProcess>(PetitioBinary(), args);
    ASSERT_NE(server_->port(), 0) << server_->output();
  }
  HttpReply Record(const std::string& token, int64_t id, const std::string& body) {
    return PostAs(token, "/api/v1/petitions/" + std::to_string(id) + "/consideration", body);
  }
  static const boost::json::value* Item(const boost::json::value& petition, const std::string& kind,
                                        const std::string& date) {
    for (const auto& e : petition.at("timeline").as_array()) {
      if (e.at("kind").as_string() == kind && e.at("date").as_string() == date) return &e;
    }
    return nullptr;
  }

  // The newest mail to `address` holding `marker`, waiting up to `wait_ms` for the courier.
  std::string MailTo(const std::string& address, const std::string& marker, int wait_ms = 5000) {
    for (int waited = 0;; waited += 50) {
      std::vector<std::string> mails = SentMail(data_dir_);
      for (auto m = mails.rbegin(); m != mails.rend(); ++m) {
        const std::string body = UnfoldMail(*m);
        if (body.find("<" + address + ">") != std::string::npos &&
            body.find(marker) != std::string::npos) {
          return body;
        }
      }
      if (waited >= wait_ms) return "";
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  // "s=..&t=.." after `prefix` in a mail.
  static std::string LinkQuery(const std::string& mail, const std::string& prefix) {
    const size_t at = mail.find(prefix);
    if (at == std::string::npos) return "";
    const size_t start = at + prefix.size();
    const size_t end = mail.find_first_of(" \r\n", start);
    return mail.substr(start, end - start);
  }
  static std::string FormOf(const std::string& query) { return query; }
  // A published kz-reference petition assigned to kz-mcs that reached its registering threshold.
  int64_t RegistrablePetition() {
    const int64_t id = CreateConfirmed("kz-reference", "aigerim@example.org",
                                       R"("addressee_level":"central",)", Iin(1));
    const std::string pid = std::to_string(id);
    EXPECT_EQ(
        PostAdmin("/api/v1/admin/petitions/" + pid + "/moderation", R"({"decision":"publish"})")
            .status,
        200);
    EXPECT_EQ(PostAs(admin_api_token_, "/api/v1/admin/petitions/" + pid + "/authority",
                     R"({"authority":"kz-mcs"})", "PUT")
                  .status,
              200);
    SignAndConfirm(id, "dana@example.org",
                   R"("national_id":")" + Iin(2) + R"(","sponsor_token":")" +
                       TokenFromMail("aigerim@example.org", "/sponsor?token=") + R"(",)",
                   "/sponsors");
    SignAndConfirm(id, "erlan@example.org", R"("national_id":")" + Iin(3) + R"(",)");
    return id;
  }
  // Logs in through the form; returns the session cookie and the CSRF token of `page`.
  std::pair<std::string, std::string> LogIn(const std::string& email, const std::string& page) {
    const HttpReply login =
        Post("/login", "email=" + email + "&password=correct+horse+battery+staple", kFormHeaders);
    EXPECT_EQ(login.status, 303) << login.body;
    const std::string cookie = SessionCookieOf(login);
    const std::string body = Get(page, {{"Cookie", cookie}}).body;
    const std::string marker = "name=\"csrf\" value=\"";
    const size_t at = body.find(marker);
    if (at == std::string::npos) return {cookie, ""};
    const size_t start = at + marker.size();
    return {cookie, body.substr(start, body.find('"', start) - start)};
  }
  const std::map<std::string, std::string> kFormHeaders = {
      {"Content-Type", "application/x-www-form-urlencoded"}};

  std::string profiles_;
  std::string clock_start_ = "2024-06-05T04:00:00Z";  // Wednesday, 09:00 in Astana
};

TEST_F(ConsiderationTest, TheReferenceCaseFromRegistrationToDecision) {
  // June 2024: the petition is created, moderated, supported, published and signed.
  const int64_t id = CreateConfirmed("kz-reference", "aigerim@example.org",
                                     R"("addressee_level":"central",)", Iin(1));
  const std::string pid = std::to_string(id);
  const std::string moderator = AddStaff("moderator", "moderator@example.org");
  const std::string officer =
      AddStaff("officer", "officer@mcs.example", R"("authority":"kz-mcs",)");
  const std::string other_officer =
      AddStaff("officer", "officer@akimat.example", R"("authority":"almaty-akimat",)");
  const std::string ngo = AddStaff("organisation", "office@rights.example",
                                   R"("organisation":"Kazakhstan Bureau for Human Rights",)");

  ASSERT_EQ(PostAs(moderator, "/api/v1/admin/petitions/" + pid + "/lock", "").status, 200);
  EXPECT_EQ(
      PostAs(ngo, "/api/v1/admin/petitions/" + pid + "/moderation", R"({"decision":"publish"})")
          .status,
      403)
      << "an organisation cannot moderate";
  ASSERT_EQ(PostAs(moderator, "/api/v1/admin/petitions/" + pid + "/moderation",
                   R"({"decision":"publish"})")
                .status,
            200);
  ASSERT_EQ(PostAs(moderator, "/api/v1/admin/petitions/" + pid + "/authority",
                   R"({"authority":"kz-mcs"})", "PUT")
                .status,
            200);
  SignAndConfirm(id, "dana@example.org",
                 R"("national_id":")" + Iin(2) + R"(","sponsor_token":")" +
                     TokenFromMail("aigerim@example.org", "/sponsor?token=") + R"(",)",
                 "/sponsors");
  ASSERT_EQ(Json(Get("/api/v1/petitions/" + pid)).at("state").as_string(), "open");
  SignAndConfirm(id, "erlan@example.org", R"("national_id":")" + Iin(3) + R"(",)");
  boost::json::value p = Json(Get("/api/v1/petitions/" + pid));
  ASSERT_FALSE(p.at("registered_at").is_null()) << "the threshold registers it";

  // Nobody without credentials, and no officer of another authority, records anything.
  const std::string registration =
      R"({"kind":"registration","date":"2024-06-09","number":"ЖТ-МКИ-2024-0611"})";
  EXPECT_EQ(Post("/api/v1/petitions/" + pid + "/consideration", registration).status, 401);
  EXPECT_EQ(Record(other_officer, id, registration).status, 403);
  EXPECT_EQ(Record(moderator, id, registration).status, 403);
  EXPECT_EQ(
      Record(officer, id, R"({"kind":"meeting","date":"2024-06-21","place":"Astana","agenda":"x"})")
          .status,
      409)
      << "nothing before the registration";

  // 20 June: registration (made on paper on 9 June), the working group, a meeting ahead, and
  // an organisation's call for rejection.
  RestartAt("2024-06-20T06:00:00Z");
  ASSERT_EQ(Record(officer, id, registration).status, 201);
  EXPECT_EQ(Record(officer, id, registration).status, 409) << "registered once";
  ASSERT_EQ(Record(officer, id,
                   R"({"kind":"working_group","date":"2024-06-14","members":[)"
                   R"({"name":"A. Seitkali","body":"Ministry of Culture and Information"},)"
                   R"({"name":"B. Nurlanova","body":"Mazhilis of the Parliament"},)"
                   R"({"name":"K. Abenova","body":"Kazakhstan Bureau for Human Rights"}]})")
                .status,
            201);
  HttpReply scheduled =
      Record(officer, id,
             R"({"kind":"meeting","date":"2024-06-21","place":"Astana, )"
             R"(Ministry building, room 301","agenda":"The petition's subject"})");
  ASSERT_EQ(scheduled.status, 201) << scheduled.body;
  EXPECT_EQ(Record(officer, id,
                   R"({"kind":"decision","date":"2024-06-25","outcome":"accepted","answer":"a"})")
                .status,
            400)
      << "no decision dated ahead";
  const HttpReply statement = PostAs(
      ngo, "/api/v1/petitions/" + pid + "/statements",
      R"({"position":"call_for_rejection","text":"The petition asks to restrict the assembly of )"
      R"(a minority; its subject would violate human rights.","references":["International )"
      R"(Covenant on Civil and Political Rights, art. 21","ICCPR, art. 26"]})");
  ASSERT_EQ(statement.status, 201) << statement.body;
  const std::string sid = std::to_string(Json(statement).at("id").as_int64());
  EXPECT_EQ(PostAs(officer, "/api/v1/petitions/" + pid + "/statements",
                   R"({"position":"support","text":"x"})")
                .status,
            403)
      << "only organisations file statements";
  p = Json(Get("/api/v1/petitions/" + pid));
  const boost::json::value* ahead = Item(p, "meeting", "2024-06-21");
  ASSERT_NE(ahead, nullptr);
  EXPECT_TRUE(ahead->at("scheduled").as_bool());
  EXPECT_TRUE(ahead->at("in_time").is_null());

  // 2 August: the meeting of 10 July with minutes, the public discussion, the reply, the decision.
  RestartAt("2024-08-02T06:00:00Z");
  ASSERT_EQ(Record(officer, id,
                   R"({"kind":"meeting","date":"2024-07-10","place":"Astana, Ministry building",)"
                   R"("agenda":"Draft answer","participants":["A. Seitkali","B. Nurlanova",)"
                   R"("K. Abenova","the initiator"],"minutes":"The group heard the initiator )"
                   R"(and the Bureau.","attachments":[{"title":"Legal opinion","text":"The )"
                   R"(subject conflicts with art. 21 ICCPR."}]})")
                .status,
            201);
  ASSERT_EQ(Record(officer, id,
                   R"({"kind":"public_discussion","date":"2024-07-17","place":"Online, )"
                   R"(epetition.kz","summary":"312 comments; the initiators took part."})")
                .status,
            201);
  ASSERT_EQ(PostAs(ngo, "/api/v1/statements/" + sid + "/reply", R"({"text":"x"})").status, 403);
  ASSERT_EQ(PostAs(officer, "/api/v1/statements/" + sid + "/reply",
                   R"({"text":"The working group examined the Covenant's articles you cite."})")
                .status,
            200);
  EXPECT_EQ(PostAs(other_officer, "/api/v1/statements/" + sid + "/reply", R"({"text":"y"})").status,
            403);
  ASSERT_EQ(Record(officer, id,
                   R"({"kind":"decision","date":"2024-08-02","outcome":"rejected","answer":"The )"
                   R"(proposal would restrict the rights of a minority (ICCPR, arts. 21 and 26).",)"
                   R"("measures":"None."})")
                .status,
            201);
  EXPECT_EQ(Record(officer, id,
                   R"({"kind":"public_discussion","date":"2024-08-02","place":"x","summary":"y"})")
                .status,
            409)
      << "nothing after the decision";

  // Read back: JSON.
  p = Json(Get("/api/v1/petitions/" + pid));
  const boost::json::object& c = p.at("consideration").as_object();
  EXPECT_EQ(c.at("authority").as_string(), "kz-mcs");
  EXPECT_EQ(c.at("registration_number").as_string(), "ЖТ-МКИ-2024-0611");
  EXPECT_EQ(c.at("decision").at("outcome").as_string(), "rejected");
  EXPECT_EQ(c.at("records").as_array().size(), 6u);
  for (const auto& d : p.at("deadlines").as_array()) {
    if (d.at("stage").as_string() != "consideration") continue;
    EXPECT_EQ(d.at("due").as_string(), "2024-08-05") << "40 working days from 9 June 2024";
    EXPECT_FALSE(d.at("overdue").as_bool());
    EXPECT_FALSE(d.at("completed_at").is_null());
  }
  for (const auto& [kind, date] :
       std::vector<std::pair<std::string, std::string>>{{"working_group", "2024-06-14"},
                                                        {"meeting", "2024-06-21"},
                                                        {"meeting", "2024-07-10"},
                                                        {"public_discussion", "2024-07-17"},
                                                        {"decision", "2024-08-02"}}) {
    const boost::json::value* e = Item(p, kind, date);
    ASSERT_NE(e, nullptr) << kind << " " << date;
    EXPECT_EQ(e->at("deadline").as_string(), "consideration") << kind;
    EXPECT_TRUE(e->at("in_time").as_bool()) << kind << " " << date;
    EXPECT_EQ(e->at("by").as_string(), "authority");
  }
  const boost::json::value* reg = Item(p, "registration", "2024-06-09");
  ASSERT_NE(reg, nullptr);
  EXPECT_TRUE(reg->at("in_time").is_null()) << "the registration starts the clock";
  // In order of their days.
  std::string previous;
  for (const auto& e : p.at("timeline").as_array()) {
    const std::string day(e.at("date").as_string());
    EXPECT_LE(previous, day);
    previous = day;
  }
  const boost::json::value& st = p.at("statements").as_array().at(0);
  EXPECT_EQ(st.at("organisation").as_string(), "Kazakhstan Bureau for Human Rights");
  EXPECT_EQ(st.at("position").as_string(), "call_for_rejection");
  EXPECT_EQ(st.at("references").as_array().at(0).as_string(),
            "International Covenant on Civil and Political Rights, art. 21");
  EXPECT_FALSE(st.at("reply").is_null());

  // Read back: the page.
  const std::string page = Get("/petitions/" + pid).body;
  for (const char* part :
       {"Decision: Rejected", "Registered by the authority as No. ЖТ-МКИ-2024-0611",
        "B. Nurlanova — Mazhilis of the Parliament", "Working group meeting, 10 July 2024",
        "Legal opinion", "Public discussion, 17 July 2024",
        "Kazakhstan Bureau for Human Rights: Calls on the authority to reject the petition",
        "International Covenant on Civil and Political Rights, art. 21",
        "The authority&apos;s reply", "in time for the deadline: Consideration by the addressee",
        "9 June 2024"}) {
    EXPECT_NE(page.find(part), std::string::npos) << part;
  }
}

// The mails of the petition's news: who gets them (the initiator, signers who opted in,
// confirmed followers), and the unsubscribe link in each (GET shows a button; POST ends it).
TEST_F(ConsiderationTest, SubscribersHearTheNewsAndCanStopIt) {
  const int64_t id = CreateConfirmed("kz-reference", "aigerim@example.org",
                                     R"("addressee_level":"central",)", Iin(1));
  const std::string pid = std::to_string(id);
  ASSERT_EQ(PostAdmin("/api/v1/admin/petitions/" + pid + "/moderation", R"({"decision":"publish"})")
                .status,
            200);
  ASSERT_EQ(PostAdmin("/api/v1/admin/petitions/" + pid + "/authority", R"({"authority":"kz-mcs"})")
                .status,
            405)
      << "PUT, not POST";
  ASSERT_EQ(PostAs(admin_api_token_, "/api/v1/admin/petitions/" + pid + "/authority",
                   R"({"authority":"kz-mcs"})", "PUT")
                .status,
            200);
  EXPECT_EQ(
      Post("/api/v1/petitions/" + pid + "/followers", R"({"email":"early@example.org"})").status,
      404)
      << "not public yet";
  SignAndConfirm(id, "dana@example.org",
                 R"("national_id":")" + Iin(2) + R"(","sponsor_token":")" +
                     TokenFromMail("aigerim@example.org", "/sponsor?token=") + R"(",)",
                 "/sponsors");  // published: the initiator hears it

  // Two followers; only the one who confirms hears anything.
  for (const char* email : {"follower@example.org", "unconfirmed@example.org"}) {
    ASSERT_EQ(Post("/api/v1/petitions/" + pid + "/followers",
                   std::string(R"({"email":")") + email + R"(","name":"Fen"})")
                  .status,
              202);
  }
  const std::string follow_mail = MailTo("follower@example.org", "/follow?s=");
  const std::string follow_query = LinkQuery(follow_mail, "/follow?");
  ASSERT_FALSE(follow_query.empty()) << follow_mail;
  const HttpReply button = Get("/follow?" + follow_query);
  ASSERT_EQ(button.status, 200);
  EXPECT_NE(button.body.find("<form method=\"post\" action=\"/follow\">"), std::string::npos);
  ASSERT_EQ(Post("/follow", FormOf(follow_query), kFormHeaders).status, 200);
  EXPECT_EQ(Post("/follow", "s=1&t=forged", kFormHeaders).status, 404);
  // A follower who reads Russian: every notice in Russian, details included.
  ASSERT_EQ(Post("/api/v1/petitions/" + pid + "/followers",
                 R"({"email":"ru-follower@example.org","name":"Фёдор","language":"ru"})")
                .status,
            202);
  ASSERT_EQ(Post("/follow",
                 FormOf(LinkQuery(MailTo("ru-follower@example.org", "/follow?s="), "/follow?")),
                 kFormHeaders)
                .status,
            200);

  // A signer who opts in; the third signature reaches the threshold: everyone confirmed hears.
  SignAndConfirm(id, "erlan@example.org", R"("notify":true,"national_id":")" + Iin(3) + R"(",)");
  for (const char* email : {"aigerim@example.org", "follower@example.org", "erlan@example.org"}) {
    EXPECT_FALSE(MailTo(email, "A threshold is reached").empty()) << email;
  }
  EXPECT_FALSE(MailTo("aigerim@example.org", "The petition is published").empty());
  EXPECT_TRUE(MailTo("unconfirmed@example.org", "A threshold is reached", 300).empty());
  EXPECT_TRUE(MailTo("dana@example.org", "A threshold is reached", 300).empty())
      << "a supporter who did not opt in";

  // The follower unsubscribes from the link in the notice; the next notice skips them.
  const std::string notice = MailTo("follower@example.org", "A threshold is reached");
  const std::string unsubscribe = LinkQuery(notice, "/unsubscribe?");
  ASSERT_FALSE(unsubscribe.empty()) << notice;
  ASSERT_EQ(Get("/unsubscribe?" + unsubscribe).status, 200) << "GET only shows the button";
  ASSERT_EQ(Post("/unsubscribe", FormOf(unsubscribe), kFormHeaders).status, 200);
  const std::string officer =
      AddStaff("officer", "officer@mcs.example", R"("authority":"kz-mcs",)");
  ASSERT_EQ(
      Record(officer, id, R"({"kind":"registration","date":"2024-06-05","number":"R-7"})").status,
      201);
  EXPECT_FALSE(MailTo("erlan@example.org", "The petition is registered").empty());
  EXPECT_NE(MailTo("erlan@example.org", "The petition is registered")
                .find("The authority registered it on 5 June 2024 as No. R-7."),
            std::string::npos)
      << "the notice's details, in the reader's words";
  const std::string in_russian = MailTo("ru-follower@example.org", "R-7");
  EXPECT_NE(in_russian.find("Здравствуйте, Фёдор!"), std::string::npos) << in_russian;
  EXPECT_NE(in_russian.find("Орган зарегистрировал петицию 5 июня 2024 г. под № R-7."),
            std::string::npos)
      << in_russian;
  EXPECT_TRUE(MailTo("follower@example.org", "The petition is registered", 300).empty());

  // The feed shows the same news.
  const HttpReply feed = Get("/petitions/" + pid + ".atom");
  ASSERT_EQ(feed.status, 200);
  EXPECT_EQ(feed.headers.at("content-type"), "application/atom+xml; charset=utf-8");
  EXPECT_NE(feed.body.find("<feed xmlns=\"http://www.w3.org/2005/Atom\">"), std::string::npos);
  EXPECT_NE(feed.body.find("registered as No. R-7"), std::string::npos);
  EXPECT_EQ(Get("/petitions/999999.atom").status, 404);
}

// The workspace pages: an officer records with plain forms; an organisation files a statement;
// the officer replies. Forms without the session's CSRF token change nothing.
TEST_F(ConsiderationTest, StaffWorkThroughTheWorkspacePages) {
  const int64_t id = RegistrablePetition();
  const std::string pid = std::to_string(id);
  AddStaff("officer", "officer@mcs.example", R"("authority":"kz-mcs",)");
  AddStaff("organisation", "office@rights.example", R"("organisation":"Rights Bureau",)");
  EXPECT_EQ(Get("/staff/petitions/" + pid).status, 401);

  const auto [cookie, csrf] = LogIn("officer%40mcs.example", "/staff/petitions/" + pid);
  ASSERT_FALSE(csrf.empty());
  const HttpReply home = Get("/staff", {{"Cookie", cookie}});
  EXPECT_NE(home.body.find("/staff/petitions/" + pid), std::string::npos) << "its authority's";
  std::map<std::string, std::string> as_officer = kFormHeaders;
  as_officer["Cookie"] = cookie;
  const std::string records = "/staff/petitions/" + pid + "/records";
  EXPECT_EQ(
      Post(records, "kind=registration&number=R-1&date=2024-06-05&csrf=forged", as_officer).status,
      403);
  ASSERT_EQ(
      Post(records, "kind=registration&number=R-1&date=2024-06-05&csrf=" + csrf, as_officer).status,
      303);
  ASSERT_EQ(Post(records,
                 "kind=working_group&date=2024-06-05&members=A.+Seitkali+%E2%80%94+Ministry%0D%0A"
                 "B.+Nurlanova+%7C+Mazhilis&csrf=" +
                     csrf,
                 as_officer)
                .status,
            303);
  const HttpReply bad =
      Post(records, "kind=meeting&date=2024-06-05&place=&csrf=" + csrf, as_officer);
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("a meeting needs its place and agenda"), std::string::npos);

  const auto [org_cookie, org_csrf] = LogIn("office%40rights.example", "/staff/petitions/" + pid);
  std::map<std::string, std::string> as_org = kFormHeaders;
  as_org["Cookie"] = org_cookie;
  ASSERT_EQ(
      Post("/staff/petitions/" + pid + "/statements",
           "position=comment&text=We+will+watch.&references=ICCPR%2C+art.+25&csrf=" + org_csrf,
           as_org)
          .status,
      303);
  EXPECT_EQ(Post(records,
                 "kind=decision&date=2024-06-05&outcome=accepted&answer=x&csrf=" + org_csrf, as_org)
                .status,
            403)
      << "an organisation records nothing";
  const std::string sid = std::to_string(Json(Get("/api/v1/petitions/" + pid + "/statements"))
                                             .at("statements")
                                             .as_array()[0]
                                             .at("id")
                                             .as_int64());
  ASSERT_EQ(Post("/staff/petitions/" + pid + "/replies",
                 "statement=" + sid + "&text=Thank+you.&csrf=" + csrf, as_officer)
                .status,
            303);

  const boost::json::value p = Json(Get("/api/v1/petitions/" + pid));
  const auto& members =
      p.at("consideration").at("records").as_array().at(1).at("members").as_array();
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].at("body").as_string(), "Ministry");
  EXPECT_EQ(members[1].at("name").as_string(), "B. Nurlanova");
  EXPECT_EQ(p.at("statements").as_array()[0].at("reply").at("text").as_string(), "Thank you.");
}

}  // namespace
}  // namespace petitio::testing
