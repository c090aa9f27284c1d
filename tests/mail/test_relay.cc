#include "test_relay.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <optional>

namespace petitio::testing {
namespace {

constexpr int kIoTimeoutMs = 10'000;

// A TCP socket bound to 127.0.0.1 on a port the kernel picks.
int BoundSocket(int* port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    return -1;
  }
  *port = ntohs(addr.sin_port);
  return fd;
}

bool WaitReadable(int fd) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, kIoTimeoutMs) == 1;
}

void Say(int fd, const std::string& text) {
  (void)::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
}

// The next line without its CRLF, or nothing on EOF or timeout.
std::optional<std::string> ReadLine(int fd, std::string& buffer) {
  for (;;) {
    if (const size_t eol = buffer.find("\r\n"); eol != std::string::npos) {
      std::string line = buffer.substr(0, eol);
      buffer.erase(0, eol + 2);
      return line;
    }
    if (!WaitReadable(fd)) return std::nullopt;
    char chunk[4096];
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return std::nullopt;
    buffer.append(chunk, static_cast<size_t>(n));
  }
}

}  // namespace

TestRelay::TestRelay(RelayOptions options) : options_(std::move(options)) {
  listen_fd_ = BoundSocket(&port_);
  if (listen_fd_ >= 0 && ::listen(listen_fd_, 16) == 0) {
    thread_ = std::thread([this] { Run(); });
  }
}

TestRelay::~TestRelay() {
  if (thread_.joinable()) thread_.join();
  if (listen_fd_ >= 0) ::close(listen_fd_);
}

std::vector<TestRelay::Session> TestRelay::Finish() {
  if (thread_.joinable()) thread_.join();
  return done_;
}

void TestRelay::Run() {
  std::vector<std::thread> served;
  for (int i = 0; i < options_.sessions; ++i) {
    if (!WaitReadable(listen_fd_)) break;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) break;
    const int one = 1;  // each reply leaves at once, whatever the client acknowledged
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    served.emplace_back([this, fd] {
      Serve(fd);
      ::close(fd);
    });
  }
  for (std::thread& t : served) t.join();
}

void TestRelay::Serve(int fd) {
  Session s;
  std::string buffer;
  std::string held;  // replies to MAIL and RCPT, until DATA (with PIPELINING)
  bool has_recipient = false;
  // Says `line`, or with `hold` keeps it to say with the next reply not held.
  auto reply = [&](const std::string& line, bool hold = false) {
    held += line + "\r\n";
    if (!hold) {
      Say(fd, held);
      held.clear();
    }
  };
  if (options_.silent) {
    (void)WaitReadable(fd);
  } else {
    Say(fd, "220 relay.test ESMTP\r\n");
  }
  while (!options_.silent) {
    std::optional<std::string> line = ReadLine(fd, buffer);
    if (!line) break;
    if (!options_.pipelining && !buffer.empty()) s.unasked_pipelining = true;
    s.commands.push_back(*line);
    const std::string verb = line->substr(0, line->find(' '));
    if (verb == "EHLO") {
      std::string offer = "250-relay.test\r\n250-SIZE 10240000\r\n";
      if (options_.starttls) offer += "250-STARTTLS\r\n";
      if (options_.pipelining) offer += "250-pipelining\r\n";
      Say(fd, offer + "250 8BITMIME\r\n");
    } else if (verb == "HELO") {
      reply("250 relay.test");
    } else if (verb == "STARTTLS") {
      reply("454 TLS not available");
    } else if (verb == "MAIL") {
      s.mail_from = line->substr(line->find(':') + 1);
      has_recipient = false;
      reply("250 OK", options_.pipelining);
    } else if (verb == "RCPT") {
      const std::string to = line->substr(line->find(':') + 1);
      if (!options_.refuse.empty() && to == "<" + options_.refuse + ">") {
        reply("550 No such user", options_.pipelining);
      } else {
        reply(options_.rcpt_reply, options_.pipelining);
        if (options_.rcpt_reply.starts_with("250")) {
          s.recipients.push_back(to);
          has_recipient = true;
        }
      }
    } else if (verb == "DATA") {
      if (!has_recipient) {
        reply("554 No valid recipients");
        continue;
      }
      reply("354 End data with <CR><LF>.<CR><LF>");
      while (std::optional<std::string> data = ReadLine(fd, buffer)) {
        if (*data == ".") break;
        s.data += (data->starts_with(".") ? data->substr(1) : *data) + "\r\n";
      }
      ++s.messages;
      has_recipient = false;
      reply("250 OK queued");
      if (options_.close_after > 0 && s.messages == options_.close_after) {
        // As a relay closing an idle connection: a moment after the client's last reply.
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        reply("421 relay.test closing");
        break;
      }
    } else if (verb == "QUIT") {
      s.quit = true;
      reply("221 Bye");
      break;
    } else if (verb == "RSET" || verb == "NOOP") {
      has_recipient = false;
      reply("250 OK");
    } else {
      reply("502 Not implemented");
    }
  }
  std::lock_guard lock(done_mu_);
  done_.push_back(std::move(s));
  ended_.notify_all();
}

bool TestRelay::AwaitEnded(size_t n) {
  std::unique_lock lock(done_mu_);
  return ended_.wait_for(lock, std::chrono::milliseconds(kIoTimeoutMs),
                         [&] { return done_.size() >= n; });
}

RefusingPort::RefusingPort() : fd_(BoundSocket(&port_)) {}

RefusingPort::~RefusingPort() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace petitio::testing
