#include "domain/petition.h"

#include <gtest/gtest.h>

#include "domain/signature.h"

namespace petitio {
namespace {

constexpr PetitionState kAll[] = {
    PetitionState::kPending,  PetitionState::kValidated, PetitionState::kSponsored,
    PetitionState::kAdmitted, PetitionState::kOpen,      PetitionState::kClosed,
    PetitionState::kRejected, PetitionState::kHidden,    PetitionState::kLapsed};

TEST(PetitionState, NamesRoundTrip) {
  for (PetitionState s : kAll) {
    EXPECT_EQ(ParsePetitionState(PetitionStateName(s)), s);
  }
  EXPECT_FALSE(ParsePetitionState("flagged").has_value());
  EXPECT_FALSE(ParsePetitionState("").has_value());
}

// One row per state: visible, collecting, final; then gathering sponsors and moderatable
// when sponsors come first (UK), and when moderation comes first (KZ).
struct GroupRow {
  PetitionState state;
  bool visible, collecting, final_state;
  bool sponsors_uk, moderatable_uk, sponsors_kz, moderatable_kz;
};

TEST(PetitionState, NamedGroups) {
  const GroupRow rows[] = {
      {PetitionState::kPending, false, false, false, true, false, false, false},
      {PetitionState::kValidated, false, false, false, true, false, false, true},
      {PetitionState::kSponsored, false, false, false, true, true, false, false},
      {PetitionState::kAdmitted, false, false, false, false, false, true, false},
      {PetitionState::kOpen, true, true, false, false, false, false, false},
      {PetitionState::kClosed, true, false, true, false, false, false, false},
      {PetitionState::kRejected, true, false, true, false, false, false, false},
      {PetitionState::kHidden, false, false, true, false, false, false, false},
      {PetitionState::kLapsed, false, false, true, false, false, false, false},
  };
  for (const GroupRow& r : rows) {
    SCOPED_TRACE(PetitionStateName(r.state));
    EXPECT_EQ(IsVisible(r.state), r.visible);
    EXPECT_EQ(IsCollecting(r.state), r.collecting);
    EXPECT_EQ(IsFinal(r.state), r.final_state);
    EXPECT_EQ(IsGatheringSponsors(r.state, StageOrder::kSponsorsFirst), r.sponsors_uk);
    EXPECT_EQ(IsModeratable(r.state, StageOrder::kSponsorsFirst), r.moderatable_uk);
    EXPECT_EQ(IsGatheringSponsors(r.state, StageOrder::kModerationFirst), r.sponsors_kz);
    EXPECT_EQ(IsModeratable(r.state, StageOrder::kModerationFirst), r.moderatable_kz);
  }
}

TEST(SignatureState, NamesAndCounting) {
  for (SignatureState s : {SignatureState::kPending, SignatureState::kValidated,
                           SignatureState::kInvalidated, SignatureState::kFraudulent}) {
    EXPECT_EQ(ParseSignatureState(SignatureStateName(s)), s);
  }
  EXPECT_TRUE(IsCounted(SignatureState::kValidated));
  EXPECT_FALSE(IsCounted(SignatureState::kPending));
  EXPECT_FALSE(IsCounted(SignatureState::kInvalidated));
  EXPECT_FALSE(IsCounted(SignatureState::kFraudulent));
  for (SignerRole r : {SignerRole::kInitiator, SignerRole::kSponsor, SignerRole::kSigner}) {
    EXPECT_EQ(ParseSignerRole(SignerRoleName(r)), r);
  }
}

}  // namespace
}  // namespace petitio
