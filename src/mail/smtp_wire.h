// SMTP's wire format, as pure functions for the client (smtp_pipeline.h): a relay's replies
// read off the front of a buffer (RFC 5321 section 4.2: "250-first", "250 last"), the keywords
// of its EHLO reply, and DATA's payload with its dot-stuffing (section 4.5.2). No I/O.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace petitio {

struct SmtpReply {
  int code = 0;
  std::string text;  // every line without CR, each ending in "\n"
  std::string_view first_line() const { return std::string_view(text).substr(0, text.find('\n')); }
};

enum class ReplyRead { kComplete, kIncomplete, kMalformed };

// Reads the reply that starts at `pos` in `in`. kComplete moves `pos` past it and fills
// `reply`; kIncomplete (its last line has not arrived) and kMalformed (a line that is not
// "ddd", "ddd text" or "ddd-text", or lines with different codes) leave `pos` alone. Lines end
// in CRLF; a bare LF is taken too.
ReplyRead ReadSmtpReply(std::string_view in, size_t& pos, SmtpReply& reply);

// Whether an EHLO reply names `keyword` ("PIPELINING", "STARTTLS": upper case) as one of its
// lines after the first, whatever the reply's case; parameters after the keyword are allowed.
bool EhloOffers(const SmtpReply& ehlo, std::string_view keyword);

// Appends `content` (CRLF line ends) as DATA's payload: a "." that starts a line gets another,
// a last line without its line end gets one, and the lone "." line follows.
void AppendSmtpData(std::string& out, std::string_view content);

}  // namespace petitio
