#include "jwt_test_signer.h"

#include <openssl/bio.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <cstdio>
#include <cstdlib>

#include "identity/base64url.h"

namespace petitio::testing {

namespace {

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "jwt_test_signer: %s failed\n", what);
  std::abort();
}

template <typename WriteFn>
std::string ToPem(WriteFn write) {
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio == nullptr || write(bio) != 1) Die("PEM write");
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(len));
  BIO_free(bio);
  return pem;
}

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

TestKey TestKey::Rsa(int bits) {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits));
  if (key == nullptr) Die("RSA keygen");
  return TestKey(key);
}

TestKey TestKey::Ed25519() {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  if (key == nullptr) Die("Ed25519 keygen");
  return TestKey(key);
}

TestKey TestKey::EcP256() {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  if (key == nullptr) Die("EC keygen");
  return TestKey(key);
}

bool TestKey::is_rsa() const { return EVP_PKEY_get_base_id(key_.get()) == EVP_PKEY_RSA; }

std::string TestKey::PublicPem() const {
  return ToPem([&](BIO* bio) { return PEM_write_bio_PUBKEY(bio, key_.get()); });
}

std::string TestKey::PrivatePem() const {
  return ToPem([&](BIO* bio) {
    return PEM_write_bio_PrivateKey(bio, key_.get(), nullptr, nullptr, 0, nullptr, nullptr);
  });
}

std::string TestKey::Sign(std::string_view input, const EVP_MD* rsa_digest) const {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx == nullptr) Die("EVP_MD_CTX_new");
  const EVP_MD* md = is_rsa() ? (rsa_digest != nullptr ? rsa_digest : EVP_sha256()) : nullptr;
  if (EVP_DigestSignInit(ctx, nullptr, md, nullptr, key_.get()) != 1) Die("EVP_DigestSignInit");
  size_t len = 0;
  if (EVP_DigestSign(ctx, nullptr, &len, Bytes(input), input.size()) != 1) Die("sign length");
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len, Bytes(input),
                     input.size()) != 1) {
    Die("EVP_DigestSign");
  }
  sig.resize(len);
  EVP_MD_CTX_free(ctx);
  return sig;
}

std::string SigningInput(const boost::json::object& header, const boost::json::object& payload) {
  return Base64UrlEncode(boost::json::serialize(header)) + "." +
         Base64UrlEncode(boost::json::serialize(payload));
}

std::string Compact(std::string_view signing_input, std::string_view signature) {
  return std::string(signing_input) + "." + Base64UrlEncode(signature);
}

std::string SignedJwt(const TestKey& key, const boost::json::object& payload) {
  const boost::json::object header{{"alg", key.is_rsa() ? "RS256" : "EdDSA"}, {"typ", "JWT"}};
  const std::string input = SigningInput(header, payload);
  return Compact(input, key.Sign(input));
}

std::string HmacSha256(std::string_view secret, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), Bytes(data), data.size(),
           mac, &len) == nullptr) {
    Die("HMAC");
  }
  return std::string(reinterpret_cast<const char*>(mac), len);
}

}  // namespace petitio::testing
