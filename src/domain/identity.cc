#include "domain/identity.h"

#include "domain/national_id.h"
#include "domain/text.h"

namespace petitio {

std::string_view IdentityProofName(IdentityProof proof) {
  return proof == IdentityProof::kNationalId ? "national_id" : "email";
}

bool IsKnownNationalIdScheme(std::string_view scheme) { return scheme == "kz_iin"; }

Result<std::string> CanonicalIdentity(const IdentityRule& rule, std::string_view email,
                                      std::string_view national_id, const Date& today) {
  if (rule.proof == IdentityProof::kEmail) return CanonicalEmail(email);
  if (Trim(national_id).empty()) {
    return Status::Invalid(
        "national_id is required: signers under these rules give their "
        "national identification number (in Kazakhstan, the 12-digit IIN)",
        "missing_national_id");
  }
  if (rule.national_id != "kz_iin") {
    return Status::Internal("unknown national id scheme " + rule.national_id);
  }
  Result<KzIin> iin = ParseKzIin(national_id);
  if (!iin.ok()) return iin.status();
  if (rule.min_age > 0 && AgeOn(iin->birth_date, today) < rule.min_age) {
    return Status::Invalid("signers must be at least " + std::to_string(rule.min_age) +
                               " years old on the day they sign",
                           "signer_under_age");
  }
  return "kz-iin:" + iin->digits;
}

}  // namespace petitio
