// HTTP caching of what many people poll: the count and the open data carry a Cache-Control that
// lets caches keep them briefly and an ETag to revalidate with; a client that has the current
// version gets 304 without a body. Pages and personal answers stay no-store, without a tag.
#include <gtest/gtest.h>

#include "site_fixture.h"

namespace petitio::testing {
namespace {

class CachingTest : public SiteTest {};

TEST_F(CachingTest, TheCountRevalidatesByItsETag) {
  const int64_t id = CreateOpenPetition("de-bt", 0);
  const std::string path = "/api/v1/petitions/" + std::to_string(id) + "/count";
  const HttpReply first = Get(path);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.headers.at("cache-control"), "public, max-age=1");
  const std::string tag = first.headers.at("etag");
  ASSERT_EQ(tag.size(), 34u) << tag;  // a quoted 32-digit digest
  EXPECT_EQ(Get(path).headers.at("etag"), tag) << "the same count, the same tag";

  const HttpReply same = Get(path, {{"If-None-Match", tag}});
  EXPECT_EQ(same.status, 304);
  EXPECT_EQ(same.body, "");
  EXPECT_EQ(same.headers.at("etag"), tag);
  EXPECT_EQ(Get(path, {{"If-None-Match", "\"other\", W/" + tag}}).status, 304);
  EXPECT_EQ(Get(path, {{"If-None-Match", "*"}}).status, 304);
  EXPECT_EQ(Get(path, {{"If-None-Match", "\"other\""}}).status, 200);

