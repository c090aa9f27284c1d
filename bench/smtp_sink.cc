#include "smtp_sink.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

#include "harness.h"

namespace petitio::bench {

namespace {

void Send(int fd, const std::string& line) {
  size_t sent = 0;
  while (sent < line.size()) {
    const ssize_t n = ::send(fd, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<size_t>(n);
  }
}

}  // namespace

SmtpSink::SmtpSink(std::string link_prefix, bool queue_arrivals)
    : prefix_(std::move(link_prefix)), queue_arrivals_(queue_arrivals) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 512) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    return;
  }
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { Accept(); });
}

SmtpSink::~SmtpSink() {
  stop_ = true;
  if (acceptor_.joinable()) acceptor_.join();
  {
    std::unique_lock lock(mu_);
    ended_.wait(lock, [this] { return sessions_ == 0; });
  }
  if (listen_fd_ >= 0) ::close(listen_fd_);
}

std::optional<std::string> SmtpSink::TokenFor(const std::string& address) {
  std::lock_guard lock(mu_);
  auto it = tokens_.find(address);
  if (it == tokens_.end()) return std::nullopt;
  return it->second;
}

std::optional<SmtpSink::Arrival> SmtpSink::TakeArrived() {
  std::lock_guard lock(mu_);
  if (arrived_.empty()) return std::nullopt;
  Arrival next = std::move(arrived_.front());
  arrived_.pop_front();
  return next;
}

void SmtpSink::Accept() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    {
      std::lock_guard lock(mu_);
      ++sessions_;
    }
    std::thread([this, fd] {
      Serve(fd);
      std::lock_guard lock(mu_);
      if (--sessions_ == 0) ended_.notify_all();
    }).detach();
  }
}

void SmtpSink::Serve(int fd) {
  Send(fd, "220 sink ESMTP\r\n");
  std::string buf;
  bool in_data = false;
  char chunk[16384];
  while (!stop_) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) break;
    buf.append(chunk, static_cast<size_t>(n));
    for (;;) {
      if (in_data) {
        const size_t end = buf.find("\r\n.\r\n");
        if (end == std::string::npos) break;
        Keep(buf.substr(0, end + 2));
        buf.erase(0, end + 5);
        in_data = false;
        ++messages_;
        Send(fd, "250 queued\r\n");
        continue;
      }
      const size_t eol = buf.find("\r\n");
      if (eol == std::string::npos) break;
      std::string line = buf.substr(0, eol);
      buf.erase(0, eol + 2);
      std::string verb = line.substr(0, 4);
      std::transform(verb.begin(), verb.end(), verb.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      if (verb == "EHLO") {
        Send(fd, "250-sink\r\n250 8BITMIME\r\n");
      } else if (verb == "DATA") {
        in_data = true;
        Send(fd, "354 go on\r\n");
      } else if (verb == "QUIT") {
        Send(fd, "221 bye\r\n");
        ::close(fd);
        return;
      } else {
        Send(fd, "250 ok\r\n");
      }
    }
  }
  ::close(fd);
}

void SmtpSink::Keep(const std::string& message) {
  const size_t to = message.find("\r\nTo: ");
  if (to == std::string::npos) return;
  const size_t eol = message.find("\r\n", to + 2);
  std::string header = message.substr(to + 6, eol - to - 6);
  const size_t lt = header.find('<');
  const size_t gt = header.find('>');
  const std::string address = lt != std::string::npos && gt != std::string::npos
                                  ? header.substr(lt + 1, gt - lt - 1)
                                  : header;
  const std::string token = testing::ExtractToken(message, prefix_);
  if (token.empty()) return;
  std::lock_guard lock(mu_);
  tokens_[address] = token;
  if (queue_arrivals_) arrived_.push_back({address, token});
}

}  // namespace petitio::bench
