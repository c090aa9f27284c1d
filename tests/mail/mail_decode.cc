#include "mail_decode.h"

#include <algorithm>
#include <cstdint>

namespace petitio::testing {
namespace {

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') {
    return c - 'A';
  }
  if (c >= 'a' && c <= 'z') {
    return c - 'a' + 26;
  }
  if (c >= '0' && c <= '9') {
    return c - '0' + 52;
  }
  if (c == '+') {
    return 62;
  }
  if (c == '/') {
    return 63;
  }
  return -1;
}

std::string DecodeBase64(std::string_view s) {
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : s) {
    const int v = Base64Value(c);
    if (v < 0) {
      continue;  // padding
    }
    bits = (bits << 6) | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

}  // namespace

ParsedMessage ParseMessage(std::string_view text) {
  ParsedMessage m;
  const size_t end = text.find("\r\n\r\n");
  if (end == std::string_view::npos) {
    return m;
  }
  m.body = std::string(text.substr(end + 4));
  bool crlf_only = true;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) {
      crlf_only = false;
    }
    if (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')) {
      crlf_only = false;
    }
  }
  std::string_view head = text.substr(0, end + 2);
  std::string name;
  while (!head.empty()) {
    const size_t eol = head.find("\r\n");
    const std::string_view line = head.substr(0, eol);
    head.remove_prefix(eol + 2);
    m.header_lines.emplace_back(line);
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      if (name.empty()) {
        return m;
      }
      m.headers[name] += line;  // unfolding removes only the CRLF
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return m;
    }
    name = std::string(line.substr(0, colon));
    std::string_view value = line.substr(colon + 1);
    m.headers[name] = std::string(value);
  }
  for (auto& [key, value] : m.headers) {
    if (!value.empty() && value[0] == ' ') {
      value.erase(0, 1);
    }
  }
  m.well_formed = crlf_only;
  return m;
}

std::string DecodeWords(std::string_view value) {
  std::string out;
  std::string pending_space;
  bool last_was_word = false;
  size_t i = 0;
  while (i < value.size()) {
    if (value.substr(i, 10) == "=?UTF-8?B?") {
      const size_t close = value.find("?=", i + 10);
      if (close == std::string_view::npos) {
        break;
      }
      if (!last_was_word) {
        out += pending_space;
      }
      pending_space.clear();
      out += DecodeBase64(value.substr(i + 10, close - i - 10));
      i = close + 2;
      last_was_word = true;
    } else if (value[i] == ' ' || value[i] == '\t') {
      pending_space += value[i++];
    } else {
      out += pending_space;
      pending_space.clear();
      out += value[i++];
      last_was_word = false;
    }
  }
  if (!last_was_word) {
    out += pending_space;
  }
  return out;
}

std::string DecodeQuotedPrintable(std::string_view body) {
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '=') {
      out += body[i];
    } else if (body.substr(i + 1, 2) == "\r\n") {
      i += 2;  // soft line break
    } else if (i + 2 < body.size() && HexValue(body[i + 1]) >= 0 && HexValue(body[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(body[i + 1]) * 16 + HexValue(body[i + 2]));
      i += 2;
    } else {
      out += "<BAD=>";
    }
  }
  return out;
}

size_t LongestLine(std::string_view text) {
  size_t longest = 0;
  while (!text.empty()) {
    const size_t eol = std::min(text.find("\r\n"), text.size());
    longest = std::max(longest, eol);
    text.remove_prefix(std::min(text.size(), eol + 2));
  }
  return longest;
}

}  // namespace petitio::testing
