// SeriesCache (app/series_cache.h): a petition's signature series is counted again when its
// count moves, but never more often than its cost allows, and never twice at once.
#include "app/series_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <thread>

namespace petitio {
namespace {

using Clock = SeriesCache::Clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

// A clock the test moves, and a series computation that takes `cost` of it.
struct Fixture {
  Clock::time_point now = Clock::time_point{} + std::chrono::hours(1);
  SeriesCache cache{[this] { return now; }};
  int computed = 0;
  Clock::duration cost = milliseconds(1);

  // The series as counted now: one point whose count says which computation made it.
  Result<Series> Get(std::optional<int64_t> count, int64_t petition = 7,
                     const std::string& interval = "day") {
    return cache.Get(petition, interval, count, [this]() -> Result<Series> {
      ++computed;
      now += cost;
      return Series{"day", 300, {SeriesPoint{{}, computed, computed}}};
    });
  }
};

int64_t Made(const Result<Series>& s) { return s.ok() ? s->points.at(0).count : -1; }

TEST(SeriesCacheTest, KeptWhileTheCountStaysAndCountedAgainWhenItMoves) {
  Fixture f;
  EXPECT_EQ(Made(f.Get(100)), 1);
  f.now += seconds(30);
  EXPECT_EQ(Made(f.Get(100)), 1);  // the same count: kept
  EXPECT_EQ(Made(f.Get(101)), 2);  // moved: counted again (it cost 1 ms, 20 ms have passed)
  EXPECT_EQ(f.computed, 2);
  // Each petition and interval apart.
  EXPECT_EQ(Made(f.Get(101, 8)), 3);
  EXPECT_EQ(Made(f.Get(101, 7, "hour")), 4);
  EXPECT_EQ(Made(f.Get(101)), 2);
}

TEST(SeriesCacheTest, CountedAgainAfterAMinuteEvenWhenTheCountIsTheSame) {
  // One signature withdrawn and another counted leave the count as it was.
  Fixture f;
  EXPECT_EQ(Made(f.Get(100)), 1);
  f.now += SeriesCache::kMaxAge - milliseconds(2);
  EXPECT_EQ(Made(f.Get(100)), 1);
  f.now += milliseconds(2);
  EXPECT_EQ(Made(f.Get(100)), 2);
  // An unknown count: the age alone decides.
  f.now += seconds(1);
  EXPECT_EQ(Made(f.Get(std::nullopt)), 2);
  f.now += SeriesCache::kMaxAge;
  EXPECT_EQ(Made(f.Get(std::nullopt)), 3);
}

TEST(SeriesCacheTest, ACostlySeriesIsCountedAgainNoSoonerThanItsCostAllows) {
  // Millions of signatures: counting takes 2 s, so it is done again 40 s after it began at the
  // soonest, however fast the count moves; meanwhile the last series is served.
  Fixture f;
  f.cost = seconds(2);
  EXPECT_EQ(Made(f.Get(1'000'000)), 1);
  for (int i = 1; i <= 37; ++i) {
    f.now += seconds(1);
    EXPECT_EQ(Made(f.Get(1'000'000 + i * 5000)), 1) << i;
  }
  f.now += seconds(1);  // 40 s after the first began
  EXPECT_EQ(Made(f.Get(1'200'000)), 2);
  EXPECT_EQ(f.computed, 2);
}

TEST(SeriesCacheTest, ErrorsAreNotKept) {
  SeriesCache cache;
  int calls = 0;
  const auto failing = [&calls]() -> Result<Series> {
    ++calls;
    return Status::Internal("database gone");
  };
  EXPECT_FALSE(cache.Get(7, "day", 5, failing).ok());
  EXPECT_FALSE(cache.Get(7, "day", 5, failing).ok());
  EXPECT_EQ(calls, 2);
  Result<Series> ok = cache.Get(7, "day", 5, [] { return Result<Series>(Series{"day", 0, {}}); });
  EXPECT_TRUE(ok.ok());
}

TEST(SeriesCacheTest, RequestsMeanwhileWaitForTheFirstCountingOrServeTheLast) {
  SeriesCache cache;
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  std::atomic<int> started{0};
  const auto slow = [&]() -> Result<Series> {
    ++started;
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return release; });
    return Series{"day", 0, {SeriesPoint{{}, started.load(), 0}}};
  };
  // Four requests for a series nobody has counted yet: one counts, three wait for it.
  std::vector<std::thread> threads;
  std::vector<int64_t> got(4, -1);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] { got[i] = Made(cache.Get(7, "day", 10, slow)); });
  }
  while (started.load() == 0) std::this_thread::yield();
  std::this_thread::sleep_for(milliseconds(50));  // the others reach the cache meanwhile
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(started.load(), 1);
  for (int64_t g : got) EXPECT_EQ(g, 1);
}

TEST(SeriesCacheTest, KeepsABoundedNumberOfSeries) {
  Fixture f;
  for (int64_t p = 1; p <= static_cast<int64_t>(SeriesCache::kMaxEntries) + 1; ++p) {
    f.now += milliseconds(1);
    EXPECT_TRUE(f.Get(5, p).ok());
  }
  const int computed = f.computed;
  EXPECT_TRUE(f.Get(5, 1).ok());  // the first, computed longest ago, was forgotten
  EXPECT_EQ(f.computed, computed + 1);
  EXPECT_TRUE(f.Get(5, 3).ok());  // a later one is still kept
  EXPECT_EQ(f.computed, computed + 1);
}

}  // namespace
}  // namespace petitio
