// What the SQLite adapter promises beyond the Store contract: WAL, versioned migrations, group
// commit, and its writer's behaviour on failure and shutdown.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "store/sql/count_cache.h"
#include "store/sql/writer.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "store_contract.h"
#include "temp_dir.h"

namespace petitio::store_contract {
namespace {

using sqlite::SqliteConnection;
using Connection = sqlite::SqliteConnection;
using std::chrono::milliseconds;

std::unique_ptr<Store> Open(const std::string& path, int max_batch = 1000,
                            milliseconds delay = milliseconds(2)) {
  SqliteStoreOptions options;
  options.path = path;
  options.max_batch = max_batch;
  options.max_batch_delay = delay;
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(options);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(store).value() : nullptr;
}

std::unique_ptr<Connection> Raw(const std::string& path) {
  Result<std::unique_ptr<Connection>> c =
      Connection::Open(path, Connection::Mode::kReadWrite, 5000);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? std::move(c).value() : nullptr;
}

// A raw connection to `path` after the store's migrations 1 to `version`, as a store of that
// version left the file; nullptr (and a failure) when they do not apply.
std::unique_ptr<Connection> RawAtVersion(const std::string& path, int version) {
  std::unique_ptr<Connection> raw = Raw(path);
  if (raw == nullptr) return nullptr;
  const std::vector<sql::Migration> first(sqlite::StoreMigrations().begin(),
                                          sqlite::StoreMigrations().begin() + version);
  EXPECT_EQ(first.back().version, version);
  if (first.back().version != version) return nullptr;
  const Status applied = sql::ApplyMigrations(*raw, first, sqlite::kSqliteBegin).status();
  EXPECT_TRUE(applied.ok()) << applied.ToString();
  return applied.ok() ? std::move(raw) : nullptr;
}

// The rows of a one-column-or-two query, each joined as "a|b".
std::vector<std::string> Rows(Connection& c, const std::string& sql) {
  std::vector<std::string> rows;
  Result<sql::Query> q = c.Prepare(sql);
  EXPECT_TRUE(q.ok()) << q.status().ToString();
  if (!q.ok()) return rows;
  const int columns = q->ColumnCount();
  for (;;) {
    Result<bool> row = q->Step();
    EXPECT_TRUE(row.ok()) << row.status().ToString();
    if (!row.ok() || !*row) return rows;
    std::string joined = q->Text(0);
    for (int i = 1; i < columns; ++i) joined.append("|").append(q->Text(i));
    rows.push_back(joined);
  }
}

// Appends `leaf` to petition `id`'s log through a write unit of its own.
Result<uint64_t> Append(Store& store, int64_t id, const std::string& leaf) {
  uint64_t index = 0;
  Status s = store.Write([&](StoreTx& tx) -> Status {
    Result<uint64_t> appended = tx.AppendLogEntry(id, leaf);
    if (!appended.ok()) return appended.status();
    index = *appended;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return index;
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_FALSE(dir_.path().empty()); }
  std::string db() const { return dir_.path() + "/petitio.db"; }

  TempDir dir_;
};

TEST_F(SqliteStoreTest, FileIsInWalMode) {
  std::unique_ptr<Store> store = Open(db());
  ASSERT_NE(store, nullptr);
  std::unique_ptr<Connection> raw = Raw(db());
  ASSERT_NE(raw, nullptr);
  EXPECT_EQ(Rows(*raw, "PRAGMA journal_mode"), std::vector<std::string>{"wal"});
}

// SQLite's own memory statistics (a process-wide mutex on every allocation) are off: with them
// on, a store in use reports the memory it holds.
TEST_F(SqliteStoreTest, SqliteKeepsNoMemoryStatistics) {
  std::unique_ptr<Store> store = Open(db());
  ASSERT_NE(store, nullptr);
  Petition p = MinimalPetition("memory");
  p.id = InsertPetition(*store, p);
  EXPECT_EQ(ReadPetition(*store, p.id).title, p.title);
  EXPECT_EQ(sqlite3_memory_used(), 0);
}

TEST_F(SqliteStoreTest, MigrationsAreRecordedAndNotReapplied) {
  ASSERT_NE(Open(db()), nullptr);
  std::vector<std::string> first;
  {
    std::unique_ptr<Connection> raw = Raw(db());
    first = Rows(*raw, "SELECT version, applied_at FROM schema_migrations ORDER BY version");
  }
  ASSERT_EQ(first.size(), sqlite::StoreMigrations().size());
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].substr(0, first[i].find('|')),
              std::to_string(sqlite::StoreMigrations()[i].version));
  }

