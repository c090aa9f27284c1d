// HttpRequest and HttpResponse: the small, library-free view of HTTP that handlers see.
// The server library (Boost.Beast today) stays inside server.cc; nothing else includes it.
//
// Header names in HttpRequest::headers are lower-case. `path` is percent-decoded; `query`
// holds the decoded parameters of the query string in order.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace petitio::http {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // raw, as sent: "/api/v1/petitions?state=open"
  std::string path;    // decoded path without the query: "/api/v1/petitions"
  std::vector<std::pair<std::string, std::string>> query;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string remote_address;  // peer IP as text

  // First query parameter with this name, or empty.
  std::string_view QueryParam(std::string_view name) const;
  bool HasQueryParam(std::string_view name) const;
  // Header value (name lower-case), or empty.
  std::string_view Header(std::string_view name) const;
  // Cookie value from the Cookie header, or empty.
  std::string Cookie(std::string_view name) const;
};

// The source of a streamed answer (Server-Sent Events): after the response head the server
// calls Next() every `poll` (read before each wait: Next() may change it) on the connection's
// own thread, and writes what it returns until the client goes, the server stops, or `lifetime`
// ends (browsers reconnect by themselves). Next() must not block: it answers from memory, ""
// when there is nothing new.
class EventStream {
 public:
  virtual ~EventStream() = default;
  virtual std::string Next() = 0;
  std::chrono::milliseconds poll{250};
  std::chrono::seconds lifetime{600};
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  std::string body;
  std::shared_ptr<EventStream> events = {};  // set: `body` is ignored and events are streamed
  // Set: the answer is still to be made, and not on the thread that gives it (a page to render
  // once its write has committed, given from the store's writer thread). The server calls it on
  // one of its read workers, which may block (on store reads, never on writes), and sends what
  // it returns; the rest of this response is ignored.
  std::function<HttpResponse()> make_on_worker = {};

  static HttpResponse MadeOnWorker(std::function<HttpResponse()> make) {
    HttpResponse r;
    r.make_on_worker = std::move(make);
    return r;
  }
};

// Takes a request's answer when it comes later: call it once, from any thread (the server's
// ignores later calls and answers 500 if it is dropped unanswered).
using Responder = std::function<void(HttpResponse)>;

// Splits "a=1&b=x%20y" (also used for form bodies); '+' decodes to a space.
std::vector<std::pair<std::string, std::string>> ParseUrlEncoded(std::string_view s);
// Percent-decodes; returns false on a malformed escape. `plus_is_space` for form encoding.
bool PercentDecode(std::string_view in, std::string& out, bool plus_is_space);
std::string PercentEncode(std::string_view in);

}  // namespace petitio::http
