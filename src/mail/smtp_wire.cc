#include "mail/smtp_wire.h"

#include <algorithm>

namespace petitio {

ReplyRead ReadSmtpReply(std::string_view in, size_t& pos, SmtpReply& reply) {
  SmtpReply read;
  size_t at = pos;
  for (;;) {
    const size_t eol = in.find('\n', at);
    if (eol == std::string_view::npos) return ReplyRead::kIncomplete;
    std::string_view line = in.substr(at, eol - at);
    if (line.ends_with('\r')) line.remove_suffix(1);
    at = eol + 1;
    const bool digits = line.size() >= 3 && std::all_of(line.begin(), line.begin() + 3, [](char c) {
                          return c >= '0' && c <= '9';
                        });
    if (!digits || (line.size() > 3 && line[3] != ' ' && line[3] != '-')) {
      return ReplyRead::kMalformed;
    }
    const int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    if (read.code != 0 && code != read.code) return ReplyRead::kMalformed;
    read.code = code;
    read.text.append(line).push_back('\n');
    if (line.size() == 3 || line[3] == ' ') {
      pos = at;
      reply = std::move(read);
      return ReplyRead::kComplete;
    }
  }
}

bool EhloOffers(const SmtpReply& ehlo, std::string_view keyword) {
  const std::string_view text = ehlo.text;
  size_t line = text.find('\n');  // the greeting line names the relay, not a keyword
  while (line != std::string_view::npos && line + 1 < text.size()) {
    const size_t start = line + 5;  // past "\n250-" or "\n250 "
    const size_t eol = text.find('\n', line + 1);
    if (start <= eol) {
      std::string_view word = text.substr(start, eol - start);
      word = word.substr(0, word.find(' '));
      if (word.size() == keyword.size() &&
          std::equal(word.begin(), word.end(), keyword.begin(),
                     [](char a, char b) { return (a >= 'a' && a <= 'z' ? a - 32 : a) == b; })) {
        return true;
      }
    }
    line = eol;
  }
  return false;
}

void AppendSmtpData(std::string& out, std::string_view content) {
  size_t line = 0;
  while (line < content.size()) {
    const size_t eol = content.find('\n', line);
    const size_t end = eol == std::string_view::npos ? content.size() : eol + 1;
    if (content[line] == '.') out += '.';
    out.append(content.substr(line, end - line));
    line = end;
  }
  if (!content.empty() && !content.ends_with("\r\n")) {
    out += content.ends_with('\r') ? "\n" : "\r\n";
  }
  out += ".\r\n";
}

}  // namespace petitio
