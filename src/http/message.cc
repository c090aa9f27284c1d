// The library-free helpers of message.h: query, header and cookie look-ups and the
// percent-/form-encoding codecs.
#include "http/message.h"

#include <cstddef>

namespace petitio::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsUnreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Decodes one form component; a component with a malformed escape is kept verbatim, so a
// hand-typed "100%" is not lost.
std::string DecodeFormComponent(std::string_view in) {
  std::string out;
  if (!PercentDecode(in, out, /*plus_is_space=*/true)) out.assign(in);
  return out;
}

}  // namespace

std::string_view HttpRequest::QueryParam(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return {};
}

bool HttpRequest::HasQueryParam(std::string_view name) const {
  for (const auto& entry : query) {
    if (entry.first == name) return true;
  }
  return false;
}

std::string_view HttpRequest::Header(std::string_view name) const {
  auto it = headers.find(std::string(name));
  if (it == headers.end()) return {};
  return it->second;
}

std::string HttpRequest::Cookie(std::string_view name) const {
  std::string_view rest = Header("cookie");
  while (!rest.empty()) {
    size_t end = rest.find(';');
    std::string_view pair = TrimSpaces(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos || TrimSpaces(pair.substr(0, eq)) != name) continue;
    std::string_view value = TrimSpaces(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return std::string(value);
  }
  return {};
}

std::vector<std::pair<std::string, std::string>> ParseUrlEncoded(std::string_view s) {
  std::vector<std::pair<std::string, std::string>> result;
  while (!s.empty()) {
    size_t end = s.find('&');
    std::string_view part = s.substr(0, end);
    s = end == std::string_view::npos ? std::string_view() : s.substr(end + 1);
    if (part.empty()) continue;
    size_t eq = part.find('=');
    if (eq == std::string_view::npos) {
      result.emplace_back(DecodeFormComponent(part), std::string());
    } else {
      result.emplace_back(DecodeFormComponent(part.substr(0, eq)),
                          DecodeFormComponent(part.substr(eq + 1)));
    }
  }
  return result;
}

bool PercentDecode(std::string_view in, std::string& out, bool plus_is_space) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

std::string PercentEncode(std::string_view in) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(in.size());
  for (char c : in) {
    if (IsUnreserved(c)) {
      out.push_back(c);
    } else {
      auto byte = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0F]);
    }
  }
  return out;
}

}  // namespace petitio::http
