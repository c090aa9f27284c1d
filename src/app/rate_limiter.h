// RateLimiter: token buckets that hold back signing bursts, per petition and per signing
// address, per subnet (/24, /64) and per e-mail domain.
//
// Each key has a bucket of `burst` tokens refilled at `per_minute`; an attempt takes one token
// from each of its buckets and is allowed only when all three had one (a refused attempt takes
// nothing). A limit with burst 0 is off. Domains in `unlimited_domains` (large mail providers
// whose users are many different people) have no domain limit. Buckets live in memory, per
// process; idle full buckets are dropped, so memory stays bounded. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/time.h"

namespace petitio {

struct RateLimit {
  int burst = 0;          // 0: no limit
  double per_minute = 0;  // sustained rate
};

struct RateLimits {
  RateLimit ip{50, 30};
  RateLimit subnet{300, 200};
  RateLimit domain{1000, 600};
  std::set<std::string, std::less<>> unlimited_domains;
  static RateLimits Off() { return {{0, 0}, {0, 0}, {0, 0}, {}}; }
};

// The large providers whose users sign from one domain in great numbers.
std::set<std::string, std::less<>> LargeMailProviders();

class RateLimiter {
 public:
  explicit RateLimiter(RateLimits limits) : limits_(std::move(limits)) {}
  bool Allow(int64_t petition_id, std::string_view ip, std::string_view subnet,
             std::string_view domain, TimePoint now);

 private:
  struct Bucket {
    double tokens = 0;
    int64_t at_ms = 0;
  };
  void Refill(Bucket& b, const RateLimit& limit, int64_t now_ms) const;
  void DropIdleBuckets(int64_t now_ms);

  RateLimits limits_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

// Domains of disposable-address services (a built-in list of the well-known ones).
bool IsDisposableDomain(std::string_view domain);

}  // namespace petitio
