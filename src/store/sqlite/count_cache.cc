#include "store/sqlite/count_cache.h"

#include <mutex>

namespace petitio::sqlite {

std::optional<int64_t> CountCache::Get(int64_t petition_id) const {
  std::shared_lock lock(mu_);
  auto it = counts_.find(petition_id);
  if (it == counts_.end()) return std::nullopt;
  return it->second;
}

void CountCache::Apply(const CountChanges& changes) {
  if (changes.empty()) return;
  std::unique_lock lock(mu_);
  for (const auto& [id, count] : changes) counts_[id] = count;
}

}  // namespace petitio::sqlite
