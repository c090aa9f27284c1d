#include "app/rate_limiter.h"

#include <gtest/gtest.h>

namespace petitio {
namespace {

const TimePoint kT0 = StartOfDay({2026, 11, 29});

TEST(RateLimiter, BurstThenTheSustainedRate) {
  RateLimiter limiter({{3, 2}, {0, 0}, {0, 0}, {}});  // 3 at once, then 2 a minute per address
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Allow(1, "203.0.113.7", "", "", kT0)) << i;
  EXPECT_FALSE(limiter.Allow(1, "203.0.113.7", "", "", kT0));
  EXPECT_TRUE(limiter.Allow(1, "203.0.113.8", "", "", kT0)) << "another address";
  EXPECT_TRUE(limiter.Allow(2, "203.0.113.7", "", "", kT0)) << "another petition";
  EXPECT_FALSE(limiter.Allow(1, "203.0.113.7", "", "", kT0 + std::chrono::seconds(20)));
  EXPECT_TRUE(limiter.Allow(1, "203.0.113.7", "", "", kT0 + std::chrono::seconds(30)));
  EXPECT_FALSE(limiter.Allow(1, "203.0.113.7", "", "", kT0 + std::chrono::seconds(31)));
}

TEST(RateLimiter, EveryBucketMustHaveATokenAndARefusalTakesNone) {
  RateLimiter limiter({{10, 0}, {2, 0}, {0, 0}, {}});
  EXPECT_TRUE(limiter.Allow(1, "198.51.100.1", "198.51.100.0/24", "", kT0));
  EXPECT_TRUE(limiter.Allow(1, "198.51.100.2", "198.51.100.0/24", "", kT0));
  EXPECT_FALSE(limiter.Allow(1, "198.51.100.3", "198.51.100.0/24", "", kT0)) << "subnet spent";
  EXPECT_TRUE(limiter.Allow(1, "198.51.100.3", "198.51.101.0/24", "", kT0))
      << "the refused attempt took nothing from its address's bucket";
}

TEST(RateLimiter, LargeProvidersHaveNoDomainLimit) {
  RateLimits limits{{0, 0}, {0, 0}, {1, 0}, LargeMailProviders()};
  RateLimiter limiter(limits);
  EXPECT_TRUE(limiter.Allow(1, "", "", "gmail.com", kT0));
  EXPECT_TRUE(limiter.Allow(1, "", "", "gmail.com", kT0));
  EXPECT_TRUE(limiter.Allow(1, "", "", "small.example", kT0));
  EXPECT_FALSE(limiter.Allow(1, "", "", "small.example", kT0));
  RateLimiter off(RateLimits::Off());
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(off.Allow(1, "192.0.2.1", "192.0.2.0/24", "x", kT0));
}

TEST(DisposableDomains, KnownServicesOnly) {
  EXPECT_TRUE(IsDisposableDomain("mailinator.com"));
  EXPECT_TRUE(IsDisposableDomain("yopmail.com"));
  EXPECT_FALSE(IsDisposableDomain("gmail.com"));
  EXPECT_FALSE(IsDisposableDomain("mailinator.com.example"));
}

}  // namespace
}  // namespace petitio