  ASSERT_NE(Open(db()), nullptr);  // reopen: nothing to apply
  std::unique_ptr<Connection> raw = Raw(db());
  EXPECT_EQ(Rows(*raw, "SELECT version, applied_at FROM schema_migrations ORDER BY version"),
            first);
  Result<int> again = sql::ApplyMigrations(*raw, sqlite::StoreMigrations(), sqlite::kSqliteBegin);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, 0);
}

TEST_F(SqliteStoreTest, AVersionOneDatabaseUpgradesKeepingItsPetitionsAndCounts) {
  {
    std::unique_ptr<Connection> raw = RawAtVersion(db(), 1);
    ASSERT_NE(raw, nullptr);
    ASSERT_TRUE(raw->Exec("INSERT INTO petitions (profile_id, title, text, addressee,"
                          " initiator_name, initiator_email, sponsor_token, state,"
                          " signature_count, sponsor_count, created_at)"
                          " VALUES ('uk', 'Old', 'Text', 'Parliament', 'Ann', 'a@example.org',"
                          " 'tok', 'open', 7, 5, 1717927200000)")
                    .ok());
    for (const char* row :
         {"1, 'h1', 'wales', 't1', 'validated'", "2, 'h2', 'wales', 't2', 'validated'",
          "3, 'h3', 'wales', 't3', 'pending'", "4, 'h4', '', 't4', 'validated'"}) {
      ASSERT_TRUE(raw->Exec(std::string("INSERT INTO signatures (id, email_hash, region,"
                                        " token_hash, state, petition_id, role, name, email,"
                                        " created_at) VALUES (") +
                            row + ", 1, 'signer', 'N', 'n@example.org', 1717927200000)")
                      .ok());
    }
  }
  std::unique_ptr<Store> store = Open(db());
  ASSERT_NE(store, nullptr);
  Result<Petition> p = store->GetPetition(1);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->title, "Old");
  EXPECT_EQ(p->signature_count, 7);
  EXPECT_EQ(p->addressee_level, "");
  EXPECT_FALSE(p->registered_at.has_value());
  EXPECT_TRUE(store->GetExtensions(1).value().empty());
  EXPECT_EQ(store->GetRegionCounts(1).value(),
            (std::map<std::string, int64_t>{{"", 1}, {"wales", 2}}))
      << "counts by region are filled from the validated signatures";
  // Links mailed before tokens named their signature still find it, by the hash of the token.
  Result<Signature> mailed = store->GetSignatureByLegacyToken("t3");
  ASSERT_TRUE(mailed.ok()) << mailed.status().ToString();
  EXPECT_EQ(mailed->id, 3);
  EXPECT_EQ(mailed->state, SignatureState::kPending);
}

