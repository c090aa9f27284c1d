// Verifying one Ed25519 ID token signature: Petitio's JwsPublicKey (the identity path of every
// signer proven by a provider), beside libsodium's crypto_sign_verify_detached on the same key,
// message and signature in the same run, and RS256 for comparison. Google Benchmark; run with
// `build/release/bench/petitio_jws_verify_bench`. Results: docs/performance.md.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
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
  std::string pem = key.PublicPem();
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* pkey = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
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

}  // namespace

BENCHMARK_MAIN();
