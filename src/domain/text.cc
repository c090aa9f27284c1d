#include "domain/text.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace petitio {

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<uint8_t>(s[i]);
    size_t len = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      // Then eight ASCII bytes at a time: most of a mail or a page is ASCII runs.
      uint64_t eight = 0;
      while (i + sizeof eight <= n &&
             (std::memcpy(&eight, s.data() + i, sizeof eight), eight & 0x8080808080808080u) == 0) {
        i += sizeof eight;
      }
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<uint8_t>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Reject overlong forms, surrogates and values past U+10FFFF.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

size_t CodePointCount(std::string_view s) {
  size_t count = 0;
  for (char ch : s) {
    if ((static_cast<uint8_t>(ch) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string_view Trim(std::string_view s) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool HasControlCharacters(std::string_view s, bool allow_newlines) {
  for (char ch : s) {
    const auto c = static_cast<uint8_t>(ch);
    if (c == '\t') continue;
    if (allow_newlines && (c == '\n' || c == '\r')) continue;
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

bool IsPlausibleEmail(std::string_view s) {
  if (s.empty() || s.size() > 254) return false;
  const size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = s.substr(at + 1);
  if (domain.size() < 3 || domain.front() == '.' || domain.back() == '.' ||
      domain.find('.') == std::string_view::npos || domain.find("..") != std::string_view::npos) {
    return false;
  }
  for (char ch : s) {
    const auto c = static_cast<uint8_t>(ch);
    if (c <= 0x20 || c == 0x7F || ch == '<' || ch == '>' || ch == ',' || ch == ';' || ch == '"' ||
        ch == '\\') {
      return false;
    }
  }
  return IsValidUtf8(s);
}

std::string NormalizeEmail(std::string_view s) {
  std::string out(Trim(s));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

namespace {

// Mailbox providers' documented behaviour: every one ignores a "+tag" after the local part
// (plus addressing, RFC 5233 subaddressing); Gmail also ignores dots in it and serves
// googlemail.com as gmail.com. Domains are compared lower-cased and exactly (no subdomains).
struct MailboxProvider {
  std::string_view domain;
  std::string_view canonical_domain;
  bool ignores_dots;
};
constexpr std::array<MailboxProvider, 12> kMailboxProviders = {{
    {"gmail.com", "gmail.com", true},
    {"googlemail.com", "gmail.com", true},
    {"outlook.com", "outlook.com", false},
    {"hotmail.com", "hotmail.com", false},
    {"live.com", "live.com", false},
    {"icloud.com", "icloud.com", false},
    {"me.com", "me.com", false},
    {"fastmail.com", "fastmail.com", false},
    {"proton.me", "proton.me", false},
    {"protonmail.com", "protonmail.com", false},
    {"yandex.ru", "yandex.ru", false},
    {"yandex.kz", "yandex.kz", false},
}};

}  // namespace

std::string CanonicalEmail(std::string_view address) {
  std::string normal = NormalizeEmail(address);
  const size_t at = normal.rfind('@');
  if (at == std::string::npos) return normal;
  const std::string_view local = std::string_view(normal).substr(0, at);
  const std::string_view domain = std::string_view(normal).substr(at + 1);
  for (const MailboxProvider& provider : kMailboxProviders) {
    if (domain != provider.domain) continue;
    std::string canonical_local;
    for (char c : local.substr(0, local.find('+'))) {
      if (c == '.' && provider.ignores_dots) continue;
      canonical_local += c;
    }
    if (canonical_local.empty()) return normal;
    return canonical_local + '@' + std::string(provider.canonical_domain);
  }
  return normal;
}

}  // namespace petitio
