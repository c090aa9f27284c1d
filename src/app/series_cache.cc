#include "app/series_cache.h"

namespace petitio {

SeriesCache::Freshness SeriesCache::Judge(const Entry& e, std::optional<int64_t> count,
                                          Clock::time_point now) const {
  if (!e.series) return Freshness::kStale;
  const bool changed = (count.has_value() && count != e.count) || now - e.at >= kMaxAge;
  if (!changed) return Freshness::kFresh;
  if (now - e.at < e.took * kCostFactor) return Freshness::kStaleButServe;
  return Freshness::kStale;
}

std::shared_ptr<SeriesCache::Entry> SeriesCache::EntryFor(int64_t petition_id,
                                                          const std::string& interval) {
  std::lock_guard lock(mu_);
  auto key = std::make_pair(petition_id, interval);
  if (auto it = entries_.find(key); it != entries_.end()) return it->second;
  if (entries_.size() >= kMaxEntries) {  // forget the one computed longest ago
    auto oldest = entries_.end();
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      std::lock_guard entry(it->second->mu);
      if (oldest == entries_.end() || it->second->at < oldest->second->at) oldest = it;
    }
    entries_.erase(oldest);
  }
  return entries_[key] = std::make_shared<Entry>();
}

Result<Series> SeriesCache::Get(int64_t petition_id, const std::string& interval,
                                std::optional<int64_t> count,
                                const std::function<Result<Series>()>& compute) {
  const std::shared_ptr<Entry> e = EntryFor(petition_id, interval);
  {
    std::lock_guard lock(e->mu);
    if (Judge(*e, count, now_()) != Freshness::kStale) return *e->series;
  }
  std::unique_lock computing(e->computing, std::try_to_lock);
  if (!computing.owns_lock()) {
    {
      std::lock_guard lock(e->mu);
      if (e->series) return *e->series;  // being computed: the last one meanwhile
    }
    computing.lock();  // none yet: wait for the one under way
  }
  {
    std::lock_guard lock(e->mu);  // computed while this request waited?
    if (Judge(*e, count, now_()) != Freshness::kStale) return *e->series;
  }
  const Clock::time_point began = now_();
  Result<Series> computed = compute();
  if (!computed.ok()) return computed;
  std::lock_guard lock(e->mu);
  e->series = *computed;
  e->count = count;
  e->at = began;
  e->took = now_() - began;
  return computed;
}

}  // namespace petitio
