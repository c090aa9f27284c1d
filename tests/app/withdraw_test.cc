// A signer withdraws their signature with the link of their confirmation mail.
#include "app/queries.h"
#include "app_fixture.h"
#include "domain/signature_token.h"

namespace petitio::testing {
namespace {

TEST_F(AppTest, WithdrawingUncountsOnceAndSigningAgainCountsAgain) {
  const int64_t id = CreateOpen();  // initiator and 2 sponsors: 3
  ASSERT_TRUE(SignAndConfirm(id, "sam@example.org", "north").ok());
  ASSERT_EQ(store_->GetPetition(id)->signature_count, 4);
  const std::string token = mail_.LastToken("sam@example.org");
  EXPECT_EQ(mail_.LastToken("sam@example.org", "/withdraw?token="), token);

  Result<WithdrawOutcome> w = WithdrawSignature(*ctx_, token);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_TRUE(w->newly_withdrawn);
  EXPECT_EQ(w->signature_count, 3);
  w = WithdrawSignature(*ctx_, token);
  ASSERT_TRUE(w.ok());
  EXPECT_FALSE(w->newly_withdrawn);
  EXPECT_EQ(store_->GetPetition(id)->signature_count, 3);
  EXPECT_FALSE(store_->GetRegionCounts(id)->contains("north")) << "its region's count fell to 0";
  EXPECT_EQ(ConfirmSignature(*ctx_, token).status().code(), "signature_invalidated")
      << "a withdrawn signature is not confirmed back by its old link";

  // Signing again is a fresh signature to confirm.
  ASSERT_TRUE(SignAndConfirm(id, "Sam@Example.org", "south").ok());
  EXPECT_EQ(store_->GetPetition(id)->signature_count, 4);
  EXPECT_EQ(store_->GetRegionCounts(id)->at("south"), 1);
  const std::vector<CountAudit> audit = store_->AuditCounts().value();
  for (const CountAudit& a : audit) EXPECT_TRUE(a.ok()) << a.petition_id;
}

TEST_F(AppTest, WithdrawingNeedsACollectingPetitionAndNeverTheInitiator) {
  const int64_t id = CreateOpen();
  EXPECT_EQ(WithdrawSignature(*ctx_, mail_.LastToken("ann@example.org")).status().code(),
            "initiator_signature");
  ASSERT_TRUE(SignAndConfirm(id, "sam@example.org").ok());
  clock_.Set(StartOfDay({2025, 1, 1}));
  ASSERT_EQ(*CloseExpiredPetitions(*ctx_), 1);
  EXPECT_EQ(WithdrawSignature(*ctx_, mail_.LastToken("sam@example.org")).status().code(),
            "petition_not_collecting");
  EXPECT_EQ(store_->GetPetition(id)->signature_count, 4);
  EXPECT_EQ(WithdrawSignature(*ctx_, "").status().code(), "missing_token");
  EXPECT_EQ(WithdrawSignature(*ctx_, std::string(43, 'A')).status().code(), "unknown_token");
}

TEST_F(AppTest, AnUnconfirmedSignatureIsWithdrawnWithoutCounting) {
  const int64_t id = CreateOpen();
  ASSERT_TRUE(SignPetition(*ctx_, id, {"Sam", "sam@example.org", ""}).ok());
  Result<WithdrawOutcome> w = WithdrawSignature(*ctx_, mail_.LastToken("sam@example.org"));
  ASSERT_TRUE(w.ok());
  EXPECT_TRUE(w->newly_withdrawn);
  EXPECT_EQ(store_->GetPetition(id)->signature_count, 3);
}

TEST_F(AppTest, ContactDataIsErasedSixMonthsAfterTheEnd) {
  const int64_t id = CreateOpen();  // opened 9 June 2024; closes at the end of 9 December
  ASSERT_TRUE(SignAndConfirm(id, "sam@example.org").ok());
  clock_.Set(StartOfDay({2024, 12, 10}));
  ASSERT_EQ(*CloseExpiredPetitions(*ctx_), 1);
  EXPECT_EQ(*EraseExpiredContactData(*ctx_), 0) << "kept for six months after closing";
  clock_.Set(StartOfDay({2025, 6, 10}) + std::chrono::hours(23));
  EXPECT_EQ(*EraseExpiredContactData(*ctx_), 0) << "through 10 June 2025";
  clock_.Set(StartOfDay({2025, 6, 11}));
  EXPECT_EQ(*EraseExpiredContactData(*ctx_), 1);
  EXPECT_EQ(*EraseExpiredContactData(*ctx_), 0) << "once";
  const Petition p = *store_->GetPetition(id);
  EXPECT_TRUE(p.initiator_email.empty());
  EXPECT_TRUE(p.contact_erased_at.has_value());
  EXPECT_EQ(p.signature_count, 4) << "counts stay";
  for (const char* address : {"ann@example.org", "sam@example.org"}) {
    const std::optional<SignatureToken> token = ParseSignatureToken(mail_.LastToken(address));
    ASSERT_TRUE(token.has_value() && token->signature_id.has_value());
    Result<Signature> s = store_->GetSignature(*token->signature_id);
    ASSERT_TRUE(s.ok());
    EXPECT_TRUE(s->email.empty());
    EXPECT_TRUE(s->ip.empty());
    EXPECT_FALSE(s->identity_hash.empty()) << "still counted once";
  }
  EXPECT_EQ(store_->GetTimeline(id)->back().kind, "contact_data_erased");
}

}  // namespace
}  // namespace petitio::testing
