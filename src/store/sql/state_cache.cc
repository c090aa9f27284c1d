#include "store/sql/state_cache.h"

#include <mutex>

namespace petitio::sql {

void StateCache::Fill(const StateChanges& all) {
  std::unique_lock lock(mu_);
  states_ = all;
  filled_ = true;
}

std::optional<PetitionState> StateCache::Get(int64_t petition_id) const {
  std::shared_lock lock(mu_);
  if (!filled_) return std::nullopt;
  auto it = states_.find(petition_id);
  if (it == states_.end()) return std::nullopt;
  return it->second;
}

bool StateCache::filled() const {
  std::shared_lock lock(mu_);
  return filled_;
}

void StateCache::Apply(const StateChanges& changes) {
  if (changes.empty()) return;
  std::unique_lock lock(mu_);
  if (!filled_) return;
  for (const auto& [id, state] : changes) states_[id] = state;
}

}  // namespace petitio::sql