TEST_F(SqliteStoreTest, AVersion14LogMovesToTablesWithoutRowidsKeepingEveryRow) {
  // Version 15 rebuilds the log's tables; the leaves and nodes of a log written before must
  // all be there after, and the log must keep growing from where it was.
  const std::string kLogTablesWithoutRowids =
      "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('log_entries', 'log_nodes')"
      " AND sql LIKE '%WITHOUT ROWID%'";
  const std::vector<std::string> leaves = {"first", "second", "third"};
  {
    // A store as versions 1 to 14 made it, with a log of three leaves and their nodes.
    std::unique_ptr<Connection> raw = RawAtVersion(db(), 14);
    ASSERT_NE(raw, nullptr);
    ASSERT_TRUE(raw->Exec("INSERT INTO petitions (id, profile_id, title, text, addressee,"
                          " initiator_name, initiator_email, sponsor_token, state,"
                          " signature_count, sponsor_count, created_at, log_size)"
                          " VALUES (1, 'uk', 'Logged', 'Text', 'Parliament', 'Ann',"
                          " 'a@example.org', 'tok', 'open', 3, 0, 1717927200000, 3)")
                    .ok());
    const auto bytes = [](const MerkleHash& h) {
      return std::string(reinterpret_cast<const char*>(h.data()), h.size());
    };
    std::vector<std::tuple<int, int, std::string>> nodes;  // (level, index, hash)
    for (size_t i = 0; i < leaves.size(); ++i) {
      Result<sql::Query> q =
          raw->Prepare("INSERT INTO log_entries (petition_id, idx, leaf) VALUES (1, ?1, ?2)");
      ASSERT_TRUE(q.ok());
      q->BindInt(1, static_cast<int64_t>(i)).BindBlob(2, leaves[i]);
      ASSERT_TRUE(q->Run().ok());
      nodes.emplace_back(0, static_cast<int>(i), bytes(LeafHash(leaves[i])));
    }
    nodes.emplace_back(1, 0, bytes(NodeHash(LeafHash(leaves[0]), LeafHash(leaves[1]))));
    for (const auto& [level, index, hash] : nodes) {
      Result<sql::Query> q = raw->Prepare(
          "INSERT INTO log_nodes (petition_id, level, idx, hash) VALUES (1, ?1, ?2, ?3)");
      ASSERT_TRUE(q.ok());
      q->BindInt(1, level).BindInt(2, index).BindBlob(3, hash);
      ASSERT_TRUE(q->Run().ok());
    }
    ASSERT_EQ(Rows(*raw, kLogTablesWithoutRowids), std::vector<std::string>{"0"});
  }
  std::unique_ptr<Store> store = Open(db());
  ASSERT_NE(store, nullptr);
  {
    std::unique_ptr<Connection> raw = Raw(db());
    EXPECT_EQ(Rows(*raw, kLogTablesWithoutRowids), std::vector<std::string>{"2"})
        << "one B-tree per table: a leaf or node written once, not to a table and its key";
    EXPECT_EQ(Rows(*raw, "SELECT COUNT(*) FROM log_nodes"), std::vector<std::string>{"4"})
        << "the three leaves' hashes and the first pair's";
  }
  EXPECT_EQ(store->GetLogEntries(1, 0, 2).value(), leaves);
  EXPECT_EQ(Append(*store, 1, "fourth").value(), 3u);
  EXPECT_EQ(store->GetLogSize(1).value(), 4u);
  EXPECT_EQ(store->GetLogNode(1, 2, 0).value(),
            NodeHash(NodeHash(LeafHash("first"), LeafHash("second")),
                     NodeHash(LeafHash("third"), LeafHash("fourth"))))
      << "the root over the leaves from before the move and after";
}

TEST_F(SqliteStoreTest, SignaturesHaveNoIndexOfTokenHashes) {
  // A random B-tree page written per signature, for lookups that now go by the id.
  ASSERT_NE(Open(db()), nullptr);
  std::unique_ptr<Connection> raw = Raw(db());
  EXPECT_EQ(Rows(*raw,
                 "SELECT name FROM sqlite_master WHERE type = 'index'"
                 " AND tbl_name = 'signatures' AND sql LIKE '%token_hash%'"),
            std::vector<std::string>{});
}

