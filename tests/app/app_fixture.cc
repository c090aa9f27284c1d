#include "app_fixture.h"

#include <unistd.h>

namespace petitio::testing {

void AppTest::SetUp() {
  ASSERT_TRUE(InitCrypto().ok());
  dir_ = std::filesystem::temp_directory_path() /
         ("petitio-app-" + std::to_string(::getpid()) + "-" + RandomToken().substr(0, 8));
  std::filesystem::create_directories(dir_);
  SqliteStoreOptions options;
  options.path = (dir_ / "petitio.db").string();
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(options);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  store_ = std::move(*store);

  Profile p;
  p.id = "test";
  p.name.by_language["en"] = "Test jurisdiction";
  p.languages = {"en"};
  p.sponsors_required = 2;
  p.thresholds = {{5, "government_response", {{{"en", "The government responds"}}}, "rules"},
                  {8, "debate", {{{"en", "Considered for debate"}}}, "rules"}};
  p.collection = {6, PeriodUnit::kMonths};
  p.regions = {{"north", {{{"en", "North"}}}}, {"south", {{{"en", "South"}}}}};
  p.grounds = {{"duplicate", {{{"en", "Duplicate"}}}, "Standards, 1", false},
               {"libel", {{{"en", "Libel"}}}, "Standards, 2", true}};
  profiles_.Add(p);
  ctx_ = std::make_unique<AppContext>(AppContext{*store_, clock_, mail_, profiles_, NewSecretKey(),
                                                 "http://petitio.test", "admin-secret"});
}

void AppTest::TearDown() {
  ctx_.reset();
  store_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

int64_t AppTest::CreateSponsored(int sponsors) {
  Result<CreatePetitionOutcome> c =
      CreatePetition(*ctx_, {"test", "Plant trees", "Plant a tree for every child born.",
                             "The council", "Ann Initiator", "ann@example.org"});
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  const int64_t id = c->petition.id;
  EXPECT_TRUE(ConfirmSignature(*ctx_, mail_.LastToken("ann@example.org")).ok());
  for (int i = 0; i < sponsors; ++i) {
    const std::string email = "sponsor" + std::to_string(i) + "@example.org";
    EXPECT_TRUE(SponsorPetition(*ctx_, id, c->petition.sponsor_token, {"Sponsor", email, ""}).ok());
    EXPECT_TRUE(ConfirmSignature(*ctx_, mail_.LastToken(email)).ok());
  }
  return id;
}

int64_t AppTest::CreateOpen() {
  const int64_t id = CreateSponsored();
  EXPECT_TRUE(ModeratePetition(*ctx_, id, {"publish", "", ""}).ok());
  return id;
}

Result<ConfirmOutcome> AppTest::SignAndConfirm(int64_t id, const std::string& email,
                                               const std::string& region) {
  Result<SignOutcome> s = SignPetition(*ctx_, id, {"A Signer", email, region});
  if (!s.ok()) return s.status();
  return ConfirmSignature(*ctx_, mail_.LastToken(email));
}

}  // namespace petitio::testing
