#include "http/response_head.h"

#include <charconv>

namespace petitio::http {

namespace {

struct Reason {
  int status;
  std::string_view phrase;
};

// RFC 9110 §15, the codes in use.
constexpr Reason kReasons[] = {
    {100, "Continue"},
    {101, "Switching Protocols"},
    {200, "OK"},
    {201, "Created"},
    {202, "Accepted"},
    {203, "Non-Authoritative Information"},
    {204, "No Content"},
    {205, "Reset Content"},
    {206, "Partial Content"},
    {300, "Multiple Choices"},
    {301, "Moved Permanently"},
    {302, "Found"},
    {303, "See Other"},
    {304, "Not Modified"},
    {307, "Temporary Redirect"},
    {308, "Permanent Redirect"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {402, "Payment Required"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {406, "Not Acceptable"},
    {407, "Proxy Authentication Required"},
    {408, "Request Timeout"},
    {409, "Conflict"},
    {410, "Gone"},
    {411, "Length Required"},
    {412, "Precondition Failed"},
    {413, "Content Too Large"},
    {414, "URI Too Long"},
    {415, "Unsupported Media Type"},
    {416, "Range Not Satisfiable"},
    {417, "Expectation Failed"},
    {421, "Misdirected Request"},
    {422, "Unprocessable Content"},
    {426, "Upgrade Required"},
    {428, "Precondition Required"},
    {429, "Too Many Requests"},
    {431, "Request Header Fields Too Large"},
    {500, "Internal Server Error"},
    {501, "Not Implemented"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Timeout"},
    {505, "HTTP Version Not Supported"},
};

void AppendNumber(std::string& out, size_t n) {
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, n);
  (void)ec;  // 24 digits hold any size_t
  out.append(digits, end);
}

void AppendField(std::string& out, std::string_view name, std::string_view value) {
  out.append(name);
  out.append(": ");
  out.append(value);
  out.append("\r\n");
}

}  // namespace

std::string_view ReasonPhrase(int status) {
  for (const Reason& r : kReasons) {
    if (r.status == status) return r.phrase;
  }
  return "Unknown";
}

bool HasCrLfOrNul(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

std::string ResponseHead(const ResponseHeadFields& f) {
  std::string out;
  out.reserve(256);
  out.append(f.version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
  AppendNumber(out, static_cast<size_t>(f.status));
  out.push_back(' ');
  out.append(ReasonPhrase(f.status));
  out.append("\r\n");
  AppendField(out, "Server", "petitio");
  if (!f.content_type.empty()) AppendField(out, "Content-Type", f.content_type);
  if (f.headers != nullptr) {
    for (const auto& [name, value] : *f.headers) AppendField(out, name, value);
  }
  if (f.content_length) {
    out.append("Content-Length: ");
    AppendNumber(out, *f.content_length);
    out.append("\r\n");
  }
  if (f.version == 10 && f.keep_alive) AppendField(out, "Connection", "keep-alive");
  if (f.version != 10 && !f.keep_alive) AppendField(out, "Connection", "close");
  out.append("\r\n");
  return out;
}

}  // namespace petitio::http
