// The benchmarks' load generator (bench/http_load.h): every request sent is answered or counted
// as failed, whatever the event streams beside it do.
#include "http_load.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace petitio::bench {
namespace {

// A server on 127.0.0.1 for `accepts` connections, one at a time: it closes an event stream
// (GET /watch) at once, and answers anything else 200 after `delay`.
class SlowServer {
 public:
  SlowServer(int accepts, std::chrono::milliseconds delay) {
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
    thread_ = std::thread([this, accepts, delay] {
      std::vector<int> open;
      for (int i = 0; i < accepts; ++i) {
        const int c = ::accept(fd_, nullptr, nullptr);
        if (c < 0) break;
        std::string request;
        char buf[4096];
        while (request.find("\r\n\r\n") == std::string::npos) {
          const ssize_t r = ::recv(c, buf, sizeof buf, 0);
          if (r <= 0) break;
          request.append(buf, static_cast<size_t>(r));
        }
        if (request.starts_with("GET /watch ")) {
          ::close(c);
          continue;
        }
        std::this_thread::sleep_for(delay);
        const std::string answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        (void)::send(c, answer.data(), answer.size(), MSG_NOSIGNAL);
        open.push_back(c);
      }
      for (int c : open) ::close(c);
    });
  }
  ~SlowServer() {
    ::shutdown(fd_, SHUT_RDWR);  // ends an accept still waiting, should the test have failed
    if (thread_.joinable()) thread_.join();
    ::close(fd_);
  }
  uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  uint16_t port_ = 0;
  std::thread thread_;
};

TEST(HttpLoadTest, AStreamClosedByTheServerDoesNotAbandonARequestInFlight) {
  // The watcher connects first and is closed at once; the request's answer comes 300 ms later,
  // after the deadline, within the 10 s the requests in flight are given.
  SlowServer server(/*accepts=*/2, std::chrono::milliseconds(300));
  ASSERT_NE(server.port(), 0);
  LoadOptions options;
  options.port = server.port();
  options.connections = 1;
  options.watchers = 1;
  options.watch_target = "/watch";
  options.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
  std::vector<int> answers;
  const LoadResult result = RunLoad(options, [&](int, const Answer* last, LoadRequest* next) {
    if (last != nullptr) {
      answers.push_back(last->status);
      return false;
    }
    next->target = "/slow";
    return true;
  });
  EXPECT_EQ(answers, std::vector<int>{200});
  EXPECT_EQ(result.kinds.at(0).Count2xx(), 1);
  EXPECT_EQ(result.watchers_open_at_end, 0);
}

}  // namespace
}  // namespace petitio::bench
