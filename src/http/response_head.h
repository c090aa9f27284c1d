// ResponseHead: the status line and header fields of an HTTP/1.x answer, as one string ending
// with the empty line, for the server to send before the body in one gather write. The
// server's own fields come first (Server, Content-Type), then the handler's, then
// Content-Length and the Connection field the keep-alive choice needs: "close" on an HTTP/1.1
// answer that ends the connection, "keep-alive" on an HTTP/1.0 one that keeps it.
//
// The caller drops header names and values that are empty or hold CR, LF or NUL before
// calling (HasCrLfOrNul); nothing here checks them again.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace petitio::http {

struct ResponseHeadFields {
  unsigned version = 11;  // 10 or 11, as the request's
  int status = 200;
  std::string_view content_type;  // empty: none
  const std::vector<std::pair<std::string, std::string>>* headers = nullptr;
  std::optional<size_t> content_length;  // nullopt: none (a bodiless status, a stream)
  bool keep_alive = true;
};

std::string ResponseHead(const ResponseHeadFields& fields);

// The reason phrase RFC 9110 gives `status`; "Unknown" for one it does not name.
std::string_view ReasonPhrase(int status);

// Whether `s` holds CR, LF or NUL, which would split or end a header field.
bool HasCrLfOrNul(std::string_view s);

}  // namespace petitio::http
