// A public key that checks JWS signatures (RFC 7515): RS256 with OpenSSL, EdDSA with libsodium
// (OpenSSL reads the key for both).
//
// FromPem accepts one SubjectPublicKeyInfo PEM block ("-----BEGIN PUBLIC KEY-----") holding an
// RSA key of at least 2048 bits, checked with RS256 (RSASSA-PKCS1-v1_5 with SHA-256), or an
// Ed25519 key, checked with EdDSA (RFC 8037). Any other key (a private key, RSA-PSS, EC, Ed448,
// a short RSA key, garbage) is Status::Invalid with code "invalid_idp_key". The key decides the
// algorithm: a JWS whose header names another one must be refused by the caller before
// Verify, which is how algorithm confusion ("none", HS256 keyed with the public key) is shut
// out.
//
// Verify returns true only for a valid signature over signing_input by this key. It never
// throws and leaves OpenSSL's (thread-local) error queue empty. A JwsPublicKey is immutable;
// copies share the parsed key; Verify is safe to call from many threads at once.
#pragma once

#include <memory>
#include <string_view>
#include <utility>

#include "domain/result.h"

namespace petitio {

enum class JwsAlgorithm { kRs256, kEdDsa };

// "RS256" or "EdDSA", as written in a JWS header.
std::string_view JwsAlgorithmName(JwsAlgorithm alg);

class JwsPublicKey {
 public:
  static Result<JwsPublicKey> FromPem(std::string_view pem);

  JwsAlgorithm algorithm() const { return algorithm_; }
  bool Verify(std::string_view signing_input, std::string_view signature) const;

 private:
  struct Key;  // owns the OpenSSL EVP_PKEY (and the raw Ed25519 key)
  JwsPublicKey(std::shared_ptr<const Key> key, JwsAlgorithm algorithm)
      : key_(std::move(key)), algorithm_(algorithm) {}

  std::shared_ptr<const Key> key_;
  JwsAlgorithm algorithm_;
};

}  // namespace petitio
