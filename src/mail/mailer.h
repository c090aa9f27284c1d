// Mailer: sends one plain-text message. Implementations: the file outbox (DATA/outbox/*.eml,
// used when no relay is configured) and SMTP through libcurl.
//
// Send is safe to call from several threads at once. It returns OK only when the message has
// been handed over for good: written completely to the outbox (atomically: a reader never sees
// a partial file) or accepted by the SMTP relay.
#pragma once

#include <string>

#include "domain/result.h"

namespace petitio {

struct MailMessage {
  std::string to_name;
  std::string to_address;
  std::string subject;  // UTF-8; encoded per RFC 2047 when not ASCII
  std::string body;     // UTF-8 plain text
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual Status Send(const MailMessage& message) = 0;
};

}  // namespace petitio
