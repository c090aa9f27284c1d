// Message catalogues: plural choice, numbers, dates, and the checks that stop a catalogue with a
// missing key or plural form. The shipped catalogues (web/messages) are checked against each
// other and against every key the pages, templates and mails use.
#include "domain/messages.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "shipped_files.h"

namespace petitio {
namespace {

constexpr const char* kCommon = R"(
[date]
format = "{day} {month} {year}"
time_format = "{date}, {time} UTC"
month.1 = "1"
month.2 = "2"
month.3 = "3"
month.4 = "4"
month.5 = "5"
month.6 = "6"
month.7 = "7"
month.8 = "8"
month.9 = "9"
month.10 = "10"
month.11 = "11"
month.12 = "12"
)";

Catalogue MustParse(std::string_view lang, const std::string& toml) {
  Result<Catalogue> c = Catalogue::Parse(lang, toml + kCommon);
  if (!c.ok()) throw std::runtime_error(c.status().ToString());
  return std::move(*c);
}

TEST(CatalogueTest, RussianPluralsFollowCldr) {
  const Catalogue ru = MustParse("ru", R"(
[number]
group_separator = "\u00a0"
[sig]
one = "{count} подпись"
few = "{count} подписи"
many = "{count} подписей"
other = "{count} подписи"
)");
  // CLDR ru: one i%10=1 and i%100!=11; few i%10=2..4 and i%100!=12..14; many otherwise.
  EXPECT_EQ(ru.Plural("sig", 1), "1 подпись");
  EXPECT_EQ(ru.Plural("sig", 2), "2 подписи");
  EXPECT_EQ(ru.Plural("sig", 5), "5 подписей");
  EXPECT_EQ(ru.Plural("sig", 11), "11 подписей");
  EXPECT_EQ(ru.Plural("sig", 21), "21 подпись");
  EXPECT_EQ(ru.Plural("sig", 22), "22 подписи");
  EXPECT_EQ(ru.Plural("sig", 112), "112 подписей");
  EXPECT_EQ(ru.Plural("sig", 50000), "50\u00a0000 подписей");
}

TEST(CatalogueTest, TextsTakeNamedArguments) {
  const Catalogue en = MustParse("en", R"(
[number]
group_separator = ","
[a]
b = "{who} signed {what}; {unknown} stays"
)");
  EXPECT_EQ(en.Text("a.b", {{"who", "Ann"}, {"what", "it"}}), "Ann signed it; {unknown} stays");
  EXPECT_EQ(en.Text("a.missing"), "[a.missing]");
  EXPECT_TRUE(en.Has("a.b"));
  EXPECT_FALSE(en.Has("a"));
}

TEST(CatalogueTest, NumbersAndDates) {
  const Catalogue en = MustParse("en", "[number]\ngroup_separator = \",\"\n");
  EXPECT_EQ(en.Number(0), "0");
  EXPECT_EQ(en.Number(999), "999");
  EXPECT_EQ(en.Number(1000), "1,000");
  EXPECT_EQ(en.Number(50000), "50,000");
  EXPECT_EQ(en.Number(1234567), "1,234,567");
  EXPECT_EQ(en.Number(-1500), "-1,500");
  EXPECT_EQ(en.FormatDate({2024, 8, 5}), "5 8 2024");
  EXPECT_EQ(en.FormatDateTime(FromMillis(0) + std::chrono::hours(10)), "1 1 1970, 10:00 UTC");
}

TEST(CatalogueTest, PluralWithoutAFormOfTheLanguageIsRefused) {
  Result<Catalogue> c = Catalogue::Parse("ru", std::string(R"(
[number]
group_separator = " "
[sig]
one = "{count} подпись"
other = "{count} подписи"
)") + kCommon);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("sig: needs the plural form"), std::string::npos);
}

TEST(MessagesTest, AKeyMissingInOneLanguageIsRefused) {
  const std::string en =
      std::string("[number]\ngroup_separator = \",\"\n[x]\na = \"A\"\nb = \"B\"\n") + kCommon;
  const std::string kk =
      std::string("[number]\ngroup_separator = \" \"\n[x]\na = \"А\"\n") + kCommon;
  Result<Messages> m = Messages::Parse({{"en", en}, {"ru", en}, {"kk", kk}});
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().message(), "messages/kk.toml: x.b is missing");
  Result<Messages> extra = Messages::Parse({{"en", kk}, {"ru", kk}, {"kk", en}});
  ASSERT_FALSE(extra.ok());
  EXPECT_EQ(extra.status().message(), "messages/kk.toml: x.b is not in en.toml");
}

std::map<std::string, std::string> ShippedFiles() {
  std::map<std::string, std::string> files;
  for (std::string_view lang : kLanguages) {
    files[std::string(lang)] =
        testing::ReadSourceFile("web/messages/" + std::string(lang) + ".toml");
  }
  return files;
}

TEST(ShippedMessagesTest, EveryLanguageHasEveryKey) {
  const std::map<std::string, std::string> files = ShippedFiles();
  std::map<std::string, std::string_view> views(files.begin(), files.end());
  Result<Messages> m = Messages::Parse(views);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->For("ru").Plural("count.signatures", 3).find("3 "), 0u);
  EXPECT_EQ(m->For("xx").language(), "en");
}

