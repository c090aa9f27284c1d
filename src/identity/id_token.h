// Verifying OpenID Connect ID tokens from an external identity provider (OpenID Connect Core
// 1.0 section 3.1.3.7), the way eGov-style portals prove who a citizen is.
//
// An IdTokenVerifier holds one provider's settings and its parsed public key. Create parses the
// key once: an unusable key is Status::Invalid "invalid_idp_key"; an empty issuer or audience
// or a negative leeway is "invalid_idp_config".
//
// Verify accepts a token only if all of these hold, checked in this order:
//   - it is at most kMaxIdTokenBytes long and is a compact JWS: three strict base64url parts
//     (no padding, no whitespace), the first two JSON objects;
//   - the header's "alg" is exactly the one the provider's key type allows ("RS256" for an RSA
//     key, "EdDSA" for an Ed25519 key) and it has no "crit" member; "none", "HS256" and any
//     other value are refused, so a token cannot choose how it is checked;
//   - the signature over "header.payload" verifies with the provider's key (OpenSSL EVP);
//   - "iss" equals the issuer; "aud" (a string or an array of strings) contains the audience,
//     and "azp", when present, equals it;
//   - "exp" > now - leeway; "iat" <= now + leeway; "nbf", if present, <= now + leeway (times
//     are JSON numbers of seconds since the epoch);
//   - "nonce" equals expected_nonce (compared in constant time; an empty expected_nonce never
//     matches);
//   - "sub" is a non-empty string of at most 255 bytes; "name" and the national id claim, when
//     present, are strings (absent, they give "").
// Every failure is Status::Invalid with one of the codes below and a fixed message that never
// contains the token or any value taken from it. The payload is parsed only after the
// signature has been verified. Duplicate JSON member names resolve to the last one (RFC 7519
// section 4 allows this). No exception escapes except std::bad_alloc.
//
// Thread-safety: an IdTokenVerifier is immutable after Create; Verify is const and may be
// called from many threads at once. Copies share the parsed key.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "domain/result.h"
#include "domain/time.h"
#include "identity/jws_public_key.h"

namespace petitio {

// Status codes of Verify.
inline constexpr std::string_view kInvalidIdToken = "invalid_id_token";  // malformed
inline constexpr std::string_view kIdTokenSignature = "id_token_signature";
inline constexpr std::string_view kIdTokenIssuer = "id_token_issuer";
inline constexpr std::string_view kIdTokenAudience = "id_token_audience";
inline constexpr std::string_view kIdTokenExpired = "id_token_expired";
inline constexpr std::string_view kIdTokenNotYetValid = "id_token_not_yet_valid";
inline constexpr std::string_view kIdTokenNonce = "id_token_nonce";

// Longer tokens are refused before any parsing.
inline constexpr size_t kMaxIdTokenBytes = size_t{16} * 1024;

struct IdentityProvider {
  std::string id;              // "egov"
  std::string issuer;          // exact "iss"
  std::string audience;        // must be in "aud" (string or array): our client id
  std::string public_key_pem;  // SubjectPublicKeyInfo PEM: RSA (RS256) or Ed25519 (EdDSA)
  std::string national_id_claim = "iin";  // claim carrying the national id, may be absent
  std::chrono::seconds leeway{60};        // clock skew allowed on exp/iat/nbf
};

struct IdTokenClaims {
  std::string subject;      // "sub": the provider's stable id for the person
  std::string national_id;  // the national id claim, "" when absent; personal data
  std::string name;         // "name", "" when absent
  TimePoint issued_at;      // "iat"
  TimePoint expires_at;     // "exp"
};

class IdTokenVerifier {
 public:
  static Result<IdTokenVerifier> Create(IdentityProvider provider);

  Result<IdTokenClaims> Verify(std::string_view compact_jwt, std::string_view expected_nonce,
                               TimePoint now) const;

  const IdentityProvider& provider() const { return provider_; }

 private:
  IdTokenVerifier(IdentityProvider provider, JwsPublicKey key)
      : provider_(std::move(provider)), key_(std::move(key)) {}

  IdentityProvider provider_;
  JwsPublicKey key_;
};

}  // namespace petitio
