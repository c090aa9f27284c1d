#include "app_fixture.h"

#include <unistd.h>

namespace petitio::testing {

namespace {

Threshold At(int64_t count, const char* effect, const char* text, bool registers = false) {
  Threshold t;
  t.count = count;
  t.effect = effect;
  t.description.by_language["en"] = text;
  t.source = "rules";
  t.registers = registers;
  return t;
}

Region NamedRegion(const char* code, const char* name) {
  Region r;
  r.code = code;
  r.name.by_language["en"] = name;
  return r;
}

// 2024 with Saturday and Sunday off, Capital Day (Saturday 6 July) moved to Monday 8 July.
std::shared_ptr<const Calendar> Calendar2024() {
  CalendarData c;
  c.id = "test";
  c.name.by_language["en"] = "Test calendar";
  c.first_year = 2024;
  c.last_year = 2024;
  c.weekend[5] = c.weekend[6] = true;
  c.move_weekend_holidays = true;
  c.holidays.push_back({7, 6, true, 0, 9999, {{{"en", "Capital Day"}}}, "law"});
  Result<Calendar> cal = Calendar::Compile(std::move(c));
  EXPECT_TRUE(cal.ok());
  return std::make_shared<const Calendar>(std::move(*cal));
}

}  // namespace

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
  p.stages = {Stage::kSponsors, Stage::kModeration};
  p.thresholds = {At(5, "government_response", "The government responds"),
                  At(8, "debate", "Considered for debate")};
  p.clocks[Stage::kCollection] = {{6, DurationUnit::kMonths}, "rules", std::nullopt, ""};
  p.regions = {NamedRegion("north", "North"), NamedRegion("south", "South")};
  p.contact_retention = StageClock{{6, DurationUnit::kMonths}, "rules", std::nullopt, ""};
  p.grounds = {{"duplicate", {{{"en", "Duplicate"}}}, "Standards, 1", false},
               {"libel", {{{"en", "Libel"}}}, "Standards, 2", true}};
  profiles_.Add(p);

  // Moderation first (as in Kazakhstan): 2 supporters within 10 working days after moderation;
  // 4 signatures register it for 40 working days of consideration, extendable by 10.
  Profile m = p;
  m.id = "mf";
  m.stages = {Stage::kModeration, Stage::kSponsors};
  m.thresholds = {At(4, "consideration", "The body considers it", /*registers=*/true)};
  m.calendar_id = "test";
  m.calendar = Calendar2024();
  m.clocks[Stage::kModeration] = {{20, DurationUnit::kWorkingDays}, "art. 1", std::nullopt, ""};
  m.clocks[Stage::kSponsors] = {{10, DurationUnit::kWorkingDays}, "art. 2", std::nullopt, ""};
  m.clocks[Stage::kConsideration] = {{40, DurationUnit::kWorkingDays},
                                     "art. 90-5",
                                     Duration{10, DurationUnit::kWorkingDays},
                                     "art. 9"};
  profiles_.Add(m);
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
                             "The council", "", "", "Ann Initiator", "ann@example.org"});
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
