#include "domain/identity.h"

#include <algorithm>

#include "domain/national_id.h"
#include "domain/text.h"

namespace petitio {

std::string_view IdentityProofName(IdentityProof proof) {
  return proof == IdentityProof::kNationalId ? "national_id" : "email";
}

std::string PublicNameOf(const IdentityRule& rule, std::string_view name) {
  const std::string_view trimmed = Trim(name);
  if (rule.public_name == PublicName::kFull) return std::string(trimmed);
  const size_t first_end = trimmed.find(' ');
  if (first_end == std::string_view::npos) return std::string(trimmed);
  const std::string_view first = trimmed.substr(0, first_end);
  std::string_view last = trimmed.substr(trimmed.rfind(' ') + 1);
  // The initial is the whole first UTF-8 character of the last word.
  size_t len = 1;
  const auto lead = static_cast<unsigned char>(last[0]);
  if (lead >= 0xF0) {
    len = 4;
  } else if (lead >= 0xE0) {
    len = 3;
  } else if (lead >= 0xC0) {
    len = 2;
  }
  return std::string(first) + " " + std::string(last.substr(0, std::min(len, last.size()))) + ".";
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
