// The moderation pages as a moderator uses them: sign in with the admin token, see the
// queue, decide with the form. Without the session or the CSRF field nothing changes.
#include "site_fixture.h"

namespace petitio::testing {
namespace {

const std::map<std::string, std::string> kForm = {
    {"Content-Type", "application/x-www-form-urlencoded"}};

std::string Between(const std::string& s, const std::string& before, const std::string& after) {
  const size_t a = s.find(before);
  if (a == std::string::npos) return "";
  const size_t b = s.find(after, a + before.size());
  return s.substr(a + before.size(), b - a - before.size());
}

TEST_F(SiteTest, ModeratorPublishesThroughThePages) {
  // A petition awaiting moderation: de-bt needs no sponsors, so confirming suffices.
  const HttpReply created = Post(
      "/api/v1/petitions",
      R"({"profile":"de-bt","title":"Mehr Bänke","text":"Bitte.","addressee":"Bundestag","initiator":{"name":"N","email":"n@example.org"}})");
  ASSERT_EQ(created.status, 201);
  const std::string id = std::to_string(Json(created).at("id").as_int64());
  ASSERT_EQ(Post("/api/v1/signatures/confirm",
                 R"({"token":")" + TokenFromMail("n@example.org", "/confirm?token=") + R"("})")
                .status,
            200);

  EXPECT_NE(Get("/admin/moderation").body.find("Admin token"), std::string::npos);
  EXPECT_EQ(Post("/admin/login", "token=wrong", kForm).status, 401);
  const HttpReply login = Post("/admin/login", std::string("token=") + kAdminToken, kForm);
  ASSERT_EQ(login.status, 303);
  const std::string set_cookie = login.headers.at("set-cookie");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(set_cookie.find(kAdminToken), std::string::npos) << "the token itself is not stored";
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));

  const HttpReply queue = Get("/admin/moderation", {{"Cookie", cookie}});
  ASSERT_EQ(queue.status, 200);
  EXPECT_NE(queue.body.find("Mehr Bänke"), std::string::npos);
  const std::string csrf = Between(queue.body, "name=\"csrf\" value=\"", "\"");
  ASSERT_FALSE(csrf.empty());

  const std::string target = "/admin/petitions/" + id + "/moderation";
  std::map<std::string, std::string> with_cookie = kForm;
  with_cookie["Cookie"] = cookie;
  EXPECT_EQ(Post(target, "decision=publish", kForm).status, 401) << "no session";
  EXPECT_EQ(Post(target, "decision=publish&csrf=forged", with_cookie).status, 403);
  EXPECT_EQ(Get("/api/v1/petitions/" + id).status, 404) << "still not public";

  const HttpReply decided = Post(target, "decision=publish&csrf=" + csrf, with_cookie);
  EXPECT_EQ(decided.status, 303);
  const HttpReply p = Get("/api/v1/petitions/" + id);
  ASSERT_EQ(p.status, 200);
  EXPECT_EQ(Json(p).at("state").as_string(), "open");
  EXPECT_NE(Get("/admin/moderation", {{"Cookie", cookie}}).body.find("No petition awaits"),
            std::string::npos);
}

}  // namespace
}  // namespace petitio::testing
