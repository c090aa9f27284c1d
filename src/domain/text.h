// Text rules shared by every input path: UTF-8 validity, trimming, length in characters, and
// e-mail addresses. Pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace petitio {

bool IsValidUtf8(std::string_view s);
// Number of Unicode code points; only meaningful for valid UTF-8.
size_t CodePointCount(std::string_view s);
// Removes ASCII whitespace at both ends.
std::string_view Trim(std::string_view s);
// True when `s` contains an ASCII control character other than tab, CR and LF.
bool HasControlCharacters(std::string_view s, bool allow_newlines);
// A practical address check: one '@', a non-empty local part, a dotted domain, no spaces or
// control characters, at most 254 bytes.
bool IsPlausibleEmail(std::string_view s);
// The form two addresses are compared in: trimmed, lower-case (ASCII).
std::string NormalizeEmail(std::string_view s);

}  // namespace petitio