TEST_F(SqliteStoreTest, ApplyMigrationsAppliesOnlyNewerOnesEachAtomically) {
  std::unique_ptr<Connection> raw = Raw(db());
  ASSERT_NE(raw, nullptr);
  std::vector<sql::Migration> list = {
      {1, "CREATE TABLE a (x INTEGER)"},
      {2, "CREATE TABLE b (x INTEGER)"},
  };
  EXPECT_EQ(sql::ApplyMigrations(*raw, list, sqlite::kSqliteBegin).value(), 2);
  EXPECT_EQ(sql::ApplyMigrations(*raw, list, sqlite::kSqliteBegin).value(), 0);

  list.push_back({3, "CREATE TABLE c (x INTEGER); INSERT INTO c VALUES (1);"});
  EXPECT_EQ(sql::ApplyMigrations(*raw, list, sqlite::kSqliteBegin).value(), 1);
  EXPECT_EQ(sql::ApplyMigrations(*raw, list, sqlite::kSqliteBegin).value(), 0);
  EXPECT_EQ(Rows(*raw, "SELECT COUNT(*) FROM c"), std::vector<std::string>{"1"});

  // A broken migration leaves neither its tables nor its record.
  list.push_back({4, "CREATE TABLE d (x INTEGER); THIS IS NOT SQL;"});
  Result<int> broken = sql::ApplyMigrations(*raw, list, sqlite::kSqliteBegin);
  EXPECT_FALSE(broken.ok());
  EXPECT_EQ(Rows(*raw, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'd'"),
            std::vector<std::string>{"0"});
  EXPECT_EQ(Rows(*raw, "SELECT MAX(version) FROM schema_migrations"),
            std::vector<std::string>{"3"});
  EXPECT_FALSE(raw->InTransaction());
}

TEST_F(SqliteStoreTest, GroupCommitPutsConcurrentUnitsInFewBatches) {
  constexpr int kWriters = 64;
  // A generous delay, so that even on a loaded machine the writer waits for company.
  std::unique_ptr<Store> store = Open(db(), 1000, milliseconds(50));
  ASSERT_NE(store, nullptr);
  const int64_t pid = InsertPetition(*store, MinimalPetition("hot"));
  const SqliteStoreStats before = GetSqliteStoreStats(*store).value();

  std::atomic<int> started{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      started.fetch_add(1);
      Status s = store->Write([&, i](StoreTx& tx) {
        return tx.AppendTimeline(pid, {At(i), "w", std::to_string(i)});
      });
      if (!s.ok()) failures.fetch_add(1);
    });
  }
  for (std::thread& t : threads) t.join();

  const SqliteStoreStats after = GetSqliteStoreStats(*store).value();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(after.units - before.units, kWriters);
  EXPECT_LT(after.batches - before.batches, kWriters);
  EXPECT_EQ(store->GetTimeline(pid).value().size(), static_cast<size_t>(kWriters));
}

TEST_F(SqliteStoreTest, BatchesHoldAtMostMaxBatchUnits) {
  constexpr int kWriters = 32;
  constexpr int kMaxBatch = 4;
  // A long delay: the writer waits until it has kMaxBatch units, so every batch is full.
  std::unique_ptr<Store> store = Open(db(), kMaxBatch, milliseconds(10000));
  ASSERT_NE(store, nullptr);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      Petition p = MinimalPetition(std::to_string(i));
      Status s = store->Write([&](StoreTx& tx) { return tx.InsertPetition(p).status(); });
      if (!s.ok()) failures.fetch_add(1);
    });
  }
  for (std::thread& t : threads) t.join();
  const SqliteStoreStats stats = GetSqliteStoreStats(*store).value();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(stats.units, kWriters);
  EXPECT_EQ(stats.batches, kWriters / kMaxBatch);
  EXPECT_EQ(store->CountPetitions().value(), kWriters);
}

// A unit that rewrites more pages than SQLite keeps of its sub-journal in memory (a petition's
// contacts erased, here about 600 pages of rows) has that journal spilled to a file, and still
// commits. (With the sub-journal's spill at 1 MiB, SQLite 3.40 failed the spill with "database or
// disk is full"; so did migration 16 on a store of 5,000,000 signatures.)
TEST_F(SqliteStoreTest, AUnitThatRewritesThousandsOfRowsCommits) {
  std::unique_ptr<Store> store = Open(db());
  ASSERT_NE(store, nullptr);
  const int64_t pid = InsertPetition(*store, MinimalPetition("p"));
  ASSERT_TRUE(store
                  ->Write([&](StoreTx& tx) -> Status {
                    for (int i = 0; i < 20000; ++i) {
                      Signature s = MakeSignature(pid, "h" + std::to_string(i), "t");
                      s.email = "someone." + std::to_string(i) + "@example.org";
                      Result<int64_t> id = tx.InsertSignature(s);
                      if (!id.ok()) return id.status();
                    }
                    return Status::Ok();
                  })
                  .ok());
  const Status erased = store->Write([&](StoreTx& tx) { return tx.EraseSignatureContacts(pid); });
  EXPECT_TRUE(erased.ok()) << erased.ToString();
  std::unique_ptr<Connection> raw = Raw(db());
  ASSERT_NE(raw, nullptr);
  EXPECT_EQ(Rows(*raw, "SELECT COUNT(*) FROM signatures WHERE email != ''"),
            std::vector<std::string>{"0"});
}

