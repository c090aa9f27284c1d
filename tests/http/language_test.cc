// Which language a visitor reads: the switch's cookie, else Accept-Language, else English.
#include "http/language.h"

#include <gtest/gtest.h>

namespace petitio::http {
namespace {

HttpRequest WithHeaders(std::string cookie, std::string accept) {
  HttpRequest r;
  r.method = "GET";
  if (!cookie.empty()) r.headers["cookie"] = std::move(cookie);
  if (!accept.empty()) r.headers["accept-language"] = std::move(accept);
  return r;
}

TEST(LanguageTest, AcceptLanguagePicksTheBestSpokenLanguage) {
  EXPECT_EQ(PreferredLanguage("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7"), "ru");
  EXPECT_EQ(PreferredLanguage("de-DE,de;q=0.9,kk;q=0.5,en;q=0.4"), "kk");
  EXPECT_EQ(PreferredLanguage("en;q=0.2, KK-kz"), "kk");
  EXPECT_EQ(PreferredLanguage("de, fr;q=0.8"), "");
  EXPECT_EQ(PreferredLanguage("ru;q=0, en;q=0.1"), "en");
  EXPECT_EQ(PreferredLanguage("ru;q=abc"), "");
  EXPECT_EQ(PreferredLanguage(""), "");
  EXPECT_EQ(PreferredLanguage(",,;;q=,"), "");
}

TEST(LanguageTest, TheSwitchsCookieWinsOverTheBrowser) {
  EXPECT_EQ(RequestLanguage(WithHeaders("petitio_lang=kk", "ru")), "kk");
  EXPECT_EQ(RequestLanguage(WithHeaders("a=b; petitio_lang=ru", "en")), "ru");
  EXPECT_EQ(RequestLanguage(WithHeaders("petitio_lang=xx", "ru")), "ru");  // unknown: ignored
  EXPECT_EQ(RequestLanguage(WithHeaders("", "kk-KZ")), "kk");
  EXPECT_EQ(RequestLanguage(WithHeaders("", "")), "en");
}

TEST(LanguageTest, TheCookieIsRememberedForAYearOnTheWholeSite) {
  EXPECT_EQ(LanguageCookie("kk"), "petitio_lang=kk; Path=/; Max-Age=31536000; SameSite=Lax");
}

}  // namespace
}  // namespace petitio::http
