// The whole path through the real binary: create -> sponsors -> publish -> sign -> confirm
// -> count, by the JSON API and by the HTML forms a person uses.
#include "site_fixture.h"

namespace petitio::testing {
namespace {

TEST_F(SiteTest, ProfilesAreServed) {
  const HttpReply r = Get("/api/v1/profiles");
  ASSERT_EQ(r.status, 200) << r.body;
  bool kz = false;
  const boost::json::value profiles = Json(r);
  for (const auto& p : profiles.at("profiles").as_array()) {
    if (p.at("id").as_string() != "kz") continue;
    kz = true;
    EXPECT_EQ(p.at("stages").as_array().at(0).as_string(), "moderation");
    EXPECT_EQ(p.at("calendar").as_string(), "kz");
    EXPECT_EQ(p.at("clocks").at("moderation").at("amount").as_int64(), 20);
    EXPECT_EQ(p.at("clocks").at("moderation").at("unit").as_string(), "working_days");
    const auto& central = p.at("addressees").as_array().at(0);
    EXPECT_EQ(central.at("code").as_string(), "central");
    EXPECT_EQ(central.at("thresholds").as_array().at(0).at("count").as_int64(), 50000);
    EXPECT_EQ(central.at("clocks").at("consideration").at("amount").as_int64(), 40);
    EXPECT_FALSE(p.at("regions").as_array().empty());
    EXPECT_FALSE(p.at("grounds").as_array().empty());
  }
  EXPECT_TRUE(kz);
}

TEST_F(SiteTest, JsonWalkFromCreationToCount) {
  const int64_t id = CreateOpenPetition("uk", 5);
  const std::string base = "/api/v1/petitions/" + std::to_string(id);

  HttpReply r = Get(base);
  ASSERT_EQ(r.status, 200) << r.body;
  boost::json::value p = Json(r);
  EXPECT_EQ(p.at("state").as_string(), "open");
  EXPECT_EQ(p.at("signature_count").as_int64(), 6);  // the initiator and five sponsors
  EXPECT_EQ(p.at("thresholds").as_array().size(), 2u);
  bool collection = false;
  for (const auto& d : p.at("deadlines").as_array()) {
    for (const char* key : {"stage", "starts_at", "amount", "unit", "due", "basis", "overdue"}) {
      EXPECT_TRUE(d.as_object().contains(key)) << key;
    }
    if (d.at("stage").as_string() != "collection") continue;
    collection = true;
    EXPECT_EQ(d.at("amount").as_int64(), 6);
    EXPECT_EQ(d.at("unit").as_string(), "months");
    EXPECT_EQ(d.at("due").as_string().size(), 10u) << "a date, YYYY-MM-DD";
    EXPECT_FALSE(d.at("overdue").as_bool());
  }
  EXPECT_TRUE(collection);
  EXPECT_GE(p.at("timeline").as_array().size(), 4u);

  const HttpReply signed_up =
      Post(base + "/signatures", R"({"name":"Sam Signer","email":"Sam@Example.org"})");
  ASSERT_EQ(signed_up.status, 202) << signed_up.body;
  EXPECT_EQ(Json(signed_up).at("state").as_string(), "pending");
  EXPECT_EQ(CountFor(id), 6) << "a pending signature does not count";

  const std::string token = TokenFromMail("Sam@Example.org", "/confirm?token=");
  for (int i = 0; i < 3; ++i) {
    const HttpReply c = Post("/api/v1/signatures/confirm", R"({"token":")" + token + R"("})");
    ASSERT_EQ(c.status, 200) << c.body;
    EXPECT_EQ(Json(c).at("state").as_string(), "validated");
  }
  EXPECT_EQ(CountFor(id), 7) << "confirmed three times, counted once";

  // The same mailbox signs once.
  ASSERT_EQ(Post(base + "/signatures", R"({"name":"Sam","email":"sam@example.org"})").status, 202);
  EXPECT_EQ(CountFor(id), 7);

  // Counts by region, as e-petitions gives them.
  SignAndConfirm(id, "isla@example.org", R"("region":"scotland",)");
  p = Json(Get(base));
  const auto& regions = p.at("signatures_by_region").as_array();
  ASSERT_EQ(regions.size(), 1u) << p;
  EXPECT_EQ(regions[0].at("code").as_string(), "scotland");
  EXPECT_EQ(regions[0].at("name").as_string(), "Scotland");
  EXPECT_EQ(regions[0].at("signature_count").as_int64(), 1);
  EXPECT_EQ(p.at("signatures_without_region").as_int64(), 7);

  r = Get("/api/v1/petitions?state=open");
  ASSERT_EQ(r.status, 200);
  const boost::json::value listed = Json(r);
  const auto& list = listed.at("petitions").as_array();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list.at(0).at("signature_count").as_int64(), 8);
}

TEST_F(SiteTest, NotPublicBeforePublication) {
  const HttpReply created = Post(
      "/api/v1/petitions",
      R"({"profile":"uk","title":"T","text":"X","addressee":"A","initiator":{"name":"N","email":"n@example.org"}})");
  ASSERT_EQ(created.status, 201);
  const std::string id = std::to_string(Json(created).at("id").as_int64());
  EXPECT_EQ(Get("/api/v1/petitions/" + id).status, 404);
  EXPECT_EQ(Get("/api/v1/petitions/" + id + "/count").status, 404);
  EXPECT_EQ(
      Post("/api/v1/petitions/" + id + "/signatures", R"({"name":"S","email":"s@example.org"})")
          .status,
      404);
  const std::string sponsor_token = TokenFromMail("n@example.org", "/sponsor?token=");
  EXPECT_EQ(Get("/api/v1/petitions/" + id + "?token=" + sponsor_token).status, 200);
  EXPECT_EQ(Get("/petitions/" + id + "/sponsor?token=" + sponsor_token).status, 200);
}

TEST_F(SiteTest, HtmlConfirmationGetShowsAButtonAndOnlyPostConfirms) {
  const int64_t id = CreateOpenPetition("de-bt", 0);
  const std::string page = "/petitions/" + std::to_string(id);
  HttpReply r = Get(page);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.headers["content-type"].find("text/html"), std::string::npos);
  EXPECT_NE(r.body.find("<form method=\"post\" action=\"" + page + "/sign\""), std::string::npos);
  EXPECT_NE(r.body.find("<progress"), std::string::npos);
  EXPECT_NE(r.body.find("<time datetime=\"20"), std::string::npos) << "machine-readable times";

