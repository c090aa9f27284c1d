// Every change to a count is an entry in the petition's transparency log: the count is the log.
#include "app_fixture.h"
#include "domain/log_entry.h"
#include "domain/merkle_nodes.h"

namespace petitio::testing {
namespace {

// Signature entries minus the ones later entries cancel, over the whole log.
int64_t CountFromLog(Store& store, int64_t id) {
  const uint64_t size = store.GetLogSize(id).value();
  if (size == 0) return 0;
  int64_t count = 0;
  const std::vector<std::string> leaves = store.GetLogEntries(id, 0, size - 1).value();
  for (const std::string& leaf : leaves) {
    const LogEntry e = DecodeLogEntry(leaf).value();
    EXPECT_EQ(e.petition_id, static_cast<uint64_t>(id));
    count += e.type == LogEntryType::kSignature ? 1 : -1;
  }
  return count;
}

TEST_F(AppTest, TheCountIsTheLog) {
  const int64_t id = CreateOpen();  // initiator and two sponsors
  EXPECT_EQ(CountFromLog(*store_, id), 3);
  ASSERT_TRUE(SignAndConfirm(id, "a@spam.example", "north").ok());
  ASSERT_TRUE(SignAndConfirm(id, "b@spam.example").ok());
  ASSERT_TRUE(SignAndConfirm(id, "c@example.org").ok());
  ASSERT_TRUE(WithdrawSignature(*ctx_, mail_.LastToken("c@example.org")).ok());
  ASSERT_TRUE(InvalidateSignatures(*ctx_, id, {"domain", "spam.example", "", "", "bots"}).ok());
  EXPECT_EQ(store_->GetPetition(id)->signature_count, 3);
  EXPECT_EQ(CountFromLog(*store_, id), 3);
  EXPECT_EQ(store_->GetLogSize(id).value(), 9u) << "6 signatures, 1 withdrawal, 2 invalidations";

  const std::vector<std::string> leaves = store_->GetLogEntries(id, 0, 8).value();
  const LogEntry withdrawal = DecodeLogEntry(leaves[6]).value();
  EXPECT_EQ(withdrawal.type, LogEntryType::kWithdrawal);
  EXPECT_EQ(withdrawal.cancels, 5u);
  EXPECT_EQ(DecodeLogEntry(leaves[3]).value().region, "north");
  for (const std::string& leaf : leaves) {
    EXPECT_EQ(leaf.find("example"), std::string::npos) << "no personal data in a leaf";
  }
  // The stored subtree hashes give the root of the leaves themselves.
  std::vector<MerkleHash> hashes;
  for (const std::string& leaf : leaves) hashes.push_back(LeafHash(leaf));
  const MerkleNodeReader read = [this, id](int level, uint64_t index) {
    return store_->GetLogNode(id, level, index);
  };
  EXPECT_EQ(RootFromNodes(read, 9).value(), RootOf(hashes));
}

}  // namespace
}  // namespace petitio::testing
