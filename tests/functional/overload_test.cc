// Past capacity the server sheds load instead of queueing without bound: with one IO thread (which
// takes the API's signings), one worker and room for two pending requests, a burst of signers
// gets 202s and quick 503s with Retry-After
// (JSON code "overloaded"), nothing else; a refused signer leaves no trace (no mail, no row),
// and the server answers normally as soon as the burst is over.
#include <atomic>
#include <barrier>
#include <thread>

#include "site_fixture.h"
#include "test_store.h"

namespace petitio::testing {
namespace {

class OverloadTest : public SiteTest {
 protected:
  std::vector<std::string> ExtraServeArgs() override {
    return {"--no-rate-limits", "--io-threads", "1", "--workers", "1", "--max-pending", "2"};
  }
};

TEST_F(OverloadTest, ABurstPastCapacityGets503WithRetryAfterAndRecovers) {
  const int64_t id = CreateOpenPetition("de-bt", 0);
  constexpr int kSigners = 48;
  std::vector<HttpReply> replies(kSigners);
  std::barrier start(kSigners);
  std::vector<std::thread> signers;
  for (int i = 0; i < kSigners; ++i) {
    signers.emplace_back([&, i] {
      start.arrive_and_wait();
      replies[i] = HttpCall(
          server_->port(), "POST", "/api/v1/petitions/" + std::to_string(id) + "/signatures",
          R"({"name":"Isla","email":"burst)" + std::to_string(i) + R"(@example.org"})",
          {{"Content-Type", "application/json"}});
    });
  }
  for (std::thread& t : signers) t.join();

  int accepted = 0;
  int shed = 0;
  for (const HttpReply& r : replies) {
    if (r.status == 202) {
      ++accepted;
    } else if (r.status == 503) {
      ++shed;
      EXPECT_EQ(r.headers.count("retry-after") ? r.headers.at("retry-after") : "", "1");
      EXPECT_EQ(Json(r).at("error").at("code").as_string(), "overloaded") << r.body;
    } else {
      ADD_FAILURE() << "status " << r.status << ": " << r.body;
    }
  }
  EXPECT_GT(shed, 0) << "48 signers at once against two places";
  EXPECT_GT(accepted, 0);
  // Only the accepted signers were mailed; the refused ones left nothing.
  int mailed = 0;
  for (const std::string& eml : SentMail(data_dir_)) {
    if (eml.find("@example.org") != std::string::npos && eml.find("To: ") != std::string::npos &&
        eml.find("burst") != std::string::npos) {
      ++mailed;
    }
  }
  EXPECT_EQ(mailed, accepted);
  // Over: the server answers as before.
  EXPECT_EQ(Get("/healthz").status, 200);
  const HttpReply again = Post("/api/v1/petitions/" + std::to_string(id) + "/signatures",
                               R"({"name":"Isla","email":"after-burst@example.org"})");
  EXPECT_EQ(again.status, 202) << again.body;
}

}  // namespace
}  // namespace petitio::testing
