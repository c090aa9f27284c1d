// Open data: the CSV of every public petition, and the JSON in the UK e-petitions site's shapes
// (read as a tool written for that site reads it: data.attributes.signature_count, …).
#include "site_fixture.h"

namespace petitio::testing {
namespace {

std::vector<std::string> CsvLines(const std::string& body) {
  std::vector<std::string> lines;
  size_t at = 0;
  while (at < body.size()) {
    const size_t end = body.find("\r\n", at);
    lines.push_back(body.substr(at, end - at));
    at = end == std::string::npos ? body.size() : end + 2;
  }
  return lines;
}

TEST_F(SiteTest, OpenDataInCsvAndInTheUkSitesJson) {
  const int64_t id = CreateOpenPetition("uk", 5);
  const std::string pid = std::to_string(id);
  SignAndConfirm(id, "ne@example.org", R"("region":"north_east",)");
  SignAndConfirm(id, "ne2@example.org", R"("region":"north_east",)");
  SignAndConfirm(id, "nowhere@example.org");
  const int64_t count = CountFor(id);
  // One that is not public yet must not appear.
  const int64_t draft = CreateConfirmed("uk", "draft@example.org");

  const HttpReply csv = Get("/petitions.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.headers.at("content-type"), "text/csv; charset=utf-8; header=present");
  const std::vector<std::string> lines = CsvLines(csv.body);
  ASSERT_EQ(lines.size(), 2u) << csv.body;
  EXPECT_EQ(lines[0],
            "id,profile,title,addressee,state,signature_count,created_at,opened_at,closes_at,"
            "closed_at,url");
  EXPECT_EQ(lines[1].rfind(pid + ",uk,Plant a tree for every child,The council,open," +
                               std::to_string(count) + ",",
                           0),
            0u)
      << lines[1];
  EXPECT_EQ(csv.body.find("/petitions/" + std::to_string(draft)), std::string::npos);

  const HttpReply one = Get("/petitions/" + pid + ".json");
  ASSERT_EQ(one.status, 200) << one.body;
  const boost::json::value uk = Json(one);
  const boost::json::value& a = uk.at("data").at("attributes");
  EXPECT_EQ(uk.at("data").at("id").as_int64(), id);
  EXPECT_EQ(uk.at("data").at("type").as_string(), "petition");
  EXPECT_EQ(a.at("signature_count").as_int64(), count);
  EXPECT_EQ(a.at("action").as_string(), "Plant a tree for every child");
  EXPECT_EQ(a.at("state").as_string(), "open");
  EXPECT_TRUE(a.at("signatures_by_country").as_array().empty());
  const boost::json::array& regions = a.at("signatures_by_region").as_array();
  ASSERT_EQ(regions.size(), 1u);
  EXPECT_EQ(regions[0].at("name").as_string(), "North East");
  EXPECT_EQ(regions[0].at("signature_count").as_int64(), 2);
  EXPECT_EQ(Get("/petitions/" + std::to_string(draft) + ".json").status, 404);
  EXPECT_EQ(Get("/petitions/99999.json").status, 404);

  const boost::json::value list = Json(Get("/petitions.json?state=open"));
  ASSERT_EQ(list.at("data").as_array().size(), 1u);
  EXPECT_EQ(list.at("data").as_array()[0].at("attributes").at("signature_count").as_int64(), count);
  EXPECT_TRUE(list.at("links").at("next").is_null());
  EXPECT_EQ(Get("/petitions.json?page=0").status, 400);
  EXPECT_EQ(Get("/petitions.json?state=pending").status, 400);
  EXPECT_TRUE(Json(Get("/petitions.json?page=2")).at("data").as_array().empty());

  // Signatures over time: the running total ends at the count; the page draws it.
  for (const char* interval : {"day", "hour"}) {
    const boost::json::value series =
        Json(Get("/api/v1/petitions/" + pid + "/series?interval=" + interval));
    EXPECT_EQ(series.at("interval").as_string(), interval);
    const boost::json::array& points = series.at("points").as_array();
    ASSERT_FALSE(points.empty());
    EXPECT_EQ(points.back().at("total").as_int64(), count) << interval;
  }
  EXPECT_EQ(Get("/api/v1/petitions/" + pid + "/series?interval=week").status, 400);
  EXPECT_EQ(Get("/api/v1/petitions/" + std::to_string(draft) + "/series").status, 404);
  const std::string page = Get("/petitions/" + pid).body;
  EXPECT_NE(page.find("<title id=\"chart-time-title\">Signatures over time</title>"),
            std::string::npos);
  EXPECT_NE(page.find(std::to_string(count) + " signatures in all"), std::string::npos);
  EXPECT_NE(page.find("North East: 2"), std::string::npos) << "the regions chart says its data";

  // Embedding: the petition page announces its oEmbed; the iframe page may be framed.
  const std::string marker = R"(type="application/json+oembed" href=")";
  const size_t at = page.find(marker);
  ASSERT_NE(at, std::string::npos);
  std::string oembed = page.substr(at + marker.size());
  oembed = oembed.substr(0, oembed.find('"'));
  const std::string path = oembed.substr(oembed.find("/oembed"));
  const HttpReply oe = Get(path);
  ASSERT_EQ(oe.status, 200) << path << " " << oe.body;
  const boost::json::value o = Json(oe);
  EXPECT_EQ(o.at("type").as_string(), "rich");
  EXPECT_NE(std::string(o.at("html").as_string()).find("/petitions/" + pid + "/embed"),
            std::string::npos);
  const HttpReply embed = Get("/petitions/" + pid + "/embed");
  ASSERT_EQ(embed.status, 200);
  EXPECT_EQ(embed.headers.at("content-security-policy"), "default-src 'self'; frame-ancestors *");
  EXPECT_NE(
      embed.body.find(">" + std::to_string(count) + "</strong> <span data-live-unit>signature"),
      std::string::npos)
      << embed.body;
  EXPECT_NE(embed.body.find("data-live-count=\"/api/v1/petitions/" + pid + "/events\""),
            std::string::npos);
  EXPECT_NE(
      Get("/petitions/" + pid).headers.at("content-security-policy").find("frame-ancestors 'none'"),
      std::string::npos)
      << "other pages may not be framed";
  EXPECT_EQ(Get("/oembed?url=http%3A%2F%2Fevil.example%2Fpetitions%2F1").status, 404);
  EXPECT_EQ(Get(path + "&format=xml").status, 501);
  EXPECT_EQ(Get("/petitions/" + std::to_string(draft) + "/embed").status, 404);

  const HttpReply feed = Get("/petitions.atom");
  ASSERT_EQ(feed.status, 200);
  EXPECT_EQ(feed.headers.at("content-type"), "application/atom+xml; charset=utf-8");
  EXPECT_NE(feed.body.find("<title>Plant a tree for every child</title>"), std::string::npos);
  EXPECT_NE(feed.body.find("/petitions/" + pid + "</id>"), std::string::npos);
  EXPECT_EQ(feed.body.find("/petitions/" + std::to_string(draft) + "<"), std::string::npos);
}

}  // namespace
}  // namespace petitio::testing