  r = Post(page + "/sign", "name=Lena+Weber&email=lena%40example.org",
           {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("check your e-mail"), std::string::npos);
  const std::string token = TokenFromMail("lena@example.org", "/confirm?token=");

  const int64_t before = CountFor(id);
  for (int i = 0; i < 3; ++i) {  // a mail scanner following the link
    r = Get("/confirm?token=" + token);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("<form method=\"post\" action=\"/confirm\">"), std::string::npos);
  }
  EXPECT_EQ(CountFor(id), before);

  r = Post("/confirm", "token=" + token, {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(CountFor(id), before + 1);
  EXPECT_NE(Get("/").body.find(page), std::string::npos) << "listed on the home page";
}

TEST_F(SiteTest, TheWithdrawLinkShowsAButtonAndOnlyPostWithdraws) {
  const int64_t id = CreateOpenPetition("de-bt", 0);
  const std::string base = "/api/v1/petitions/" + std::to_string(id);
  ASSERT_EQ(Post(base + "/signatures", R"({"name":"Lena","email":"lena@example.org"})").status,
            202);
  const std::string token = TokenFromMail("lena@example.org", "/withdraw?token=");
  ASSERT_EQ(token, TokenFromMail("lena@example.org", "/confirm?token="));
  ASSERT_EQ(Post("/api/v1/signatures/confirm", R"({"token":")" + token + R"("})").status, 200);
  const int64_t counted = CountFor(id);

  for (int i = 0; i < 2; ++i) {  // a mail scanner following the link
    const HttpReply r = Get("/withdraw?token=" + token);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("<form method=\"post\" action=\"/withdraw\">"), std::string::npos);
  }
  EXPECT_EQ(CountFor(id), counted);
  HttpReply r =
      Post("/withdraw", "token=" + token, {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("withdrawn and no longer counts"), std::string::npos);
  EXPECT_EQ(CountFor(id), counted - 1);
  r = Post("/api/v1/signatures/withdraw", R"({"token":")" + token + R"("})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(Json(r).at("newly_withdrawn").as_bool());
  EXPECT_EQ(Json(r).at("signature_count").as_int64(), counted - 1);
  EXPECT_EQ(Post("/api/v1/signatures/withdraw", R"({"token":"nope"})").status, 400);
  EXPECT_EQ(Get("/withdraw?token=" + std::string(43, 'A')).status, 404);
}

TEST_F(SiteTest, SignFormErrorsAreShownOnThePage) {
  const int64_t id = CreateOpenPetition("de-bt", 0);
  const HttpReply r = Post("/petitions/" + std::to_string(id) + "/sign", "name=&email=nope",
                           {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("There is a problem"), std::string::npos);
  // The summary says what to do in words and links to the field to mend; the form keeps input.
  EXPECT_NE(r.body.find("<a href=\"#name\">Enter your name.</a>"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("value=\"nope\""), std::string::npos);
  const HttpReply email = Post("/petitions/" + std::to_string(id) + "/sign", "name=Ann&email=nope",
                               {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_NE(email.body.find("<a href=\"#email\">Enter an e-mail address like"), std::string::npos);
}

TEST_F(SiteTest, RejectionIsPublicWithGroundAndReason) {
  const HttpReply created = Post(
      "/api/v1/petitions",
      R"({"profile":"de-bt","title":"Dup","text":"X","addressee":"Bundestag","initiator":{"name":"N","email":"n@example.org"}})");
  const std::string id = std::to_string(Json(created).at("id").as_int64());
  ASSERT_EQ(Post("/api/v1/signatures/confirm",
                 R"({"token":")" + TokenFromMail("n@example.org", "/confirm?token=") + R"("})")
                .status,
            200);
  const boost::json::value profiles = Json(Get("/api/v1/profiles"));
  std::string ground;
  for (const auto& p : profiles.at("profiles").as_array()) {
    const auto& grounds = p.at("grounds").as_array();
    if (p.at("id").as_string() != "de-bt") continue;
    for (const auto& g : grounds) {
      if (!g.at("hides").as_bool()) {
        ground = std::string(g.at("code").as_string());
        break;
      }
    }
  }
  ASSERT_FALSE(ground.empty());
  const HttpReply m = PostAdmin("/api/v1/admin/petitions/" + id + "/moderation",
                                R"({"decision":"reject","ground":")" + ground +
                                    R"(","reason":"Already covered by petition 1."})");
  ASSERT_EQ(m.status, 200) << m.body;
  const HttpReply r = Get("/api/v1/petitions/" + id);
  ASSERT_EQ(r.status, 200);
  const boost::json::value p = Json(r);
  EXPECT_EQ(p.at("state").as_string(), "rejected");
  EXPECT_EQ(p.at("moderation").at("ground").at("code").as_string(), ground);
  EXPECT_FALSE(p.at("moderation").at("ground").at("citation").as_string().empty());
  EXPECT_EQ(p.at("moderation").at("reason").as_string(), "Already covered by petition 1.");
  const std::string page = Get("/petitions/" + id).body;
  EXPECT_NE(page.find("Already covered by petition 1."), std::string::npos);
  EXPECT_EQ(page.find("<progress"), std::string::npos) << "no progress towards a rejected end";
}

TEST_F(SiteTest, DataSurvivesARestart) {
  const int64_t id = CreateOpenPetition("de-bt", 0);
  ASSERT_EQ(server_->Stop(), 0);
  server_ = std::make_unique<ServerProcess>(
      PetitioBinary(), std::vector<std::string>{"serve", "--listen", "127.0.0.1:0", "--data",
                                                data_dir_, "--admin-token", kAdminToken});
  ASSERT_NE(server_->port(), 0) << server_->output();
  EXPECT_EQ(CountFor(id), 1);
}

}  // namespace
}  // namespace petitio::testing
