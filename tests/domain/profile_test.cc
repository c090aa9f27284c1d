#include "domain/profile.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace petitio {
namespace {

// The pieces of a small valid profile; each invalid case swaps one piece.
struct Pieces {
  std::string head =
      "id = \"test\"\n"
      "source = \"Test Act, s. 1\"\n"
      "languages = [\"en\", \"ru\"]\n"
      "sponsors_required = 5\n"
      "stages = [\"sponsors\", \"moderation\"]\n";
  std::string name = "[name]\nen = \"Test\"\nru = \"Тест\"\n";
  std::string collection =
      "[clocks.collection]\namount = 6\nunit = \"months\"\nsource = \"s. 6\"\n";
  std::string thresholds =
      "[[thresholds]]\ncount = 100\neffect = \"response\"\nsource = \"s. 2\"\n"
      "[thresholds.description]\nen = \"A response.\"\n"
      "[[thresholds]]\ncount = 1000\neffect = \"debate\"\nsource = \"s. 3\"\n"
      "[thresholds.description]\nen = \"A debate.\"\n";
  std::string regions =
      "[[regions]]\ncode = \"north\"\n[regions.name]\nen = \"North\"\n"
      "[[regions]]\ncode = \"south\"\n[regions.name]\nen = \"South\"\nru = \"Юг\"\n";
  std::string grounds =
      "[[grounds]]\ncode = \"duplicate\"\ncitation = \"s. 4\"\n"
      "[grounds.title]\nen = \"Duplicate\"\n"
      "[[grounds]]\ncode = \"libel\"\ncitation = \"s. 5\"\nhides = true\n"
      "[grounds.title]\nen = \"Libel\"\n";

  std::string Text() const { return head + name + collection + thresholds + regions + grounds; }
};

TEST(ParseProfileToml, ReadsAValidProfile) {
  Result<Profile> p = ParseProfileToml(Pieces{}.Text(), "test.toml");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->id, "test");
  EXPECT_EQ(p->source, "Test Act, s. 1");
  EXPECT_EQ(p->languages, (std::vector<std::string>{"en", "ru"}));
  EXPECT_EQ(p->sponsors_required, 5);
  EXPECT_EQ(p->name.Get("ru"), "Тест");
  EXPECT_TRUE(p->addressee_hint.by_language.empty());
  EXPECT_EQ(p->Collection().duration, (Duration{6, DurationUnit::kMonths}));
  EXPECT_EQ(p->Collection().source, "s. 6");
  EXPECT_EQ(p->order(), StageOrder::kSponsorsFirst);
  EXPECT_EQ(p->count_from, CountFrom::kNextDay);
  EXPECT_TRUE(p->calendar_id.empty());
  EXPECT_TRUE(p->addressees.empty());
  ASSERT_EQ(p->thresholds.size(), 2u);
  EXPECT_EQ(p->thresholds[0].count, 100);
  EXPECT_EQ(p->thresholds[1].effect, "debate");
  EXPECT_EQ(p->thresholds[1].source, "s. 3");
  EXPECT_EQ(p->thresholds[0].description.Get(), "A response.");
  ASSERT_EQ(p->regions.size(), 2u);
  ASSERT_NE(p->FindRegion("south"), nullptr);
  EXPECT_EQ(p->FindRegion("south")->name.Get("ru"), "Юг");
  EXPECT_EQ(p->FindRegion("east"), nullptr);
  ASSERT_NE(p->FindGround("libel"), nullptr);
  EXPECT_TRUE(p->FindGround("libel")->hides);
  EXPECT_FALSE(p->FindGround("duplicate")->hides);
  EXPECT_EQ(p->FindGround("duplicate")->citation, "s. 4");
  EXPECT_EQ(p->FindGround("other"), nullptr);
}

TEST(ParseProfileToml, RegionsGroundsAndHintAreOptional) {
  Pieces pieces;
  pieces.regions.clear();
  pieces.grounds.clear();
  Result<Profile> p = ParseProfileToml(pieces.Text(), "test.toml");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_TRUE(p->regions.empty());
  EXPECT_TRUE(p->grounds.empty());
}

struct InvalidCase {
  const char* label;
  std::string text;
  const char* key;  // the message must name it
};

// Replaces the first occurrence of `from` (which must be there) with `to`.
void Replace(std::string* s, std::string_view from, std::string_view to) {
  const size_t at = s->find(from);
  ASSERT_NE(at, std::string::npos) << from;
  s->replace(at, from.size(), to);
}

