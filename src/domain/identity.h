// Signer identity: what a signer proves under a profile, and the canonical identity their
// signature is counted once on.
//
// A profile's IdentityRule names the proof: `email` (a confirmed address, compared in its
// canonical form, so one mailbox signs once) or `national_id` (a national identification number
// checked by the profile's validator — Kazakhstan's IIN — plus a confirmed e-mail address to
// reach the signer; the signer must be at least `min_age` on the day they sign).
// CanonicalIdentity returns the string whose keyed hash (crypto.h) is the signature's
// identity_hash; the caller never stores it. Errors name the field and never repeat a national
// id number. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "domain/result.h"
#include "domain/time.h"

namespace petitio {

enum class IdentityProof { kEmail, kNationalId };
std::string_view IdentityProofName(IdentityProof proof);  // "email", "national_id"

// How a signer's name appears in public: in full, or (Kazakhstan) the first name and the
// initial of the surname.
enum class PublicName { kFull, kFirstNameInitial };

struct IdentityRule {
  IdentityProof proof = IdentityProof::kEmail;
  PublicName public_name = PublicName::kFull;
  std::string national_id;  // the validator with kNationalId: "kz_iin"
  int min_age = 0;          // full years on the signing day; 0: no limit
  std::string source;       // where the rule comes from
};

// `name` as the public sees it under `rule`: "Aigerim Sadykova" -> "Aigerim S." for
// kFirstNameInitial (the first word, and the first letter of the last word; UTF-8 aware).
std::string PublicNameOf(const IdentityRule& rule, std::string_view name);

// Validators known to CanonicalIdentity.
bool IsKnownNationalIdScheme(std::string_view scheme);

// `email` must already be a plausible address. `national_id` is read only for kNationalId.
Result<std::string> CanonicalIdentity(const IdentityRule& rule, std::string_view email,
                                      std::string_view national_id, const Date& today);

}  // namespace petitio