// Every key the code names literally ("t.Text(\"petition.to\"", "{{m.home.heading}}") and every
// key it builds from a vocabulary (state.NAME, stage.NAME, ...) is in the English catalogue (and
// so, by the test above, in every catalogue).
TEST(ShippedMessagesTest, EveryKeyTheCodeUsesExists) {
  const std::map<std::string, std::string> files = ShippedFiles();
  std::map<std::string, std::string_view> views(files.begin(), files.end());
  Result<Messages> m = Messages::Parse(views);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  const Catalogue& en = m->For("en");
  const std::filesystem::path root(PETITIO_SOURCE_DIR);
  const std::regex code_key(R"re((?:Text|Plural|Has)\("([a-z_]+(?:\.[a-z_0-9]+)+)")re");
  const std::regex template_key(R"re(\{\{[#^/{&]?\s*m\.([a-z_0-9.]+))re");
  int found = 0;
  for (const char* dir : {"src/http/pages", "src/app", "web/templates"}) {
    for (const auto& entry : std::filesystem::directory_iterator(root / dir)) {
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      const std::string s = text.str();
      const bool is_template = entry.path().extension() == ".mustache";
      const std::regex& re = is_template ? template_key : code_key;
      for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator();
           ++it) {
        if (const std::string k = (*it)[1].str(); k.back() == '_') continue;  // a prefix
        ++found;
        EXPECT_TRUE(en.Has((*it)[1].str())) << entry.path().filename() << " uses " << (*it)[1];
      }
    }
  }
  EXPECT_GT(found, 200);
  // Keys made from a vocabulary: every name of it must have its text.
  for (const char* k : {"state.pending",
                        "state.validated",
                        "state.sponsored",
                        "state.admitted",
                        "state.lapsed",
                        "state.open",
                        "state.closed",
                        "state.rejected",
                        "state.hidden",
                        "stage.moderation",
                        "stage.sponsors",
                        "stage.collection",
                        "stage.consideration",
                        "stage.answer",
                        "outcome.accepted",
                        "outcome.partially_accepted",
                        "outcome.rejected",
                        "position.support",
                        "position.oppose",
                        "position.call_for_rejection",
                        "position.comment",
                        "role.admin",
                        "role.moderator",
                        "role.officer",
                        "role.organisation",
                        "confirm.heading_initiator",
                        "confirm.heading_sponsor",
                        "confirm.heading_signer",
                        "confirm.button_initiator",
                        "confirm.button_sponsor",
                        "confirm.button_signer",
                        "language.kk",
                        "language.ru",
                        "language.en",
                        "mail.confirm.subject_signer",
                        "mail.confirm.subject_sponsor",
                        "mail.notice.reason_initiator",
                        "mail.notice.reason_signer",
                        "mail.notice.reason_follower",
                        "mail.notice.published",
                        "mail.notice.threshold_reached",
                        "mail.notice.registration",
                        "mail.notice.meeting",
                        "mail.notice.public_discussion",
                        "mail.notice.decision"}) {
    EXPECT_TRUE(en.Has(k)) << k;
  }
}

}  // namespace
}  // namespace petitio
