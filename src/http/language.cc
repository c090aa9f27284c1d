#include "http/language.h"

#include <cctype>
#include <cstdlib>

#include "domain/messages.h"

namespace petitio::http {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "ru-RU" -> the supported code "ru"; "" when not spoken here.
std::string_view Supported(std::string_view tag) {
  const std::string_view primary = tag.substr(0, tag.find('-'));
  for (std::string_view code : kLanguages) {
    if (primary.size() == code.size() &&
        std::equal(code.begin(), code.end(), primary.begin(), [](char a, char b) {
          return a == std::tolower(static_cast<unsigned char>(b));
        })) {
      return code;
    }
  }
  return "";
}

// The q value of one Accept-Language item's parameters ("q=0.8"); 1 when absent, 0 when bad.
double Quality(std::string_view params) {
  while (!params.empty()) {
    const size_t semi = params.find(';');
    const std::string_view p = Trim(params.substr(0, semi));
    if (p.size() > 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      const std::string v(p.substr(2, 5));
      char* end = nullptr;
      const double q = std::strtod(v.c_str(), &end);
      return end != v.c_str() && q >= 0 && q <= 1 ? q : 0;
    }
    if (semi == std::string_view::npos) break;
    params.remove_prefix(semi + 1);
  }
  return 1;
}

}  // namespace

std::string_view PreferredLanguage(std::string_view accept_language) {
  std::string_view best;
  double best_q = 0;
  int items = 0;
  while (!accept_language.empty() && items++ < 32) {
    const size_t comma = accept_language.find(',');
    const std::string_view item = Trim(accept_language.substr(0, comma));
    const size_t semi = item.find(';');
    const std::string_view tag = Trim(item.substr(0, semi));
    const double q = semi == std::string_view::npos ? 1 : Quality(item.substr(semi + 1));
    const std::string_view code = Supported(tag);
    if (!code.empty() && q > best_q) {
      best = code;
      best_q = q;
    }
    if (comma == std::string_view::npos) break;
    accept_language.remove_prefix(comma + 1);
  }
  return best;
}

std::string_view RequestLanguage(const HttpRequest& req) {
  const std::string chosen = req.Cookie(kLanguageCookie);
  for (std::string_view code : kLanguages) {
    if (chosen == code) return code;
  }
  const std::string_view preferred = PreferredLanguage(req.Header("accept-language"));
  return preferred.empty() ? std::string_view("en") : preferred;
}

std::string LanguageCookie(std::string_view language) {
  return std::string(kLanguageCookie) + "=" + std::string(language) +
         "; Path=/; Max-Age=31536000; SameSite=Lax";
}

}  // namespace petitio::http
