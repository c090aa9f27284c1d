// Fraud held back, through the real binary: a burst from one address beyond its limit and a
// disposable-address domain are answered like anyone else but not counted, show up in the
// moderators' trending view, and a bulk invalidation lowers the count and leaves a public
// record without personal data.
#include "site_fixture.h"

namespace petitio::testing {
namespace {

class FraudTest : public SiteTest {
 protected:
  std::vector<std::string> ExtraServeArgs() override {
    return {"--rate-limit", "ip=3/1", "--rate-limit", "subnet=0/0", "--rate-limit", "domain=0/0"};
  }
  // Signs and confirms, checking the answers are those any signer gets.
  void SignLikeAnyone(const std::string& base, const std::string& email) {
    const HttpReply s = Post(base + "/signatures", R"({"name":"N","email":")" + email + R"("})");
    ASSERT_EQ(s.status, 202) << s.body;
    EXPECT_EQ(Json(s).at("state").as_string(), "pending");
    const HttpReply c = Post("/api/v1/signatures/confirm",
                             R"({"token":")" + TokenFromMail(email, "/confirm?token=") + R"("})");
    ASSERT_EQ(c.status, 200) << c.body;
    EXPECT_EQ(Json(c).at("state").as_string(), "validated");
  }
  HttpReply AdminGet(const std::string& target) {
    return HttpCall(server_->port(), "GET", target, "",
                    {{"Authorization", "Bearer " + admin_api_token_}});
  }
};

TEST_F(FraudTest, BurstsAndDisposableDomainsAreHeldBackAndBulkInvalidationIsPublic) {
  const int64_t id = CreateOpenPetition("de-bt", 0);
  const std::string base = "/api/v1/petitions/" + std::to_string(id);
  const int64_t start = CountFor(id);

  for (int i = 0; i < 6; ++i) SignLikeAnyone(base, "burst" + std::to_string(i) + "@example.org");
  EXPECT_EQ(CountFor(id), start + 3) << "three within the burst; the rest held back";
  SignLikeAnyone(base, "throwaway@mailinator.com");
  EXPECT_EQ(CountFor(id), start + 3) << "a disposable domain is not counted";

  const HttpReply trending =
      AdminGet("/api/v1/admin/petitions/" + std::to_string(id) + "/trending");
  ASSERT_EQ(trending.status, 200) << trending.body;
  const boost::json::value t = Json(trending);
  ASSERT_FALSE(t.at("ips").as_array().empty());
  EXPECT_EQ(t.at("ips").as_array()[0].at("key").as_string(), "127.0.0.1");
  EXPECT_GE(t.at("ips").as_array()[0].at("signatures").as_int64(), 7);
  EXPECT_EQ(t.at("subnets").as_array()[0].at("key").as_string(), "127.0.0.0/24");
  EXPECT_EQ(t.at("domains").as_array()[0].at("key").as_string(), "example.org");
  EXPECT_EQ(Get("/api/v1/admin/petitions/" + std::to_string(id) + "/trending").status, 401);

  // Bulk invalidation by domain: the counted ones leave the count; the record is public.
  const std::string invalidate = "/api/v1/admin/petitions/" + std::to_string(id) + "/invalidations";
  for (const auto& [body, code] : std::vector<std::pair<std::string, std::string>>{
           {R"({"by":"colour","value":"x","reason":"r"})", "invalid_by"},
           {R"({"by":"domain","reason":"r"})", "missing_value"},
           {R"({"by":"window","from":"2026-01-01T00:00:00Z","reason":"r"})", "invalid_window"},
           {R"({"by":"domain","value":"example.org"})", "missing_reason"},
       }) {
    const HttpReply r = PostAdmin(invalidate, body);
    EXPECT_EQ(r.status, 400) << body << " -> " << r.body;
    EXPECT_NE(r.body.find(code), std::string::npos) << r.body;
  }
  EXPECT_EQ(Post(invalidate, R"({"by":"domain","value":"example.org","reason":"r"})").status, 401);
  HttpReply r =
      PostAdmin(invalidate, R"({"by":"domain","value":"Example.org","reason":"Scripted burst"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(CountFor(id), start);
  const boost::json::value p = Json(Get(base));
  const auto& record = p.at("invalidations").as_array();
  ASSERT_EQ(record.size(), 1u);
  EXPECT_EQ(record[0].at("matched_by").as_string(), "domain");
  EXPECT_EQ(record[0].at("detail").as_string(), "example.org");
  EXPECT_EQ(record[0].at("count").as_int64(), 3) << "the held-back ones never counted";
  EXPECT_EQ(record[0].at("reason").as_string(), "Scripted burst");
  EXPECT_EQ(p.at("timeline").as_array().back().at("kind").as_string(), "invalidated");

  // By address: the record names the kind of criterion only, never the address.
  r = PostAdmin(invalidate, R"({"by":"ip","value":"127.0.0.1","reason":"Same machine"})");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string record_json = boost::json::serialize(Json(Get(base)).at("invalidations"));
  EXPECT_EQ(record_json.find("127.0.0.1"), std::string::npos) << record_json;
  EXPECT_NE(record_json.find(R"("matched_by":"ip","detail":"")"), std::string::npos);
}

}  // namespace
}  // namespace petitio::testing
