// CountCache: petition id -> signature_count, in memory, for Store::CachedCount.
//
// Safe for concurrent use. Readers share a lock that the writer takes exclusively only to
// merge one committed batch (a few map writes), so a reader never waits behind a transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <unordered_map>

namespace petitio::sqlite {

// Petition id -> its signature_count after a unit or batch.
using CountChanges = std::unordered_map<int64_t, int64_t>;

class CountCache {
 public:
  std::optional<int64_t> Get(int64_t petition_id) const;
  // Sets every petition of `changes` to its new count.
  void Apply(const CountChanges& changes);

 private:
  mutable std::shared_mutex mu_;
  std::unordered_map<int64_t, int64_t> counts_;
};

}  // namespace petitio::sqlite
