// The gathering VFS (store/sqlite/gathering_vfs.h): a commit's WAL frames reach the file in a
// few writes, and nothing SQLite reads — another connection after the commit, the same
// connection's own spilled frames, a checkpoint, a fresh open — misses a gathered write.
#include "store/sqlite/gathering_vfs.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <string>

#include "store/sqlite/connection.h"
#include "temp_dir.h"

namespace petitio::store_contract {
namespace {

using sqlite::SqliteConnection;

std::unique_ptr<SqliteConnection> OpenAt(const std::string& path, const char* vfs,
                                         SqliteConnection::Mode mode) {
  Result<std::unique_ptr<SqliteConnection>> c = SqliteConnection::Open(path, mode, 5000, vfs);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? std::move(c).value() : nullptr;
}

// The gathering writer as the store opens it: WAL, every commit synced.
std::unique_ptr<SqliteConnection> Writer(const std::string& path) {
  EXPECT_TRUE(sqlite::RegisterGatheringVfs());
  auto c = OpenAt(path, sqlite::kGatheringVfs, SqliteConnection::Mode::kReadWrite);
  if (c == nullptr) return nullptr;
  EXPECT_TRUE(c->ExecScript("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                            " PRAGMA wal_autocheckpoint = 0;"
                            " CREATE TABLE IF NOT EXISTS t(k INTEGER PRIMARY KEY, v TEXT);")
                  .ok());
  return c;
}

std::string One(SqliteConnection& c, const std::string& sql) {
  Result<sql::Query> q = c.Prepare(sql);
  EXPECT_TRUE(q.ok()) << q.status().ToString();
  if (!q.ok()) return {};
  Result<bool> row = q->Step();
  EXPECT_TRUE(row.ok()) << row.status().ToString();
  return row.ok() && *row ? q->Text(0) : std::string();
}

// Inserts rows [from, to) with 1,000-byte values in one transaction: about one page each.
void InsertRows(SqliteConnection& c, int from, int to) {
  std::string sql = "BEGIN;";
  for (int k = from; k < to; ++k) {
    sql += " INSERT INTO t VALUES(" + std::to_string(k) + ", printf('%.1000c', 'x'));";
  }
  sql += " COMMIT;";
  const Status done = c.ExecScript(sql);
  ASSERT_TRUE(done.ok()) << done.ToString();
}

TEST(GatheringVfsTest, ACommitsFramesReachTheWalInAFewWrites) {
  TempDir dir;
  const std::string path = dir.path() + "/g.db";
  auto writer = Writer(path);
  ASSERT_NE(writer, nullptr);
  const sqlite::GatheringVfsStats before = sqlite::GetGatheringVfsStats();
  InsertRows(*writer, 0, 400);
  const sqlite::GatheringVfsStats after = sqlite::GetGatheringVfsStats();
  const int64_t asked = after.writes_asked - before.writes_asked;
  const int64_t made = after.writes_made - before.writes_made;
  // Two writes a frame (header and page) for about a hundred frames of 4 KiB, in writes of up
  // to kGatherLimit bytes (31 frames) each.
  EXPECT_GT(asked, 200);
  EXPECT_LE(made, 6) << asked << " writes asked";
}

TEST(GatheringVfsTest, AnotherConnectionSeesEachCommitAtOnce) {
  TempDir dir;
  const std::string path = dir.path() + "/g.db";
  auto writer = Writer(path);
  ASSERT_NE(writer, nullptr);
  auto reader = OpenAt(path, nullptr, SqliteConnection::Mode::kReadOnly);
  ASSERT_NE(reader, nullptr);
  for (int round = 1; round <= 5; ++round) {
    InsertRows(*writer, (round - 1) * 50, round * 50);
    EXPECT_EQ(One(*reader, "SELECT count(*) FROM t"), std::to_string(round * 50));
    EXPECT_EQ(One(*reader, "SELECT length(v) FROM t WHERE k = " + std::to_string(round * 50 - 1)),
              "1000");
  }
}

// With a cache of ten pages a big transaction spills its frames to the WAL before COMMIT, then
// reads them back, and a second transaction rewrites the same pages: the connection's reads of
// its own frames must find what it wrote. Then a checkpoint copies the WAL into the database,
// which a fresh connection checks whole.
TEST(GatheringVfsTest, SpilledFramesReadBackAndCheckpointsCopyEveryWrite) {
  TempDir dir;
  const std::string path = dir.path() + "/g.db";
  {
    auto writer = Writer(path);
    ASSERT_NE(writer, nullptr);
    ASSERT_TRUE(writer->ExecScript("PRAGMA cache_size = 10;").ok());
    std::string spill = "BEGIN;";
    for (int k = 0; k < 600; ++k) {
      spill += " INSERT INTO t VALUES(" + std::to_string(k) + ", printf('%.1000c', 'x'));";
    }
    ASSERT_TRUE(writer->ExecScript(spill).ok());
    // Inside the transaction: most of these pages were spilled, and are read back now.
    EXPECT_EQ(One(*writer, "SELECT sum(length(v)) FROM t"), "600000");
    EXPECT_EQ(One(*writer, "SELECT count(*) FROM t WHERE v LIKE 'x%'"), "600");
    ASSERT_TRUE(writer->ExecScript("COMMIT;").ok());
    ASSERT_TRUE(writer
                    ->ExecScript("BEGIN; UPDATE t SET v = printf('%.1000c', 'y') WHERE k % 2 = 0;"
                                 " COMMIT;")
                    .ok());
    EXPECT_EQ(One(*writer, "SELECT count(*) FROM t WHERE v LIKE 'y%'"), "300");
    EXPECT_EQ(One(*writer, "SELECT sum(length(v)) FROM t"), "600000");
    Result<sql::Query> checkpoint = writer->Prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    ASSERT_TRUE(checkpoint.ok());
    Result<bool> row = checkpoint->Step();
    ASSERT_TRUE(row.ok() && *row);
    EXPECT_EQ(checkpoint->Text(0), "0") << "the checkpoint was busy";
  }
  auto fresh = OpenAt(path, nullptr, SqliteConnection::Mode::kReadWrite);
  ASSERT_NE(fresh, nullptr);
  EXPECT_EQ(One(*fresh, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(One(*fresh, "SELECT count(*) FROM t WHERE v LIKE 'y%'"), "300");
  EXPECT_EQ(One(*fresh, "SELECT count(*) FROM t WHERE v LIKE 'x%'"), "300");
}

// What a crash right after a commit leaves on disk: a copy of the database and its WAL taken
// then (no wal-index, so SQLite rebuilds it from the WAL file alone) holds every commit so far.
TEST(GatheringVfsTest, TheFilesOnDiskHoldACommitOnceItReturns) {
  TempDir dir;
  const std::string path = dir.path() + "/g.db";
  auto writer = Writer(path);
  ASSERT_NE(writer, nullptr);
  for (int round = 1; round <= 3; ++round) {
    InsertRows(*writer, (round - 1) * 100, round * 100);
    const std::string copy = dir.path() + "/copy" + std::to_string(round) + ".db";
    std::filesystem::copy_file(path, copy);
    std::filesystem::copy_file(path + "-wal", copy + "-wal");
    auto opened = OpenAt(copy, nullptr, SqliteConnection::Mode::kReadWrite);
    ASSERT_NE(opened, nullptr);
    EXPECT_EQ(One(*opened, "SELECT count(*) FROM t"), std::to_string(round * 100));
    EXPECT_EQ(One(*opened, "PRAGMA integrity_check"), "ok");
  }
}

}  // namespace
}  // namespace petitio::store_contract