std::vector<InvalidCase> InvalidCases() {
  std::vector<InvalidCase> cases;
  auto with = [&](const char* label, const char* key, auto change) {
    Pieces p;
    change(p);
    cases.push_back({label, p.Text(), key});
  };
  with("missing id", "id", [](Pieces& p) { Replace(&p.head, "id = \"test\"\n", ""); });
  with("bad id", "id", [](Pieces& p) { Replace(&p.head, "\"test\"", "\"Te_st\""); });
  with("id starting with a digit", "id",
       [](Pieces& p) { Replace(&p.head, "\"test\"", "\"1test\""); });
  with("id not a string", "id", [](Pieces& p) { Replace(&p.head, "\"test\"", "42"); });
  with("missing source", "source",
       [](Pieces& p) { Replace(&p.head, "source = \"Test Act, s. 1\"\n", ""); });
  with("empty languages", "languages",
       [](Pieces& p) { Replace(&p.head, "[\"en\", \"ru\"]", "[]"); });
  with("bad language", "languages[1]",
       [](Pieces& p) { Replace(&p.head, "\"ru\"", "\"Russian\""); });
  with("negative sponsors", "sponsors_required",
       [](Pieces& p) { Replace(&p.head, "= 5", "= -1"); });
  with("name without English", "name.en", [](Pieces& p) { p.name = "[name]\nru = \"Тест\"\n"; });
  with("missing name", "name", [](Pieces& p) { p.name.clear(); });
  with("empty text", "name.ru", [](Pieces& p) { p.name = "[name]\nen = \"T\"\nru = \"\"\n"; });
  with("descending thresholds", "thresholds[1].count",
       [](Pieces& p) { Replace(&p.thresholds, "count = 1000", "count = 50"); });
  with("equal thresholds", "thresholds[1].count",
       [](Pieces& p) { Replace(&p.thresholds, "count = 1000", "count = 100"); });
  with("zero threshold", "thresholds[0].count",
       [](Pieces& p) { Replace(&p.thresholds, "count = 100", "count = 0"); });
  with("no thresholds", "thresholds", [](Pieces& p) { p.thresholds.clear(); });
  with("empty thresholds", "thresholds", [](Pieces& p) { p.thresholds = "thresholds = []\n"; });
  with("bad effect", "thresholds[0].effect",
       [](Pieces& p) { Replace(&p.thresholds, "\"response\"", "\"Response!\""); });
  with("threshold without source", "thresholds[0].source",
       [](Pieces& p) { Replace(&p.thresholds, "source = \"s. 2\"\n", ""); });
  with("threshold without description", "thresholds[0].description", [](Pieces& p) {
    Replace(&p.thresholds, "[thresholds.description]\nen = \"A response.\"\n", "");
  });
  with("unknown unit", "clocks.collection.unit",
       [](Pieces& p) { Replace(&p.collection, "\"months\"", "\"fortnights\""); });
  with("zero amount", "clocks.collection.amount",
       [](Pieces& p) { Replace(&p.collection, "amount = 6", "amount = 0"); });
  with("clock without source", "clocks.collection.source",
       [](Pieces& p) { Replace(&p.collection, "source = \"s. 6\"\n", ""); });
  with("missing collection", "clocks.collection", [](Pieces& p) { p.collection.clear(); });
  with("unknown stage clock", "clocks.hearing", [](Pieces& p) {
    p.collection += "[clocks.hearing]\namount = 3\nunit = \"months\"\nsource = \"s. 7\"\n";
  });
  with("working days without a calendar", "calendar", [](Pieces& p) {
    p.collection +=
        "[clocks.moderation]\namount = 20\nunit = \"working_days\"\nsource = \"s. 7\"\n";
  });
  with("old collection table", "collection",
       [](Pieces& p) { p.head += "[collection]\namount = 6\nunit = \"months\"\n"; });
  with("missing stages", "stages",
       [](Pieces& p) { Replace(&p.head, "stages = [\"sponsors\", \"moderation\"]\n", ""); });
  with("stages without moderation", "stages",
       [](Pieces& p) { Replace(&p.head, ", \"moderation\"", ""); });
  with("stages without sponsors although required", "stages",
       [](Pieces& p) { Replace(&p.head, "\"sponsors\", ", ""); });
  with("unknown stage", "stages[0]",
       [](Pieces& p) { Replace(&p.head, "\"sponsors\", ", "\"review\", "); });
  with("bad count_from", "count_from", [](Pieces& p) { p.head += "count_from = \"today\"\n"; });
  with("bad utc_offset", "utc_offset", [](Pieces& p) { p.head += "utc_offset = \"+5\"\n"; });
  with("utc_offset too far", "utc_offset",
       [](Pieces& p) { p.head += "utc_offset = \"+15:00\"\n"; });
  with("count and percent", "thresholds[0]",
       [](Pieces& p) { Replace(&p.thresholds, "count = 100\n", "count = 100\npercent = 2.0\n"); });
  with("percent at the top level", "thresholds",
       [](Pieces& p) { Replace(&p.thresholds, "count = 100\n", "percent = 2.0\n"); });
  with("registers not a boolean", "thresholds[0].registers",
       [](Pieces& p) { Replace(&p.thresholds, "count = 100\n", "count = 100\nregisters = 1\n"); });
  with("min_regions without minimums", "regions[0].minimum", [](Pieces& p) {
    Replace(&p.thresholds, "count = 100\n", "count = 100\nmin_regions = 2\n");
  });
  with("population without source", "regions[0].population_source", [](Pieces& p) {
    Replace(&p.regions, "code = \"north\"\n", "code = \"north\"\npopulation = 5\n");
  });
  with("addressee without thresholds", "addressees", [](Pieces& p) {
    p.thresholds.clear();
    p.regions += "[[addressees]]\ncode = \"central\"\n[addressees.name]\nen = \"Central\"\n";
  });
  with("unknown addressee key", "addressees[0].level",
       [](Pieces& p) { p.regions += "[[addressees]]\ncode = \"central\"\nlevel = 1\n"; });
  with("duplicate ground code", "grounds[1].code",
       [](Pieces& p) { Replace(&p.grounds, "\"libel\"", "\"duplicate\""); });
  with("ground without citation", "grounds[0].citation",
       [](Pieces& p) { Replace(&p.grounds, "citation = \"s. 4\"\n", ""); });
  with("ground with bad code", "grounds[0].code",
       [](Pieces& p) { Replace(&p.grounds, "\"duplicate\"", "\"no-action\""); });
  with("hides not a boolean", "grounds[1].hides",
       [](Pieces& p) { Replace(&p.grounds, "hides = true", "hides = \"yes\""); });
  with("duplicate region code", "regions[1].code",
       [](Pieces& p) { Replace(&p.regions, "\"south\"", "\"north\""); });
  with("region without name", "regions[0].name",
       [](Pieces& p) { Replace(&p.regions, "[regions.name]\nen = \"North\"\n", ""); });
  with("unknown key", "sponsor_required", [](Pieces& p) { p.head += "sponsor_required = 3\n"; });
  cases.push_back({"not TOML at all", "<html><body>hello</body></html>", "column 1"});
  cases.push_back({"empty file", "", "id"});
  return cases;
}

