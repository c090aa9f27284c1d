// Signature: one person's support for one petition, as initiator, sponsor or signer.
//
// A signature starts pending and becomes validated when its confirmation token comes back;
// validation is idempotent. Invalidated, fraudulent and withdrawn (by the signer) signatures
// never count. A signer is
// recognised by `identity_hash`, a keyed hash (HMAC-SHA-256 with the server's secret) of the
// identity the profile asks for in its canonical form (the canonical e-mail, or the national id
// number), never the raw value; uniqueness per petition is on that hash. The confirmation
// token itself is never stored, only its hash.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/time.h"

namespace petitio {

enum class SignatureState { kPending, kValidated, kInvalidated, kFraudulent, kWithdrawn };
enum class SignerRole { kInitiator, kSponsor, kSigner };

std::string_view SignatureStateName(SignatureState state);
std::optional<SignatureState> ParseSignatureState(std::string_view name);
std::string_view SignerRoleName(SignerRole role);
std::optional<SignerRole> ParseSignerRole(std::string_view name);

// Counts towards the petition's signature_count.
bool IsCounted(SignatureState s);

struct Signature {
  int64_t id = 0;
  int64_t petition_id = 0;
  SignerRole role = SignerRole::kSigner;
  std::string name;
  std::string email;          // kept to send mail; erased by later retention rules
  std::string identity_hash;  // hex HMAC-SHA-256 of the canonical identity
  std::string region;         // a profile region code, or empty
  std::string ip;             // the signing request's address: moderators only, for fraud checks
  std::string subnet;         // its /24 (IPv4) or /64 (IPv6)
  std::string email_domain;   // the canonical domain of the e-mail address
  std::optional<int64_t> log_index;  // its entry in the petition's transparency log, once counted
  std::string token_hash;            // hex SHA-256 of the confirmation token
  SignatureState state = SignatureState::kPending;
  TimePoint created_at;
  std::optional<TimePoint> validated_at;
};

}  // namespace petitio
