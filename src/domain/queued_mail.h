// A mail waiting in the store's durable queue: written in the same write unit as what it tells
// (a signature to confirm, a receipt), sent afterwards at the mail relay's pace, and deleted
// once the relay has taken it. The body may hold a secret link (a confirmation token), so a row
// lives only until it is sent.
//
// `sender` names the server that queued it (or last tried it): that server sends it at once;
// another takes it over only when it has been due for a while, as its sender may be gone.
#pragma once

#include <cstdint>
#include <string>

#include "domain/time.h"

namespace petitio {

struct QueuedMail {
  int64_t id = 0;
  std::string sender;
  std::string to_name;
  std::string to_address;
  std::string subject;  // UTF-8
  std::string body;     // UTF-8 plain text
  TimePoint created_at;
  int attempts = 0;  // failed so far
  TimePoint next_attempt_at;
};

}  // namespace petitio
