// HttpLoad: a closed-loop HTTP/1.1 load generator on one epoll thread, for the benchmarks.
//
// Each of `connections` keep-alive connections to 127.0.0.1:port asks `next` for its first
// request, sends it, reads the whole answer (Content-Length or chunked), records the latency
// under the request's kind, and asks `next` again with that answer, until `next` says it has
// nothing more or `deadline` passes; requests in flight then get 10 s more to be answered, so
// every request sent is either answered or counted as failed. `next` runs on the load thread
// only, so it needs no lock.
// `next` may also ask to be asked again later (LoadRequest::ask_again_in): the connection then
// sends nothing and `next` is called again after that long with the same answer, as a person
// waits for a mail or for a Retry-After.
// `watchers` more connections open GET `watch_target` (a Server-Sent Events stream) and just
// read whatever comes, to hold streams open like people watching a count. As a petition page's
// web/static/live_count.js, until the deadline a stream refused (an answer other than 200) is
// opened again after a wait drawn from the second half of one that starts at `watch_first_wait`
// and doubles with each refusal in a row (a minute at most), and one that ends after flowing is
// opened again after 2 s.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace petitio::bench {

struct LoadRequest {
  int kind = 0;  // an index into LoadResult::kinds
  std::string method = "GET";
  std::string target;
  std::string body;  // sent with `content_type` when not empty
  std::string content_type = "application/json";
  // When not zero: send nothing now, and ask again after this long with the same answer.
  std::chrono::microseconds ask_again_in{0};
};

struct Answer {
  int status = 0;  // 0: the connection failed
  std::string body;
  int retry_after_s = 0;  // the Retry-After header, in seconds; 0 when absent
};

// Asked for connection `connection`'s next request; `last` is the answer to its previous one
// (nullptr at first). Returns false when this connection is done.
using NextRequest = std::function<bool(int connection, const Answer* last, LoadRequest* next)>;

struct KindResult {
  std::vector<int64_t> latencies_us;  // of every answered request
  std::map<int, int64_t> statuses;    // status -> count (0: connection failures)
  int64_t Count2xx() const;
  // The q-quantile (0..1) of the latencies in milliseconds; 0 when there are none.
  double QuantileMs(double q) const;
};

struct LoadResult {
  std::vector<KindResult> kinds;
  double seconds = 0;            // from the first connect to the last answer
  int64_t watch_bytes = 0;       // read from the event streams
  int watchers_open_at_end = 0;  // streams (answered 200) still open when the load ended
  int64_t watchers_refused =
      0;  // watchers' attempts answered otherwise than 200 (or closed unanswered)
};

struct LoadOptions {
  uint16_t port = 0;
  std::vector<uint16_t> ports;  // when not empty, instead of `port`: connections take them in turn
  int connections = 100;
  int kinds = 1;
  std::chrono::steady_clock::time_point deadline;
  int watchers = 0;
  std::string watch_target;
  std::chrono::milliseconds watch_first_wait{2000};
};

LoadResult RunLoad(const LoadOptions& options, const NextRequest& next);

}  // namespace petitio::bench
