#include "smtp_sink.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

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
  // Replies leave at once (no Nagle wait behind the client's delayed ACK); a read waits at most
  // 100 ms, so the session notices stop_.
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  const timeval wait{0, 100'000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  Send(fd, "220 sink ESMTP\r\n");
  std::string buf;
  std::string replies;  // to what one read brought, sent together (RFC 2920 section 3.2)
  bool in_data = false;
  char chunk[16384];
  while (!stop_) {
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n <= 0) break;
    buf.append(chunk, static_cast<size_t>(n));
    size_t at = 0;
    for (;;) {
      if (in_data) {
        const size_t end = buf.find("\r\n.\r\n", at);
        if (end == std::string::npos) break;
        Keep(std::string_view(buf).substr(at, end + 2 - at));
        at = end + 5;
        in_data = false;
        ++messages_;
        replies += "250 queued\r\n";
        continue;
      }
      const size_t eol = buf.find("\r\n", at);
      if (eol == std::string::npos) break;
      std::string verb = buf.substr(at, std::min<size_t>(4, eol - at));
      at = eol + 2;
      std::transform(verb.begin(), verb.end(), verb.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      if (verb == "EHLO") {
        replies += "250-sink\r\n250-PIPELINING\r\n250 8BITMIME\r\n";
      } else if (verb == "DATA") {
        in_data = true;
        replies += "354 go on\r\n";
      } else if (verb == "QUIT") {
        Send(fd, replies + "221 bye\r\n");
        ::close(fd);
        return;
      } else {
        replies += "250 ok\r\n";
      }
    }
    buf.erase(0, at);
    if (!replies.empty()) {
      Send(fd, replies);
      replies.clear();
    }
  }
  ::close(fd);
}

void SmtpSink::Keep(std::string_view message) {
  const size_t to = message.find("\r\nTo: ");
  if (to == std::string::npos) return;
  const size_t eol = message.find("\r\n", to + 2);
  const std::string header(message.substr(to + 6, eol - to - 6));
  const size_t lt = header.find('<');
  const size_t gt = header.find('>');
  const std::string address = lt != std::string::npos && gt != std::string::npos
                                  ? header.substr(lt + 1, gt - lt - 1)
                                  : header;
  const std::string token = testing::ExtractToken(std::string(message), prefix_);
  if (token.empty()) return;
  std::lock_guard lock(mu_);
  tokens_[address] = token;
  if (queue_arrivals_) arrived_.push_back({address, token});
}

}  // namespace petitio::bench
