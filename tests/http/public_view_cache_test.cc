// PublicViewCache keeps an answer only while nothing was committed since it was built, for less
// than a second of the server's clock, and for a bounded number of petitions.
#include "http/api/public_view_cache.h"

#include <gtest/gtest.h>

#include <chrono>

namespace petitio::http {
namespace {

using std::chrono::milliseconds;

const TimePoint kAt = TimePoint{} + std::chrono::hours(24 * 365 * 56);

TEST(PublicViewCache, KeepsAnAnswerUntilTheNextCommit) {
  PublicViewCache cache;
  EXPECT_FALSE(cache.Get(7, 3, kAt).has_value()) << "nothing built yet";
  cache.Put(7, 3, kAt, "{\"id\":7}");
  EXPECT_EQ(cache.Get(7, 3, kAt + milliseconds(10)), "{\"id\":7}");
  EXPECT_FALSE(cache.Get(7, 4, kAt + milliseconds(10)).has_value()) << "committed since";
  EXPECT_FALSE(cache.Get(8, 3, kAt).has_value()) << "another petition";
}

TEST(PublicViewCache, KeepsItLessThanASecondAndNeverForAnEarlierClock) {
  PublicViewCache cache;
  cache.Put(7, 3, kAt, "a");
  EXPECT_TRUE(cache.Get(7, 3, kAt + milliseconds(999)).has_value());
  EXPECT_FALSE(cache.Get(7, 3, kAt + milliseconds(1000)).has_value()) << "its deadlines moved";
  EXPECT_FALSE(cache.Get(7, 3, kAt - milliseconds(1)).has_value()) << "a clock set back";
}

TEST(PublicViewCache, HoldsABoundedNumberOfPetitions) {
  PublicViewCache cache(2);
  cache.Put(1, 3, kAt, "one");
  cache.Put(2, 3, kAt, "two");
  cache.Put(2, 3, kAt, "two again");  // replacing one it holds keeps the others
  EXPECT_EQ(cache.Get(1, 3, kAt), "one");
  cache.Put(3, 3, kAt, "three");  // a third: starts again empty
  EXPECT_FALSE(cache.Get(1, 3, kAt).has_value());
  EXPECT_FALSE(cache.Get(2, 3, kAt).has_value());
  EXPECT_EQ(cache.Get(3, 3, kAt), "three");
}

}  // namespace
}  // namespace petitio::http
