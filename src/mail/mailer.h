// Mailer: sends one plain-text message. Implementations: the file outbox (DATA/outbox/*.eml,
// used when no relay is configured) and SMTP through libcurl.
//
// Send is safe to call from several threads at once. It returns OK only when the message has
// been handed over for good: written completely to the outbox (atomically: a reader never sees
// a partial file) or accepted by the SMTP relay. SendAll hands over many messages, as Send does
// each, and says for each whether it went; a mailer may send them over shared connections.
#pragma once

#include <string>
#include <vector>

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
  // One status per message, in order.
  virtual std::vector<Status> SendAll(const std::vector<MailMessage>& messages) {
    std::vector<Status> out;
    out.reserve(messages.size());
    for (const MailMessage& m : messages) out.push_back(Send(m));
    return out;
  }
};

}  // namespace petitio
