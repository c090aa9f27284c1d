#include "mail/rfc5322.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

#include "domain/text.h"

namespace petitio {
namespace {

constexpr size_t kMaxLine = 78;       // RFC 5322 section 2.1.1 recommendation
constexpr size_t kQpMaxContent = 75;  // plus "=" for a soft break: 76 (RFC 2045)
constexpr size_t kWordMaxBytes = 39;  // 52 base64 chars: an encoded word of 66 characters
constexpr std::string_view kHex = "0123456789ABCDEF";

// A byte quoted-printable writes as it is wherever it stands on a line.
constexpr bool IsQpLiteral(char c) { return c >= '!' && c <= '~' && c != '=' && c != '.'; }

Status Invalid(std::string message) { return Status::Invalid(std::move(message), "invalid_mail"); }

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      return false;
    }
  }
  return true;
}

// RFC 5322 atext.
bool IsAtext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
    return true;
  }
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

// Headers may carry text but never a line break or another control character (tab allowed).
Status CheckHeaderText(std::string_view field, std::string_view value) {
  if (value.find_first_of("\r\n") != std::string_view::npos) {
    return Invalid("mail " + std::string(field) + " contains a line break");
  }
  if (HasControlCharacters(value, /*allow_newlines=*/false)) {
    return Invalid("mail " + std::string(field) + " contains a control character");
  }
  if (!IsValidUtf8(value)) {
    return Invalid("mail " + std::string(field) + " is not valid UTF-8");
  }
  return Status::Ok();
}

Status CheckAddress(std::string_view field, std::string_view address) {
  PETITIO_RETURN_IF_ERROR(CheckHeaderText(field, address));
  if (!IsPlausibleEmail(address) || !IsAscii(address) ||
      address.find_first_of("<>()[],;:\"\\ \t") != std::string_view::npos) {
    return Invalid("mail " + std::string(field) + " is not a plain e-mail address");
  }
  return Status::Ok();
}

// dot-atom-text: atext runs separated by single dots.
bool IsDotAtom(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.' || s.find("..") != std::string_view::npos) {
    return false;
  }
  for (char c : s) {
    if (c != '.' && !IsAtext(c)) {
      return false;
    }
  }
  return true;
}

std::string Base64(std::string_view bytes) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t n = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) {
      n |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    }
    if (i + 2 < bytes.size()) {
      n |= static_cast<unsigned char>(bytes[i + 2]);
    }
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

// RFC 2047 B encoded-words, each at most 66 characters, split between whole UTF-8 characters.
std::vector<std::string> EncodedWords(std::string_view text) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = std::min(text.size(), start + kWordMaxBytes);
    // Back up to a character boundary (never in front of a continuation byte).
    while (end < text.size() && end > start + 1 &&
           (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
      --end;
    }
    words.push_back("=?UTF-8?B?" + Base64(text.substr(start, end - start)) + "?=");
    start = end;
  }
  return words;
}

std::vector<std::string_view> SplitOnSpaces(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t space = s.find(' '); space != std::string_view::npos; space = s.find(' ', start)) {
    parts.push_back(s.substr(start, space - start));
    start = space + 1;
  }
  parts.push_back(s.substr(start));
  return parts;
}

// A header field built from space-separated tokens, folded (CRLF before the space) so that a
// line stays within 78 characters whenever the tokens allow it.
class FoldedField {
 public:
  explicit FoldedField(std::string_view name) : text_(name), line_length_(name.size() + 1) {
    text_ += ':';
  }
  void Add(std::string_view token) {
    // Never fold before an empty token: a line of only whitespace is not allowed.
    if (token_on_line_ && !token.empty() && line_length_ + 1 + token.size() > kMaxLine) {
      text_ += "\r\n";
      line_length_ = 0;
    }
    text_ += ' ';
    text_ += token;
    line_length_ += 1 + token.size();
    token_on_line_ = true;
  }
  std::string Finish() && {
    text_ += "\r\n";
    return std::move(text_);
  }

 private:
  std::string text_;
  size_t line_length_;
  bool token_on_line_ = false;
};

// Unstructured text (a subject): as it is when it is short-worded ASCII, else encoded-words.
void AddUnstructured(FoldedField& field, std::string_view text) {
  const std::vector<std::string_view> words = SplitOnSpaces(text);
  bool plain = IsAscii(text) && text.find("=?") == std::string_view::npos;
  for (std::string_view w : words) {
    plain = plain && w.size() <= kMaxLine - 10;
  }
  if (plain) {
    for (std::string_view w : words) {
      field.Add(w);
    }
  } else {
    for (const std::string& w : EncodedWords(text)) {
      field.Add(w);
    }
  }
}

