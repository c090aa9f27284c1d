#include "app/rate_limiter.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace petitio {

namespace {

constexpr size_t kMaxBuckets = 200'000;

// Well-known disposable-address services. An operator's list can extend this later.
constexpr std::array<std::string_view, 16> kDisposableDomains = {
    "10minutemail.com",  "dispostable.com",   "fakeinbox.com",   "getnada.com",
    "guerrillamail.com", "mailinator.com",    "maildrop.cc",     "mailnesia.com",
    "mintemail.com",     "mohmal.com",        "sharklasers.com", "temp-mail.org",
    "tempmail.com",      "throwawaymail.com", "trashmail.com",   "yopmail.com",
};

}  // namespace

std::set<std::string, std::less<>> LargeMailProviders() {
  return {"gmail.com",  "outlook.com", "hotmail.com", "live.com",  "yahoo.com",
          "icloud.com", "me.com",      "mail.ru",     "yandex.ru", "yandex.kz",
          "bk.ru",      "inbox.ru",    "list.ru",     "proton.me", "protonmail.com",
          "gmx.de",     "web.de",      "t-online.de", "ukr.net",   "aol.com"};
}

bool IsDisposableDomain(std::string_view domain) {
  return std::find(kDisposableDomains.begin(), kDisposableDomains.end(), domain) !=
         kDisposableDomains.end();
}

void RateLimiter::Refill(Bucket& b, const RateLimit& limit, int64_t now_ms) const {
  const double elapsed_min = static_cast<double>(std::max<int64_t>(0, now_ms - b.at_ms)) / 60000.0;
  b.tokens = std::min<double>(limit.burst, b.tokens + elapsed_min * limit.per_minute);
  b.at_ms = now_ms;
}

void RateLimiter::DropIdleBuckets(int64_t now_ms) {
  // A bucket that has refilled completely is the same as no bucket.
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    const double idle_min = static_cast<double>(now_ms - it->second.at_ms) / 60000.0;
    it = idle_min > 60 ? buckets_.erase(it) : std::next(it);
  }
}

bool RateLimiter::Allow(int64_t petition_id, std::string_view ip, std::string_view subnet,
                        std::string_view domain, TimePoint now) {
  const int64_t now_ms = ToMillis(now);
  const std::string prefix = std::to_string(petition_id) + "|";
  std::vector<std::pair<std::string, const RateLimit*>> keys;
  if (limits_.ip.burst > 0 && !ip.empty()) {
    keys.emplace_back(prefix + "ip|" + std::string(ip), &limits_.ip);
  }
  if (limits_.subnet.burst > 0 && !subnet.empty()) {
    keys.emplace_back(prefix + "net|" + std::string(subnet), &limits_.subnet);
  }
  if (limits_.domain.burst > 0 && !domain.empty() && !limits_.unlimited_domains.contains(domain)) {
    keys.emplace_back(prefix + "dom|" + std::string(domain), &limits_.domain);
  }
  std::lock_guard lock(mu_);
  if (buckets_.size() > kMaxBuckets) DropIdleBuckets(now_ms);
  std::vector<Bucket*> taken;
  for (const auto& [key, limit] : keys) {
    auto [it, fresh] = buckets_.try_emplace(key, Bucket{static_cast<double>(limit->burst), now_ms});
    if (!fresh) Refill(it->second, *limit, now_ms);
    if (it->second.tokens < 1) return false;
    taken.push_back(&it->second);
  }
  for (Bucket* b : taken) b->tokens -= 1;
  return true;
}

}  // namespace petitio
