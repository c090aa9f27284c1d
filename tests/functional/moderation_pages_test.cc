// The moderation pages as a moderator uses them: log in with e-mail and password, see the
// queue, lock a petition, decide with the form. Without the session or the CSRF field nothing
// changes; a second moderator cannot decide a petition the first has locked.
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

  const std::string other_moderator = AddStaff("moderator", "mo@example.org");
  const HttpReply gate = Get("/admin/moderation");
  EXPECT_EQ(gate.status, 401);
  EXPECT_NE(gate.body.find("<label for=\"password\">"), std::string::npos) << "the login form";
  EXPECT_EQ(Post("/login", "email=admin%40example.org&password=wrong-password!", kForm).status,
            401);
  EXPECT_EQ(Post("/login", "email=nobody%40example.org&password=wrong-password!", kForm).status,
            401);
  const HttpReply login =
      Post("/login", "email=admin%40example.org&password=correct+horse+battery+staple", kForm);
  ASSERT_EQ(login.status, 303);
  EXPECT_EQ(login.headers.at("location"), "/admin/moderation");
  const std::string set_cookie = login.headers.at("set-cookie");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(set_cookie.find("Secure"), std::string::npos) << "plain http on loopback";
  const std::string cookie = SessionCookieOf(login);

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

  // Locked by the other moderator: this one cannot decide it until the lock is released.
  ASSERT_EQ(PostAs(other_moderator, "/api/v1/admin/petitions/" + id + "/lock", "").status, 200);
  const HttpReply locked = Get("/admin/moderation", {{"Cookie", cookie}});
  EXPECT_NE(locked.body.find("is working on this petition"), std::string::npos);
  EXPECT_EQ(Post(target, "decision=publish&csrf=" + csrf, with_cookie).status, 409);
  EXPECT_EQ(Post("/admin/petitions/" + id + "/lock", "csrf=" + csrf, with_cookie).status, 409);
  ASSERT_EQ(PostAs(other_moderator, "/api/v1/admin/petitions/" + id + "/lock", "", "DELETE").status,
            204);
  EXPECT_EQ(Post("/admin/petitions/" + id + "/lock", "csrf=" + csrf, with_cookie).status, 303);
  EXPECT_NE(Get("/admin/moderation", {{"Cookie", cookie}}).body.find("You are working on"),
            std::string::npos);

  const HttpReply decided = Post(target, "decision=publish&csrf=" + csrf, with_cookie);
  EXPECT_EQ(decided.status, 303);
  const HttpReply p = Get("/api/v1/petitions/" + id);
  ASSERT_EQ(p.status, 200);
  EXPECT_EQ(Json(p).at("state").as_string(), "open");
  EXPECT_NE(Get("/admin/moderation", {{"Cookie", cookie}}).body.find("No petition awaits"),
            std::string::npos);

  // Logging out ends the session on the server, not only in the browser.
  EXPECT_EQ(Post("/logout", "csrf=" + csrf, with_cookie).status, 303);
  EXPECT_EQ(Get("/admin/moderation", {{"Cookie", cookie}}).status, 401);
}

}  // namespace
}  // namespace petitio::testing
