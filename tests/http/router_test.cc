#include "http/router.h"

#include <gtest/gtest.h>

#include <optional>
#include <thread>

namespace petitio::http {
namespace {

HttpRequest Req(std::string method, std::string path) {
  HttpRequest r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

HttpResponse Text(std::string body) {
  HttpResponse r;
  r.body = std::move(body);
  return r;
}

// The answer a route gives at once (every route of these tests but the deferred ones does).
HttpResponse Answer(const Router& router, const HttpRequest& request) {
  std::optional<HttpResponse> answer;
  router.Dispatch(request, [&answer](HttpResponse r) { answer = std::move(r); });
  EXPECT_TRUE(answer.has_value()) << request.method << " " << request.path;
  return answer.value_or(HttpResponse{});
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/api/v1/petitions/{id}", [](const HttpRequest&, const PathParams& p) {
      return Text("petition " + p.at("id"));
    });
    router_.Add("GET", "/api/v1/petitions/{id}/count", [](const HttpRequest&, const PathParams& p) {
      return Text("count " + p.at("id"));
    });
    router_.Add("POST", "/api/v1/petitions",
                [](const HttpRequest&, const PathParams&) { return Text("created"); });
    router_.Add("GET", "/", [](const HttpRequest&, const PathParams&) { return Text("home"); });
  }
  Router router_;
};

TEST_F(RouterTest, MatchesLiteralAndCapturedSegments) {
  EXPECT_EQ(Answer(router_, Req("GET", "/api/v1/petitions/42")).body, "petition 42");
  EXPECT_EQ(Answer(router_, Req("GET", "/api/v1/petitions/42/count")).body, "count 42");
  EXPECT_EQ(Answer(router_, Req("POST", "/api/v1/petitions")).body, "created");
  EXPECT_EQ(Answer(router_, Req("GET", "/")).body, "home");
}

// HEAD gets the GET route's whole answer: the server sends its head alone, with the body's
// length and validator.
TEST_F(RouterTest, HeadIsAnsweredByTheGetRoute) {
  const HttpResponse r = Answer(router_, Req("HEAD", "/"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "home");
  EXPECT_EQ(Answer(router_, Req("HEAD", "/api/v1/petitions")).status, 405);
}

TEST_F(RouterTest, UnknownPathsAndMethods) {
  HttpResponse r = Answer(router_, Req("GET", "/api/v1/petitions/"));
  EXPECT_EQ(r.status, 404) << "an empty segment captures nothing";
  r = Answer(router_, Req("GET", "/api/v1/nowhere"));
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("no_route"), std::string::npos);
  r = Answer(router_, Req("DELETE", "/api/v1/petitions/42"));
  EXPECT_EQ(r.status, 405);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0], (std::pair<std::string, std::string>{"Allow", "GET"}));
}

TEST_F(RouterTest, HtmlPathsUseTheNotFoundPage) {
  router_.SetNotFound([](const HttpRequest&) {
    HttpResponse r = Text("<h1>Page not found</h1>");
    r.status = 404;
    return r;
  });
  EXPECT_EQ(Answer(router_, Req("GET", "/no/such/page")).body, "<h1>Page not found</h1>");
  EXPECT_NE(Answer(router_, Req("GET", "/api/v1/none")).body.find("no_route"), std::string::npos);
}

TEST(PetitionIds, ParseAndRoute) {
  EXPECT_EQ(ParsePetitionId("42"), 42);
  EXPECT_EQ(ParsePetitionId("999999999999999999"), 999999999999999999);
  for (const char* bad : {"", "0", "042", "-1", "4x", "1234567890123456789"}) {
    EXPECT_FALSE(ParsePetitionId(bad).has_value()) << bad;
  }
  Router router;
  router.Add("GET", "/p/{id}",
             WithPetitionId([](const HttpRequest&, int64_t id) { return Text(std::to_string(id)); },
                            [] { return Text("unknown"); }));
  EXPECT_EQ(Answer(router, Req("GET", "/p/7")).body, "7");
  EXPECT_EQ(Answer(router, Req("GET", "/p/07")).body, "unknown");
}

TEST(DeferredRoutes, AnswerLaterFromAnotherThread) {
  Router router;
  Responder held;
  std::string id_seen;
  router.AddDeferred("POST", "/p/{id}/sign",
                     [&](const HttpRequest&, const PathParams& p, Responder respond) {
                       id_seen = p.at("id");
                       held = std::move(respond);
                     });
  std::optional<HttpResponse> answer;
  router.Dispatch(Req("POST", "/p/9/sign"), [&answer](HttpResponse r) { answer = std::move(r); });
  EXPECT_EQ(id_seen, "9");
  EXPECT_FALSE(answer.has_value());  // nothing until the route answers
  std::thread later([&held] { held(Text("signed")); });
  later.join();
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(answer->body, "signed");
}