TEST(ParseProfileToml, RejectsInvalidInputNamingTheKey) {
  for (const InvalidCase& c : InvalidCases()) {
    SCOPED_TRACE(c.label);
    Result<Profile> p = ParseProfileToml(c.text, "bad.toml");
    ASSERT_FALSE(p.ok()) << c.text;
    EXPECT_EQ(p.status().kind(), ErrorKind::kInvalidArgument);
    const std::string& message = p.status().message();
    EXPECT_EQ(message.rfind("bad.toml: ", 0), 0u) << message;
    EXPECT_NE(message.find(std::string(c.key) + ":"), std::string::npos)
        << "message does not name '" << c.key << "': " << message;
  }
}

TEST(ParseProfileToml, ReadsClocksAddresseesAndRegionFigures) {
  Pieces pieces;
  pieces.head =
      "id = \"kz\"\nsource = \"APC\"\nlanguages = [\"kk\", \"ru\"]\nsponsors_required = 50\n"
      "stages = [\"moderation\", \"sponsors\"]\ncalendar = \"kz\"\n";
  pieces.collection +=
      "[clocks.moderation]\namount = 20\nunit = \"working_days\"\nsource = \"art. 1\"\n"
      "[clocks.consideration]\namount = 40\nunit = \"working_days\"\nsource = \"art. 90-5\"\n"
      "[clocks.consideration.extension]\namount = 10\nunit = \"working_days\"\n"
      "source = \"art. 9\"\n";
  pieces.thresholds.clear();
  pieces.regions =
      "[[regions]]\ncode = \"astana\"\npopulation = 1638233\n"
      "population_source = \"BNS, 1 January 2026\"\n[regions.name]\nen = \"Astana\"\n"
      "[[addressees]]\ncode = \"central\"\nname = { en = \"Central body\" }\n"
      "[[addressees.thresholds]]\ncount = 50000\nregisters = true\neffect = \"consideration\"\n"
      "source = \"s. 2\"\ndescription = { en = \"Considered.\" }\n"
      "[[addressees]]\ncode = \"regional_maslikhat\"\nregional = true\n"
      "name = { en = \"Regional maslikhat\" }\n"
      "[[addressees.thresholds]]\npercent = 2.0\nregisters = true\neffect = \"consideration\"\n"
      "source = \"s. 3\"\ndescription = { en = \"Considered.\" }\n"
      "[addressees.clocks.consideration]\namount = 20\nunit = \"working_days\"\n"
      "source = \"art. 90-5\"\n";
  Result<Profile> p = ParseProfileToml(pieces.Text(), "kz.toml");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->order(), StageOrder::kModerationFirst);
  EXPECT_EQ(p->calendar_id, "kz");
  ASSERT_NE(p->Clock(Stage::kConsideration), nullptr);
  EXPECT_EQ(p->Clock(Stage::kConsideration)->duration, (Duration{40, DurationUnit::kWorkingDays}));
  ASSERT_TRUE(p->Clock(Stage::kConsideration)->extension.has_value());
  EXPECT_EQ(p->Clock(Stage::kConsideration, "central")->duration.amount, 40);
  EXPECT_EQ(p->Clock(Stage::kConsideration, "regional_maslikhat")->duration.amount, 20);
  EXPECT_EQ(p->Clock(Stage::kSponsors), nullptr);
  EXPECT_EQ(p->FindRegion("astana")->population, 1'638'233);
  Result<std::vector<Threshold>> central = p->ThresholdsFor("central", "");
  ASSERT_TRUE(central.ok());
  EXPECT_EQ((*central)[0].count, 50'000);
  EXPECT_TRUE((*central)[0].registers);
  Result<std::vector<Threshold>> maslikhat = p->ThresholdsFor("regional_maslikhat", "astana");
  ASSERT_TRUE(maslikhat.ok());
  EXPECT_EQ((*maslikhat)[0].count, 32'765);
}

TEST(StageName, RoundTrips) {
  for (Stage s : {Stage::kModeration, Stage::kSponsors, Stage::kCollection, Stage::kConsideration,
                  Stage::kAnswer}) {
    EXPECT_EQ(ParseStage(StageName(s)), s);
  }
  EXPECT_FALSE(ParseStage("hearing").has_value());
}

TEST(LocalizedText, FallsBackToEnglishThenAnyLanguage) {
  LocalizedText t{{{"en", "Hello"}, {"ru", "Привет"}}};
  EXPECT_EQ(t.Get("ru"), "Привет");
  EXPECT_EQ(t.Get("kk"), "Hello");
  EXPECT_EQ(t.Get(), "Hello");
  LocalizedText only_ru{{{"ru", "Привет"}}};
  EXPECT_EQ(only_ru.Get("kk"), "Привет");
  EXPECT_EQ(only_ru.Get(), "Привет");
  EXPECT_EQ(LocalizedText{}.Get("en"), "");
}

Profile Named(std::string id, std::string name) {
  Profile p;
  p.id = std::move(id);
  p.name.by_language["en"] = std::move(name);
  return p;
}

TEST(ProfileRegistry, FindsSortsAndReplacesById) {
  ProfileRegistry registry;
  EXPECT_EQ(registry.Find("uk"), nullptr);
  EXPECT_TRUE(registry.All().empty());
  registry.Add(Named("uk", "United Kingdom"));
  registry.Add(Named("kz", "Kazakhstan"));
  registry.Add(Named("de-bt", "Bundestag"));
  ASSERT_NE(registry.Find("kz"), nullptr);
  EXPECT_EQ(registry.Find("kz")->name.Get(), "Kazakhstan");

  registry.Add(Named("kz", "Kazakhstan (operator's override)"));
  ASSERT_NE(registry.Find("kz"), nullptr);
  EXPECT_EQ(registry.Find("kz")->name.Get(), "Kazakhstan (operator's override)");

  std::vector<const Profile*> all = registry.All();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0]->id, "de-bt");
  EXPECT_EQ(all[1]->id, "kz");
  EXPECT_EQ(all[2]->id, "uk");
}

}  // namespace
}  // namespace petitio
