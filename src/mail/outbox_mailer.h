// OutboxMailer: "sends" mail by writing each message as an RFC 5322 file into a directory (the
// outbox used when no SMTP relay is configured; developers and tests read it).
//
// Each Send writes `<UTC yyyymmddThhmmss.mmm>-<16 random hex>.eml` atomically: the message is
// written to a temporary file in the same directory whose name starts with "." (so a reader
// listing *.eml never sees it), flushed with fsync, renamed into place, and the directory is
// fsynced. A reader never sees a partial file; OK means the file is on disk. Send is safe to
// call from many threads at once. A malformed message is InvalidArgument (see rfc5322.h); I/O
// failures are Internal.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "domain/clock.h"
#include "domain/result.h"
#include "mail/mailer.h"

namespace petitio {

class OutboxMailer final : public Mailer {
 public:
  // Creates `directory` (and its parents) if missing; if that fails, every Send fails with
  // the reason. `clock` must outlive the mailer.
  OutboxMailer(std::filesystem::path directory, std::string from_address, std::string from_name,
               const Clock& clock);

  Status Send(const MailMessage& message) override;

  const std::filesystem::path& directory() const { return directory_; }

 private:
  const std::filesystem::path directory_;
  const std::string from_address_;
  const std::string from_name_;
  const Clock& clock_;
  Status init_status_;
};

// Like the constructor, but reports a directory that cannot be created (or a from address
// that is not plausible) at once.
Result<std::unique_ptr<Mailer>> MakeOutboxMailer(std::filesystem::path directory,
                                                 std::string from_address, std::string from_name,
                                                 const Clock& clock);

}  // namespace petitio