TEST_F(SqliteStoreTest, ReadsDoNotWaitForTheWriter) {
  std::unique_ptr<Store> store = Open(db());
  ASSERT_NE(store, nullptr);
  Petition p = MinimalPetition("r");
  p.id = InsertPetition(*store, p);

  std::atomic<bool> written{false};
  std::atomic<bool> release{false};
  std::thread writer([&] {
    Status s = store->Write([&](StoreTx& tx) -> Status {
      Petition changed = p;
      changed.signature_count = 99;
      PETITIO_RETURN_IF_ERROR(tx.UpdatePetition(changed));
      written = true;
      for (int i = 0; i < 5000 && !release; ++i) std::this_thread::sleep_for(milliseconds(1));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
  });
  for (int i = 0; i < 5000 && !written; ++i) std::this_thread::sleep_for(milliseconds(1));
  ASSERT_TRUE(written.load());
  // The writer holds an open transaction with the update; readers see the last commit.
  EXPECT_EQ(ReadPetition(*store, p.id).signature_count, 0);
  EXPECT_EQ(store->CachedCount(p.id), 0);
  release = true;
  writer.join();
  EXPECT_EQ(ReadPetition(*store, p.id).signature_count, 99);
  EXPECT_EQ(store->CachedCount(p.id), 99);
}

TEST_F(SqliteStoreTest, ThrowingOrEmptyUnitsFailAlone) {
  std::unique_ptr<Store> store = Open(db());
  ASSERT_NE(store, nullptr);
  const int64_t pid = InsertPetition(*store, MinimalPetition("x"));
  Status thrown = store->Write([&](StoreTx& tx) -> Status {
    PETITIO_RETURN_IF_ERROR(tx.AppendTimeline(pid, {At(), "x", "rolled back"}));
    throw std::runtime_error("boom");
  });
  EXPECT_EQ(thrown.kind(), ErrorKind::kInternal);
  EXPECT_NE(thrown.message().find("boom"), std::string::npos) << thrown.message();
  EXPECT_TRUE(store->GetTimeline(pid).value().empty());

  EXPECT_EQ(store->Write(Store::WriteUnit()).kind(), ErrorKind::kInvalidArgument);
  EXPECT_TRUE(store->Write([](StoreTx&) { return Status::Ok(); }).ok());
}

TEST_F(SqliteStoreTest, WriteFromInsideAUnitFailsInsteadOfDeadlocking) {
  std::unique_ptr<Store> store = Open(db());
  ASSERT_NE(store, nullptr);
  Status inner;
  Status outer = store->Write([&](StoreTx&) {
    inner = store->Write([](StoreTx&) { return Status::Ok(); });
    return inner;
  });
  EXPECT_EQ(inner.kind(), ErrorKind::kInternal);
  EXPECT_EQ(outer.kind(), ErrorKind::kInternal);
}

// One process alone writes the file, so the store knows every petition's state from memory
// (those stored before it opened, and each it writes, once committed) and sees every commit.
TEST_F(SqliteStoreTest, EveryPetitionsStateIsKnownFromMemory) {
  int64_t before = 0;
  {
    std::unique_ptr<Store> first = Open(db());
    Petition p = MinimalPetition("before");
    p.state = PetitionState::kOpen;
    before = InsertPetition(*first, p);
  }
  std::unique_ptr<Store> store = Open(db());
  EXPECT_EQ(store->CachedPetitionState(before), PetitionState::kOpen);
  const std::optional<int64_t> seq = store->CommitSequence();
  ASSERT_TRUE(seq.has_value()) << "it sees every commit";
  Petition p = MinimalPetition("after");
  p.state = PetitionState::kRejected;
  p.id = InsertPetition(*store, p);
  EXPECT_EQ(store->CachedPetitionState(p.id), PetitionState::kRejected);
  EXPECT_NE(store->CommitSequence(), seq) << "a commit changes it before Write returns";
  p.state = PetitionState::kHidden;
  ASSERT_TRUE(UpdatePetition(*store, p).ok());
  EXPECT_EQ(store->CachedPetitionState(p.id), PetitionState::kHidden);
}

TEST_F(SqliteStoreTest, OpenReportsBadPaths) {
  SqliteStoreOptions options;
  EXPECT_EQ(OpenSqliteStore(options).status().kind(), ErrorKind::kInvalidArgument);
  options.path = dir_.path() + "/no/such/dir/petitio.db";
  EXPECT_FALSE(OpenSqliteStore(options).ok());
  options.path = ":memory:";
  EXPECT_FALSE(OpenSqliteStore(options).ok());
}

// --- The writer on its own, to reach failures the Store interface cannot provoke ----------------

class WriterTest : public SqliteStoreTest {
 protected:
  void SetUp() override {
    SqliteStoreTest::SetUp();
    std::unique_ptr<Connection> conn = Raw(db());
    ASSERT_NE(conn, nullptr);
    ASSERT_TRUE(conn->ExecScript("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON").ok());
    ASSERT_TRUE(sql::ApplyMigrations(*conn, sqlite::StoreMigrations(), sqlite::kSqliteBegin).ok());
    ASSERT_TRUE(conn->ExecScript("INSERT INTO petitions (id, profile_id, title, text, addressee,"
                                 " initiator_name, initiator_email, sponsor_token, state,"
                                 " signature_count, sponsor_count, created_at)"
                                 " VALUES (1, 'KZ', 't', 't', 'a', 'n', 'e', 's', 'open', 1, 0, 0)")
                    .ok());
    conn_ = conn.get();
    conn_holder_ = std::move(conn);
  }

  // Starts a writer over the connection with these batch settings.
  void StartWriter(int max_batch, milliseconds delay) {
    writer_ = std::make_unique<sql::Writer>(std::move(conn_holder_), counts_, states_,
                                            sqlite::SqliteBatchHooks(),
                                            sql::WriterOptions{max_batch, delay});
    ASSERT_TRUE(writer_->Start().ok());
  }

  // A unit adding one to petition 1's signature_count.
  static Status Increment(StoreTx& tx) {
    Result<Petition> p = tx.GetPetition(1);
    if (!p.ok()) return p.status();
    p->signature_count += 1;
    return tx.UpdatePetition(*p);
  }

  int64_t StoredCount() {
    std::unique_ptr<Connection> raw = Raw(db());
    std::vector<std::string> rows = Rows(*raw, "SELECT signature_count FROM petitions");
    return rows.size() == 1 ? std::stoll(rows[0]) : -1;
  }

  sql::CountCache counts_;
  sql::StateCache states_;
  Connection* conn_ = nullptr;  // owned by the writer once started
  std::unique_ptr<Connection> conn_holder_;
  std::unique_ptr<sql::Writer> writer_;
};

TEST_F(WriterTest, FailedCommitFailsEveryUnitOfTheBatch) {
  // Batches of exactly two: the writer waits (up to 10 s) for the second unit.
  StartWriter(2, milliseconds(10000));
  Connection* conn = conn_;
  Status plain, poison;
  std::thread a([&] { plain = writer_->Submit(&Increment); });
  std::thread b([&] {
    poison = writer_->Submit([conn](StoreTx& tx) -> Status {
      // A foreign key checked only at COMMIT: the statement succeeds, the COMMIT fails.
      PETITIO_RETURN_IF_ERROR(conn->Exec("PRAGMA defer_foreign_keys = ON"));
      return tx.InsertSignature(MakeSignature(999, "h", "t")).status();
    });
  });
  a.join();
  b.join();
  EXPECT_EQ(plain.kind(), ErrorKind::kInternal) << plain.ToString();
  EXPECT_EQ(poison.kind(), ErrorKind::kInternal) << poison.ToString();
  EXPECT_EQ(StoredCount(), 1);
  EXPECT_FALSE(counts_.Get(1).has_value());  // nothing committed, nothing cached

  // The writer recovers: the next batch commits.
  Status c, d;
  std::thread tc([&] { c = writer_->Submit(&Increment); });
  std::thread td([&] { d = writer_->Submit(&Increment); });
  tc.join();
  td.join();
  EXPECT_TRUE(c.ok()) << c.ToString();
  EXPECT_TRUE(d.ok()) << d.ToString();
  EXPECT_EQ(StoredCount(), 3);
  EXPECT_EQ(counts_.Get(1), 3);
  EXPECT_EQ(writer_->stats().batches, 2);
}

TEST_F(WriterTest, StopAnswersEveryQueuedUnitThenRefusesNewOnes) {
  StartWriter(1000, milliseconds(2));
  constexpr int kThreads = 8;
  constexpr int kUnits = 25;
  std::atomic<int> ok{0};
  std::atomic<int> unavailable{0};
  std::atomic<int> other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kUnits; ++i) {
        Status s = writer_->Submit(&Increment);
        if (s.ok()) {
          ok.fetch_add(1);
        } else if (s.kind() == ErrorKind::kUnavailable) {
          unavailable.fetch_add(1);
        } else {
          other.fetch_add(1);
        }
      }
    });
  }
  std::this_thread::sleep_for(milliseconds(20));
  writer_->Stop();
  for (std::thread& t : threads) t.join();

  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(ok.load() + unavailable.load(), kThreads * kUnits);
  EXPECT_EQ(StoredCount(), 1 + ok.load());  // every acknowledged unit is on disk
  EXPECT_EQ(writer_->Submit(&Increment).kind(), ErrorKind::kUnavailable);
}

