#include "app/count_signature.h"

#include <algorithm>
#include <map>

#include "app/record_transition.h"

namespace petitio {

namespace {

LogEntry EntryFor(const SecretKey& secret, const Signature& s, LogEntryType type, TimePoint now) {
  LogEntry e;
  e.type = type;
  e.petition_id = static_cast<uint64_t>(s.petition_id);
  e.timestamp_s = static_cast<uint64_t>(ToMillis(now) / 1000);
  e.pseudonym = LogPseudonym(secret, e.petition_id, s.identity_hash);
  e.region = s.region;
  if (type != LogEntryType::kSignature) e.cancels = static_cast<uint64_t>(*s.log_index);
  return e;
}

}  // namespace

Status AppendCancellation(StoreTx& tx, const SecretKey& secret, const Signature& s,
                          LogEntryType type, TimePoint now) {
  if (!s.log_index) return Status::Ok();
  Result<uint64_t> index =
      tx.AppendLogEntry(s.petition_id, EncodeLogEntry(EntryFor(secret, s, type, now)));
  return index.ok() ? Status::Ok() : index.status();
}

Result<Transition> CountSignatureIn(StoreTx& tx, const SecretKey& secret, const Profile& profile,
                                    Petition& p, Signature& s, TimePoint now) {
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
  Result<uint64_t> index =
      tx.AppendLogEntry(p.id, EncodeLogEntry(EntryFor(secret, s, LogEntryType::kSignature, now)));
  if (!index.ok()) return index.status();
  s.log_index = static_cast<int64_t>(*index);
  PETITIO_RETURN_IF_ERROR(tx.UpdateSignature(s));
  PETITIO_RETURN_IF_ERROR(tx.UpdatePetition(p));
  PETITIO_RETURN_IF_ERROR(RecordTransition(tx, p.id, *tr));
  return tr;
}

}  // namespace petitio
