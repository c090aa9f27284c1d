// Counts one signature inside a store write unit: applies CountValidatedSignature (with the
// counts by region when a threshold needs them), marks the signature validated, appends its
// entry to the petition's transparency log (pseudonymous: keyed by `secret`), and writes the
// signature, the petition, the region count and what the transition says happened. Internal to
// the use cases that validate a signature (a mailed link, an identity provider's assertion).
#pragma once

#include "domain/crypto.h"
#include "domain/lifecycle.h"
#include "domain/log_entry.h"
#include "domain/profile.h"
#include "store/store.h"

namespace petitio {

// `s` must already be stored (its id set) and pending; `p` is its petition.
Result<Transition> CountSignatureIn(StoreTx& tx, const SecretKey& secret, const Profile& profile,
                                    Petition& p, Signature& s, TimePoint now);

// Appends to the petition's log the entry that cancels signature `s`'s (a withdrawal or an
// invalidation); nothing when `s` was never counted into the log.
Status AppendCancellation(StoreTx& tx, const SecretKey& secret, const Signature& s,
                          LogEntryType type, TimePoint now);

}  // namespace petitio