// A mailbox: `Display Name <address>`, the name as atoms, a quoted string or encoded-words.
std::string MailboxField(std::string_view field_name, std::string_view name,
                         std::string_view address) {
  FoldedField field(field_name);
  if (name.empty()) {
    field.Add(address);
    return std::move(field).Finish();
  }
  if (!IsAscii(name) || name.find("=?") != std::string_view::npos) {
    for (const std::string& w : EncodedWords(name)) {
      field.Add(w);
    }
  } else {
    const std::vector<std::string_view> atoms = SplitOnSpaces(name);
    bool all_atoms = true;
    for (std::string_view a : atoms) {
      all_atoms = all_atoms && !a.empty();
      for (char c : a) {
        all_atoms = all_atoms && IsAtext(c);
      }
    }
    if (all_atoms) {
      for (std::string_view a : atoms) {
        field.Add(a);
      }
    } else {
      std::string quoted = "\"";
      for (char c : name) {
        if (c == '"' || c == '\\') {
          quoted += '\\';
        }
        quoted += c;
      }
      quoted += '"';
      field.Add(quoted);
    }
  }
  field.Add("<" + std::string(address) + ">");
  return std::move(field).Finish();
}

}  // namespace

std::string FormatRfc5322Date(TimePoint t) {
  static constexpr std::array<const char*, 7> kDays = {"Mon", "Tue", "Wed", "Thu",
                                                       "Fri", "Sat", "Sun"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Date d = DateOf(t);
  const int64_t seconds = (ToMillis(t) - ToMillis(StartOfDay(d))) / 1000;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000",
                kDays[static_cast<size_t>(IsoWeekday(d))], d.day,
                kMonths[static_cast<size_t>(d.month - 1)], d.year, static_cast<int>(seconds / 3600),
                static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
  return buf;
}

std::string EncodeQuotedPrintable(std::string_view text) {
  // Written through a pointer into room for the longest encoding: every byte as "=XX" (a CR or
  // LF as at most 2), a 3-character soft break for every 25 of those, and the closing soft
  // break: under 4 characters a byte, plus 8.
  std::string out(text.size() * 4 + 8, '\0');
  char* p = out.data();
  size_t column = 0;
  const auto room = [&](size_t width) {
    if (column + width > kQpMaxContent) {
      std::memcpy(p, "=\r\n", 3);  // soft line break
      p += 3;
      column = 0;
    }
    column += width;
  };
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // A run of printable ASCII that is neither "=" nor "." goes as it is, up to the line's end,
    // and so do spaces and tabs within it.
    while (i < n && column < kQpMaxContent &&
           (IsQpLiteral(text[i]) || ((text[i] == ' ' || text[i] == '\t') && i + 1 < n &&
                                     text[i + 1] != '\r' && text[i + 1] != '\n'))) {
      *p++ = text[i++];
      ++column;
    }
    if (i == n) break;
    const char c = text[i];
    if (c == '\r' || c == '\n') {
      std::memcpy(p, "\r\n", 2);
      p += 2;
      column = 0;
      i += (c == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    const auto byte = static_cast<unsigned char>(c);
    const bool line_end = i + 1 == n || text[i + 1] == '\r' || text[i + 1] == '\n';
    const bool whitespace = c == ' ' || c == '\t';
    bool literal = (byte >= 33 && byte <= 126 && c != '=') || (whitespace && !line_end);
    // A "." opening a line is encoded, whichever transport the message takes.
    if (c == '.' && (column == 0 || column + 1 > kQpMaxContent)) {
      literal = false;
    }
    if (literal) {
      room(1);
      *p++ = c;
    } else {
      room(3);
      p[0] = '=';
      p[1] = kHex[byte >> 4];
      p[2] = kHex[byte & 15];
      p += 3;
    }
    ++i;
  }
  // End in CRLF; a soft break there keeps the decoded text exactly as given.
  if (p != out.data() && p[-1] != '\n') {
    std::memcpy(p, "=\r\n", 3);
    p += 3;
  }
  out.resize(static_cast<size_t>(p - out.data()));
  return out;
}

Result<std::string> FormatMessage(const MailMessage& m, const std::string& from_address,
                                  const std::string& from_name, TimePoint date,
                                  const std::string& message_id) {
  PETITIO_RETURN_IF_ERROR(CheckAddress("from address", from_address));
  PETITIO_RETURN_IF_ERROR(CheckHeaderText("from name", from_name));
  PETITIO_RETURN_IF_ERROR(CheckAddress("recipient address", m.to_address));
  PETITIO_RETURN_IF_ERROR(CheckHeaderText("recipient name", m.to_name));
  PETITIO_RETURN_IF_ERROR(CheckHeaderText("subject", m.subject));
  if (!IsValidUtf8(m.body)) {
    return Invalid("mail body is not valid UTF-8");
  }
  if (!IsDotAtom(message_id)) {
    return Invalid("mail message id is not dot-atom text");
  }

  const std::string domain = from_address.substr(from_address.find('@') + 1);
  std::string out;
  out.reserve(m.body.size() * 11 / 10 + 512);
  out += "Date: " + FormatRfc5322Date(date) + "\r\n";
  out += MailboxField("From", from_name, from_address);
  out += MailboxField("To", m.to_name, m.to_address);
  FoldedField subject("Subject");
  if (!m.subject.empty()) {
    AddUnstructured(subject, m.subject);
  }
  out += std::move(subject).Finish();
  out += "Message-ID: <" + message_id + "@" + domain + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n";
  out += "\r\n";
  out += EncodeQuotedPrintable(m.body);
  return out;
}

}  // namespace petitio
