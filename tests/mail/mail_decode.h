// Test helpers: an independent reader for the messages src/mail writes (header unfolding,
// RFC 2047 B encoded-words, quoted-printable), so tests can compare decoded text with input.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace petitio::testing {

struct ParsedMessage {
  bool well_formed = false;                    // CRLF only, a blank line after the headers
  std::map<std::string, std::string> headers;  // name as written -> unfolded value
  std::vector<std::string> header_lines;       // physical lines, without CRLF
  std::string body;                            // still quoted-printable
};

ParsedMessage ParseMessage(std::string_view text);
// Decodes "=?UTF-8?B?...?=" words (dropping the white space between adjacent ones).
std::string DecodeWords(std::string_view value);
std::string DecodeQuotedPrintable(std::string_view body);
// The longest line, not counting CRLF.
size_t LongestLine(std::string_view text);

}  // namespace petitio::testing
