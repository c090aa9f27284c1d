// The benchmarks' load generator (bench/http_load.h): every request sent is answered or counted
// as failed, whatever the event streams beside it do.
#include "http_load.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace petitio::bench {
namespace {

// A server on 127.0.0.1, a thread for each connection: GET /watch-close is closed at once; the
// first GET /watch is answered 503 and the later ones with the head of an event stream, each
// left open; anything else is answered 200 after `delay`.
class SlowServer {
 public:
  explicit SlowServer(std::chrono::milliseconds delay) : delay_(delay) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 || ::listen(fd_, 16) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      return;
    }
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] {
      for (;;) {
        const int c = ::accept(fd_, nullptr, nullptr);
        if (c < 0) return;  // shut down
        std::lock_guard lock(mu_);
        open_.push_back(c);
        handlers_.emplace_back([this, c] { Handle(c); });
      }
    });
  }
  ~SlowServer() {
    ::shutdown(fd_, SHUT_RDWR);  // ends the accept
    if (acceptor_.joinable()) acceptor_.join();
    for (std::thread& t : handlers_) t.join();
    for (int c : open_) ::close(c);
    ::close(fd_);
  }
  uint16_t port() const { return port_; }

 private:
  void Handle(int c) {
    std::string request;
    char buf[4096];
    while (request.find("\r\n\r\n") == std::string::npos) {
      const ssize_t r = ::recv(c, buf, sizeof buf, 0);
      if (r <= 0) return;
      request.append(buf, static_cast<size_t>(r));
    }
    std::string answer;
    if (request.starts_with("GET /watch-close ")) {
      ::shutdown(c, SHUT_RDWR);
      return;
    } else if (request.starts_with("GET /watch ")) {
      answer =
          watched_.exchange(true)
              ? "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\nretry: 2000\n\n"
              : "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n";
    } else {
      std::this_thread::sleep_for(delay_);
      answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    }
    (void)::send(c, answer.data(), answer.size(), MSG_NOSIGNAL);
  }

  const std::chrono::milliseconds delay_;
  int fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> watched_{false};
  std::mutex mu_;
  std::vector<int> open_;              // guarded by mu_
  std::vector<std::thread> handlers_;  // guarded by mu_; joined after the acceptor
  std::thread acceptor_;
};

// One connection asking `server` GET /slow once, beside one watcher of `watch_target`, until
// `deadline`; the statuses it was answered go to `answers`.
LoadResult AskOnceBesideAWatcher(const SlowServer& server, const char* watch_target,
                                 std::chrono::milliseconds deadline,
                                 std::chrono::milliseconds watch_first_wait,
                                 std::vector<int>& answers) {
  LoadOptions options;
  options.port = server.port();
  options.connections = 1;
  options.watchers = 1;
  options.watch_target = watch_target;
  options.watch_first_wait = watch_first_wait;
  options.deadline = std::chrono::steady_clock::now() + deadline;
  return RunLoad(options, [&answers](int, const Answer* last, LoadRequest* next) {
    if (last != nullptr) {
      answers.push_back(last->status);
      return false;
    }
    next->target = "/slow";
    return true;
  });
}

TEST(HttpLoadTest, AStreamClosedByTheServerDoesNotAbandonARequestInFlight) {
  // The watcher is closed at once; the request's answer comes 300 ms later, after the deadline,
  // within the 10 s the requests in flight are given.
  SlowServer server(std::chrono::milliseconds(300));
  ASSERT_NE(server.port(), 0);
  std::vector<int> answers;
  const LoadResult result =
      AskOnceBesideAWatcher(server, "/watch-close", std::chrono::milliseconds(100),
                            std::chrono::milliseconds(2000), answers);
  EXPECT_EQ(answers, std::vector<int>{200});
  EXPECT_EQ(result.kinds.at(0).Count2xx(), 1);
  EXPECT_EQ(result.watchers_open_at_end, 0);
  EXPECT_EQ(result.watchers_refused, 1);  // closed before any answer
}

TEST(HttpLoadTest, ARefusedStreamIsOpenedAgainAsAPageWould) {
  // The first attempt is answered 503; the watcher comes back after its wait (20-40 ms here) and
  // streams, all while the request waits 500 ms for its answer.
  SlowServer server(std::chrono::milliseconds(500));
  ASSERT_NE(server.port(), 0);
  std::vector<int> answers;
  const LoadResult result = AskOnceBesideAWatcher(server, "/watch", std::chrono::milliseconds(400),
                                                  std::chrono::milliseconds(20), answers);
  EXPECT_EQ(answers, std::vector<int>{200});
  EXPECT_EQ(result.watchers_refused, 1);
  EXPECT_EQ(result.watchers_open_at_end, 1);
}

}  // namespace
}  // namespace petitio::bench
