// CountCache: petition id -> signature_count, in memory, for Store::CachedCount.
//
// Safe for concurrent use. Readers share a lock that the writer takes exclusively only to
// merge one committed batch (a few map writes), so a reader never waits behind a transaction.
// Every change carries the sequence number of the batch that made it; a change older than the
// one a petition already shows is ignored, so changes heard out of order (one server's own
// batch, then another server's earlier one) never take a count back.
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <unordered_map>

namespace petitio::sql {

// Petition id -> its signature_count after a unit or batch.
using CountChanges = std::unordered_map<int64_t, int64_t>;

class CountCache {
 public:
  std::optional<int64_t> Get(int64_t petition_id) const;
  // Sets every petition of `changes` to its new count, as of batch `seq`.
  void Apply(const CountChanges& changes, int64_t seq);

 private:
  struct Entry {
    int64_t count = 0;
    int64_t seq = 0;
  };
  mutable std::shared_mutex mu_;
  std::unordered_map<int64_t, Entry> counts_;
};

}  // namespace petitio::sql