// SubmitThen does not wait: its continuation runs on the writer's thread once the unit's batch
// has committed (the count is on disk and in the cache by then), with the unit's Status, and a
// continuation that throws does not stop the writer.
TEST_F(WriterTest, SubmitThenAnswersOnTheWriterThreadAfterTheCommit) {
  StartWriter(1000, milliseconds(0));
  std::mutex mu;
  std::condition_variable cv;
  std::vector<Status> answers;
  std::vector<std::optional<int64_t>> cached;
  std::vector<int64_t> stored;
  std::vector<std::thread::id> threads;
  const auto keep = [&](Status s) {
    std::lock_guard lock(mu);
    answers.push_back(std::move(s));
    cached.push_back(counts_.Get(1));
    stored.push_back(StoredCount());
    threads.push_back(std::this_thread::get_id());
    cv.notify_all();
  };
  writer_->SubmitThen(&Increment, keep);
  writer_->SubmitThen([](StoreTx&) { return Status::Conflict("no", "refused"); }, keep);
  writer_->SubmitThen(&Increment, [](Status) { throw std::runtime_error("a careless caller"); });
  writer_->SubmitThen(&Increment, keep);
  {
    std::unique_lock lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return answers.size() == 3; }));
  }
  EXPECT_TRUE(answers[0].ok()) << answers[0].ToString();
  EXPECT_EQ(answers[1].code(), "refused");
  EXPECT_TRUE(answers[2].ok()) << answers[2].ToString();
  EXPECT_GE(cached[0].value_or(0), 2);  // committed and cached before the answer
  EXPECT_GE(stored[0], 2);
  EXPECT_EQ(cached[2], 4);
  EXPECT_EQ(stored[2], 4);
  for (const std::thread::id& id : threads) EXPECT_NE(id, std::this_thread::get_id());

  writer_->Stop();
  Status late;
  std::thread::id late_thread;
  writer_->SubmitThen(&Increment, [&](Status s) {
    late = std::move(s);
    late_thread = std::this_thread::get_id();
  });
  EXPECT_EQ(late.kind(), ErrorKind::kUnavailable);  // at once, on the caller's thread
  EXPECT_EQ(late_thread, std::this_thread::get_id());
}

