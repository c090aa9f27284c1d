// SeriesCache: petitions' signature series (app/queries.h), kept between requests.
//
// A series is counted from every validated signature of its petition, so computing it costs in
// proportion to the petition's size: a second or more for millions of signatures, on every view
// of a petition's page. The cache keeps each (petition, interval) series and computes it again
// only when the petition's count has changed since (or kMaxAge has passed, for changes that
// leave the count as it was, such as one signature withdrawn and another counted), and no sooner
// than kCostFactor times as long as its last computation took after it: computing takes at most
// about 1/kCostFactor of a thread's time, whatever the petition's size. Until then the series
// last computed is served: a chart that lags behind a petition growing by thousands a second,
// by kCostFactor times the time the count takes to make.
//
// One computation at a time for each entry: a request that finds one under way serves the last
// series, or waits for the computation when there is none yet. Errors are not kept. At most
// kMaxEntries series are kept; past that, the one computed longest ago is forgotten. Safe to
// call from many threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "app/queries.h"

namespace petitio {

class SeriesCache {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::seconds kMaxAge{60};
  static constexpr int kCostFactor = 20;
  static constexpr size_t kMaxEntries = 4096;

  // `now` is the cache's clock (tests give their own).
  explicit SeriesCache(std::function<Clock::time_point()> now = Clock::now)
      : now_(std::move(now)) {}

  // The series of `petition_id` by `interval`, computed by `compute` when the kept one is stale.
  // `count` is the petition's signature count now (nullopt when unknown: then kMaxAge alone
  // decides).
  Result<Series> Get(int64_t petition_id, const std::string& interval, std::optional<int64_t> count,
                     const std::function<Result<Series>()>& compute);

 private:
  struct Entry {
    std::mutex computing;  // held while the series is computed
    std::mutex mu;         // guards what follows
    std::optional<Series> series;
    std::optional<int64_t> count;  // the petition's count when `series` was begun
    Clock::time_point at;          // when `series` was begun
    Clock::duration took{};        // how long it took
  };
  enum class Freshness { kFresh, kStaleButServe, kStale };
  Freshness Judge(const Entry& e, std::optional<int64_t> count, Clock::time_point now) const;
  std::shared_ptr<Entry> EntryFor(int64_t petition_id, const std::string& interval);

  const std::function<Clock::time_point()> now_;
  std::mutex mu_;
  std::map<std::pair<int64_t, std::string>, std::shared_ptr<Entry>> entries_;
};

}  // namespace petitio
