// StateCache: petition id -> state, in memory, for Store::CachedPetitionState.
//
// It knows only where one process alone writes the database (SQLite): the store fills it with
// every petition's state when it opens, before its writer starts (Fill), and the writer sets
// the states a batch wrote after its COMMIT, before any unit is answered (Apply). Where other
// processes write the same database (PostgreSQL) it is never filled, and Get says nullopt for
// every petition: the caller reads the petition instead.
//
// Safe for concurrent use. Readers share a lock that the writer takes exclusively only to
// merge one committed batch, so a reader never waits behind a transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <unordered_map>

#include "domain/petition.h"

namespace petitio::sql {

// Petition id -> its state after a unit or batch.
using StateChanges = std::unordered_map<int64_t, PetitionState>;

class StateCache {
 public:
  // Every petition's state, as the database holds them now; from then on the cache answers.
  void Fill(const StateChanges& all);
  // The petition's state; nullopt when not filled, or for a petition that does not exist.
  std::optional<PetitionState> Get(int64_t petition_id) const;
  // A committed batch's petition states; ignored until filled.
  void Apply(const StateChanges& changes);
  // Whether Fill was called: this process alone writes the database.
  bool filled() const;

 private:
  mutable std::shared_mutex mu_;
  bool filled_ = false;
  StateChanges states_;
};

}  // namespace petitio::sql
