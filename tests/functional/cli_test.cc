// The command line of the real binary: version, help on every subcommand, extra profiles,
// a broken profile refused at start, demo data, and the couriers' names.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "site_fixture.h"
#include "test_postgres.h"

namespace petitio::testing {
namespace {

TEST(Cli, VersionAndHelp) {
  CommandResult r = RunPetitio({"version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output.rfind("petitio ", 0), 0u) << r.output;
  // The allocator the build chose, checked at run time (src/cli/allocator.h): mimalloc must not
  // be linked and left unused, and the sanitizers' builds keep their own.
#if defined(PETITIO_EXPECT_MIMALLOC)
  EXPECT_NE(r.output.find("\nallocator: mimalloc "), std::string::npos) << r.output;
#elif defined(__SANITIZE_ADDRESS__)
  EXPECT_NE(r.output.find("\nallocator: ASan's allocator\n"), std::string::npos) << r.output;
#else
  EXPECT_NE(r.output.find("\nallocator: glibc malloc\n"), std::string::npos) << r.output;
#endif

  r = RunPetitio({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("serve"), std::string::npos);
  EXPECT_NE(r.output.find("version"), std::string::npos);

  r = RunPetitio({"serve", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* option :
       {"--listen", "--data", "--demo", "--profiles", "--admin-token", "--public-url", "--smtp"}) {
    EXPECT_NE(r.output.find(option), std::string::npos) << option;
  }
  EXPECT_EQ(RunPetitio({"version", "--help"}).exit_code, 0);
  EXPECT_NE(RunPetitio({}).exit_code, 0) << "a subcommand is required";
  EXPECT_NE(RunPetitio({"serve", "--no-such-option"}).exit_code, 0);
}

constexpr const char* kExtraProfile = R"toml(id = "town"
source = "Town charter, art. 7"
languages = ["en"]
sponsors_required = 1
stages = ["sponsors", "moderation"]
[name]
en = "Town of Example: petitions to the council"
[clocks.collection]
amount = 30
unit = "calendar_days"
source = "Town charter, art. 7(1)"
[[thresholds]]
count = 500
effect = "council_debate"
source = "Town charter, art. 7(2)"
[thresholds.description]
en = "The council debates it."
)toml";

class CliServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = MakeTempDir("petitio-cli");
    profiles_ = MakeTempDir("petitio-profiles");
  }
  void TearDown() override {
    RemoveTree(data_);
    RemoveTree(profiles_);
  }
  std::string data_, profiles_;
};

TEST_F(CliServeTest, ExtraProfilesAreLoadedBesideTheBuiltInOnes) {
  std::ofstream(profiles_ + "/town.toml") << kExtraProfile;
  ServerProcess server(PetitioBinary(), {"serve", "--listen", "127.0.0.1:0", "--data", data_,
                                         "--profiles", profiles_});
  ASSERT_NE(server.port(), 0) << server.output();
  const HttpReply r = HttpCall(server.port(), "GET", "/api/v1/profiles");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("\"id\":\"town\""), std::string::npos);
  EXPECT_NE(r.body.find("\"id\":\"kz\""), std::string::npos);
  EXPECT_EQ(server.Stop(), 0);
}

TEST_F(CliServeTest, ABrokenProfileStopsTheStartWithItsFileAndKey) {
  std::string broken = kExtraProfile;
  broken.replace(broken.find("count = 500"), 11, "count = -5");
  std::ofstream(profiles_ + "/town.toml") << broken;
  const CommandResult r =
      RunPetitio({"serve", "--listen", "127.0.0.1:0", "--data", data_, "--profiles", profiles_});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("town.toml"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("count"), std::string::npos) << r.output;
}

TEST_F(CliServeTest, DemoDataIsSeededOnceAndIsPublic) {
  std::vector<std::pair<int64_t, int64_t>> open_before;  // (id, signature_count)
  for (int run = 0; run < 2; ++run) {
    ServerProcess server(PetitioBinary(),
                         {"serve", "--listen", "127.0.0.1:0", "--data", data_, "--demo"});
    ASSERT_NE(server.port(), 0) << server.output();
    const HttpReply open = HttpCall(server.port(), "GET", "/api/v1/petitions?state=open");
    ASSERT_EQ(open.status, 200);
    const auto list = boost::json::parse(open.body).at("petitions").as_array();
    EXPECT_GE(list.size(), 3u);
    std::vector<std::pair<int64_t, int64_t>> counts;
    for (const auto& p : list) {
      EXPECT_GT(p.at("signature_count").as_int64(), 1);
      counts.emplace_back(p.at("id").as_int64(), p.at("signature_count").as_int64());
    }
    const HttpReply rejected = HttpCall(server.port(), "GET", "/api/v1/petitions?state=rejected");
    EXPECT_EQ(boost::json::parse(rejected.body).at("petitions").as_array().size(), 1u);
    EXPECT_EQ(HttpCall(server.port(), "GET", "/").status, 200);
    if (run == 0) open_before = counts;
    if (run == 1) {
      EXPECT_EQ(counts, open_before) << "a restart with --demo adds nothing";
    }
    EXPECT_EQ(server.Stop(), 0);
  }
}

// The name a server's courier sends its queued mail under (DATA/courier-N.name) survives a
// crash, so the restarted server sends what it had queued at once; two servers running on one
// directory never share one.
TEST_F(CliServeTest, EachRunningServerHasItsOwnCourierNameAndKeepsItAcrossACrash) {
  const auto name = [this](int slot) {
    std::ifstream in(data_ + "/courier-" + std::to_string(slot) + ".name");
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::vector<std::string> serve = {"serve", "--listen", "127.0.0.1:0", "--data", data_};
  auto first = std::make_unique<ServerProcess>(PetitioBinary(), serve);
  ASSERT_NE(first->port(), 0) << first->output();
  const std::string a = name(0);
  EXPECT_GE(a.size(), 16u);
  std::unique_ptr<ServerProcess> second;
  if (HavePostgres()) {  // several servers share a PostgreSQL store, and may share a directory
    second = std::make_unique<ServerProcess>(PetitioBinary(), serve);
    ASSERT_NE(second->port(), 0) << second->output();
    const std::string b = name(1);
    EXPECT_GE(b.size(), 16u);
    EXPECT_NE(a, b);
  }

  EXPECT_EQ(first->Kill(), 128 + 9);
  first.reset();
  ServerProcess third(PetitioBinary(), serve);
  ASSERT_NE(third.port(), 0) << third.output();
  EXPECT_EQ(name(0), a) << "the crashed server's name, free again";
  EXPECT_FALSE(std::filesystem::exists(data_ + "/courier-2.name"));
  if (second) {
    EXPECT_EQ(second->Stop(), 0);
  }
  EXPECT_EQ(third.Stop(), 0);
}

// On SQLite one server owns the store (it keeps counts, states and the petition's JSON in
// memory): a second one on the same directory is refused, saying why, and changes nothing; the
// other commands still work beside the running server; a crash lets go of the claim.
TEST_F(CliServeTest, ASecondServerOnOneSqliteStoreIsRefused) {
  if (HavePostgres()) GTEST_SKIP() << "servers share a PostgreSQL store";
  const std::vector<std::string> serve = {"serve", "--listen", "127.0.0.1:0", "--data", data_};
  auto first = std::make_unique<ServerProcess>(PetitioBinary(), serve);
  ASSERT_NE(first->port(), 0) << first->output();
  ServerProcess second(PetitioBinary(), serve);  // bounded: killed at Stop() if it listens
  EXPECT_EQ(second.port(), 0) << "a second server on the store listens";
  EXPECT_EQ(second.Stop(), 1);
  const std::string said = second.output();
  EXPECT_NE(said.find("another petitio serve is running on " + data_), std::string::npos) << said;
  EXPECT_NE(said.find("PostgreSQL"), std::string::npos) << said;
  EXPECT_FALSE(std::filesystem::exists(data_ + "/courier-1.name")) << "claimed nothing";
  EXPECT_EQ(RunPetitio({"audit", "counts", "--data", data_}).exit_code, 0);

  EXPECT_EQ(first->Kill(), 128 + 9);
  first.reset();
  ServerProcess again(PetitioBinary(), serve);
  EXPECT_NE(again.port(), 0) << again.output();
  EXPECT_EQ(again.Stop(), 0);
}

TEST_F(CliServeTest, AnAddressInUseIsAClearError) {
  ServerProcess first(PetitioBinary(), {"serve", "--listen", "127.0.0.1:0", "--data", data_});
  ASSERT_NE(first.port(), 0);
  const CommandResult r =
      RunPetitio({"serve", "--listen", "127.0.0.1:" + std::to_string(first.port()), "--data",
                  data_ + "/other"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("listen"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace petitio::testing
