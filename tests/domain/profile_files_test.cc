// Parses the shipped profiles in profiles/ and checks the key facts each one must carry.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "domain/profile.h"

#ifndef PETITIO_SOURCE_DIR
#error "PETITIO_SOURCE_DIR must be defined to the repository root"
#endif

namespace petitio {
namespace {

const std::filesystem::path kProfilesDir = std::filesystem::path(PETITIO_SOURCE_DIR) / "profiles";

Profile Load(const std::string& file) {
  std::ifstream in(kProfilesDir / file, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << (kProfilesDir / file);
  std::ostringstream text;
  text << in.rdbuf();
  Result<Profile> p = ParseProfileToml(text.str(), file);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? std::move(p).value() : Profile{};
}

TEST(ProfileFiles, EveryFileParsesAndIdMatchesFileName) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kProfilesDir)) {
    if (entry.path().extension() != ".toml") {
      continue;
    }
    ++files;
    const std::string file = entry.path().filename().string();
    SCOPED_TRACE(file);
    Profile p = Load(file);
    EXPECT_EQ(p.id, entry.path().stem().string());
    EXPECT_FALSE(p.source.empty());
    for (const Threshold& t : p.thresholds) {
      EXPECT_FALSE(t.source.empty());
    }
    for (const ModerationGround& g : p.grounds) {
      EXPECT_FALSE(g.citation.empty()) << g.code;
    }
  }
  EXPECT_GE(files, 4);
}

TEST(ProfileFiles, Kazakhstan) {
  Profile p = Load("kz.toml");
  EXPECT_EQ(p.sponsors_required, 50);
  ASSERT_EQ(p.thresholds.size(), 1u);
  EXPECT_EQ(p.thresholds[0].count, 50'000);
  EXPECT_EQ(p.thresholds[0].effect, "consideration");
  EXPECT_EQ(p.collection.amount, 6);
  EXPECT_EQ(p.collection.unit, PeriodUnit::kMonths);
  EXPECT_EQ(p.collection.EndDate({2024, 6, 9}), (Date{2024, 12, 9}));

  ASSERT_EQ(p.regions.size(), 20u);
  for (const Region& r : p.regions) {
    SCOPED_TRACE(r.code);
    EXPECT_TRUE(r.name.by_language.contains("en"));
    EXPECT_TRUE(r.name.by_language.contains("ru"));
    EXPECT_TRUE(r.name.by_language.contains("kk"));
  }
  ASSERT_NE(p.FindRegion("astana"), nullptr);
  EXPECT_EQ(p.FindRegion("astana")->name.Get("kk"), "Астана");
  ASSERT_NE(p.FindRegion("ulytau"), nullptr);
  EXPECT_EQ(p.FindRegion("ulytau")->name.Get("kk"), "Ұлытау облысы");

  const ModerationGround* human_rights = p.FindGround("human_rights");
  ASSERT_NE(human_rights, nullptr);
  EXPECT_FALSE(human_rights->hides);
  EXPECT_NE(human_rights->title.Get("en").find("human and civil rights"), std::string::npos);
  EXPECT_FALSE(human_rights->title.Get("ru").empty());
  EXPECT_NE(human_rights->citation.find("Administrative Procedural Code"), std::string::npos);
  ASSERT_NE(p.FindGround("defamation"), nullptr);
  EXPECT_TRUE(p.FindGround("defamation")->hides);
  for (const ModerationGround& g : p.grounds) {
    EXPECT_TRUE(g.title.by_language.contains("ru")) << g.code;
  }
}

TEST(ProfileFiles, UnitedKingdom) {
  Profile p = Load("uk.toml");
  EXPECT_EQ(p.sponsors_required, 5);
  ASSERT_EQ(p.thresholds.size(), 2u);
  EXPECT_EQ(p.thresholds[0].count, 10'000);
  EXPECT_EQ(p.thresholds[0].effect, "government_response");
  EXPECT_EQ(p.thresholds[1].count, 100'000);
  EXPECT_EQ(p.thresholds[1].effect, "debate");
  EXPECT_EQ(p.collection.amount, 6);
  EXPECT_EQ(p.collection.unit, PeriodUnit::kMonths);
  EXPECT_EQ(p.regions.size(), 12u);
  EXPECT_NE(p.FindRegion("scotland"), nullptr);
  for (const char* code : {"duplicate", "irrelevant", "no_action", "honours", "fake_name", "foi",
                           "libellous", "offensive"}) {
    EXPECT_NE(p.FindGround(code), nullptr) << code;
  }
  EXPECT_TRUE(p.FindGround("libellous")->hides);
  EXPECT_TRUE(p.FindGround("offensive")->hides);
  EXPECT_FALSE(p.FindGround("duplicate")->hides);
}

TEST(ProfileFiles, GermanBundestag) {
  Profile p = Load("de-bt.toml");
  EXPECT_EQ(p.sponsors_required, 0);
  ASSERT_EQ(p.thresholds.size(), 1u);
  EXPECT_EQ(p.thresholds[0].count, 30'000);
  EXPECT_EQ(p.thresholds[0].effect, "public_hearing");
  EXPECT_EQ(p.collection.amount, 6);
  EXPECT_EQ(p.collection.unit, PeriodUnit::kWeeks);
  EXPECT_EQ(p.regions.size(), 16u);
  EXPECT_EQ(p.FindRegion("bayern")->name.Get("de"), "Bayern");
}

TEST(ProfileFiles, EuropeanCitizensInitiative) {
  Profile p = Load("eu-eci.toml");
  EXPECT_EQ(p.sponsors_required, 6);
  ASSERT_EQ(p.thresholds.size(), 1u);
  EXPECT_EQ(p.thresholds[0].count, 1'000'000);
  EXPECT_EQ(p.thresholds[0].effect, "commission_response");
  EXPECT_EQ(p.collection.amount, 12);
  EXPECT_EQ(p.collection.unit, PeriodUnit::kMonths);
  EXPECT_EQ(p.regions.size(), 27u);
  EXPECT_EQ(p.languages.size(), 24u);
  EXPECT_NE(p.FindGround("outside_powers"), nullptr);
}

TEST(ProfileFiles, RegistryHoldsAllShippedProfiles) {
  ProfileRegistry registry;
  for (const char* file : {"uk.toml", "kz.toml", "eu-eci.toml", "de-bt.toml"}) {
    registry.Add(Load(file));
  }
  std::vector<const Profile*> all = registry.All();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0]->id, "de-bt");
  EXPECT_EQ(all[1]->id, "eu-eci");
  EXPECT_EQ(all[2]->id, "kz");
  EXPECT_EQ(all[3]->id, "uk");
}

}  // namespace
}  // namespace petitio