// A unit or a continuation that asks the writer for another write would wait for itself: the
// request is refused at once with kInternal instead, and the writer goes on.
TEST_F(WriterTest, WritesAskedFromTheWritersOwnThreadAreRefused) {
  StartWriter(1000, milliseconds(0));
  sql::Writer* writer = writer_.get();
  Status from_unit;
  Status from_continuation;
  const Status outer = writer->Submit([&](StoreTx& tx) {
    from_unit = writer->Submit(&Increment);
    return Increment(tx);
  });
  std::promise<void> answered;
  writer->SubmitThen(&Increment, [&](Status) {
    writer->SubmitThen(&Increment, [&](Status s) { from_continuation = std::move(s); });
    answered.set_value();
  });
  ASSERT_EQ(answered.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_TRUE(outer.ok()) << outer.ToString();
  EXPECT_EQ(from_unit.kind(), ErrorKind::kInternal) << from_unit.ToString();
  EXPECT_EQ(from_continuation.kind(), ErrorKind::kInternal) << from_continuation.ToString();
  EXPECT_TRUE(writer->Submit(&Increment).ok());
  EXPECT_EQ(StoredCount(), 4);  // the outer unit, the continued one and the last
}

TEST_F(WriterTest, SubmitBeforeStartIsUnavailable) {
  sql::Writer writer(std::move(conn_holder_), counts_, states_, sqlite::SqliteBatchHooks(),
                     sql::WriterOptions{});
  EXPECT_EQ(writer.Submit(&Increment).kind(), ErrorKind::kUnavailable);
}

}  // namespace
}  // namespace petitio::store_contract
