// `petitio export` and `petitio import` move a live store to another store, across engines:
// in the PostgreSQL run the site's PostgreSQL store goes to SQLite, on to a new PostgreSQL
// database and back to SQLite (in the SQLite run, SQLite to SQLite). Every archive on the way
// is the same bytes, and a server on the last copy, with the site's keys, serves the same
// count and signs the same tree head (size and root) as the site.
#include <filesystem>
#include <fstream>

#include "site_fixture.h"
#include "test_postgres.h"
#include "test_store.h"

namespace petitio::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// `args` with "--store URL" when the URL is not empty.
std::vector<std::string> On(std::vector<std::string> args, const std::string& url) {
  if (!url.empty()) {
    args.push_back("--store");
    args.push_back(url);
  }
  return args;
}

class MoveTest : public SiteTest {};

TEST_F(MoveTest, ExportAndImportCarryCountsAndLogRootsAcrossStores) {
  const int64_t id = CreateOpenPetition("de-bt", 0);
  for (int i = 0; i < 4; ++i) SignAndConfirm(id, "mover" + std::to_string(i) + "@example.org");
  const std::string path = "/api/v1/petitions/" + std::to_string(id);
  const boost::json::value head = Json(Get(path + "/log/sth"));
  ASSERT_EQ(head.at("tree_size").as_int64(), 5);

  const std::string work = MakeTempDir("petitio-move");
  const std::string site_store = TestStoreUrl(data_dir_);  // "" in the SQLite run
  // The site's store, exported while its server runs.
  CommandResult r =
      RunPetitio(On({"export", "--data", data_dir_, "--to", work + "/1.jsonl"}, site_store));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string archive = ReadFile(work + "/1.jsonl");
  EXPECT_EQ(RunPetitio(On({"export", "--data", data_dir_, "--to", work + "/1.jsonl"}, site_store))
                .exit_code,
            2)
      << "never over an existing file";

  // The chain of stores: SQLite, then (in the PostgreSQL run) a new PostgreSQL database, then
  // SQLite again; each exported again and compared.
  std::vector<std::pair<std::string, std::string>> chain = {{work + "/a", ""}};
  if (HavePostgres()) chain.emplace_back(work + "/b", TestStoreUrl(work + "/b"));
  chain.emplace_back(work + "/c", "");
  std::string from = work + "/1.jsonl";
  int n = 1;
  for (const auto& [dir, url] : chain) {
    r = RunPetitio(On({"import", "--data", dir, "--from", from}, url));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("1 petitions, 5 signatures, 5 log entries"), std::string::npos)
        << r.output;
    r = RunPetitio(On({"import", "--data", dir, "--from", from}, url));
    EXPECT_EQ(r.exit_code, 1) << "a second import finds the store not empty: " << r.output;
    const std::string next = work + "/" + std::to_string(++n) + ".jsonl";
    r = RunPetitio(On({"export", "--data", dir, "--to", next}, url));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(ReadFile(next), archive) << dir << " exported other bytes";
    from = next;
  }

  // The last copy served with the site's keys: the same count, the same signed log.
  const std::string last = chain.back().first;
  for (const char* key : {"secret.key", "log.key"}) {
    std::filesystem::copy_file(data_dir_ + "/" + key, last + "/" + key);
  }
  ServerProcess copy(PetitioBinary(),
                     {"serve", "--listen", "127.0.0.1:0", "--data", last, "--store", ""});
  ASSERT_NE(copy.port(), 0) << copy.output();
  const boost::json::value count = Json(HttpCall(copy.port(), "GET", path + "/count"));
  EXPECT_EQ(count.at("signature_count").as_int64(), CountFor(id));
  const boost::json::value moved = Json(HttpCall(copy.port(), "GET", path + "/log/sth"));
  EXPECT_EQ(moved.at("tree_size"), head.at("tree_size"));
  EXPECT_EQ(moved.at("root_hash"), head.at("root_hash"));
  EXPECT_EQ(copy.Stop(), 0);

  // A broken archive is refused and leaves the target empty.
  std::ofstream(work + "/broken.jsonl") << archive.substr(0, archive.size() / 2);
  r = RunPetitio({"import", "--data", work + "/d", "--from", work + "/broken.jsonl"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("nothing was imported"), std::string::npos) << r.output;
  r = RunPetitio({"import", "--data", work + "/d", "--from", work + "/1.jsonl"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  RemoveTree(work);
}

}  // namespace
}  // namespace petitio::testing
