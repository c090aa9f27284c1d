#include "http/errors.h"

#include <cstdio>

namespace petitio::http {

int HttpStatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return 400;
    case ErrorKind::kUnauthenticated:
      return 401;
    case ErrorKind::kPermissionDenied:
      return 403;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kAlreadyExists:
    case ErrorKind::kFailedPrecondition:
      return 409;
    case ErrorKind::kPayloadTooLarge:
      return 413;
    case ErrorKind::kUnavailable:
      return 503;
    case ErrorKind::kInternal:
      return 500;
  }
  return 500;
}

std::string JsonQuote(const std::string& s) {
  std::string out = "\"";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

HttpResponse JsonError(int http_status, const std::string& code, const std::string& message) {
  HttpResponse r;
  r.status = http_status;
  r.body = "{\"error\":{\"code\":" + JsonQuote(code) + ",\"message\":" + JsonQuote(message) + "}}";
  return r;
}

HttpResponse JsonError(const Status& status) {
  // Internal details stay in the log, not in the answer.
  if (status.kind() == ErrorKind::kInternal) {
    std::fprintf(stderr, "petitio: internal error: %s\n", status.ToString().c_str());
    return JsonError(500, "internal", "internal error");
  }
  HttpResponse r = JsonError(HttpStatusFor(status.kind()), status.code(), status.message());
  // RFC 9110 §11.6.1: a 401 names the scheme that would be accepted.
  if (status.kind() == ErrorKind::kUnauthenticated) {
    r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"petitio\"");
  }
  return r;
}

}  // namespace petitio::http
