// Test-only: key pairs made with OpenSSL at run time, and compact JWTs signed with them.
// Aborts on any OpenSSL failure (a broken test set-up, not a test result).
#pragma once

#include <openssl/evp.h>

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <string_view>

namespace petitio::testing {

class TestKey {
 public:
  static TestKey Rsa(int bits = 2048);
  static TestKey Ed25519();
  static TestKey EcP256();  // only for PublicPem: a key type the verifier refuses

  bool is_rsa() const;
  std::string PublicPem() const;   // SubjectPublicKeyInfo
  std::string PrivatePem() const;  // PKCS #8, unencrypted
  // The raw JWS signature of input: RS256 for an RSA key, EdDSA for Ed25519. An RSA key signs
  // with rsa_digest instead of SHA-256 when one is given (RS384 with EVP_sha384(), say).
  std::string Sign(std::string_view input, const EVP_MD* rsa_digest = nullptr) const;

 private:
  explicit TestKey(EVP_PKEY* key) : key_(key, EVP_PKEY_free) {}
  std::shared_ptr<EVP_PKEY> key_;
};

// The base64url JSON of header and payload, joined by '.'.
std::string SigningInput(const boost::json::object& header, const boost::json::object& payload);
// A compact JWS: signing input, '.', base64url of signature.
std::string Compact(std::string_view signing_input, std::string_view signature);
// A compact JWS signed by key with the algorithm its type implies, header {"alg","typ":"JWT"}.
std::string SignedJwt(const TestKey& key, const boost::json::object& payload);
// HMAC-SHA-256 of data under secret (for forging HS256 tokens).
std::string HmacSha256(std::string_view secret, std::string_view data);

}  // namespace petitio::testing
