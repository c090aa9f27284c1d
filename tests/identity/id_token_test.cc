#include "identity/id_token.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "identity/base64url.h"
#include "jwt_test_signer.h"

namespace petitio {
namespace {

using testing::Compact;
using testing::HmacSha256;
using testing::SignedJwt;
using testing::SigningInput;
using testing::TestKey;
namespace json = boost::json;

constexpr int64_t kNow = 1717927200;  // 2024-06-09T10:00:00Z, the reference petition's day
constexpr char kIssuer[] = "https://idp.egov.kz";
constexpr char kAudience[] = "petitio";
constexpr char kNonce[] = "n-0S6_WzA2Mj";

TimePoint Now() { return FromMillis(kNow * 1000); }

// Key generation takes a moment for RSA; each test process makes a key at most once.
const TestKey& RsaKey() {
  static const TestKey key = TestKey::Rsa();
  return key;
}
const TestKey& EdKey() {
  static const TestKey key = TestKey::Ed25519();
  return key;
}

IdentityProvider Provider(const TestKey& key) {
  IdentityProvider p;
  p.id = "egov";
  p.issuer = kIssuer;
  p.audience = kAudience;
  p.public_key_pem = key.PublicPem();
  return p;
}

IdTokenVerifier Verifier(IdentityProvider p) {
  Result<IdTokenVerifier> v = IdTokenVerifier::Create(std::move(p));
  if (!v.ok()) ADD_FAILURE() << v.status().ToString();
  return std::move(v).value();
}
IdTokenVerifier Verifier(const TestKey& key) { return Verifier(Provider(key)); }

json::object Claims() {
  return {{"iss", kIssuer},    {"aud", kAudience}, {"sub", "248289761001"}, {"iin", "900101300123"},
          {"name", "Aigerim"}, {"nonce", kNonce},  {"iat", kNow - 10},      {"exp", kNow + 300}};
}

// "ok" or the failure's code, so each check reads as one line.
std::string CodeOf(const Result<IdTokenClaims>& r) { return r.ok() ? "ok" : r.status().code(); }

std::string Verify(const TestKey& key, const json::object& claims) {
  return CodeOf(Verifier(key).Verify(SignedJwt(key, claims), kNonce, Now()));
}

// A token with any header, signed by key (whatever alg the header claims).
std::string WithHeader(const TestKey& key, const json::object& header, const json::object& claims) {
  const std::string input = SigningInput(header, claims);
  return Compact(input, key.Sign(input));
}

// --- Valid tokens -----------------------------------------------------------------------------

TEST(IdTokenTest, ValidRs256TokenGivesItsClaims) {
  const Result<IdTokenClaims> r =
      Verifier(RsaKey()).Verify(SignedJwt(RsaKey(), Claims()), kNonce, Now());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->subject, "248289761001");
  EXPECT_EQ(r->national_id, "900101300123");
  EXPECT_EQ(r->name, "Aigerim");
  EXPECT_EQ(r->issued_at, FromMillis((kNow - 10) * 1000));
  EXPECT_EQ(r->expires_at, FromMillis((kNow + 300) * 1000));
}

TEST(IdTokenTest, ValidEdDsaTokenGivesItsClaims) {
  const Result<IdTokenClaims> r =
      Verifier(EdKey()).Verify(SignedJwt(EdKey(), Claims()), kNonce, Now());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->subject, "248289761001");
  EXPECT_EQ(r->national_id, "900101300123");
  EXPECT_EQ(r->name, "Aigerim");
}

TEST(IdTokenTest, AbsentNationalIdAndNameGiveEmptyStrings) {
  json::object claims = Claims();
  claims.erase("iin");
  claims.erase("name");
  const Result<IdTokenClaims> r =
      Verifier(EdKey()).Verify(SignedJwt(EdKey(), claims), kNonce, Now());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->national_id, "");
  EXPECT_EQ(r->name, "");
}

