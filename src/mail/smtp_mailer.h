// SmtpMailer: sends each message to an SMTP relay through libcurl.
//
// The relay is given as a URL: smtp://[user:pass@]host[:port][/ehlo-domain] (STARTTLS is used
// when the relay offers it) or smtps://... (TLS from the start; certificates are verified).
// Send formats the message (rfc5322.h), opens a fresh connection, and returns OK only when the
// relay has accepted the message for delivery. Connecting and the whole exchange are each
// limited to 30 seconds. A relay that cannot be reached or times out is Unavailable (retry
// later); a relay that refuses the message is Internal with the SMTP reply code in the message.
// Send is safe to call from many threads at once.
//
// SendAll (the mail queue's way) keeps up to kSmtpConnections connections to the relay open
// between calls and sends over them side by side, one message after another on each, so a
// queue of thousands of mails does not pay a connection and a greeting per mail. To a relay
// given as smtp:// without credentials that does not offer STARTTLS (a local MTA, typically),
// it speaks SMTP itself and pipelines (smtp_pipeline.h): a message costs one round trip and a
// few system calls instead of libcurl's four round trips. Any other relay, and every relay in
// Send, goes through libcurl. Calls to SendAll take turns. The connections close (with QUIT)
// when the mailer goes.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "domain/clock.h"
#include "domain/result.h"
#include "mail/mailer.h"
#include "mail/smtp_pipeline.h"

namespace petitio {

inline constexpr int kSmtpConnections = 4;

class SmtpMailer final : public Mailer {
 public:
  // Use MakeSmtpMailer, which checks the URL first. `clock` must outlive the mailer.
  SmtpMailer(std::string url, std::string from_address, std::string from_name, const Clock& clock);
  ~SmtpMailer() override;

  Status Send(const MailMessage& message) override;
  std::vector<Status> SendAll(const std::vector<MailMessage>& messages) override;

 private:
  // The message as sent: formatted (rfc5322.h) with this mailer's sender, dated now.
  Result<std::string> Format(const MailMessage& message) const;
  // Sends each envelope through libcurl's multi handle, over the kept connections.
  std::vector<Status> SendWithCurl(const std::vector<SmtpEnvelope>& envelopes);

  struct Connections;  // libcurl's multi handle and its transfers, kept between SendAll calls
  std::mutex connections_mu_;  // held by SendAll: guards connections_ and pipeline_
  std::unique_ptr<Connections> connections_;
  std::unique_ptr<SmtpPipeline> pipeline_;  // null unless the relay is plain smtp:// (above)
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
