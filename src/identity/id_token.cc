#include "identity/id_token.h"

#include <openssl/crypto.h>

#include <boost/json.hpp>
#include <cmath>
#include <cstdint>
#include <optional>
#include <utility>

#include "identity/base64url.h"

namespace petitio {

namespace json = boost::json;

namespace {

// NumericDate values outside 1970..9999 are refused as malformed.
constexpr int64_t kMaxNumericDate = 253402300799;  // 9999-12-31T23:59:59Z
constexpr size_t kMaxSubjectBytes = 255;           // OpenID Connect Core 1.0 section 2

Status Fail(std::string_view code, std::string message) {
  return Status::Invalid(std::move(message), std::string(code));
}

Status Malformed(std::string message) { return Fail(kInvalidIdToken, std::move(message)); }

std::optional<json::object> ParseObject(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(json::string_view(text.data(), text.size()), ec);
  if (ec) return std::nullopt;
  json::object* obj = v.if_object();
  if (obj == nullptr) return std::nullopt;
  return std::move(*obj);
}

std::string_view View(const json::string& s) { return {s.data(), s.size()}; }

// A string member: absent, present as a string (copied to *out), or present with another type.
enum class Lookup { kAbsent, kString, kWrongType };
Lookup FindString(const json::object& obj, std::string_view name, std::string_view* out) {
  const json::value* v = obj.if_contains(json::string_view(name.data(), name.size()));
  if (v == nullptr) return Lookup::kAbsent;
  const json::string* s = v->if_string();
  if (s == nullptr) return Lookup::kWrongType;
  *out = View(*s);
  return Lookup::kString;
}

// A NumericDate (RFC 7519 section 2): seconds since the epoch, possibly fractional.
std::optional<TimePoint> NumericDate(const json::value& v) {
  int64_t millis = 0;
  if (const int64_t* i = v.if_int64()) {
    if (*i < 0 || *i > kMaxNumericDate) return std::nullopt;
    millis = *i * 1000;
  } else if (const uint64_t* u = v.if_uint64()) {
    if (*u > static_cast<uint64_t>(kMaxNumericDate)) return std::nullopt;
    millis = static_cast<int64_t>(*u) * 1000;
  } else if (const double* d = v.if_double()) {
    if (!std::isfinite(*d) || *d < 0 || *d > static_cast<double>(kMaxNumericDate)) {
      return std::nullopt;
    }
    millis = static_cast<int64_t>(std::floor(*d * 1000));
  } else {
    return std::nullopt;
  }
  return FromMillis(millis);
}

enum class DateLookup { kAbsent, kOk, kMalformed };
DateLookup FindDate(const json::object& obj, std::string_view name, TimePoint* out) {
  const json::value* v = obj.if_contains(json::string_view(name.data(), name.size()));
  if (v == nullptr) return DateLookup::kAbsent;
  std::optional<TimePoint> t = NumericDate(*v);
  if (!t) return DateLookup::kMalformed;
  *out = *t;
  return DateLookup::kOk;
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;  // only the length leaks
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Status CheckAudience(const json::object& claims, std::string_view audience) {
  const json::value* aud = claims.if_contains("aud");
  if (aud == nullptr) return Malformed("the ID token has no \"aud\" claim");
  bool found = false;
  if (const json::string* one = aud->if_string()) {
    found = View(*one) == audience;
  } else if (const json::array* many = aud->if_array()) {
    for (const json::value& item : *many) {
      const json::string* s = item.if_string();
      if (s == nullptr) return Malformed("the ID token's \"aud\" array holds a non-string");
      if (View(*s) == audience) found = true;
    }
  } else {
    return Malformed("the ID token's \"aud\" claim is neither a string nor an array");
  }
  if (!found) return Fail(kIdTokenAudience, "the ID token was not issued for this service");
  std::string_view azp;
  switch (FindString(claims, "azp", &azp)) {
    case Lookup::kAbsent:
      break;
    case Lookup::kWrongType:
      return Malformed("the ID token's \"azp\" claim is not a string");
    case Lookup::kString:
      if (azp != audience) {
        return Fail(kIdTokenAudience, "the ID token was authorised for another party (\"azp\")");
      }
      break;
  }
  return Status::Ok();
}

}  // namespace

Result<IdTokenVerifier> IdTokenVerifier::Create(IdentityProvider provider) {
  if (provider.issuer.empty() || provider.audience.empty()) {
    return Status::Invalid(
        "identity provider \"" + provider.id + "\" needs an issuer and an audience",
        "invalid_idp_config");
  }
  if (provider.leeway < std::chrono::seconds::zero()) {
    return Status::Invalid("identity provider \"" + provider.id + "\" has a negative leeway",
                           "invalid_idp_config");
  }
  Result<JwsPublicKey> key = JwsPublicKey::FromPem(provider.public_key_pem);
  if (!key.ok()) {
    return Status::Invalid("identity provider \"" + provider.id + "\": " + key.status().message(),
                           key.status().code());
  }
  return IdTokenVerifier(std::move(provider), std::move(key).value());
}

Result<IdTokenClaims> IdTokenVerifier::Verify(std::string_view compact_jwt,
                                              std::string_view expected_nonce,
                                              TimePoint now) const {
  // Shape: three base64url parts.
  if (compact_jwt.size() > kMaxIdTokenBytes) return Malformed("the ID token is too long");
  const size_t dot1 = compact_jwt.find('.');
  const size_t dot2 =
      dot1 == std::string_view::npos ? std::string_view::npos : compact_jwt.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || compact_jwt.find('.', dot2 + 1) != std::string_view::npos) {
    return Malformed("the ID token is not a compact JWS of three parts");
  }
  const std::string_view header_b64 = compact_jwt.substr(0, dot1);
  const std::string_view payload_b64 = compact_jwt.substr(dot1 + 1, dot2 - dot1 - 1);
  const std::string_view signature_b64 = compact_jwt.substr(dot2 + 1);
  std::optional<std::string> header_json = Base64UrlDecode(header_b64);
  std::optional<std::string> payload_json = Base64UrlDecode(payload_b64);
  std::optional<std::string> signature = Base64UrlDecode(signature_b64);
  if (!header_json || !payload_json || !signature) {
    return Malformed("the ID token is not valid unpadded base64url");
  }

