// Verifying one Ed25519 ID token signature: Petitio's JwsPublicKey (the identity path of every
// signer proven by a provider), beside libsodium's crypto_sign_verify_detached on the same key,
// message and signature in the same run, and RS256 beside the RSA public operation alone. Google
// Benchmark; run with `build/release/bench/petitio_jws_verify_bench`. Results: docs/performance.md.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <sodium.h>

#include <string>

#include "identity/jws_public_key.h"
#include "jwt_test_signer.h"

namespace {

using petitio::JwsPublicKey;
using petitio::testing::TestKey;

const std::string kInput =
    "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2lkcC5iZW5jaC50ZXN0IiwiYXVkIjoi"
    "cGV0aXRpbyIsInN1YiI6InNpZ25lci0xMjM0NSIsIm5vbmNlIjoiYWJjZGVmIn0";

// The OpenSSL key of a test key's public PEM; the caller frees it.
EVP_PKEY* PublicKeyOf(const TestKey& key) {
  const std::string pem = key.PublicPem();
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* pkey = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  return pkey;
}

void BM_JwsPublicKeyEd25519(benchmark::State& state) {
  const TestKey key = TestKey::Ed25519();
  const JwsPublicKey pub = JwsPublicKey::FromPem(key.PublicPem()).value();
  const std::string sig = key.Sign(kInput);
  for (auto _ : state) benchmark::DoNotOptimize(pub.Verify(kInput, sig));
}
BENCHMARK(BM_JwsPublicKeyEd25519);

void BM_SodiumEd25519(benchmark::State& state) {
  if (sodium_init() < 0) state.SkipWithError("sodium_init");
  const TestKey key = TestKey::Ed25519();
  const std::string sig = key.Sign(kInput);
  // The raw 32-byte key is the last 32 bytes of its DER SubjectPublicKeyInfo.
  EVP_PKEY* pkey = PublicKeyOf(key);
  unsigned char raw[32];
  size_t len = sizeof raw;
  EVP_PKEY_get_raw_public_key(pkey, raw, &len);
  EVP_PKEY_free(pkey);
  for (auto _ : state) {
    benchmark::DoNotOptimize(crypto_sign_verify_detached(
        reinterpret_cast<const unsigned char*>(sig.data()),
        reinterpret_cast<const unsigned char*>(kInput.data()), kInput.size(), raw));
  }
}
BENCHMARK(BM_SodiumEd25519);

void BM_JwsPublicKeyRs256(benchmark::State& state) {
  const TestKey key = TestKey::Rsa();
  const JwsPublicKey pub = JwsPublicKey::FromPem(key.PublicPem()).value();
  const std::string sig = key.Sign(kInput);
  for (auto _ : state) benchmark::DoNotOptimize(pub.Verify(kInput, sig));
}
BENCHMARK(BM_JwsPublicKeyRs256);

// The floor under an RS256 check, as `openssl speed rsa2048` measures it: the RSA public
// operation on a SHA-256 digest computed beforehand, with one context set up before the loop
// (no hashing, no algorithm looked up, no context made per check).
void BM_OpensslRs256PublicOperationOnly(benchmark::State& state) {
  const TestKey key = TestKey::Rsa();
  const std::string sig = key.Sign(kInput);
  EVP_PKEY* pkey = PublicKeyOf(key);
  unsigned char digest[32];
  unsigned int digest_size = 0;
  EVP_Digest(kInput.data(), kInput.size(), digest, &digest_size, EVP_sha256(), nullptr);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(pkey, nullptr);
  if (EVP_PKEY_verify_init(ctx) != 1 || EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) != 1 ||
      EVP_PKEY_CTX_set_signature_md(ctx, EVP_sha256()) != 1) {
    state.SkipWithError("EVP_PKEY_verify_init");
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(EVP_PKEY_verify(
        ctx, reinterpret_cast<const unsigned char*>(sig.data()), sig.size(), digest, digest_size));
  }
  EVP_PKEY_CTX_free(ctx);
  EVP_PKEY_free(pkey);
}
BENCHMARK(BM_OpensslRs256PublicOperationOnly);

}  // namespace

BENCHMARK_MAIN();
