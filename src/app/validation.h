// Field checks shared by the use cases. Each returns an InvalidArgument Status naming the
// field (code "invalid_<field>" or "missing_<field>") or OK; text is checked after trimming.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/result.h"
#include "domain/signature_token.h"

namespace petitio {

// A required single-line text of 1..max_chars characters, valid UTF-8, no control characters.
Status CheckLine(std::string_view field, std::string_view value, size_t max_chars);
// A required multi-line text (newlines allowed).
Status CheckText(std::string_view field, std::string_view value, size_t max_chars);
// A signature's token from a mail link: present and of either form domain/signature_token.h
// reads.
Result<SignatureToken> CheckSignatureToken(const std::string& token);
Status CheckEmail(std::string_view field, std::string_view value);
// A store's kNotFound for a petition, as the API names it ("petition_not_found").
Status PetitionLookupError(const Status& s);

inline constexpr size_t kMaxTitleChars = 150;
inline constexpr size_t kMaxTextChars = 8000;
inline constexpr size_t kMaxAddresseeChars = 200;
inline constexpr size_t kMaxNameChars = 100;
inline constexpr size_t kMaxReasonChars = 4000;

}  // namespace petitio