TEST(IdTokenTest, NationalIdClaimNameComesFromTheProvider) {
  IdentityProvider p = Provider(EdKey());
  p.national_id_claim = "personal_code";
  json::object claims = Claims();
  claims["personal_code"] = "38001010000";
  const Result<IdTokenClaims> r = Verifier(p).Verify(SignedJwt(EdKey(), claims), kNonce, Now());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->national_id, "38001010000");

  p.national_id_claim = "";  // this provider carries no national id
  const Result<IdTokenClaims> none = Verifier(p).Verify(SignedJwt(EdKey(), claims), kNonce, Now());
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->national_id, "");
}

TEST(IdTokenTest, NonStringNationalIdOrNameIsMalformed) {
  json::object claims = Claims();
  claims["iin"] = 900101300123;
  EXPECT_EQ(Verify(EdKey(), claims), "invalid_id_token");
  claims = Claims();
  claims["name"] = json::array{"Aigerim"};
  EXPECT_EQ(Verify(EdKey(), claims), "invalid_id_token");
}

TEST(IdTokenTest, FractionalTimesAreAccepted) {
  json::object claims = Claims();
  claims["iat"] = static_cast<double>(kNow) - 0.5;
  claims["exp"] = static_cast<double>(kNow) + 299.25;
  const Result<IdTokenClaims> r =
      Verifier(EdKey()).Verify(SignedJwt(EdKey(), claims), kNonce, Now());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->issued_at, FromMillis(kNow * 1000 - 500));
  EXPECT_EQ(r->expires_at, FromMillis(kNow * 1000 + 299250));
}

