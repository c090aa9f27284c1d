// Searching petitions through the API and the page: words in any case of Russian, Kazakh or
// English, filters and orders, and bad parameters refused with a clear error.
#include "site_fixture.h"

namespace petitio::testing {
namespace {

class SearchTest : public SiteTest {
 protected:
  int64_t OpenWithTitle(const std::string& title) {
    const std::string email = "i" + std::to_string(++made_) + "@example.org";
    const HttpReply created =
        Post("/api/v1/petitions", R"({"profile":"de-bt","title":")" + title +
                                      R"(","text":"Text.","addressee":"Bundestag",)"
                                      R"("initiator":{"name":"N","email":")" +
                                      email + R"("}})");
    EXPECT_EQ(created.status, 201) << created.body;
    const int64_t id = Json(created).at("id").as_int64();
    EXPECT_EQ(Post("/api/v1/signatures/confirm",
                   R"({"token":")" + TokenFromMail(email, "/confirm?token=") + R"("})")
                  .status,
              200);
    EXPECT_EQ(PostAdmin("/api/v1/admin/petitions/" + std::to_string(id) + "/moderation",
                        R"({"decision":"publish"})")
                  .status,
              200);
    return id;
  }
  std::vector<int64_t> Found(const std::string& query) {
    const HttpReply r = Get("/api/v1/petitions?" + query);
    EXPECT_EQ(r.status, 200) << query << " " << r.body;
    std::vector<int64_t> ids;
    const boost::json::value answer = Json(r);
    for (const auto& p : answer.at("petitions").as_array()) ids.push_back(p.at("id").as_int64());
    return ids;
  }
  int made_ = 0;
};

TEST_F(SearchTest, WordsInAnyCaseFiltersAndOrders) {
  const int64_t ru = OpenWithTitle("Осветить пешеходные ПЕРЕХОДЫ у школ");
  const int64_t kk = OpenWithTitle("Әлеуметтік ҚОЛДАУ көрсету");
  const int64_t en = OpenWithTitle("Plant more trees: 50% shade");
  // Percent-encoded UTF-8, as a browser sends it.
  EXPECT_EQ(Found("q=%D0%BF%D0%B5%D1%80%D0%B5%D1%85%D0%BE%D0%B4%D1%8B"),  // переходы
            std::vector<int64_t>{ru});
  EXPECT_EQ(Found("q=%D0%9F%D0%95%D0%A0%D0%95%D0%A5%D0%9E%D0%94"), std::vector<int64_t>{ru})
      << "ПЕРЕХОД";
  EXPECT_EQ(Found("q=%D2%9B%D0%BE%D0%BB%D0%B4%D0%B0%D1%83"), std::vector<int64_t>{kk})  // қолдау
      << "Kazakh letters fold too";
  EXPECT_EQ(Found("q=%D3%98%D0%9B%D0%95%D0%A3%D0%9C%D0%95%D0%A2"), std::vector<int64_t>{kk})
      << "ӘЛЕУМЕТ";
  EXPECT_EQ(Found("q=TREES"), std::vector<int64_t>{en});
  EXPECT_EQ(Found("q=50%25"), std::vector<int64_t>{en}) << "a literal percent sign";
  EXPECT_TRUE(Found("q=%25%25%25").empty()) << "wildcards are escaped";
  EXPECT_EQ(Found("q=bundestag&profile=de-bt").size(), 3u) << "the addressee is searched";
  EXPECT_TRUE(Found("q=trees&state=closed").empty());
  EXPECT_EQ(Found("order=closing_soon").size(), 3u);
  EXPECT_TRUE(Found("overdue=true").empty()) << "collection runs for months yet";

  for (const auto& [query, code] : std::vector<std::pair<std::string, std::string>>{
           {"order=loudest", "invalid_order"},
           {"profile=atlantis", "unknown_profile"},
           {"overdue=maybe", "invalid_overdue"},
           {"q=" + std::string(201, 'a'), "invalid_text"}}) {
    const HttpReply r = Get("/api/v1/petitions?" + query);
    EXPECT_EQ(r.status, 400) << query;
    EXPECT_NE(r.body.find(code), std::string::npos) << r.body;
  }

  const HttpReply page = Get("/petitions?q=%D2%9B%D0%BE%D0%BB%D0%B4%D0%B0%D1%83&order=newest");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("1 petition found"), std::string::npos);
  EXPECT_NE(page.body.find("/petitions/" + std::to_string(kk) + "\""), std::string::npos);
  EXPECT_EQ(page.body.find("/petitions/" + std::to_string(ru) + "\""), std::string::npos);
  EXPECT_EQ(Get("/petitions?order=loudest").status, 400);
}

}  // namespace
}  // namespace petitio::testing
