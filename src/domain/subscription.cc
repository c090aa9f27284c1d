#include "domain/subscription.h"

namespace petitio {

std::string_view SubscriberKindName(SubscriberKind k) {
  switch (k) {
    case SubscriberKind::kInitiator:
      return "initiator";
    case SubscriberKind::kSigner:
      return "signer";
    case SubscriberKind::kFollower:
      return "follower";
  }
  return "follower";
}

std::optional<SubscriberKind> ParseSubscriberKind(std::string_view name) {
  for (SubscriberKind k :
       {SubscriberKind::kInitiator, SubscriberKind::kSigner, SubscriberKind::kFollower}) {
    if (SubscriberKindName(k) == name) return k;
  }
  return std::nullopt;
}

}  // namespace petitio
