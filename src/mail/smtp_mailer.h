// SmtpMailer: sends each message to an SMTP relay through libcurl.
//
// The relay is given as a URL: smtp://[user:pass@]host[:port][/ehlo-domain] (STARTTLS is used
// when the relay offers it) or smtps://... (TLS from the start; certificates are verified).
// Send formats the message (rfc5322.h), opens a fresh connection, and returns OK only when the
// relay has accepted the message for delivery. Connecting and the whole exchange are each
// limited to 30 seconds. A relay that cannot be reached or times out is Unavailable (retry
// later); a relay that refuses the message is Internal with the SMTP reply code in the message.
// Send is safe to call from many threads at once.
#pragma once

#include <memory>
#include <string>

#include "domain/clock.h"
#include "domain/result.h"
#include "mail/mailer.h"

namespace petitio {

class SmtpMailer final : public Mailer {
 public:
  // Use MakeSmtpMailer, which checks the URL first. `clock` must outlive the mailer.
  SmtpMailer(std::string url, std::string from_address, std::string from_name, const Clock& clock);

  Status Send(const MailMessage& message) override;

 private:
  const std::string url_;
  const std::string from_address_;
  const std::string from_name_;
  const Clock& clock_;
};

// Fails with InvalidArgument unless `url` is a parseable smtp:// or smtps:// URL with a host and
// `from_address` (and `from_name`) would make a valid From header.
Result<std::unique_ptr<Mailer>> MakeSmtpMailer(std::string url, std::string from_address,
                                               std::string from_name, const Clock& clock);

}  // namespace petitio
