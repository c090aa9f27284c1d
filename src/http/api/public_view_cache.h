// PublicViewCache: the public answer to GET /api/v1/petitions/{id} (no moderator, no sponsor
// link), kept while the store has committed nothing since it was built and for at most a
// second of the server's clock (its deadlines count down). Built from about ten reads of the
// store, the answer is read by every poller of a viral petition: with it, once per commit.
//
// Only where the store sees every commit (Store::CommitSequence: SQLite); elsewhere the caller
// builds each answer. Bounded: past `max_entries` petitions it starts again empty. Safe for
// concurrent use.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "domain/clock.h"

namespace petitio::http {

class PublicViewCache {
 public:
  static constexpr std::chrono::seconds kLifetime{1};

  explicit PublicViewCache(size_t max_entries = 4096) : max_entries_(max_entries) {}

  // The body built at commit `seq` less than kLifetime before `now`, if there is one.
  std::optional<std::string> Get(int64_t petition_id, int64_t seq, TimePoint now) const;
  // Keeps `body`, built from reads that began at commit `seq` and at `now`.
  void Put(int64_t petition_id, int64_t seq, TimePoint now, std::string body);

 private:
  struct Entry {
    int64_t seq = 0;
    TimePoint built_at;
    std::string body;
  };
  const size_t max_entries_;
  mutable std::mutex mu_;
  std::unordered_map<int64_t, Entry> entries_;
};

}  // namespace petitio::http
