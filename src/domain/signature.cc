#include "domain/signature.h"

#include <array>
#include <utility>

namespace petitio {

namespace {
constexpr std::array<std::pair<SignatureState, std::string_view>, 5> kStates = {{
    {SignatureState::kPending, "pending"},
    {SignatureState::kValidated, "validated"},
    {SignatureState::kInvalidated, "invalidated"},
    {SignatureState::kFraudulent, "fraudulent"},
    {SignatureState::kWithdrawn, "withdrawn"},
}};
constexpr std::array<std::pair<SignerRole, std::string_view>, 3> kRoles = {{
    {SignerRole::kInitiator, "initiator"},
    {SignerRole::kSponsor, "sponsor"},
    {SignerRole::kSigner, "signer"},
}};

template <typename E, size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return table[0].second;
}

template <typename E, size_t N>
std::optional<E> Parse(const std::array<std::pair<E, std::string_view>, N>& table,
                       std::string_view name) {
  for (const auto& [v, n] : table) {
    if (n == name) return v;
  }
  return std::nullopt;
}
}  // namespace

std::string_view SignatureStateName(SignatureState state) { return NameOf(kStates, state); }
std::optional<SignatureState> ParseSignatureState(std::string_view name) {
  return Parse(kStates, name);
}
std::string_view SignerRoleName(SignerRole role) { return NameOf(kRoles, role); }
std::optional<SignerRole> ParseSignerRole(std::string_view name) { return Parse(kRoles, name); }

bool IsCounted(SignatureState s) { return s == SignatureState::kValidated; }

}  // namespace petitio
