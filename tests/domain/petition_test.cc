#include "domain/petition.h"

#include <gtest/gtest.h>

#include "domain/signature.h"

namespace petitio {
namespace {

constexpr PetitionState kAll[] = {PetitionState::kPending,   PetitionState::kValidated,
                                  PetitionState::kSponsored, PetitionState::kOpen,
                                  PetitionState::kClosed,    PetitionState::kRejected,
                                  PetitionState::kHidden};

TEST(PetitionState, NamesRoundTrip) {
  for (PetitionState s : kAll) {
    EXPECT_EQ(ParsePetitionState(PetitionStateName(s)), s);
  }
  EXPECT_FALSE(ParsePetitionState("flagged").has_value());
  EXPECT_FALSE(ParsePetitionState("").has_value());
}

// One row per state: visible, gathering sponsors, moderatable, collecting, final.
struct GroupRow {
  PetitionState state;
  bool visible, sponsors, moderatable, collecting, final_state;
};

TEST(PetitionState, NamedGroups) {
  const GroupRow rows[] = {
      {PetitionState::kPending, false, true, false, false, false},
      {PetitionState::kValidated, false, true, false, false, false},
      {PetitionState::kSponsored, false, true, true, false, false},
      {PetitionState::kOpen, true, false, false, true, false},
      {PetitionState::kClosed, true, false, false, false, true},
      {PetitionState::kRejected, true, false, false, false, true},
      {PetitionState::kHidden, false, false, false, false, true},
  };
  for (const GroupRow& r : rows) {
    SCOPED_TRACE(PetitionStateName(r.state));
    EXPECT_EQ(IsVisible(r.state), r.visible);
    EXPECT_EQ(IsGatheringSponsors(r.state), r.sponsors);
    EXPECT_EQ(IsModeratable(r.state), r.moderatable);
    EXPECT_EQ(IsCollecting(r.state), r.collecting);
    EXPECT_EQ(IsFinal(r.state), r.final_state);
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
