#include "domain/petition.h"

#include <array>
#include <utility>

namespace petitio {

namespace {
constexpr std::array<std::pair<PetitionState, std::string_view>, 9> kNames = {{
    {PetitionState::kPending, "pending"},
    {PetitionState::kValidated, "validated"},
    {PetitionState::kSponsored, "sponsored"},
    {PetitionState::kAdmitted, "admitted"},
    {PetitionState::kLapsed, "lapsed"},
    {PetitionState::kOpen, "open"},
    {PetitionState::kClosed, "closed"},
    {PetitionState::kRejected, "rejected"},
    {PetitionState::kHidden, "hidden"},
}};
}  // namespace

std::string_view PetitionStateName(PetitionState state) {
  for (const auto& [s, name] : kNames) {
    if (s == state) return name;
  }
  return "pending";
}

std::optional<PetitionState> ParsePetitionState(std::string_view name) {
  for (const auto& [s, n] : kNames) {
    if (n == name) return s;
  }
  return std::nullopt;
}

bool IsVisible(PetitionState s) {
  return s == PetitionState::kOpen || s == PetitionState::kClosed || s == PetitionState::kRejected;
}

bool IsGatheringSponsors(PetitionState s, StageOrder order) {
  if (order == StageOrder::kModerationFirst) return s == PetitionState::kAdmitted;
  return s == PetitionState::kPending || s == PetitionState::kValidated ||
         s == PetitionState::kSponsored;
}

bool IsModeratable(PetitionState s, StageOrder order) {
  return s == (order == StageOrder::kModerationFirst ? PetitionState::kValidated
                                                     : PetitionState::kSponsored);
}

bool IsCollecting(PetitionState s) { return s == PetitionState::kOpen; }

bool IsFinal(PetitionState s) {
  return s == PetitionState::kClosed || s == PetitionState::kRejected ||
         s == PetitionState::kHidden || s == PetitionState::kLapsed;
}

}  // namespace petitio
