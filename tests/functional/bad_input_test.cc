// Bad input gets a clear 4xx JSON error and changes nothing: the database is compared row by
// row before and after, and no mail is sent.
#include <chrono>
#include <cstdlib>
#include <thread>

#include "site_fixture.h"
#include "test_store.h"

namespace petitio::testing {
namespace {

class BadInputTest : public SiteTest {
 protected:
  void SetUp() override {
    SiteTest::SetUp();
    open_id_ = std::to_string(CreateOpenPetition("de-bt", 0));
    // The publication's notice goes out in the background; let it finish before the snapshot.
    for (int waited = 0; waited < 5000 && PendingNotifications() > 0; waited += 20) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    before_ = StoreSnapshot(data_dir_);
    mails_before_ = SentMail(data_dir_).size();
  }
  int PendingNotifications() {
    const auto rows = QueryStore(data_dir_, "SELECT COUNT(*) FROM notifications WHERE done = 0");
    return rows.size() == 1 ? std::atoi(rows[0][0].c_str()) : -1;
  }
  void ExpectError(const HttpReply& r, int status, const std::string& code) {
    EXPECT_EQ(r.status, status) << r.body;
    boost::json::value v = Json(r);
    ASSERT_TRUE(v.is_object()) << r.body;
    EXPECT_EQ(v.at("error").at("code").as_string(), code) << r.body;
    EXPECT_FALSE(v.at("error").at("message").as_string().empty());
    ASSERT_TRUE(r.headers.count("content-type"));
    EXPECT_NE(r.headers.at("content-type").find("application/json"), std::string::npos);
  }
  void ExpectNothingChanged() {
    EXPECT_EQ(StoreSnapshot(data_dir_), before_);
    EXPECT_EQ(SentMail(data_dir_).size(), mails_before_);
  }
  std::string open_id_;
  std::string before_;
  size_t mails_before_ = 0;
};

TEST_F(BadInputTest, MalformedJson) {
  for (const char* body : {"{", "not json", "[1,2]", "\"a string\"", "{\"name\":}", ""}) {
    ExpectError(Post("/api/v1/petitions/" + open_id_ + "/signatures", body), 400, "invalid_json");
    ExpectError(Post("/api/v1/petitions", body), 400, "invalid_json");
  }
  ExpectNothingChanged();
}

TEST_F(BadInputTest, MissingAndInvalidFields) {
  const std::string sign = "/api/v1/petitions/" + open_id_ + "/signatures";
  ExpectError(Post(sign, R"({"email":"a@example.org"})"), 400, "missing_name");
  ExpectError(Post(sign, R"({"name":"A"})"), 400, "missing_email");
  ExpectError(Post(sign, R"({"name":"A","email":"not-mail"})"), 400, "invalid_email");
  ExpectError(Post(sign, R"({"name":42,"email":"a@example.org"})"), 400, "invalid_name");
  ExpectError(Post(sign, R"({"name":"A","email":"a@example.org","region":"mars"})"), 400,
              "invalid_region");
  ExpectError(Post("/api/v1/petitions", R"({"profile":"uk","title":"T"})"), 400, "missing_text");
  ExpectError(Post("/api/v1/petitions", R"({"profile":"zz","title":"T","text":"X","addressee":"A",)"
                                        R"("initiator":{"name":"N","email":"n@example.org"}})"),
              400, "unknown_profile");
  ExpectError(Post("/api/v1/signatures/confirm", R"({})"), 400, "missing_token");
  ExpectError(Post("/api/v1/signatures/confirm", R"({"token":"x"})"), 400, "invalid_token");
  ExpectError(Post("/api/v1/signatures/confirm", R"({"token":")" + std::string(43, 'A') + R"("})"),
              404, "unknown_token");
  ExpectError(
      Post("/api/v1/signatures/confirm", R"({"token":"1-)" + std::string(43, 'A') + R"("})"), 404,
      "unknown_token");
  ExpectError(
      Post("/api/v1/signatures/confirm", R"({"token":"01-)" + std::string(43, 'A') + R"("})"), 400,
      "invalid_token");
  ExpectError(Get("/api/v1/petitions?state=pending"), 400, "invalid_state");
  ExpectError(Get("/api/v1/petitions?limit=-1"), 400, "invalid_argument");
  ExpectNothingChanged();
}

TEST_F(BadInputTest, OversizedBody) {
  const std::string huge = R"({"name":")" + std::string(200 * 1024, 'a') + R"(","email":"a@b.cd"})";
  ExpectError(Post("/api/v1/petitions/" + open_id_ + "/signatures", huge), 413,
              "payload_too_large");
  ExpectNothingChanged();
  EXPECT_EQ(Get("/api/v1/petitions/" + open_id_).status, 200) << "the server is still up";
}

TEST_F(BadInputTest, UnknownPetition) {
  for (const char* id : {"999999", "0", "abc", "12x", "-1", "99999999999999999999999"}) {
    const std::string base = std::string("/api/v1/petitions/") + id;
    ExpectError(Get(base), 404, "petition_not_found");
    ExpectError(Get(base + "/count"), 404, "petition_not_found");
    ExpectError(Post(base + "/signatures", R"({"name":"A","email":"a@example.org"})"), 404,
                "petition_not_found");
  }
  ExpectError(Get("/api/v1/nothing-here"), 404, "no_route");
  ExpectError(HttpCall(server_->port(), "DELETE", "/api/v1/petitions/" + open_id_), 405,
              "method_not_allowed");
  ExpectNothingChanged();
}

TEST_F(BadInputTest, WrongOrMissingAdminToken) {
  const std::string target = "/api/v1/admin/petitions/" + open_id_ + "/moderation";
  ExpectError(Post(target, R"({"decision":"reject","ground":"x","reason":"y"})"), 401,
              "not_logged_in");
  ExpectError(Post(target, R"({"decision":"reject"})",
                   {{"Content-Type", "application/json"}, {"Authorization", "Bearer wrong"}}),
              401, "invalid_token");
  ExpectError(Post(target, R"({"decision":"reject"})",
                   {{"Content-Type", "application/json"},
                    {"Authorization", std::string("Basic ") + kAdminToken}}),
              401, "not_logged_in");
  // The foundation's admin token only bootstraps the first admin.
  ExpectError(Post(target, R"({"decision":"reject"})",
                   {{"Content-Type", "application/json"},
                    {"Authorization", std::string("Bearer ") + kAdminToken}}),
              401, "invalid_token");
  ExpectError(Get("/api/v1/admin/moderation"), 401, "not_logged_in");
  // Authorised but invalid: moderating an open petition again is a conflict.
  ExpectError(PostAdmin(target, R"({"decision":"publish"})"), 409, "not_moderatable");
  ExpectNothingChanged();
}

TEST_F(BadInputTest, GarbageOnTheWireDoesNotCrashTheServer) {
  EXPECT_EQ(HttpCall(server_->port(), "GET", "/api/v1/petitions/%zz").status, 400);
  EXPECT_EQ(HttpCall(server_->port(), "BREW", "/").status / 100, 4);
  EXPECT_EQ(Get("/api/v1/petitions/" + open_id_).status, 200);
  ExpectNothingChanged();
}

}  // namespace
}  // namespace petitio::testing
