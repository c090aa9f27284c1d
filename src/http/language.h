// The language a visitor reads: the one they chose with the language switch (a cookie), else
// the best of their browser's Accept-Language that Petitio speaks, else English.
// LanguageCookie gives the Set-Cookie value that remembers a choice for a year.
#pragma once

#include <string>
#include <string_view>

#include "http/message.h"

namespace petitio::http {

inline constexpr const char* kLanguageCookie = "petitio_lang";

// "kk", "ru" or "en".
std::string_view RequestLanguage(const HttpRequest& req);
// The best supported language in an Accept-Language value ("ru-RU,ru;q=0.9,en;q=0.5"), or "".
std::string_view PreferredLanguage(std::string_view accept_language);
std::string LanguageCookie(std::string_view language);

}  // namespace petitio::http
