#include "domain/identity.h"

#include <gtest/gtest.h>

#include "domain/national_id.h"
#include "domain/profile.h"

namespace petitio {
namespace {

const Date kToday{2026, 11, 29};

IdentityRule KazakhRule() {
  return {IdentityProof::kNationalId, PublicName::kFull, "kz_iin", 18, "KZ.md"};
}

TEST(CanonicalIdentity, EmailProfilesCountOneMailboxOnce) {
  const IdentityRule email;
  EXPECT_EQ(*CanonicalIdentity(email, "A.Sel+petitions@GMail.com", "", kToday), "asel@gmail.com");
  EXPECT_EQ(*CanonicalIdentity(email, "asel@example.org", "ignored", kToday), "asel@example.org");
}

TEST(CanonicalIdentity, NationalIdProfilesCountOneIinOnce) {
  // 2 November 1992, male (check digit by KZ.md's first pass).
  Result<std::string> a =
      CanonicalIdentity(KazakhRule(), "one@example.org", "921102300772", kToday);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  Result<std::string> b =
      CanonicalIdentity(KazakhRule(), "two@example.org", " 921102300772 ", kToday);
  EXPECT_EQ(*a, *b) << "the e-mail does not make a second person";
  EXPECT_EQ(*a, "kz-iin:921102300772");
}

TEST(CanonicalIdentity, RefusesMissingInvalidAndUnderAge) {
  EXPECT_EQ(CanonicalIdentity(KazakhRule(), "a@example.org", "  ", kToday).status().code(),
            "missing_national_id");
  EXPECT_EQ(
      CanonicalIdentity(KazakhRule(), "a@example.org", "921102300773", kToday).status().code(),
      "invalid_national_id");
  // Born 15 March 2010: 16 on 29 November 2026; 18 on 15 March 2028.
  EXPECT_EQ(
      CanonicalIdentity(KazakhRule(), "a@example.org", "100315500016", kToday).status().code(),
      "signer_under_age");
  EXPECT_TRUE(CanonicalIdentity(KazakhRule(), "a@example.org", "100315500016", {2028, 3, 15}).ok());
  EXPECT_FALSE(
      CanonicalIdentity(KazakhRule(), "a@example.org", "100315500016", {2028, 3, 14}).ok());
}

TEST(PublicNameOf, FirstNameAndInitialWhereTheProfileSaysSo) {
  IdentityRule kz = KazakhRule();
  kz.public_name = PublicName::kFirstNameInitial;
  EXPECT_EQ(PublicNameOf(kz, "Aigerim Sadykova"), "Aigerim S.");
  EXPECT_EQ(PublicNameOf(kz, " Айгерим Садыкова "), "Айгерим С.") << "a whole Cyrillic letter";
  EXPECT_EQ(PublicNameOf(kz, "Данияр Ахметович Ахметов"), "Данияр А.");
  EXPECT_EQ(PublicNameOf(kz, "Aigerim"), "Aigerim");
  EXPECT_EQ(PublicNameOf(IdentityRule{}, "Alex Morgan"), "Alex Morgan");
}

TEST(ComposeKzIin, MakesNumbersTheValidatorAccepts) {
  for (int serial : {0, 1, 77, 9999}) {
    std::optional<std::string> iin = ComposeKzIin({1992, 11, 2}, Sex::kMale, serial);
    if (!iin) continue;  // both passes give 10: no such IIN
    Result<KzIin> parsed = ParseKzIin(*iin);
    ASSERT_TRUE(parsed.ok()) << *iin;
    EXPECT_EQ(parsed->birth_date, (Date{1992, 11, 2}));
    EXPECT_EQ(parsed->sex, Sex::kMale);
  }
  EXPECT_EQ(ComposeKzIin({1992, 11, 2}, Sex::kMale, 77), "921102300772");
  EXPECT_EQ(ComposeKzIin({2010, 3, 15}, Sex::kMale, 1), "100315500016");
  EXPECT_FALSE(ComposeKzIin({2100, 1, 1}, Sex::kMale, 1).has_value());
  EXPECT_FALSE(ComposeKzIin({1990, 1, 1}, Sex::kMale, 10000).has_value());
}

TEST(ParseProfileToml, ReadsTheIdentityRule) {
  const std::string base =
      "id = \"t\"\nsource = \"s\"\nlanguages = [\"en\"]\nsponsors_required = 0\n"
      "stages = [\"moderation\"]\nname = { en = \"T\" }\n"
      "[clocks.collection]\namount = 1\nunit = \"months\"\nsource = \"s\"\n"
      "[[thresholds]]\ncount = 10\neffect = \"response\"\nsource = \"s\"\n"
      "description = { en = \"d\" }\n";
  Result<Profile> p = ParseProfileToml(
      base +
          "[identity]\nproof = \"national_id\"\nnational_id = \"kz_iin\"\nmin_age = 18\n"
          "source = \"Civil Code\"\n",
      "t.toml");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->identity.proof, IdentityProof::kNationalId);
  EXPECT_EQ(p->identity.min_age, 18);
  EXPECT_EQ(ParseProfileToml(base, "t.toml")->identity.proof, IdentityProof::kEmail);
  for (const auto& [table, key] : std::vector<std::pair<std::string, std::string>>{
           {"proof = \"passport\"\nsource = \"s\"\n", "identity.proof"},
           {"proof = \"national_id\"\nnational_id = \"ssn\"\nsource = \"s\"\n",
            "identity.national_id"},
           {"proof = \"national_id\"\nsource = \"s\"\n", "identity.national_id"},
           {"proof = \"email\"\nmin_age = 18\nsource = \"s\"\n", "identity.min_age"},
           {"proof = \"email\"\n", "identity.source"},
           {"proof = \"email\"\nsource = \"s\"\nidp = \"egov\"\n", "identity.idp"},
       }) {
    Result<Profile> bad = ParseProfileToml(base + "[identity]\n" + table, "t.toml");
    ASSERT_FALSE(bad.ok()) << table;
    EXPECT_NE(bad.status().message().find(key + ":"), std::string::npos) << bad.status().message();
  }
}

}  // namespace
}  // namespace petitio
