#include "store/sql/count_cache.h"

#include <mutex>

namespace petitio::sql {

std::optional<int64_t> CountCache::Get(int64_t petition_id) const {
  std::shared_lock lock(mu_);
  auto it = counts_.find(petition_id);
  if (it == counts_.end()) return std::nullopt;
  return it->second.count;
}

void CountCache::Apply(const CountChanges& changes, int64_t seq) {
  if (changes.empty()) return;
  std::unique_lock lock(mu_);
  for (const auto& [id, count] : changes) {
    auto [it, added] = counts_.try_emplace(id, Entry{count, seq});
    if (!added && it->second.seq <= seq) it->second = Entry{count, seq};
  }
}

}  // namespace petitio::sql
