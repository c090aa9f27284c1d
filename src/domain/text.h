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
// The form used to decide that two addresses reach one mailbox: NormalizeEmail's, and then, for
// a few large providers whose documented behaviour is to ignore them (the table in text.cc),
// the "+tag" removed from the local part (everything from the first '+'), and for Gmail also
// every dot, with googlemail.com written gmail.com. The domain is what follows the last '@'.
// Other domains keep their local part as written (lower-cased); an address without '@' is only
// trimmed and lower-cased, and so is one whose local part these removals would leave empty.
std::string CanonicalEmail(std::string_view address);

}  // namespace petitio