TEST(DeferredRoutes, HeadIsTheGetRouteAndOtherMethodsAre405) {
  Router router;
  router.AddDeferred("GET", "/later", [](const HttpRequest&, const PathParams&, Responder respond) {
    respond(Text("body"));
  });
  router.AddDeferred(
      "POST", "/p/{id}/sign",
      [](const HttpRequest&, const PathParams&, Responder respond) { respond(Text("signed")); });
  EXPECT_EQ(Answer(router, Req("GET", "/later")).body, "body");
  EXPECT_EQ(Answer(router, Req("HEAD", "/later")).body, "body");
  const HttpResponse r = Answer(router, Req("DELETE", "/p/3/sign"));
  EXPECT_EQ(r.status, 405);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].second, "POST");
}

// Defers says which requests go to a deferred route: those a server may run on its IO thread.
TEST(DeferredRoutes, DefersNamesTheirRequestsOnly) {
  Router router;
  router.Add("GET", "/p/{id}", [](const HttpRequest&, const PathParams&) { return Text("p"); });
  router.Add("POST", "/p/{id}/withdraw",
             [](const HttpRequest&, const PathParams&) { return Text("withdrawn"); });
  router.AddDeferred(
      "POST", "/p/{id}/sign",
      [](const HttpRequest&, const PathParams&, Responder respond) { respond(Text("signed")); });
  EXPECT_TRUE(router.Defers(Req("POST", "/p/3/sign")));
  EXPECT_FALSE(router.Defers(Req("POST", "/p/3/withdraw")));
  EXPECT_FALSE(router.Defers(Req("GET", "/p/3")));
  EXPECT_FALSE(router.Defers(Req("GET", "/p/3/sign")));  // 405: no route, nothing deferred
  EXPECT_FALSE(router.Defers(Req("POST", "/p/3/sign/more")));
  EXPECT_FALSE(router.Defers(Req("POST", "/nowhere")));
}

// A route with a memory part: AnswerFromMemory runs that part (for GET and HEAD) and says
// nullopt when it declines or no memory part takes the request; Dispatch runs the route.
TEST(MemoryRoutes, AnswerFromMemoryRunsTheMemoryPartOnly) {
  Router router;
  router.Add("GET", "/p/{id}", [](const HttpRequest&, const PathParams&) { return Text("p"); });
  router.AddWithMemory(
      "GET", "/p/{id}/count",
      [](const HttpRequest&, const PathParams& p) { return Text("stored " + p.at("id")); },
      [](const HttpRequest&, const PathParams& p) -> std::optional<HttpResponse> {
        if (p.at("id") == "0") return std::nullopt;  // memory does not know this one
        return Text("kept " + p.at("id"));
      });
  std::optional<HttpResponse> kept = router.AnswerFromMemory(Req("GET", "/p/7/count"));
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->body, "kept 7");
  kept = router.AnswerFromMemory(Req("HEAD", "/p/7/count"));
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->body, "kept 7");
  EXPECT_FALSE(router.AnswerFromMemory(Req("GET", "/p/0/count")).has_value());
  EXPECT_FALSE(router.AnswerFromMemory(Req("POST", "/p/7/count")).has_value());
  EXPECT_FALSE(router.AnswerFromMemory(Req("GET", "/p/7")).has_value());
  EXPECT_FALSE(router.AnswerFromMemory(Req("GET", "/p/7/count/more")).has_value());
  EXPECT_EQ(Answer(router, Req("GET", "/p/0/count")).body, "stored 0");
  EXPECT_EQ(Answer(router, Req("GET", "/p/7/count")).body, "stored 7");
  EXPECT_EQ(Answer(router, Req("POST", "/p/7/count")).status, 405);
}

TEST(MemoryRoutes, PetitionIdOfParsesTheIdSegment) {
  EXPECT_EQ(PetitionIdOf({{"id", "42"}}), 42);
  EXPECT_FALSE(PetitionIdOf({{"id", "042"}}).has_value());
  EXPECT_FALSE(PetitionIdOf({{"id", "x"}}).has_value());
  EXPECT_FALSE(PetitionIdOf({{"slug", "42"}}).has_value());
}

}  // namespace
}  // namespace petitio::http
