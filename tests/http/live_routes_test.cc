// The live count's cadence (http/api/live_routes.h): a quarter of a second for a small
// audience, stretched so that all watchers together get at most kLiveCountEventsPerSecond
// events a second, and never slower than 15 s.
#include "http/api/live_routes.h"

#include <gtest/gtest.h>

namespace petitio::http {
namespace {

using std::chrono::milliseconds;

TEST(LiveCountCadence, BoundsTheEventsAllWatchersGet) {
  EXPECT_EQ(LiveCountCadence(0), milliseconds(250));
  EXPECT_EQ(LiveCountCadence(1), milliseconds(250));
  EXPECT_EQ(LiveCountCadence(1000), milliseconds(250));
  EXPECT_EQ(LiveCountCadence(2000), milliseconds(500));
  EXPECT_EQ(LiveCountCadence(4000), milliseconds(1000));
  EXPECT_EQ(LiveCountCadence(60000), milliseconds(15000));
  EXPECT_EQ(LiveCountCadence(10'000'000), milliseconds(15000));
  EXPECT_EQ(LiveCountCadence(-5), milliseconds(250));
  for (int64_t watchers : {1000, 1500, 4000, 20000, 60000}) {
    const double per_second = static_cast<double>(watchers) * 1000.0 /
                              static_cast<double>(LiveCountCadence(watchers).count());
    EXPECT_LE(per_second, static_cast<double>(kLiveCountEventsPerSecond) * 1.001) << watchers;
  }
}

}  // namespace
}  // namespace petitio::http
