#include "domain/search_fold.h"

#include <cstdint>

namespace petitio {

namespace {

uint32_t Fold(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 0x20;
  if (c < 0x80) return c;
  if ((c >= 0xC0 && c <= 0xDE) && c != 0xD7) return c + 0x20;  // Latin-1 capitals
  if (c == 0x178) return 0xFF;                                 // Ÿ
  if (c >= 0x100 && c <= 0x137 && c != 0x130) return c | 1;    // pairs: even capital
  if (c >= 0x139 && c <= 0x148) return (c & 1) ? c + 1 : c;    // pairs: odd capital
  if (c >= 0x14A && c <= 0x177) return c | 1;
  if (c >= 0x179 && c <= 0x17E) return (c & 1) ? c + 1 : c;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;  // А-Я
  if (c >= 0x400 && c <= 0x40F) c += 0x50;        // Ѐ-Џ (Ё, Є, І, Ї, ...)
  if (c == 0x451) return 0x435;                   // ё reads as е
  // Cyrillic supplement pairs (even capital, odd small): Ґ Ғ Қ Ң Ү Ұ Һ and the rest, Ә Ө.
  if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x4FF)) {
    return c | 1;
  }
  if (c >= 0x4C1 && c <= 0x4CE) return (c & 1) ? c + 1 : c;
  return c;
}

void Append(std::string& out, uint32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

std::string FoldForSearch(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<uint8_t>(s[i]);
    if (b < 0x80) {
      out += static_cast<char>(Fold(b));
      ++i;
      continue;
    }
    // Two-byte sequences cover every letter folded here; others are copied as they are.
    if ((b & 0xE0) == 0xC0 && i + 1 < s.size() && (static_cast<uint8_t>(s[i + 1]) & 0xC0) == 0x80) {
      const uint32_t c = ((b & 0x1Fu) << 6) | (static_cast<uint8_t>(s[i + 1]) & 0x3Fu);
      if (c >= 0x80) {
        Append(out, Fold(c));
        i += 2;
        continue;
      }
    }
    out += s[i];
    ++i;
  }
  return out;
}

std::string ContainsPattern(std::string_view q) {
  std::string out = "%";
  for (char c : q) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

}  // namespace petitio
