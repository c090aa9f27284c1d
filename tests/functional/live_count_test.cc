// The count, live: two pages watching a petition's event stream both see a confirmation within
// two seconds, without reloading; the server still stops cleanly with streams open.
#include "site_fixture.h"

namespace petitio::testing {
namespace {

TEST_F(SiteTest, TheCountRisesLiveOnEveryOpenStream) {
  const int64_t id = CreateOpenPetition("de-bt", 0);
  const std::string events = "/api/v1/petitions/" + std::to_string(id) + "/events";
  StreamingGet first(server_->port(), events);
  StreamingGet second(server_->port(), events);
  ASSERT_TRUE(first.WaitFor("\"signature_count\":1}", std::chrono::seconds(2))) << first.received();
  ASSERT_TRUE(second.WaitFor("\"signature_count\":1}", std::chrono::seconds(2)));
  EXPECT_NE(first.received().find("Content-Type: text/event-stream"), std::string::npos);
  EXPECT_NE(first.received().find("retry: 2000"), std::string::npos);

  SignAndConfirm(id, "live@example.org");
  const auto confirmed = std::chrono::steady_clock::now();
  EXPECT_TRUE(first.WaitFor("\"signature_count\":2}", std::chrono::seconds(2))) << first.received();
  EXPECT_TRUE(second.WaitFor("\"signature_count\":2}", std::chrono::seconds(2)));
  EXPECT_LT(std::chrono::steady_clock::now() - confirmed, std::chrono::seconds(2));
  EXPECT_EQ(first.received().find("\"signature_count\":3}"), std::string::npos);

  EXPECT_EQ(Get("/api/v1/petitions/99999/events").status, 404);
  // TearDown stops the server with both streams still open and expects a clean exit.
}

}  // namespace
}  // namespace petitio::testing
