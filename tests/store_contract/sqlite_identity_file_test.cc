// What the SQLite store's identity file promises (store/sqlite/identity_file.h): every signature
// is in it; when it cannot be trusted (missing, unreadable, from another boot of the machine,
// covering more than the signatures table) it is built again, and signatures it missed are added
// when the store opens; a lookup through it never answers with another signer's row; and the
// store's migration 16 moves an older store's signatures to it.
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "store/sqlite/connection.h"
#include "store/sqlite/identity_file.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "store_contract.h"
#include "temp_dir.h"

namespace petitio::store_contract {
namespace {

using sqlite::SqliteConnection;

std::unique_ptr<Store> Open(const std::string& path) {
  SqliteStoreOptions options;
  options.path = path;
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(options);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(store).value() : nullptr;
}

std::unique_ptr<SqliteConnection> Raw(const std::string& path) {
  Result<std::unique_ptr<SqliteConnection>> c =
      SqliteConnection::Open(path, SqliteConnection::Mode::kReadWrite, 5000);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? std::move(c).value() : nullptr;
}

int64_t Scalar(sql::Connection& c, const std::string& sql) {
  Result<sql::Query> q = c.Prepare(sql);
  EXPECT_TRUE(q.ok()) << q.status().ToString();
  if (!q.ok()) return -1;
  Result<bool> row = q->Step();
  EXPECT_TRUE(row.ok() && *row) << sql;
  return row.ok() && *row ? q->Int(0) : -1;
}

// Signs petition `pid` as `identity` through a write unit: the insert's status.
Status Sign(Store& store, int64_t pid, const std::string& identity) {
  return store.Write([&](StoreTx& tx) -> Status {
    Result<int64_t> id = tx.InsertSignature(MakeSignature(pid, identity, "t-" + identity));
    return id.ok() ? Status::Ok() : id.status();
  });
}

// The signature of `identity` on `pid`, looked up as signing does (inside a write unit).
Result<Signature> Find(Store& store, int64_t pid, const std::string& identity) {
  Result<Signature> found = Status::Internal("not looked up");
  const Status s = store.Write([&](StoreTx& tx) -> Status {
    found = tx.GetSignatureByIdentity(pid, identity);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return found;
}

// A signature row written straight into the database file, as a commit that reached it and not
// the identity file (the process killed between the two).
void InsertRowOnly(sql::Connection& c, int64_t pid, const std::string& identity) {
  const Status s = c.Exec(
      "INSERT INTO signatures (petition_id, role, name, email, identity_hash, region, token_hash,"
      " state, created_at) VALUES (" +
      std::to_string(pid) + ", 'signer', 'N', 'n@example.org', '" + identity +
      "', '', 'tok', 'validated', 0)");
  ASSERT_TRUE(s.ok()) << s.ToString();
}

class IdentityFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    std::unique_ptr<Store> store = Open(db());
    ASSERT_NE(store, nullptr);
    pid_ = InsertPetition(*store, MinimalPetition("p"));
    ASSERT_TRUE(Sign(*store, pid_, "alice").ok());
    ASSERT_TRUE(Sign(*store, pid_, "bob").ok());
  }

  std::string db() const { return dir_.path() + "/petitio.db"; }
  std::string identities() const { return sqlite::IdentityFilePath(db()); }

  // Opens the store and checks that it knows who signed: alice and bob are found, and neither
  // can sign again.
  void ExpectAliceAndBobKnown() {
    std::unique_ptr<Store> store = Open(db());
    ASSERT_NE(store, nullptr);
    for (const char* who : {"alice", "bob"}) {
      Result<Signature> found = Find(*store, pid_, who);
      ASSERT_TRUE(found.ok()) << who << ": " << found.status().ToString();
      EXPECT_EQ(found->identity_hash, who);
      EXPECT_EQ(Sign(*store, pid_, who).code(), "already_signed") << who;
    }
  }

  // Attaches the identity file to `main` (detached first, if it was attached) as a store opening
  // on `boot` does: whether it was kept or rebuilt and how many signatures were added, or why
  // it failed.
  std::string Attach(SqliteConnection& main, const std::string& boot) {
    (void)main.Exec("DETACH DATABASE identities");  // refused when not attached, harmlessly
    Result<sqlite::IdentityFileReport> r = sqlite::AttachIdentityFile(main, identities(), boot);
    if (!r.ok()) return r.status().ToString();
    return std::string(r->rebuilt ? "rebuilt, " : "kept, ") + std::to_string(r->added) + " added";
  }

  TempDir dir_;
  int64_t pid_ = 0;
};

TEST_F(IdentityFileTest, EverySignatureIsInTheFileBesideTheDatabase) {
  std::unique_ptr<SqliteConnection> file = Raw(identities());
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(Scalar(*file, "SELECT COUNT(*) FROM signature_identities"), 2);
  EXPECT_EQ(Scalar(*file, "SELECT upto FROM coverage"), 2) << "it covers both signatures";
  std::unique_ptr<SqliteConnection> main = Raw(db());
  ASSERT_NE(main, nullptr);
  EXPECT_EQ(Scalar(*main,
                   "SELECT COUNT(*) FROM sqlite_master WHERE tbl_name = 'signatures'"
                   " AND sql LIKE '%UNIQUE%'"),
            0);
  EXPECT_EQ(Scalar(*main,
                   "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'sqlite_autoindex_"
                   "signatures%'"),
            0)
      << "the database file keeps no index of identities";
  ExpectAliceAndBobKnown();
}

TEST_F(IdentityFileTest, AMissingFileIsBuiltAgain) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((identities() + suffix).c_str());
  ExpectAliceAndBobKnown();
}

TEST_F(IdentityFileTest, AnUnreadableFileIsBuiltAgain) {
  for (const char* suffix : {"-wal", "-shm"}) std::remove((identities() + suffix).c_str());
  std::ofstream(identities(), std::ios::trunc) << std::string(8192, 'x');
  ExpectAliceAndBobKnown();
}

TEST_F(IdentityFileTest, SignaturesTheFileMissedAreAddedWhenTheStoreOpens) {
  {
    std::unique_ptr<SqliteConnection> main = Raw(db());
    ASSERT_NE(main, nullptr);
    InsertRowOnly(*main, pid_, "carol");
  }
  std::unique_ptr<Store> store = Open(db());
  ASSERT_NE(store, nullptr);
  Result<Signature> carol = Find(*store, pid_, "carol");
  ASSERT_TRUE(carol.ok()) << carol.status().ToString();
  EXPECT_EQ(Sign(*store, pid_, "carol").code(), "already_signed");
}

TEST_F(IdentityFileTest, OnlyAFileItCannotTrustIsBuiltAgain) {
  std::unique_ptr<SqliteConnection> main = Raw(db());
  ASSERT_NE(main, nullptr);
  ASSERT_TRUE(main->Exec("PRAGMA journal_mode = WAL").ok());
  const std::string boot = sqlite::CurrentBootId();
  ASSERT_FALSE(boot.empty()) << "this machine names its boot";
  EXPECT_EQ(Attach(*main, boot), "kept, 0 added");
  // An entry no signature made (a page torn by a crash of the machine) goes with a rebuild.
  ASSERT_TRUE(
      main->Exec("INSERT INTO identities.signature_identities VALUES (1, 'ghost', 9)").ok());
  EXPECT_EQ(Attach(*main, "another-boot"), "rebuilt, 2 added");
  EXPECT_EQ(Scalar(*main, "SELECT COUNT(*) FROM identities.signature_identities"), 2);
  EXPECT_EQ(Attach(*main, "another-boot"), "kept, 0 added");
  // Covering more signatures than the table holds: the database was replaced under it.
  ASSERT_TRUE(main->Exec("UPDATE identities.coverage SET upto = 1000").ok());
  EXPECT_EQ(Attach(*main, "another-boot"), "rebuilt, 2 added");
  EXPECT_EQ(Scalar(*main, "SELECT upto FROM identities.coverage"), 2);
  // Another database's file (a copy of another store's database put in this one's place).
  ASSERT_TRUE(main->Exec("UPDATE database_key SET key = 'another-database'").ok());
  EXPECT_EQ(Attach(*main, "another-boot"), "rebuilt, 2 added");
}

TEST_F(IdentityFileTest, ALookupNeverAnswersWithAnotherSignersRow) {
  {
    std::unique_ptr<SqliteConnection> file = Raw(identities());
    ASSERT_NE(file, nullptr);
    // alice's entry names bob's signature.
    ASSERT_TRUE(file->Exec("UPDATE signature_identities SET signature_id = (SELECT signature_id"
                           " FROM signature_identities WHERE identity_hash = 'bob')"
                           " WHERE identity_hash = 'alice'")
                    .ok());
  }
  std::unique_ptr<Store> store = Open(db());
  ASSERT_NE(store, nullptr);
  Result<Signature> alice = Find(*store, pid_, "alice");
  EXPECT_EQ(alice.status().kind(), ErrorKind::kNotFound)
      << (alice.ok() ? "answered with " + alice->identity_hash : alice.status().ToString());
}

TEST(IdentityFileMigration, AVersion15StoresSignaturesMoveToTheIdentityFile) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  const std::string db = dir.path() + "/petitio.db";
  {
    std::unique_ptr<SqliteConnection> raw = Raw(db);
    ASSERT_NE(raw, nullptr);
    const std::vector<sql::Migration> first(sqlite::StoreMigrations().begin(),
                                            sqlite::StoreMigrations().begin() + 15);
    ASSERT_EQ(first.back().version, 15);
    ASSERT_TRUE(sql::ApplyMigrations(*raw, first, sqlite::kSqliteBegin).ok());
    ASSERT_TRUE(raw->Exec("INSERT INTO petitions (id, profile_id, title, text, addressee,"
                          " initiator_name, initiator_email, sponsor_token, state,"
                          " signature_count, sponsor_count, created_at)"
                          " VALUES (1, 'KZ', 't', 't', 'a', 'n', 'e', 's', 'open', 2, 0, 0)")
                    .ok());
    ASSERT_TRUE(raw->Exec("INSERT INTO signatures (id, petition_id, role, name, email,"
                          " identity_hash, region, token_hash, state, created_at, validated_at,"
                          " ip, subnet, email_domain, log_index) VALUES"
                          " (7, 1, 'signer', 'Ann', 'a@example.org', 'ann', 'almaty', 'ta',"
                          " 'validated', 10, 11, '10.0.0.1', '10.0.0.0/24', 'example.org', 0),"
                          " (9, 1, 'signer', 'Bo', 'b@example.org', 'bo', '', 'tb', 'pending',"
                          " 12, NULL, '', '', 'example.org', NULL)")
                    .ok());
  }
  std::unique_ptr<Store> store = Open(db);
  ASSERT_NE(store, nullptr);
  Result<Signature> ann = Find(*store, 1, "ann");
  ASSERT_TRUE(ann.ok()) << ann.status().ToString();
  EXPECT_EQ(ann->id, 7);
  EXPECT_EQ(ann->region, "almaty");
  EXPECT_EQ(ann->subnet, "10.0.0.0/24");
  EXPECT_EQ(ann->log_index, 0);
  Result<Signature> bo = Find(*store, 1, "bo");
  ASSERT_TRUE(bo.ok()) << bo.status().ToString();
  EXPECT_EQ(bo->id, 9);
  EXPECT_EQ(bo->state, SignatureState::kPending);
  EXPECT_FALSE(bo->validated_at.has_value());
  EXPECT_EQ(Sign(*store, 1, "ann").code(), "already_signed");
  ASSERT_TRUE(Sign(*store, 1, "cy").ok());
  EXPECT_EQ(Find(*store, 1, "cy")->id, 10) << "new ids follow the moved rows";
}

}  // namespace
}  // namespace petitio::store_contract
