// Counts one signature inside a store write unit: applies CountValidatedSignature (with the
// counts by region when a threshold needs them), marks the signature validated, appends its
// entry to the petition's transparency log (its pseudonym keyed by the signer's receipt secret,
// domain/receipt.h), and writes the signature, the petition, the region count and what the
// transition says happened. Internal to the use cases that validate a signature (a mailed link,
// an identity provider's assertion).
#pragma once

#include "domain/lifecycle.h"
#include "domain/log_entry.h"
#include "domain/profile.h"
#include "domain/receipt.h"
#include "store/store.h"

namespace petitio {

struct CountedSignature {
  Transition transition;
  Receipt receipt;
};

// `s` is pending and `p` its petition. A stored `s` (its id set) has its state, validated time
// and log index written (UpdateSignatureState: a caller that changed other fields writes them
// itself); an unstored one (id 0) is inserted already counted, in one statement, and its id set.
Result<CountedSignature> CountSignatureIn(StoreTx& tx, const ReceiptSecret& secret,
                                          const Profile& profile, Petition& p, Signature& s,
                                          TimePoint now);

// The receipt of a signature already in the log, for a signer who comes back with its token.
Result<Receipt> ReceiptOf(StoreTx& tx, const Signature& s, const ReceiptSecret& secret);

// Appends to the petition's log the entry that cancels signature `s`'s (a withdrawal or an
// invalidation), with the same pseudonym and region; nothing when `s` was never in the log.
Status AppendCancellation(StoreTx& tx, const Signature& s, LogEntryType type, TimePoint now);

}  // namespace petitio