TEST(IdTokenTest, VerifyIsSafeFromManyThreads) {
  const IdTokenVerifier v = Verifier(RsaKey());
  const std::string rsa_token = SignedJwt(RsaKey(), Claims());
  // The same token with one signature bit flipped: each thread's checks alternate between a
  // good and a bad signature, so a verifying context shared between them would show.
  const std::string input = rsa_token.substr(0, rsa_token.rfind('.'));
  std::string flipped = RsaKey().Sign(input);
  flipped[flipped.size() / 3] ^= 1;
  const std::string bad_token = Compact(input, flipped);
  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < failures.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        if (!v.Verify(rsa_token, kNonce, Now()).ok()) ++failures[t];
        if (v.Verify(rsa_token, "other", Now()).ok()) ++failures[t];
        if (CodeOf(v.Verify(bad_token, kNonce, Now())) != "id_token_signature") ++failures[t];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

// --- Issuer, audience, nonce, subject ---------------------------------------------------------

TEST(IdTokenTest, WrongOrMissingIssuerIsRefused) {
  json::object claims = Claims();
  claims["iss"] = "https://idp.egov.kz/";  // exact match only
  EXPECT_EQ(Verify(EdKey(), claims), "id_token_issuer");
  claims["iss"] = "https://evil.example";
  EXPECT_EQ(Verify(EdKey(), claims), "id_token_issuer");
  claims.erase("iss");
  EXPECT_EQ(Verify(EdKey(), claims), "invalid_id_token");
}

TEST(IdTokenTest, WrongAudienceIsRefused) {
  json::object claims = Claims();
  claims["aud"] = "another-client";
  EXPECT_EQ(Verify(EdKey(), claims), "id_token_audience");
  claims["aud"] = "petitio-admin";
  EXPECT_EQ(Verify(EdKey(), claims), "id_token_audience");
  claims["aud"] = 7;
  EXPECT_EQ(Verify(EdKey(), claims), "invalid_id_token");
  claims.erase("aud");
  EXPECT_EQ(Verify(EdKey(), claims), "invalid_id_token");
}

TEST(IdTokenTest, AudienceMayBeAnArray) {
  json::object claims = Claims();
  claims["aud"] = json::array{"other", kAudience};
  EXPECT_EQ(Verify(EdKey(), claims), "ok");
  claims["aud"] = json::array{kAudience};
  EXPECT_EQ(Verify(RsaKey(), claims), "ok");
  claims["aud"] = json::array{"other", "third"};
  EXPECT_EQ(Verify(EdKey(), claims), "id_token_audience");
  claims["aud"] = json::array{};
  EXPECT_EQ(Verify(EdKey(), claims), "id_token_audience");
  claims["aud"] = json::array{kAudience, 3};
  EXPECT_EQ(Verify(EdKey(), claims), "invalid_id_token");
}

TEST(IdTokenTest, AuthorisedPartyMustBeUsWhenPresent) {
  json::object claims = Claims();
  claims["aud"] = json::array{kAudience, "other"};
  claims["azp"] = kAudience;
  EXPECT_EQ(Verify(EdKey(), claims), "ok");
  claims["azp"] = "other";
  EXPECT_EQ(Verify(EdKey(), claims), "id_token_audience");
}

TEST(IdTokenTest, NonceMustMatchExactly) {
  const IdTokenVerifier v = Verifier(EdKey());
  const std::string token = SignedJwt(EdKey(), Claims());
  EXPECT_EQ(CodeOf(v.Verify(token, kNonce, Now())), "ok");
  EXPECT_EQ(CodeOf(v.Verify(token, "n-0S6_WzA2Mk", Now())), "id_token_nonce");
  EXPECT_EQ(CodeOf(v.Verify(token, "n-0S6_WzA2M", Now())), "id_token_nonce");
  EXPECT_EQ(CodeOf(v.Verify(token, "", Now())), "id_token_nonce");

  json::object claims = Claims();
  claims.erase("nonce");
  EXPECT_EQ(Verify(EdKey(), claims), "id_token_nonce");
  claims["nonce"] = 12345;
  EXPECT_EQ(Verify(EdKey(), claims), "id_token_nonce");
  claims["nonce"] = "";  // an empty nonce never matches, even an empty expectation
  EXPECT_EQ(CodeOf(v.Verify(SignedJwt(EdKey(), claims), "", Now())), "id_token_nonce");
}

TEST(IdTokenTest, SubjectMustBeANonEmptyString) {
  json::object claims = Claims();
  claims["sub"] = "";
  EXPECT_EQ(Verify(EdKey(), claims), "invalid_id_token");
  claims["sub"] = 248289761001;
  EXPECT_EQ(Verify(EdKey(), claims), "invalid_id_token");
  claims["sub"] = std::string(256, 'a');
  EXPECT_EQ(Verify(EdKey(), claims), "invalid_id_token");
  claims["sub"] = std::string(255, 'a');
  EXPECT_EQ(Verify(EdKey(), claims), "ok");
  claims.erase("sub");
  EXPECT_EQ(Verify(EdKey(), claims), "invalid_id_token");
}

// --- Times and leeway (60 s by default) -------------------------------------------------------

TEST(IdTokenTest, ExpiredBeyondLeewayIsRefused) {
  json::object claims = Claims();
  claims["iat"] = kNow - 600;
  claims["exp"] = kNow - 59;  // expired 59 s ago: within the leeway
  EXPECT_EQ(Verify(EdKey(), claims), "ok");
  claims["exp"] = kNow - 60;  // exactly the leeway: exp must be later than now - leeway
  EXPECT_EQ(Verify(EdKey(), claims), "id_token_expired");
  claims["exp"] = static_cast<double>(kNow) - 59.999;
  EXPECT_EQ(Verify(EdKey(), claims), "ok");
  claims["exp"] = kNow - 3600;
  EXPECT_EQ(Verify(EdKey(), claims), "id_token_expired");
}

TEST(IdTokenTest, IssuedInTheFutureBeyondLeewayIsRefused) {
  json::object claims = Claims();
  claims["iat"] = kNow + 60;
  EXPECT_EQ(Verify(EdKey(), claims), "ok");
  claims["iat"] = kNow + 61;
  EXPECT_EQ(Verify(EdKey(), claims), "id_token_not_yet_valid");
}

TEST(IdTokenTest, NotBeforeBeyondLeewayIsRefused) {
  json::object claims = Claims();
  claims["nbf"] = kNow + 60;
  EXPECT_EQ(Verify(EdKey(), claims), "ok");
  claims["nbf"] = kNow + 61;
  EXPECT_EQ(Verify(EdKey(), claims), "id_token_not_yet_valid");
  claims["nbf"] = "soon";
  EXPECT_EQ(Verify(EdKey(), claims), "invalid_id_token");
}

TEST(IdTokenTest, ZeroLeewayIsExact) {
  IdentityProvider p = Provider(EdKey());
  p.leeway = std::chrono::seconds(0);
  const IdTokenVerifier v = Verifier(p);
  json::object claims = Claims();
  claims["exp"] = kNow;
  EXPECT_EQ(CodeOf(v.Verify(SignedJwt(EdKey(), claims), kNonce, Now())), "id_token_expired");
  claims["exp"] = kNow + 1;
  EXPECT_EQ(CodeOf(v.Verify(SignedJwt(EdKey(), claims), kNonce, Now())), "ok");
  claims["iat"] = kNow + 1;
  EXPECT_EQ(CodeOf(v.Verify(SignedJwt(EdKey(), claims), kNonce, Now())), "id_token_not_yet_valid");
}

TEST(IdTokenTest, MissingOrInvalidTimesAreMalformed) {
  for (const char* name : {"exp", "iat"}) {
    json::object claims = Claims();
    claims.erase(name);
    EXPECT_EQ(Verify(EdKey(), claims), "invalid_id_token") << name;
    claims[name] = "2024-06-09T10:00:00Z";
    EXPECT_EQ(Verify(EdKey(), claims), "invalid_id_token") << name;
    claims[name] = -1;
    EXPECT_EQ(Verify(EdKey(), claims), "invalid_id_token") << name;
    claims[name] = static_cast<uint64_t>(1) << 63;
    EXPECT_EQ(Verify(EdKey(), claims), "invalid_id_token") << name;
    claims[name] = 1e300;
    EXPECT_EQ(Verify(EdKey(), claims), "invalid_id_token") << name;
  }
}

// --- Signatures and algorithm confusion ------------------------------------------------------

TEST(IdTokenTest, AlgNoneIsRefused) {
  for (const TestKey* key : {&RsaKey(), &EdKey()}) {
    const IdTokenVerifier v = Verifier(*key);
    const std::string input = SigningInput({{"alg", "none"}, {"typ", "JWT"}}, Claims());
    EXPECT_EQ(CodeOf(v.Verify(input + ".", kNonce, Now())), "id_token_signature");
    EXPECT_EQ(CodeOf(v.Verify(Compact(input, key->Sign(input)), kNonce, Now())),
              "id_token_signature");
    const std::string upper = SigningInput({{"alg", "None"}}, Claims());
    EXPECT_EQ(CodeOf(v.Verify(upper + ".", kNonce, Now())), "id_token_signature");
  }
}

TEST(IdTokenTest, Hs256KeyedWithThePublicKeyIsRefused) {
  // The classic confusion attack: the attacker knows the public key and uses its PEM text as
  // an HMAC secret, hoping the verifier lets the header pick HMAC.
  for (const TestKey* key : {&RsaKey(), &EdKey()}) {
    const std::string input = SigningInput({{"alg", "HS256"}, {"typ", "JWT"}}, Claims());
    const std::string forged = Compact(input, HmacSha256(key->PublicPem(), input));
    EXPECT_EQ(CodeOf(Verifier(*key).Verify(forged, kNonce, Now())), "id_token_signature");
  }
}

TEST(IdTokenTest, AlgMustMatchTheKeyType) {
  // An RS256 header checked against an Ed25519 key, and the reverse, each with a signature
  // that is valid for the key the header names.
  EXPECT_EQ(CodeOf(Verifier(EdKey()).Verify(SignedJwt(RsaKey(), Claims()), kNonce, Now())),
            "id_token_signature");
  EXPECT_EQ(CodeOf(Verifier(RsaKey()).Verify(SignedJwt(EdKey(), Claims()), kNonce, Now())),
            "id_token_signature");
  // Signatures valid for the verifier's own key under a header naming the other algorithm:
  // only the header check can refuse these.
  EXPECT_EQ(CodeOf(Verifier(EdKey()).Verify(WithHeader(EdKey(), {{"alg", "RS256"}}, Claims()),
                                            kNonce, Now())),
            "id_token_signature");
  EXPECT_EQ(CodeOf(Verifier(RsaKey()).Verify(WithHeader(RsaKey(), {{"alg", "EdDSA"}}, Claims()),
                                             kNonce, Now())),
            "id_token_signature");
  // The header names the key's own algorithm in another spelling, or a relative of it.
  struct Case {
    const char* alg;
    const TestKey& key;
  };
  for (const Case& c : {Case{"rs256", RsaKey()}, Case{"RS512", RsaKey()}, Case{"PS256", RsaKey()},
                        Case{"ES256", EdKey()}, Case{"Ed25519", EdKey()}, Case{"eddsa", EdKey()},
                        Case{"", EdKey()}}) {
    const std::string token = WithHeader(c.key, {{"alg", c.alg}}, Claims());
    EXPECT_EQ(CodeOf(Verifier(c.key).Verify(token, kNonce, Now())), "id_token_signature") << c.alg;
  }
}

TEST(IdTokenTest, CriticalHeaderExtensionsAreRefused) {
  const std::string token =
      WithHeader(EdKey(), {{"alg", "EdDSA"}, {"crit", json::array{"exp"}}}, Claims());
  EXPECT_EQ(CodeOf(Verifier(EdKey()).Verify(token, kNonce, Now())), "id_token_signature");
}

TEST(IdTokenTest, TokenSignedByAnotherKeyIsRefused) {
  const TestKey other_ed = TestKey::Ed25519();
  EXPECT_EQ(CodeOf(Verifier(EdKey()).Verify(SignedJwt(other_ed, Claims()), kNonce, Now())),
            "id_token_signature");
  const TestKey other_rsa = TestKey::Rsa();
  EXPECT_EQ(CodeOf(Verifier(RsaKey()).Verify(SignedJwt(other_rsa, Claims()), kNonce, Now())),
            "id_token_signature");
}

TEST(IdTokenTest, Rs256RefusesAnRsaSignatureMadeWithAnotherHash) {
  // RS256 is PKCS #1 v1.5 over SHA-256: the same key's signature of the same input made with
  // SHA-384, SHA-512 or SHA-1 (RS384, RS512, the old RSA-SHA1) is not one.
  const IdTokenVerifier v = Verifier(RsaKey());
  const std::string input = SigningInput({{"alg", "RS256"}}, Claims());
  ASSERT_EQ(CodeOf(v.Verify(Compact(input, RsaKey().Sign(input)), kNonce, Now())), "ok");
  for (const EVP_MD* md : {EVP_sha384(), EVP_sha512(), EVP_sha1()}) {
    EXPECT_EQ(CodeOf(v.Verify(Compact(input, RsaKey().Sign(input, md)), kNonce, Now())),
              "id_token_signature")
        << EVP_MD_get0_name(md);
  }
}

TEST(IdTokenTest, TamperedTokensAreRefused) {
  for (const TestKey* key : {&RsaKey(), &EdKey()}) {
    const IdTokenVerifier v = Verifier(*key);
    const std::string input = SigningInput({{"alg", key->is_rsa() ? "RS256" : "EdDSA"}}, Claims());
    const std::string sig = key->Sign(input);
    const std::string token = Compact(input, sig);
    ASSERT_EQ(CodeOf(v.Verify(token, kNonce, Now())), "ok");
    const size_t dot1 = token.find('.');
    const size_t dot2 = token.rfind('.');

    // The payload swapped for one naming someone else, signature kept.
    json::object claims = Claims();
    claims["iin"] = "850505400321";
    const std::string forged =
        token.substr(0, dot1 + 1) + Base64UrlEncode(json::serialize(claims)) + token.substr(dot2);
    EXPECT_EQ(CodeOf(v.Verify(forged, kNonce, Now())), "id_token_signature");

    // One signature bit flipped.
    std::string flipped = sig;
    flipped[sig.size() / 2] ^= 1;
    EXPECT_EQ(CodeOf(v.Verify(Compact(input, flipped), kNonce, Now())), "id_token_signature");

    // The signature one byte short, one byte long, and missing.
    EXPECT_EQ(CodeOf(v.Verify(Compact(input, sig.substr(1)), kNonce, Now())), "id_token_signature");
    EXPECT_EQ(CodeOf(v.Verify(Compact(input, sig + '\0'), kNonce, Now())), "id_token_signature");
    EXPECT_EQ(CodeOf(v.Verify(input + ".", kNonce, Now())), "id_token_signature");
  }
}

// --- Malformed tokens -------------------------------------------------------------------------

TEST(IdTokenTest, OversizeTokenIsRefusedEvenIfSigned) {
  json::object claims = Claims();
  claims["padding"] = std::string(size_t{10} * 1024, 'x');
  EXPECT_EQ(Verify(EdKey(), claims), "ok");  // 10 KiB of JSON is ~13.7 KiB of token
  claims["padding"] = std::string(size_t{13} * 1024, 'x');
  const std::string token = SignedJwt(EdKey(), claims);
  ASSERT_GT(token.size(), kMaxIdTokenBytes);
  EXPECT_EQ(CodeOf(Verifier(EdKey()).Verify(token, kNonce, Now())), "invalid_id_token");
}

TEST(IdTokenTest, WrongNumberOfPartsIsMalformed) {
  const IdTokenVerifier v = Verifier(EdKey());
  const std::string token = SignedJwt(EdKey(), Claims());
  const std::string two_parts = token.substr(0, token.rfind('.'));
  EXPECT_EQ(CodeOf(v.Verify(two_parts, kNonce, Now())), "invalid_id_token");
  EXPECT_EQ(CodeOf(v.Verify(token + ".", kNonce, Now())), "invalid_id_token");
  EXPECT_EQ(CodeOf(v.Verify(token + ".AAAA", kNonce, Now())), "invalid_id_token");
  EXPECT_EQ(CodeOf(v.Verify("", kNonce, Now())), "invalid_id_token");
  EXPECT_EQ(CodeOf(v.Verify("..", kNonce, Now())), "invalid_id_token");
  EXPECT_EQ(CodeOf(v.Verify("not a token", kNonce, Now())), "invalid_id_token");
}

TEST(IdTokenTest, BadBase64UrlIsMalformed) {
  const IdTokenVerifier v = Verifier(EdKey());
  const std::string token = SignedJwt(EdKey(), Claims());
  EXPECT_EQ(CodeOf(v.Verify(token + "==", kNonce, Now())), "invalid_id_token");  // padding
  EXPECT_EQ(CodeOf(v.Verify(" " + token, kNonce, Now())), "invalid_id_token");
  EXPECT_EQ(CodeOf(v.Verify(token + "\n", kNonce, Now())), "invalid_id_token");
  std::string plus = token;
  plus[3] = '+';
  EXPECT_EQ(CodeOf(v.Verify(plus, kNonce, Now())), "invalid_id_token");
  std::string slash = token;
  slash[token.find('.') + 2] = '/';
  EXPECT_EQ(CodeOf(v.Verify(slash, kNonce, Now())), "invalid_id_token");
}

TEST(IdTokenTest, NonJsonHeaderOrPayloadIsMalformed) {
  const IdTokenVerifier v = Verifier(EdKey());
  const std::string payload = Base64UrlEncode(json::serialize(Claims()));
  for (const char* header : {"not json", "[\"EdDSA\"]", "{\"alg\":\"EdDSA\"", "{}", "{\"alg\":7}",
                             "{\"typ\":\"JWT\"}", "\"EdDSA\""}) {
    const std::string input = Base64UrlEncode(header) + "." + payload;
    EXPECT_EQ(CodeOf(v.Verify(Compact(input, EdKey().Sign(input)), kNonce, Now())),
              "invalid_id_token")
        << header;
  }
  // A correctly signed payload that is not a JSON object.
  for (const char* body : {"not json", "[1,2]", "{\"sub\":"}) {
    const std::string input = Base64UrlEncode(R"({"alg":"EdDSA"})") + "." + Base64UrlEncode(body);
    EXPECT_EQ(CodeOf(v.Verify(Compact(input, EdKey().Sign(input)), kNonce, Now())),
              "invalid_id_token")
        << body;
  }
}

TEST(IdTokenTest, MessagesNeverContainTheTokenOrItsClaims) {
  const IdTokenVerifier v = Verifier(RsaKey());
  json::object claims = Claims();
  claims["iss"] = "https://evil.example";
  std::vector<std::string> tokens = {SignedJwt(RsaKey(), claims), SignedJwt(EdKey(), Claims()),
                                     SignedJwt(RsaKey(), Claims()) + "=="};
  claims = Claims();
  claims["aud"] = "someone-else";
  tokens.push_back(SignedJwt(RsaKey(), claims));
  tokens.push_back(SignedJwt(RsaKey(), Claims()));  // fails on the nonce below
  for (const std::string& token : tokens) {
    const Result<IdTokenClaims> r = v.Verify(token, "expected-nonce", Now());
    ASSERT_FALSE(r.ok());
    const std::string& message = r.status().message();
    EXPECT_FALSE(message.empty());
    EXPECT_EQ(message.find(token.substr(0, 20)), std::string::npos) << message;
    EXPECT_EQ(message.find(token.substr(token.rfind('.') + 1, 20)), std::string::npos) << message;
    for (const char* value : {"evil", "someone-else", "900101300123", "248289761001", kNonce}) {
      EXPECT_EQ(message.find(value), std::string::npos) << message;
    }
    EXPECT_EQ(r.status().kind(), ErrorKind::kInvalidArgument);
  }
}

// --- Provider set-up --------------------------------------------------------------------------

std::string CreateCode(IdentityProvider p) {
  const Result<IdTokenVerifier> v = IdTokenVerifier::Create(std::move(p));
  return v.ok() ? "ok" : v.status().code();
}

TEST(IdTokenTest, CreateRefusesKeysItCannotUse) {
  IdentityProvider p = Provider(EdKey());
  p.public_key_pem = "not a key";
  EXPECT_EQ(CreateCode(p), "invalid_idp_key");
  p.public_key_pem = "";
  EXPECT_EQ(CreateCode(p), "invalid_idp_key");
  p.public_key_pem = EdKey().PrivatePem();  // a private key is not what we are given
  EXPECT_EQ(CreateCode(p), "invalid_idp_key");
  std::string corrupt = EdKey().PublicPem();
  corrupt[corrupt.find('\n') + 5] ^= 1;
  p.public_key_pem = corrupt;
  EXPECT_EQ(CreateCode(p), "invalid_idp_key");
  p.public_key_pem = TestKey::EcP256().PublicPem();
  EXPECT_EQ(CreateCode(p), "invalid_idp_key");
  p.public_key_pem = TestKey::Rsa(1024).PublicPem();
  EXPECT_EQ(CreateCode(p), "invalid_idp_key");
  p.public_key_pem = RsaKey().PublicPem();
  EXPECT_EQ(CreateCode(p), "ok");
}

TEST(IdTokenTest, CreateRefusesAnIncompleteProvider) {
  IdentityProvider p = Provider(EdKey());
  p.issuer = "";
  EXPECT_EQ(CreateCode(p), "invalid_idp_config");
  p = Provider(EdKey());
  p.audience = "";
  EXPECT_EQ(CreateCode(p), "invalid_idp_config");
  p = Provider(EdKey());
  p.leeway = std::chrono::seconds(-1);
  EXPECT_EQ(CreateCode(p), "invalid_idp_config");
}

}  // namespace
}  // namespace petitio
