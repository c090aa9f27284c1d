// `petitio backup` beside a running server: the copy holds every count and the very same
// transparency log (its root and size), and a server started on the copy serves them.
#include <gtest/gtest.h>

#include <filesystem>

#include "site_fixture.h"
#include "test_postgres.h"

namespace petitio::testing {
namespace {

class BackupTest : public SiteTest {};

TEST_F(BackupTest, AnOnlineCopyServesTheSameCountsAndLog) {
  if (HavePostgres()) {
    // A PostgreSQL store is copied with PostgreSQL's tools; backup says so and writes nothing.
    const std::string copy = MakeTempDir("petitio-backup-") + "/copy";
    const CommandResult r = RunPetitio({"backup", "--data", data_dir_, "--to", copy});
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("pg_dump"), std::string::npos) << r.output;
    EXPECT_FALSE(std::filesystem::exists(copy));
    RemoveTree(copy.substr(0, copy.rfind('/')));
    return;
  }
  const int64_t id = CreateOpenPetition("de-bt", 0);
  for (int i = 0; i < 3; ++i) SignAndConfirm(id, "backup" + std::to_string(i) + "@example.org");
  const std::string path = "/api/v1/petitions/" + std::to_string(id);
  const boost::json::value head = Json(Get(path + "/log/sth"));

  const std::string copy = MakeTempDir("petitio-backup-") + "/copy";
  const CommandResult r = RunPetitio({"backup", "--data", data_dir_, "--to", copy});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("checked"), std::string::npos) << r.output;
  // Never over an existing directory.
  EXPECT_EQ(RunPetitio({"backup", "--data", data_dir_, "--to", copy}).exit_code, 2);
  EXPECT_EQ(RunPetitio({"backup", "--data", copy + "/nothing", "--to", copy + "2"}).exit_code, 2);

  // The original keeps serving; a second server on the copy answers the same.
  SignAndConfirm(id, "after-backup@example.org");
  ServerProcess restored(PetitioBinary(), {"serve", "--listen", "127.0.0.1:0", "--data", copy});
  ASSERT_NE(restored.port(), 0) << restored.output();
  const HttpReply count = HttpCall(restored.port(), "GET", path + "/count");
  ASSERT_EQ(count.status, 200) << count.body;
  EXPECT_EQ(Json(count).at("signature_count").as_int64(), 4) << "3 signers and the initiator";
  const boost::json::value copied = Json(HttpCall(restored.port(), "GET", path + "/log/sth"));
  EXPECT_EQ(copied.at("tree_size"), head.at("tree_size"));
  EXPECT_EQ(copied.at("root_hash"), head.at("root_hash"));
  const HttpReply key = HttpCall(restored.port(), "GET", "/api/v1/log/key");
  EXPECT_EQ(Json(key).at("public_key"), Json(Get("/api/v1/log/key")).at("public_key"))
      << "the copy signs with the same log key";
  EXPECT_EQ(restored.Stop(), 0);
  RemoveTree(copy.substr(0, copy.rfind('/')));
}

}  // namespace
}  // namespace petitio::testing
