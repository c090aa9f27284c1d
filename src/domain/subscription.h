// Who hears about a petition by mail, and the notices waiting to be sent.
//
// A subscription is one address on one petition: the initiator's, a signer's who opted in when
// signing, or a follower's. It counts once its address is confirmed (the signer's or initiator's
// confirmation link, or the follower's own), and ends when its holder unsubscribes. A
// notification is one event (published, a threshold reached, registered, a meeting scheduled, the
// decision) to mail to every subscription of its petition; `cursor` is the last subscription id
// it has been sent to, so delivery resumes where it stopped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/time.h"

namespace petitio {

enum class SubscriberKind { kInitiator, kSigner, kFollower };
std::string_view SubscriberKindName(SubscriberKind k);  // "initiator", "signer", "follower"
std::optional<SubscriberKind> ParseSubscriberKind(std::string_view name);

struct Subscription {
  int64_t id = 0;
  int64_t petition_id = 0;
  std::string email;  // normalised
  std::string name;
  SubscriberKind kind = SubscriberKind::kFollower;
  bool confirmed = false;
  TimePoint created_at;
  std::optional<TimePoint> unsubscribed_at = {};
  std::string language = "en";  // of the mails it receives: the page's when it subscribed
};

struct Notification {
  int64_t id = 0;
  int64_t petition_id = 0;
  std::string kind;  // "published", "threshold_reached", "registered", "meeting", "decision"
  std::string subject;
  std::string body;  // plain text; the greeting and the unsubscribe link are added per mail
  TimePoint created_at;
  int64_t cursor = 0;
  bool done = false;
  // What the notice tells, by name ("date" as YYYY-MM-DD, "place", "number", "outcome"...), so
  // each subscriber reads it in their own language; `subject` and `body` are the English words.
  std::vector<std::pair<std::string, std::string>> args = {};
};

}  // namespace petitio
