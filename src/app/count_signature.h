// Counts one signature inside a store write unit: applies CountValidatedSignature (with the
// counts by region when a threshold needs them), marks the signature validated, and writes the
// signature, the petition, the region count and what the transition says happened. Internal to
// the use cases that validate a signature (a mailed link, an identity provider's assertion).
#pragma once

#include "domain/lifecycle.h"
#include "domain/profile.h"
#include "store/store.h"

namespace petitio {

// `s` must already be stored (its id set) and pending; `p` is its petition.
Result<Transition> CountSignatureIn(StoreTx& tx, const Profile& profile, Petition& p, Signature& s,
                                    TimePoint now);

}  // namespace petitio
