// A counted signature gives its signer a receipt: the log entry, its hash, and a secret derived
// from the token only the signer received, whose pseudonym is the entry's.
#include "domain/receipt.h"

#include "app/mail_texts.h"
#include "app_fixture.h"
#include "domain/log_entry.h"

namespace petitio::testing {
namespace {

LogEntry EntryAt(Store& store, int64_t id, uint64_t index) {
  return DecodeLogEntry(store.GetLogEntries(id, index, index).value().at(0)).value();
}

TEST_F(AppTest, AConfirmedSignatureGetsAReceiptForItsLogEntry) {
  const int64_t id = CreateOpen();  // entries 0-2: initiator and two sponsors
  Result<ConfirmOutcome> out = SignAndConfirm(id, "sam@example.org", "north");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_TRUE(out->receipt.has_value());
  const Receipt& r = *out->receipt;
  EXPECT_EQ(r.petition_id, id);
  EXPECT_EQ(r.log_index, 3u);
  EXPECT_EQ(r.leaf_hash, LeafHash(store_->GetLogEntries(id, 3, 3).value().at(0)));
  const std::string token = mail_.LastToken("sam@example.org");
  EXPECT_EQ(r.secret, ReceiptSecretFromToken(token)) << "only the token's holder can derive it";
  EXPECT_EQ(EntryAt(*store_, id, 3).pseudonym,
            ReceiptPseudonym(r.secret, static_cast<uint64_t>(id)));
  EXPECT_TRUE(out->receipt_mailed);

  // The mail carries the receipt and the link that checks it, the secret in the fragment.
  const MailMessage mail = mail_.messages().back();
  EXPECT_EQ(mail.to_address, "sam@example.org");
  for (const std::string& line : ReceiptLines(MailTexts("en"), r)) {
    EXPECT_NE(mail.body.find(line), std::string::npos) << line;
  }
  EXPECT_NE(mail.body.find(ReceiptCheckPath(r)), std::string::npos);

  // The link again: counted once, the same receipt, no second mail.
  const size_t mails = mail_.messages().size();
  Result<ConfirmOutcome> again = ConfirmSignature(*ctx_, token);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->newly_counted);
  ASSERT_TRUE(again->receipt.has_value());
  EXPECT_EQ(again->receipt->log_index, r.log_index);
  EXPECT_EQ(again->receipt->leaf_hash, r.leaf_hash);
  EXPECT_EQ(again->receipt->secret, r.secret);
  EXPECT_EQ(mail_.messages().size(), mails);
}

TEST_F(AppTest, ACancellationRepeatsThePseudonymOfTheSignatureItCancels) {
  const int64_t id = CreateOpen();
  Result<ConfirmOutcome> out = SignAndConfirm(id, "sam@example.org", "north");
  ASSERT_TRUE(out.ok() && out->receipt);
  ASSERT_TRUE(
      WithdrawSignature(*ctx_, mail_.LastToken("sam@example.org", "/withdraw?token=")).ok());
  const LogEntry signature = EntryAt(*store_, id, 3);
  const LogEntry withdrawal = EntryAt(*store_, id, 4);
  EXPECT_EQ(withdrawal.type, LogEntryType::kWithdrawal);
  EXPECT_EQ(withdrawal.cancels, 3u);
  EXPECT_EQ(withdrawal.pseudonym, signature.pseudonym);
  EXPECT_EQ(withdrawal.region, "north");

  // Signing again is a new entry with a new token, so a new secret and pseudonym.
  Result<ConfirmOutcome> second = SignAndConfirm(id, "sam@example.org", "north");
  ASSERT_TRUE(second.ok() && second->receipt);
  EXPECT_EQ(second->receipt->log_index, 5u);
  EXPECT_NE(second->receipt->secret, out->receipt->secret);
  EXPECT_NE(EntryAt(*store_, id, 5).pseudonym, signature.pseudonym);
}

TEST_F(AppTest, DifferentSignersOnOnePetitionHaveUnrelatedPseudonyms) {
  const int64_t id = CreateOpen();
  ASSERT_TRUE(SignAndConfirm(id, "a@example.org").ok());
  ASSERT_TRUE(SignAndConfirm(id, "b@example.org").ok());
  EXPECT_NE(EntryAt(*store_, id, 3).pseudonym, EntryAt(*store_, id, 4).pseudonym);
}

}  // namespace
}  // namespace petitio::testing
