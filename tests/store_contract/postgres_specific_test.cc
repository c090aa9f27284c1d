// Beyond the contract, what several servers on one PostgreSQL database rely on: stores opened
// at the same moment on a new database all come up (the migrations race safely), a count
// written through one store reaches another store's CachedCount through LISTEN/NOTIFY, and
// units submitted through two stores at once take turns (no lost update).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "store/postgres/connection.h"
#include "store/postgres/postgres_store.h"
#include "store/sql/tables.h"
#include "store_contract.h"
#include "test_postgres.h"

namespace petitio::store_contract {
namespace {

using std::chrono::milliseconds;

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    url_ =
        petitio::testing::FreshDatabaseUrl(petitio::testing::DatabaseNameFor(dir_.path()), &error);
    ASSERT_FALSE(url_.empty()) << error;
  }
  std::unique_ptr<Store> Open() {
    PostgresStoreOptions options;
    options.conninfo = url_;
    options.read_connections = 1;
    Result<std::unique_ptr<Store>> store = OpenPostgresStore(options);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  TempDir dir_;
  std::string url_;
};

// Waits (at most 5 s) until `store`'s cached count of `id` is `want`; returns what it is then.
std::optional<int64_t> AwaitCachedCount(Store& store, int64_t id, int64_t want) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (store.CachedCount(id) != want && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(milliseconds(5));
  }
  return store.CachedCount(id);
}

TEST_F(PostgresStoreTest, StoresOpenedTogetherOnANewDatabaseAllComeUp) {
  constexpr int kStores = 4;
  std::vector<std::unique_ptr<Store>> stores(kStores);
  std::vector<std::thread> openers;
  for (int i = 0; i < kStores; ++i) {
    openers.emplace_back([&, i] { stores[i] = Open(); });
  }
  for (std::thread& t : openers) t.join();
  for (const auto& s : stores) {
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->CountPetitions().value(), 0);
  }
}

// Other servers change petitions here without this process seeing it: it claims to know no
// petition's state from memory and no commit sequence, so readers read the rows.
TEST_F(PostgresStoreTest, ASharedStoreKnowsNoStateFromMemory) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  Petition p = MinimalPetition("shared");
  p.state = PetitionState::kOpen;
  p.id = InsertPetition(*store, p);
  EXPECT_FALSE(store->CachedPetitionState(p.id).has_value());
  EXPECT_FALSE(store->CommitSequence().has_value());
}

TEST_F(PostgresStoreTest, ACountWrittenThroughOneStoreReachesTheOthersCache) {
  std::unique_ptr<Store> first = Open();
  std::unique_ptr<Store> second = Open();
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  const int64_t id = InsertPetition(*first, MinimalPetition("listen"));
  Petition p = ReadPetition(*first, id);
  for (int64_t count : {5, 9, 4}) {
    p.signature_count = count;
    ASSERT_TRUE(UpdatePetition(*first, p).ok());
    EXPECT_EQ(first->CachedCount(id), count);
    EXPECT_EQ(AwaitCachedCount(*second, id, count), count)
        << "the second store did not hear " << count;
  }
  // A store opened later starts from the database.
  std::unique_ptr<Store> third = Open();
  ASSERT_NE(third, nullptr);
  EXPECT_EQ(third->CachedCount(id), 4);
}

TEST_F(PostgresStoreTest, UnitsThroughTwoStoresTakeTurns) {
  std::unique_ptr<Store> first = Open();
  std::unique_ptr<Store> second = Open();
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  const int64_t id = InsertPetition(*first, MinimalPetition("turns"));
  constexpr int kThreads = 8;
  constexpr int kEach = 25;
  std::atomic<int> failed{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    Store& store = t % 2 == 0 ? *first : *second;
    writers.emplace_back([&store, &failed, id] {
      for (int i = 0; i < kEach; ++i) {
        // Read, decide, write: a lost update would show as a count short of the total.
        Status s = store.Write([id](StoreTx& tx) -> Status {
          Result<Petition> p = tx.GetPetition(id);
          if (!p.ok()) return p.status();
          p->signature_count += 1;
          return tx.UpdatePetition(*p);
        });
        if (!s.ok()) ++failed;
      }
    });
  }
  for (std::thread& w : writers) w.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(ReadPetition(*first, id).signature_count, kThreads * kEach);
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  // Each store hears of the other's last batch through a notification: wait for both.
  while (
      (first->CachedCount(id) != kThreads * kEach || second->CachedCount(id) != kThreads * kEach) &&
      std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(milliseconds(5));
  }
  EXPECT_EQ(first->CachedCount(id), kThreads * kEach);
  EXPECT_EQ(second->CachedCount(id), kThreads * kEach);
}

TEST_F(PostgresStoreTest, TheIdentityLookupFindsTheUniqueIndexOnceTheTableHasGrown) {
  // A new database: the lookup is first planned while the table is empty and never analysed.
  // Kept, that plan walks the petition's signatures by (petition_id, created_at), one signature
  // dearer each time, until autovacuum analyses the table.
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  const int64_t id = InsertPetition(*store, MinimalPetition("viral"));
  store.reset();
  Result<std::unique_ptr<postgres::PgConnection>> opened = postgres::PgConnection::Open(url_);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  sql::Connection& conn = **opened;
  auto lookup = [&] {
    Result<Signature> none = sql::SelectSignatureByIdentity(conn, id, "nobody");
    EXPECT_EQ(none.status().kind(), ErrorKind::kNotFound) << none.status().ToString();
  };
  for (int i = 0; i < 8; ++i) lookup();  // PostgreSQL's generic plan comes after five runs
  ASSERT_TRUE(conn.ExecScript("INSERT INTO signatures (petition_id, role, name, email,"
                              " identity_hash, region, token_hash, state, created_at) SELECT " +
                              std::to_string(id) +
                              ", 'signer', 'S', '', 'id' || g, '', 'tok' || g, 'validated', g"
                              " FROM generate_series(1, 5000) g")
                  .ok());
  for (uint64_t i = 0; i < postgres::kFirstPlanRefresh + 8; ++i) lookup();

  Result<sql::Query> named = conn.Prepare(
      "SELECT name FROM pg_prepared_statements WHERE statement LIKE '%identity_hash = $2'");
  ASSERT_TRUE(named.ok()) << named.status().ToString();
  Result<bool> row = named->Step();
  ASSERT_TRUE(row.ok() && *row) << "the lookup is not prepared on this connection";
  const std::string name = named->Text(0);
  Result<sql::Query> explain =
      conn.Prepare("EXPLAIN EXECUTE " + name + "(" + std::to_string(id) + ", 'nobody')");
  ASSERT_TRUE(explain.ok()) << explain.status().ToString();
  std::string plan;
  for (Result<bool> more = explain->Step(); more.ok() && *more; more = explain->Step()) {
    plan += explain->Text(0) + "\n";
  }
  EXPECT_NE(plan.find("signatures_petition_id_identity_hash_key"), std::string::npos) << plan;
}

}  // namespace
}  // namespace petitio::store_contract
