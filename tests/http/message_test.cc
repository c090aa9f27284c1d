#include "http/message.h"

#include <gtest/gtest.h>

namespace petitio::http {
namespace {

TEST(Message, PercentDecoding) {
  std::string out;
  EXPECT_TRUE(PercentDecode("a%20b+c", out, false));
  EXPECT_EQ(out, "a b+c");
  EXPECT_TRUE(PercentDecode("a%20b+c", out, true));
  EXPECT_EQ(out, "a b c");
  EXPECT_TRUE(PercentDecode("%D0%9F", out, false));
  EXPECT_EQ(out, "П");
  EXPECT_FALSE(PercentDecode("%zz", out, false));
  EXPECT_FALSE(PercentDecode("%4", out, false));
}

TEST(Message, PercentEncodingRoundTrips) {
  const std::string s = "Қазақ a/b?c=d&e f~_.-";
  const std::string encoded = PercentEncode(s);
  EXPECT_EQ(encoded.find(' '), std::string::npos);
  EXPECT_NE(encoded.find("~_.-"), std::string::npos) << "unreserved characters stay";
  std::string back;
  ASSERT_TRUE(PercentDecode(encoded, back, false));
  EXPECT_EQ(back, s);
}

TEST(Message, UrlEncodedForms) {
  const auto fields = ParseUrlEncoded("name=Ann+Lee&email=ann%40example.org&empty=&flag");
  ASSERT_GE(fields.size(), 3u);
  EXPECT_EQ(fields[0], (std::pair<std::string, std::string>{"name", "Ann Lee"}));
  EXPECT_EQ(fields[1].second, "ann@example.org");
  EXPECT_EQ(fields[2].second, "");
}

TEST(Message, RequestAccessors) {
  HttpRequest r;
  r.query = {{"state", "open"}, {"state", "closed"}, {"limit", ""}};
  r.headers = {{"cookie", "a=1; petitio_admin=xyz; b=2"}, {"content-type", "text/plain"}};
  EXPECT_EQ(r.QueryParam("state"), "open");
  EXPECT_TRUE(r.HasQueryParam("limit"));
  EXPECT_FALSE(r.HasQueryParam("offset"));
  EXPECT_EQ(r.QueryParam("offset"), "");
  EXPECT_EQ(r.Header("content-type"), "text/plain");
  EXPECT_EQ(r.Header("accept"), "");
  EXPECT_EQ(r.Cookie("petitio_admin"), "xyz");
  EXPECT_EQ(r.Cookie("b"), "2");
  EXPECT_EQ(r.Cookie("missing"), "");
}

}  // namespace
}  // namespace petitio::http
