#include "app/count_signature.h"

#include <algorithm>
#include <map>

#include "app/record_transition.h"

namespace petitio {

namespace {

uint64_t Seconds(TimePoint t) { return static_cast<uint64_t>(ToMillis(t) / 1000); }

// The stored leaf of signature `s`'s entry.
Result<std::string> SignatureLeaf(StoreTx& tx, const Signature& s) {
  Result<std::string> leaf = tx.GetLogEntry(s.petition_id, static_cast<uint64_t>(*s.log_index));
  if (!leaf.ok() && leaf.status().kind() == ErrorKind::kNotFound) {
    return Status::Internal("a signature's log entry is missing");
  }
  return leaf;
}

}  // namespace

Result<Receipt> ReceiptOf(StoreTx& tx, const Signature& s, const ReceiptSecret& secret) {
  if (!s.log_index) return Status::NotFound("this signature is not in the log", "no_log_entry");
  Result<std::string> leaf = SignatureLeaf(tx, s);
  if (!leaf.ok()) return leaf.status();
  return Receipt{s.petition_id, static_cast<uint64_t>(*s.log_index), LeafHash(*leaf), secret};
}

Status AppendCancellation(StoreTx& tx, const Signature& s, LogEntryType type, TimePoint now) {
  if (!s.log_index) return Status::Ok();
  Result<std::string> leaf = SignatureLeaf(tx, s);
  if (!leaf.ok()) return leaf.status();
  Result<LogEntry> signed_entry = DecodeLogEntry(*leaf);
  if (!signed_entry.ok()) return signed_entry.status();
  LogEntry e = *signed_entry;
  e.type = type;
  e.timestamp_s = Seconds(now);
  e.cancels = static_cast<uint64_t>(*s.log_index);
  Result<uint64_t> index = tx.AppendLogEntry(s.petition_id, EncodeLogEntry(e));
  return index.ok() ? Status::Ok() : index.status();
}

Result<CountedSignature> CountSignatureIn(StoreTx& tx, const ReceiptSecret& secret,
                                          const Profile& profile, Petition& p, Signature& s,
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
  LogEntry entry;
  entry.type = LogEntryType::kSignature;
  entry.petition_id = static_cast<uint64_t>(p.id);
  entry.timestamp_s = Seconds(now);
  entry.pseudonym = ReceiptPseudonym(secret, entry.petition_id);
  entry.region = s.region;
  const std::string leaf = EncodeLogEntry(entry);
  Result<uint64_t> index = tx.AppendLogEntry(p.id, leaf);
  if (!index.ok()) return index.status();
  s.log_index = static_cast<int64_t>(*index);
  if (s.id == 0) {
    Result<int64_t> id = tx.InsertSignature(s);
    if (!id.ok()) return id.status();
    s.id = *id;
  } else {
    PETITIO_RETURN_IF_ERROR(tx.UpdateSignatureState(s));
  }
  PETITIO_RETURN_IF_ERROR(tr->OnlyCounts() ? tx.UpdatePetitionCounts(p) : tx.UpdatePetition(p));
  PETITIO_RETURN_IF_ERROR(RecordTransition(tx, p.id, *tr));
  return CountedSignature{*tr, Receipt{p.id, *index, LeafHash(leaf), secret}};
}

}  // namespace petitio