  // Header: the key, not the token, decides the algorithm.
  std::optional<json::object> header = ParseObject(*header_json);
  if (!header) return Malformed("the ID token's header is not a JSON object");
  std::string_view alg;
  if (FindString(*header, "alg", &alg) != Lookup::kString) {
    return Malformed("the ID token's header has no \"alg\" string");
  }
  if (alg != JwsAlgorithmName(key_.algorithm())) {
    return Fail(kIdTokenSignature, "the ID token's \"alg\" is not " +
                                       std::string(JwsAlgorithmName(key_.algorithm())) +
                                       ", the only algorithm the provider's key allows");
  }
  if (header->contains("crit")) {
    return Fail(kIdTokenSignature, "the ID token's header has critical extensions (\"crit\")");
  }

  // Signature over the ASCII "header.payload", before the payload is parsed.
  if (!key_.Verify(compact_jwt.substr(0, dot2), *signature)) {
    return Fail(kIdTokenSignature, "the ID token's signature does not verify");
  }

  std::optional<json::object> claims = ParseObject(*payload_json);
  if (!claims) return Malformed("the ID token's payload is not a JSON object");

  std::string_view iss;
  switch (FindString(*claims, "iss", &iss)) {
    case Lookup::kAbsent:
      return Malformed("the ID token has no \"iss\" claim");
    case Lookup::kWrongType:
      return Malformed("the ID token's \"iss\" claim is not a string");
    case Lookup::kString:
      if (iss != provider_.issuer) {
        return Fail(kIdTokenIssuer, "the ID token was not issued by " + provider_.issuer);
      }
      break;
  }

  PETITIO_RETURN_IF_ERROR(CheckAudience(*claims, provider_.audience));

  IdTokenClaims out;
  if (FindDate(*claims, "exp", &out.expires_at) != DateLookup::kOk) {
    return Malformed("the ID token has no valid \"exp\" claim");
  }
  if (FindDate(*claims, "iat", &out.issued_at) != DateLookup::kOk) {
    return Malformed("the ID token has no valid \"iat\" claim");
  }
  TimePoint not_before;
  const DateLookup nbf = FindDate(*claims, "nbf", &not_before);
  if (nbf == DateLookup::kMalformed) return Malformed("the ID token's \"nbf\" claim is invalid");
  if (out.expires_at <= now - provider_.leeway) {
    return Fail(kIdTokenExpired, "the ID token has expired");
  }
  if (out.issued_at > now + provider_.leeway) {
    return Fail(kIdTokenNotYetValid, "the ID token is issued in the future");
  }
  if (nbf == DateLookup::kOk && not_before > now + provider_.leeway) {
    return Fail(kIdTokenNotYetValid, "the ID token is not valid yet (\"nbf\")");
  }

  std::string_view nonce;
  if (FindString(*claims, "nonce", &nonce) != Lookup::kString || expected_nonce.empty() ||
      !ConstantTimeEqual(nonce, expected_nonce)) {
    return Fail(kIdTokenNonce, "the ID token's nonce does not match this sign-in");
  }

  std::string_view sub;
  if (FindString(*claims, "sub", &sub) != Lookup::kString || sub.empty() ||
      sub.size() > kMaxSubjectBytes) {
    return Malformed("the ID token has no valid \"sub\" claim");
  }
  out.subject = sub;

  std::string_view national_id;
  if (!provider_.national_id_claim.empty()) {
    if (FindString(*claims, provider_.national_id_claim, &national_id) == Lookup::kWrongType) {
      return Malformed("the ID token's national id claim is not a string");
    }
  }
  out.national_id = national_id;

  std::string_view name;
  if (FindString(*claims, "name", &name) == Lookup::kWrongType) {
    return Malformed("the ID token's \"name\" claim is not a string");
  }
  out.name = name;
  return out;
}

}  // namespace petitio
