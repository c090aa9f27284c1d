// Base64url (RFC 4648 section 5) without padding, as JOSE uses it (RFC 7515 section 2).
//
// Base64UrlDecode is strict: it accepts only the alphabet A-Z a-z 0-9 '-' '_', no '=' padding,
// no whitespace, no length that leaves a lone character (length % 4 == 1), and only the
// canonical encoding (the unused low bits of the last character are zero), so each byte string
// has exactly one accepted encoding. Anything else gives std::nullopt. Pure functions,
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace petitio {

std::string Base64UrlEncode(std::string_view bytes);
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace petitio
