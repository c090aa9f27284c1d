#include "app/validation.h"

#include <optional>
#include <utility>

#include "domain/crypto.h"
#include "domain/text.h"

namespace petitio {

namespace {

Status CheckAny(std::string_view field, std::string_view value, size_t max_chars,
                bool allow_newlines) {
  const std::string f(field);
  if (!IsValidUtf8(value)) return Status::Invalid(f + " is not valid UTF-8", "invalid_" + f);
  const std::string_view v = Trim(value);
  if (v.empty()) return Status::Invalid(f + " is required", "missing_" + f);
  if (HasControlCharacters(v, allow_newlines)) {
    return Status::Invalid(f + " contains control characters", "invalid_" + f);
  }
  if (CodePointCount(v) > max_chars) {
    return Status::Invalid(f + " is longer than " + std::to_string(max_chars) + " characters",
                           "invalid_" + f);
  }
  return Status::Ok();
}

}  // namespace

Status CheckLine(std::string_view field, std::string_view value, size_t max_chars) {
  return CheckAny(field, value, max_chars, false);
}

Status CheckText(std::string_view field, std::string_view value, size_t max_chars) {
  return CheckAny(field, value, max_chars, true);
}

Result<SignatureToken> CheckSignatureToken(const std::string& token) {
  if (token.empty()) return Status::Invalid("token is required", "missing_token");
  std::optional<SignatureToken> t = ParseSignatureToken(token);
  if (!t) return Status::Invalid("token is malformed", "invalid_token");
  return std::move(*t);
}

Status CheckEmail(std::string_view field, std::string_view value) {
  const std::string f(field);
  if (Trim(value).empty()) return Status::Invalid(f + " is required", "missing_" + f);
  if (!IsPlausibleEmail(Trim(value))) {
    return Status::Invalid(f + " is not a valid e-mail address", "invalid_" + f);
  }
  return Status::Ok();
}

Status PetitionLookupError(const Status& s) {
  if (s.kind() == ErrorKind::kNotFound)
    return Status::NotFound("no such petition", "petition_not_found");
  return s;
}

}  // namespace petitio
