// RFC 5322 message formatting for plain-text UTF-8 mail. Pure functions, no I/O.
//
// FormatMessage produces a complete message with CRLF line endings: Date (UTC, "+0000"), From,
// To, Subject, Message-ID, MIME-Version, a text/plain; charset=utf-8 Content-Type and a
// quoted-printable body. Display names and subjects that are not plain ASCII are written as
// RFC 2047 B encoded-words of at most 75 characters each, folded onto lines of at most 78.
// Every line of the message is at most 78 characters, except an ASCII header word that is
// itself longer (never longer than 998). It never lets a caller inject a header: a CR or LF
// (or any other control character) in a name, an address or the subject, an implausible
// address, or invalid UTF-8 anywhere is an InvalidArgument Status, code "invalid_mail".
#pragma once

#include <string>
#include <string_view>

#include "domain/result.h"
#include "domain/time.h"
#include "mail/mailer.h"

namespace petitio {

// `message_id` is the left part of the Message-ID (dot-atom text, e.g. "20240609T100000.000-
// 0123abcd"); the right part is the domain of `from_address`.
Result<std::string> FormatMessage(const MailMessage& m, const std::string& from_address,
                                  const std::string& from_name, TimePoint date,
                                  const std::string& message_id);

// "Sun, 09 Jun 2024 10:00:00 +0000" (RFC 5322 section 3.3, always UTC).
std::string FormatRfc5322Date(TimePoint t);

// Quoted-printable (RFC 2045 section 6.7) of UTF-8 text: line breaks (CRLF, bare LF or bare CR)
// become CRLF, encoded lines are at most 76 characters with "=" soft breaks, "=" and bytes
// outside printable ASCII are =XX, whitespace before a line break is encoded, and a "." that
// starts a line is encoded too (so no transport ever sees a lone "." line).
std::string EncodeQuotedPrintable(std::string_view text);

}  // namespace petitio
