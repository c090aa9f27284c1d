#include "identity/jws_public_key.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <sodium.h>

#include <array>
#include <utility>

namespace petitio {

namespace {

constexpr size_t kMaxPemBytes = size_t{64} * 1024;
constexpr int kMinRsaBits = 2048;
constexpr size_t kEd25519SignatureBytes = 64;

Status BadKey(std::string message) {
  ERR_clear_error();
  return Status::Invalid(std::move(message), "invalid_idp_key");
}

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

struct JwsPublicKey::Key {
  explicit Key(EVP_PKEY* p) : pkey(p) {}
  ~Key() {
    EVP_PKEY_CTX_free(rs256);
    EVP_MD_free(sha256);
    EVP_PKEY_free(pkey);
  }
  Key(const Key&) = delete;
  Key& operator=(const Key&) = delete;

  // Prepares RS256 once: OpenSSL 3 looks an algorithm up by name in its providers each time one
  // is named (EVP_DigestVerifyInit with EVP_sha256() does so on every call, about a sixth of an
  // RS256 check), so the digest is fetched here and the verifying context set up here; Verify
  // copies the context, as one context must not serve two threads at once.
  bool PrepareRs256() {
    sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    rs256 = EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr);
    return sha256 != nullptr && rs256 != nullptr && EVP_PKEY_verify_init(rs256) == 1 &&
           EVP_PKEY_CTX_set_rsa_padding(rs256, RSA_PKCS1_PADDING) == 1 &&
           EVP_PKEY_CTX_set_signature_md(rs256, sha256) == 1;
  }

  EVP_PKEY* pkey;
  EVP_MD* sha256 = nullptr;       // RS256: SHA-256, fetched once
  EVP_PKEY_CTX* rs256 = nullptr;  // RS256: PKCS #1 v1.5 verification with SHA-256, set up once
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> ed25519 = {};  // the raw key, for EdDSA
};

std::string_view JwsAlgorithmName(JwsAlgorithm alg) {
  switch (alg) {
    case JwsAlgorithm::kRs256:
      return "RS256";
    case JwsAlgorithm::kEdDsa:
      return "EdDSA";
  }
  return "";
}

Result<JwsPublicKey> JwsPublicKey::FromPem(std::string_view pem) {
  if (pem.empty() || pem.size() > kMaxPemBytes) {
    return BadKey("the identity provider's public key must be a PEM block of at most 64 KiB");
  }
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  if (bio == nullptr) return BadKey("could not read the identity provider's public key");
  // A "PUBLIC KEY" block is never encrypted, so no passphrase callback is ever needed.
  EVP_PKEY* raw = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (raw == nullptr) {
    return BadKey(
        "the identity provider's key is not a SubjectPublicKeyInfo PEM block "
        "(-----BEGIN PUBLIC KEY-----)");
  }
  auto key = std::make_shared<Key>(raw);
  switch (EVP_PKEY_get_base_id(raw)) {
    case EVP_PKEY_RSA:
      if (EVP_PKEY_get_bits(raw) < kMinRsaBits) {
        return BadKey("the identity provider's RSA key is shorter than 2048 bits");
      }
      if (!key->PrepareRs256()) return BadKey("could not prepare the identity provider's RSA key");
      ERR_clear_error();
      return JwsPublicKey(std::move(key), JwsAlgorithm::kRs256);
    case EVP_PKEY_ED25519: {
      // Checked with libsodium, twice as fast as OpenSSL here (bench/jws_verify_bench.cc).
      size_t size = key->ed25519.size();
      if (sodium_init() < 0 || EVP_PKEY_get_raw_public_key(raw, key->ed25519.data(), &size) != 1 ||
          size != key->ed25519.size()) {
        return BadKey("could not read the identity provider's Ed25519 key");
      }
      ERR_clear_error();
      return JwsPublicKey(std::move(key), JwsAlgorithm::kEdDsa);
    }
    default:
      return BadKey("the identity provider's key must be an RSA or an Ed25519 public key");
  }
}

bool JwsPublicKey::Verify(std::string_view signing_input, std::string_view signature) const {
  EVP_PKEY* pkey = key_->pkey;
  const size_t expected_size = algorithm_ == JwsAlgorithm::kEdDsa
                                   ? kEd25519SignatureBytes
                                   : static_cast<size_t>(EVP_PKEY_get_size(pkey));
  if (signature.size() != expected_size) return false;
  if (algorithm_ == JwsAlgorithm::kEdDsa) {
    return crypto_sign_verify_detached(Bytes(signature), Bytes(signing_input), signing_input.size(),
                                       key_->ed25519.data()) == 0;
  }

  // RS256 hashes with SHA-256 and pads with PKCS #1 v1.5.
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int digest_size = 0;
  EVP_PKEY_CTX* ctx = nullptr;
  const bool ok =
      EVP_Digest(signing_input.data(), signing_input.size(), digest.data(), &digest_size,
                 key_->sha256, nullptr) == 1 &&
      (ctx = EVP_PKEY_CTX_dup(key_->rs256)) != nullptr &&
      EVP_PKEY_verify(ctx, Bytes(signature), signature.size(), digest.data(), digest_size) == 1;
  EVP_PKEY_CTX_free(ctx);
  ERR_clear_error();
  return ok;
}

}  // namespace petitio
