#include "site_fixture.h"

#include <algorithm>

#include "test_store.h"

namespace petitio::testing {

void SiteTest::SetUp() {
  data_dir_ = MakeTempDir("petitio-functional");
  std::vector<std::string> args{"serve",   "--listen",      "127.0.0.1:0", "--data",
                                data_dir_, "--admin-token", kAdminToken};
  for (std::string& a : ExtraServeArgs()) args.push_back(std::move(a));
  server_ = std::make_unique<ServerProcess>(PetitioBinary(), args);
  ASSERT_TRUE(server_->running()) << server_->output();
  ASSERT_NE(server_->port(), 0) << server_->output();
  // The foundation's admin token makes the first admin, whose API token the tests use.
  const HttpReply boot =
      HttpCall(server_->port(), "POST", "/api/v1/bootstrap",
               R"({"email":"admin@example.org","name":"Ada Admin","password":")" +
                   std::string(kStaffPassword) + R"("})",
               {{"Content-Type", "application/json"},
                {"Authorization", std::string("Bearer ") + kAdminToken}});
  ASSERT_EQ(boot.status, 201) << boot.body;
  admin_api_token_ = std::string(Json(boot).at("api_token").as_string());
}

std::string SiteTest::AddStaff(const std::string& role, const std::string& email,
                               const std::string& extra_fields) {
  const HttpReply made =
      PostAdmin("/api/v1/admin/accounts",
                R"({"role":")" + role + R"(","email":")" + email + R"(","name":"Staff )" + role +
                    R"(",)" + extra_fields + R"("password":")" + kStaffPassword + R"("})");
  EXPECT_EQ(made.status, 201) << made.body;
  const HttpReply login = Post(
      "/api/v1/session", R"({"email":")" + email + R"(","password":")" + kStaffPassword + R"("})");
  EXPECT_EQ(login.status, 200) << login.body;
  const HttpReply token =
      HttpCall(server_->port(), "POST", "/api/v1/tokens", R"({"label":"t"})",
               {{"Content-Type", "application/json"},
                {"Cookie", SessionCookieOf(login)},
                {"X-CSRF-Token", std::string(Json(login).at("csrf").as_string())}});
  EXPECT_EQ(token.status, 201) << token.body;
  return std::string(Json(token).at("token").as_string());
}

std::string SiteTest::SessionCookieOf(const HttpReply& login) {
  auto it = login.headers.find("set-cookie");
  if (it == login.headers.end()) return "";
  return it->second.substr(0, it->second.find(';'));
}

HttpReply SiteTest::PostAs(const std::string& token, const std::string& target,
                           const std::string& body, const std::string& method) {
  return HttpCall(server_->port(), method, target, body,
                  {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token}});
}

void SiteTest::TearDown() {
  if (server_) {
    const int status = server_->Stop();
    EXPECT_EQ(status, 0) << "the server exits cleanly on SIGTERM\n" << server_->output();
    // Sanitizer reports go to stderr; a clean run prints none.
    EXPECT_EQ(server_->output().find("Sanitizer"), std::string::npos) << server_->output();
  }
  RemoveTree(data_dir_);
}

HttpReply SiteTest::Get(const std::string& target, const std::map<std::string, std::string>& h) {
  return HttpCall(server_->port(), "GET", target, "", h);
}

HttpReply SiteTest::Post(const std::string& target, const std::string& body,
                         const std::map<std::string, std::string>& h) {
  return HttpCall(server_->port(), "POST", target, body, h);
}

HttpReply SiteTest::PostAdmin(const std::string& target, const std::string& body) {
  return PostAs(admin_api_token_, target, body);
}

boost::json::value SiteTest::Json(const HttpReply& r) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(r.body, ec);
  EXPECT_FALSE(ec) << "not JSON: " << r.body;
  return v;
}

std::string SiteTest::TokenFromMail(const std::string& address, const std::string& marker) {
  std::vector<std::string> mails = SentMail(data_dir_);
  std::reverse(mails.begin(), mails.end());
  for (const std::string& eml : mails) {
    if (eml.find(address) == std::string::npos) continue;
    std::string token = ExtractToken(eml, marker);
    if (!token.empty()) return token;
  }
  ADD_FAILURE() << "no mail to " << address << " with " << marker;
  return "";
}

int64_t SiteTest::CountFor(int64_t id) {
  const HttpReply r = Get("/api/v1/petitions/" + std::to_string(id) + "/count");
  EXPECT_EQ(r.status, 200) << r.body;
  return Json(r).at("signature_count").as_int64();
}

int64_t SiteTest::CreateConfirmed(const std::string& profile, const std::string& initiator,
                                  const std::string& extra_fields, const std::string& national_id) {
  const HttpReply created =
      Post("/api/v1/petitions",
           R"({"profile":")" + profile +
               R"(","title":"Plant a tree for every child","text":"Trees for all.\n\nNow.",)"
               R"("addressee":"The council",)" +
               extra_fields + R"("initiator":{"name":"Ann","national_id":")" + national_id +
               R"(","email":")" + initiator + R"("}})");
  EXPECT_EQ(created.status, 201) << created.body;
  const int64_t id = Json(created).at("id").as_int64();
  EXPECT_EQ(Post("/api/v1/signatures/confirm",
                 R"({"token":")" + TokenFromMail(initiator, "/confirm?token=") + R"("})")
                .status,
            200);
  return id;
}

void SiteTest::SignAndConfirm(int64_t id, const std::string& email, const std::string& extra_fields,
                              const std::string& path) {
  const HttpReply s = Post("/api/v1/petitions/" + std::to_string(id) + path,
                           R"({"name":"Isla",)" + extra_fields + R"("email":")" + email + R"("})");
  ASSERT_EQ(s.status, 202) << s.body;
  const HttpReply c = Post("/api/v1/signatures/confirm",
                           R"({"token":")" + TokenFromMail(email, "/confirm?token=") + R"("})");
  ASSERT_EQ(c.status, 200) << c.body;
}

int64_t SiteTest::CreateOpenPetition(const std::string& profile, int sponsors) {
  const std::string initiator = "initiator-" + profile + "@example.org";
  const int64_t id = CreateConfirmed(profile, initiator);
  const std::string sponsor_token = TokenFromMail(initiator, "/sponsor?token=");
  for (int i = 0; i < sponsors; ++i) {
    const std::string email = "sponsor" + std::to_string(i) + "-" + profile + "@example.org";
    const HttpReply s = Post("/api/v1/petitions/" + std::to_string(id) + "/sponsors",
                             R"({"name":"Sponsor","email":")" + email + R"(","sponsor_token":")" +
                                 sponsor_token + R"("})");
    EXPECT_EQ(s.status, 202) << s.body;
    EXPECT_EQ(Post("/api/v1/signatures/confirm",
                   R"({"token":")" + TokenFromMail(email, "/confirm?token=") + R"("})")
                  .status,
              200);
  }
  const HttpReply m = PostAdmin("/api/v1/admin/petitions/" + std::to_string(id) + "/moderation",
                                R"({"decision":"publish"})");
  EXPECT_EQ(m.status, 200) << m.body;
  return id;
}

}  // namespace petitio::testing
