// SmtpPipeline: a plain SMTP client (RFC 5321) that sends many messages over a few kept
// connections and pipelines its commands when the relay offers PIPELINING (RFC 2920): a
// message's MAIL, RCPT and DATA leave in one write, and its content in the same write as the next
// message's commands, so a message costs one round trip on its connection and a few system
// calls. A relay that does not offer PIPELINING is spoken to one command at a time.
//
// It speaks neither TLS nor AUTH. When a relay offers STARTTLS, no message is sent to it: those
// messages come back untried, with code kSmtpOffersTls, and offers_tls() turns true for good, so
// that the caller sends them, and all later ones, with a client that does TLS (SmtpMailer uses
// libcurl for that).
//
// Outcome per message: OK once the relay has accepted its content (2xx after the final "."); a
// refused MAIL, RCPT, DATA or content is Internal with the relay's reply ("550 ..."); a relay that
// cannot be reached, drops the connection or is silent for `timeout` is Unavailable, code
// "mail_unavailable"; an address that could inject a command is InvalidArgument. Connections stay
// open between calls; one the relay closed, or idle for a minute, is replaced before use. They
// close with QUIT when the object goes. Not thread-safe: one call at a time.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "domain/result.h"

namespace petitio {

inline constexpr char kSmtpOffersTls[] = "smtp_offers_tls";

struct SmtpEnvelope {
  std::string mail_from;  // bare addresses, without angle brackets
  std::string rcpt_to;
  std::string content;  // the RFC 5322 message, CRLF line ends; dot-stuffed on the way
};

class SmtpPipeline {
 public:
  // `ehlo_domain` is how this client introduces itself (EHLO); `connections` at least 1.
  SmtpPipeline(std::string host, std::string port, std::string ehlo_domain, int connections,
               std::chrono::milliseconds timeout);
  ~SmtpPipeline();
  SmtpPipeline(const SmtpPipeline&) = delete;
  SmtpPipeline& operator=(const SmtpPipeline&) = delete;

  // One Status per envelope, in order.
  std::vector<Status> SendAll(const std::vector<SmtpEnvelope>& envelopes);
  bool offers_tls() const { return offers_tls_; }

  struct Connection;  // one kept connection and what it waits for (smtp_pipeline.cc)

 private:
  const std::string host_;
  const std::string port_;
  const std::string ehlo_domain_;
  const std::chrono::milliseconds timeout_;
  bool offers_tls_ = false;
  std::vector<std::unique_ptr<Connection>> connections_;
};

}  // namespace petitio
