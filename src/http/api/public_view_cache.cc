#include "http/api/public_view_cache.h"

#include <utility>

namespace petitio::http {

std::optional<std::string> PublicViewCache::Get(int64_t petition_id, int64_t seq,
                                                TimePoint now) const {
  std::lock_guard lock(mu_);
  auto it = entries_.find(petition_id);
  if (it == entries_.end()) return std::nullopt;
  const Entry& e = it->second;
  if (e.seq != seq || now < e.built_at || now - e.built_at >= kLifetime) return std::nullopt;
  return e.body;
}

void PublicViewCache::Put(int64_t petition_id, int64_t seq, TimePoint now, std::string body) {
  std::lock_guard lock(mu_);
  if (entries_.size() >= max_entries_ && entries_.count(petition_id) == 0) entries_.clear();
  entries_[petition_id] = Entry{seq, now, std::move(body)};
}

}  // namespace petitio::http
