// Pages and mails in the visitor's language: Accept-Language, the language switch and its
// cookie, lang attributes, a petition's own language, and mails in Kazakh and Russian. Expected
// texts come from the shipped catalogues, so a translation can change without breaking this.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "domain/messages.h"
#include "site_fixture.h"
#include "test_store.h"

namespace petitio::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const Messages& Shipped() {
  static const std::map<std::string, std::string> files = [] {
    std::map<std::string, std::string> f;
    for (std::string_view lang : kLanguages) {
      f[std::string(lang)] = ReadFile(std::string(PETITIO_SOURCE_DIR) + "/web/messages/" +
                                      std::string(lang) + ".toml");
    }
    return f;
  }();
  static const Messages messages = [] {
    std::map<std::string, std::string_view> views(files.begin(), files.end());
    return *Messages::Parse(views);
  }();
  return messages;
}

class LanguageTest : public SiteTest {};

TEST_F(LanguageTest, AcceptLanguageChoosesThePagesLanguage) {
  for (std::string_view lang : kLanguages) {
    const HttpReply home = Get("/", {{"Accept-Language", std::string(lang) + ";q=0.9, de"}});
    ASSERT_EQ(home.status, 200);
    EXPECT_NE(home.body.find("<html lang=\"" + std::string(lang) + "\">"), std::string::npos);
    EXPECT_EQ(home.headers.at("content-language"), lang);
    EXPECT_NE(home.body.find(Shipped().For(lang).Text("home.lead")), std::string::npos) << lang;
  }
  const HttpReply other = Get("/", {{"Accept-Language", "de-DE"}});
  EXPECT_NE(other.body.find("<html lang=\"en\">"), std::string::npos);
}

TEST_F(LanguageTest, TheSwitchRemembersTheChoiceAndReturnsToThePage) {
  const HttpReply page = Get("/petitions?q=bench");
  EXPECT_NE(page.body.find("href=\"/language/kk?next=%2Fpetitions%3Fq%3Dbench\" hreflang=\"kk\" "
                           "lang=\"kk\""),
            std::string::npos)
      << page.body.substr(0, 2000);
  const HttpReply chosen = Get("/language/kk?next=%2Fpetitions%3Fq%3Dbench");
  EXPECT_EQ(chosen.status, 303);
  EXPECT_EQ(chosen.headers.at("location"), "/petitions?q=bench");
  const std::string cookie = chosen.headers.at("set-cookie");
  EXPECT_EQ(cookie.rfind("petitio_lang=kk;", 0), 0u) << cookie;
  // The cookie wins over the browser's own preference.
  const HttpReply next =
      Get("/petitions?q=bench", {{"Cookie", "petitio_lang=kk"}, {"Accept-Language", "ru"}});
  EXPECT_NE(next.body.find("<html lang=\"kk\">"), std::string::npos);
  EXPECT_NE(next.body.find(Shipped().For("kk").Text("search.heading")), std::string::npos);
}

TEST_F(LanguageTest, TheSwitchGoesNowhereElseAndKnowsOnlyItsLanguages) {
  for (const char* next :
       {"%2F%2Fevil.example%2F", "https%3A%2F%2Fevil.example", "", "%2F%5Cevil"}) {
    const HttpReply r = Get(std::string("/language/ru?next=") + next);
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.headers.at("location"), "/") << next;
  }
  EXPECT_EQ(Get("/language/de?next=%2F").status, 404);
  EXPECT_EQ(Get("/language/../etc").status, 404);
}

TEST_F(LanguageTest, APetitionKeepsItsOwnLanguage) {
  const int64_t id = CreateConfirmed("de-bt", "initiator-ru@example.org", R"("language":"ru",)");
  const HttpReply page = Get("/petitions/" + std::to_string(id) + "?token=" +
                                 TokenFromMail("initiator-ru@example.org", "/sponsor?token="),
                             {{"Accept-Language", "en"}});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(page.body.find("<h1 lang=\"ru\">Plant a tree for every child</h1>"), std::string::npos)
      << page.body;
  EXPECT_EQ(
      Post("/api/v1/petitions",
           R"({"profile":"de-bt","title":"T","text":"T","addressee":"A","language":"Deutsch",)"
           R"("initiator":{"name":"N","email":"n@example.org"}})")
          .status,
      400);
}

TEST_F(LanguageTest, MailsAreInTheSignersLanguage) {
  const int64_t id = CreateOpenPetition("de-bt", 0);
  const std::string path = "/api/v1/petitions/" + std::to_string(id) + "/signatures";
  for (std::string_view lang : {"kk", "ru"}) {
    const std::string email = "signer-" + std::string(lang) + "@example.org";
    const HttpReply r =
        Post(path, R"({"name":"Айгерим","email":")" + email + R"("})",
             {{"Content-Type", "application/json"}, {"Accept-Language", std::string(lang)}});
    ASSERT_EQ(r.status, 202) << r.body;
    std::string mail;
    for (const std::string& eml : SentMail(data_dir_)) {
      if (eml.find(email) != std::string::npos) mail = UnfoldMail(eml);
    }
    const Catalogue& t = Shipped().For(lang);
    EXPECT_NE(mail.find(t.Text("mail.dear", {{"name", "Айгерим"}})), std::string::npos) << mail;
    EXPECT_NE(mail.find(t.Text("mail.confirm.open")), std::string::npos) << mail;
    EXPECT_NE(mail.find("Subject: =?UTF-8?B?"), std::string::npos) << mail;  // encoded, not raw
  }
}

}  // namespace
}  // namespace petitio::testing