  SignAndConfirm(id, "new-signer@example.org");
  const HttpReply changed = Get(path, {{"If-None-Match", tag}});
  EXPECT_EQ(changed.status, 200) << "a new signature is a new version";
  EXPECT_NE(changed.headers.at("etag"), tag);
  EXPECT_NE(changed.body.find("\"signature_count\":2"), std::string::npos) << changed.body;
}

// A petition's page is kept in memory between commits (a viral petition's page is viewed by
// everyone who signs): each language has its own, a new signature shows at once, and the page
// stays no-store for browsers and caches.
TEST_F(CachingTest, APetitionsPageKeptBetweenCommitsShowsEachSignatureAtOnce) {
  const int64_t id = CreateOpenPetition("de-bt", 0);
  const std::string path = "/petitions/" + std::to_string(id);
  const std::string live =
      "data-live-count=\"/api/v1/petitions/" + std::to_string(id) + "/events\">";
  const auto page = [&](const std::string& language) {
    const HttpReply r = Get(path, {{"Accept-Language", language}});
    EXPECT_EQ(r.status, 200) << language;
    EXPECT_EQ(r.headers.at("content-language"), language);
    EXPECT_EQ(r.headers.at("cache-control"), "no-store");
    return r.body;
  };
  const std::string en = page("en");
  EXPECT_NE(en.find(live + "1</strong>"), std::string::npos) << "the initiator";
  EXPECT_EQ(page("en"), en);
  const std::string ru = page("ru");
  EXPECT_NE(ru, en);
  EXPECT_NE(ru.find("lang=\"ru\""), std::string::npos);
  EXPECT_EQ(page("ru"), ru);
  for (int i = 2; i <= 4; ++i) {
    SignAndConfirm(id, "signer" + std::to_string(i) + "@example.org");
    for (const std::string language : {"en", "ru", "kk"}) {
      EXPECT_NE(page(language).find(live + std::to_string(i) + "</strong>"), std::string::npos)
          << language << " after signer " << i;
    }
  }
  // HEAD first, then GET: the same page (its language switch returns to it), whichever built it.
  const int64_t other = CreateOpenPetition("de-bt", 0);
  const std::string other_path = "/petitions/" + std::to_string(other);
  const HttpReply head_first = HttpCall(server_->port(), "HEAD", other_path);
  const HttpReply get_after = Get(other_path);
  EXPECT_EQ(head_first.headers.at("content-length"), std::to_string(get_after.body.size()));
  EXPECT_NE(get_after.body.find("next=%2Fpetitions%2F" + std::to_string(other)), std::string::npos);
  // HEAD gives the page's length; an address with a query is built afresh, the same page.
  const HttpReply head = HttpCall(server_->port(), "HEAD", path);
  EXPECT_EQ(head.headers.at("content-length"), std::to_string(page("en").size()));
  EXPECT_EQ(Get(path + "?ref=share", {{"Accept-Language", "en"}}).body.find(live + "4</strong>") !=
                std::string::npos,
            true);
}

TEST_F(CachingTest, APageSeenThroughASponsorLinkIsNeverKeptForThePlainAddress) {
  // Before publication a petition is seen only through its sponsor link: its page, built for
  // "/petitions/{id}?token=…", must not then answer "/petitions/{id}", nor "/petitions/0{id}".
  const int64_t id = CreateConfirmed("de-bt", "initiator@example.org");
  const std::string path = "/petitions/" + std::to_string(id);
  const std::string link =
      path + "?token=" + TokenFromMail("initiator@example.org", "/sponsor?token=");
  for (int round = 0; round < 2; ++round) {
    for (const std::string language : {"en", "ru"}) {
      ASSERT_EQ(Get(link, {{"Accept-Language", language}}).status, 200) << language;
      EXPECT_EQ(Get(path, {{"Accept-Language", language}}).status, 404) << language;
      EXPECT_EQ(Get("/petitions/0" + std::to_string(id), {{"Accept-Language", language}}).status,
                404)
          << language;
    }
  }
}

// HEAD tells what GET would send (RFC 9110 §9.3.2): the same tag and length, without the body,
// and 304 to a client that has it; for the count (answered from memory) and the open data.
TEST_F(CachingTest, HeadGivesTheGetsTagAndLength) {
  const int64_t id = CreateOpenPetition("de-bt", 0);
  for (const std::string& path :
       {"/api/v1/petitions/" + std::to_string(id) + "/count",
        "/api/v1/petitions/" + std::to_string(id), std::string("/petitions.csv")}) {
    const HttpReply get = Get(path);
    ASSERT_EQ(get.status, 200) << path;
    const HttpReply head = HttpCall(server_->port(), "HEAD", path);
    EXPECT_EQ(head.status, 200) << path;
    EXPECT_EQ(head.body, "") << path;
    EXPECT_EQ(head.headers.at("content-length"), std::to_string(get.body.size())) << path;
    if (get.headers.count("etag") == 0) continue;  // the petition's JSON is not cacheable
    EXPECT_EQ(head.headers.at("etag"), get.headers.at("etag")) << path;
    EXPECT_EQ(
        HttpCall(server_->port(), "HEAD", path, "", {{"If-None-Match", get.headers.at("etag")}})
            .status,
        304)
        << path;
  }
}

// The server keeps a petition's public JSON between commits (http/api/public_view_cache.h): a
// signature confirmed shows in the next read.
TEST_F(CachingTest, ThePetitionsJsonShowsEveryCommitAtOnce) {
  const int64_t id = CreateOpenPetition("de-bt", 0);
  const std::string path = "/api/v1/petitions/" + std::to_string(id);
  for (int signer = 2; signer <= 4; ++signer) {
    const boost::json::value before = Json(Get(path));
    EXPECT_EQ(Json(Get(path)), before) << "nothing committed, the same answer";
    EXPECT_EQ(before.at("signature_count").as_int64(), signer - 1);
    SignAndConfirm(id, "kept-" + std::to_string(signer) + "@example.org");
    EXPECT_EQ(Json(Get(path)).at("signature_count").as_int64(), signer) << "read after a commit";
  }
}

TEST_F(CachingTest, OpenDataIsCacheableAndPagesAreNot) {
  CreateOpenPetition("de-bt", 0);
  for (const char* path : {"/petitions.json", "/petitions.csv"}) {
    const HttpReply r = Get(path);
    ASSERT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.headers.at("cache-control"), "public, max-age=10") << path;
    EXPECT_EQ(Get(path, {{"If-None-Match", r.headers.at("etag")}}).status, 304) << path;
  }
  for (const char* path : {"/", "/petitions", "/api/v1/petitions"}) {
    const HttpReply r = Get(path);
    ASSERT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.headers.at("cache-control"), "no-store") << path;
    EXPECT_EQ(r.headers.count("etag"), 0u) << path;
    EXPECT_EQ(Get(path, {{"If-None-Match", "*"}}).status, 200) << path;
  }
}

// Liveness for load balancers: the process answers, and no cache keeps an old answer.
TEST_F(CachingTest, HealthzAnswersOkAndIsNeverCached) {
  const HttpReply r = Get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok\n");
  EXPECT_EQ(r.headers.at("cache-control"), "no-store");
  EXPECT_EQ(r.headers.count("etag"), 0u);
}

}  // namespace
}  // namespace petitio::testing
