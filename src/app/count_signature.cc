#include "app/count_signature.h"

#include <algorithm>
#include <map>

#include "app/record_transition.h"

namespace petitio {

Result<Transition> CountSignatureIn(StoreTx& tx, const Profile& profile, Petition& p, Signature& s,
                                    TimePoint now) {
  // Thresholds that need regions over their minimum (EU ECI) read the counts by region.
  Result<std::vector<Threshold>> thresholds =
      profile.ThresholdsFor(p.addressee_level, p.addressee_region);
  if (!thresholds.ok()) return thresholds.status();
  const bool by_region = std::any_of(thresholds->begin(), thresholds->end(),
                                     [](const Threshold& t) { return t.min_regions > 0; });
  RegionTally tally{s.region, {}};
  if (by_region) {
    Result<std::map<std::string, int64_t>> counts = tx.GetRegionCounts(p.id);
    if (!counts.ok()) return counts.status();
    tally.counts_after = std::move(*counts);
    ++tally.counts_after[s.region];
  }
  Result<Transition> tr =
      CountValidatedSignature(p, s.role, profile, now, by_region ? &tally : nullptr);
  if (!tr.ok()) return tr.status();
  PETITIO_RETURN_IF_ERROR(tx.AddToRegionCount(p.id, s.region, 1));
  s.state = SignatureState::kValidated;
  s.validated_at = now;
  PETITIO_RETURN_IF_ERROR(tx.UpdateSignature(s));
  PETITIO_RETURN_IF_ERROR(tx.UpdatePetition(p));
  PETITIO_RETURN_IF_ERROR(RecordTransition(tx, p.id, *tr));
  return tr;
}

}  // namespace petitio
