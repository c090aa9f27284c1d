#include "http_load.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <queue>
#include <random>
#include <string_view>

namespace petitio::bench {

namespace {

using Clock = std::chrono::steady_clock;

int Connect(uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
    ::close(fd);
    return -1;
  }
  return fd;
}

std::string Serialize(const LoadRequest& r) {
  std::string out = r.method + " " + r.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (!r.body.empty()) {
    out += "Content-Type: " + r.content_type +
           "\r\nContent-Length: " + std::to_string(r.body.size()) + "\r\n";
  }
  return out + "\r\n" + r.body;
}

// Parses one whole answer at the start of `buf`; returns its length, 0 when incomplete, -1 when
// malformed.
long ParseAnswer(const std::string& buf, Answer* out) {
  const size_t head_end = buf.find("\r\n\r\n");
  if (head_end == std::string::npos) return 0;
  if (buf.compare(0, 5, "HTTP/") != 0) return -1;
  const size_t sp = buf.find(' ');
  out->status = std::atoi(buf.c_str() + sp + 1);
  std::string head = buf.substr(0, head_end);
  std::transform(head.begin(), head.end(), head.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const size_t body_at = head_end + 4;
  if (const size_t ra = head.find("\r\nretry-after:"); ra != std::string::npos) {
    out->retry_after_s = std::atoi(head.c_str() + ra + 14);
  }
  const size_t cl = head.find("\r\ncontent-length:");
  if (cl != std::string::npos) {
    const size_t n = std::strtoul(head.c_str() + cl + 17, nullptr, 10);
    if (buf.size() < body_at + n) return 0;
    out->body = buf.substr(body_at, n);
    return static_cast<long>(body_at + n);
  }
  if (head.find("\r\ntransfer-encoding: chunked") != std::string::npos) {
    size_t at = body_at;
    std::string body;
    for (;;) {
      const size_t eol = buf.find("\r\n", at);
      if (eol == std::string::npos) return 0;
      const size_t n = std::strtoul(buf.c_str() + at, nullptr, 16);
      if (n == 0) {
        if (buf.size() < eol + 4) return 0;
        out->body = std::move(body);
        return static_cast<long>(eol + 4);
      }
      if (buf.size() < eol + 2 + n + 2) return 0;
      body.append(buf, eol + 2, n);
      at = eol + 2 + n + 2;
    }
  }
  out->body.clear();  // no body (204, 304)
  return static_cast<long>(body_at);
}

struct Conn {
  int index = 0;
  int generation = 0;  // bumped when it is closed, so a pending ask-again is dropped
  int fd = -1;
  bool watcher = false;
  bool streaming = false;  // a watcher whose answer began "HTTP/1.1 200"
  int refusals = 0;        // a watcher's refused attempts in a row before this one
  bool done = false;
  int kind = 0;
  std::string out;
  size_t sent = 0;
  std::string in;
  Clock::time_point started;
};

}  // namespace

int64_t KindResult::Count2xx() const {
  int64_t n = 0;
  for (const auto& [status, count] : statuses) {
    if (status >= 200 && status < 300) n += count;
  }
  return n;
}

double KindResult::QuantileMs(double q) const {
  if (latencies_us.empty()) return 0;
  std::vector<int64_t> sorted = latencies_us;
  const size_t at = std::min(sorted.size() - 1, static_cast<size_t>(q * sorted.size()));
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<long>(at), sorted.end());
  return static_cast<double>(sorted[at]) / 1000.0;
}

LoadResult RunLoad(const LoadOptions& options, const NextRequest& next) {
  LoadResult result;
  result.kinds.resize(static_cast<size_t>(std::max(options.kinds, 1)));
  const int ep = ::epoll_create1(EPOLL_CLOEXEC);
  std::vector<std::unique_ptr<Conn>> conns;
  int requesting = 0;  // connections that still send requests (not watchers) and are open
  const auto begin = Clock::now();

  // Connections waiting to be asked again, soonest first.
  struct Later {
    Clock::time_point at;
    Conn* conn;
    int generation;
    Answer last;
    bool operator>(const Later& o) const { return at > o.at; }
  };
  std::priority_queue<Later, std::vector<Later>, std::greater<>> later;
  auto close_conn = [&](Conn& c) {
    ++c.generation;
    if (c.fd >= 0) {
      ::epoll_ctl(ep, EPOLL_CTL_DEL, c.fd, nullptr);
      ::close(c.fd);
      c.fd = -1;
    }
    if (!c.done) {
      c.done = true;
      if (!c.watcher) --requesting;
    }
  };
  // Sends what the socket takes of the rest of the connection's request; false when the
  // connection failed (counted as an error and closed).
  auto send_rest = [&](Conn& c) {
    const ssize_t w = ::send(c.fd, c.out.data() + c.sent, c.out.size() - c.sent, MSG_NOSIGNAL);
    if (w > 0) c.sent += static_cast<size_t>(w);
    if (w < 0 && errno != EAGAIN) {
      ++result.kinds[static_cast<size_t>(c.kind)].statuses[0];
      close_conn(c);
      return false;
    }
    return true;
  };
  // Asks for the connection's next request (after `last`) and starts sending it.
  auto advance = [&](Conn& c, const Answer* last) {
    LoadRequest r;
    const bool more = next(c.index, last, &r);  // always told the answer, even when late
    if (!more || Clock::now() >= options.deadline) {
      close_conn(c);
      return;
    }
    if (r.ask_again_in.count() > 0) {
      later.push(
          {Clock::now() + r.ask_again_in, &c, c.generation, last != nullptr ? *last : Answer{}});
      return;
    }
    c.kind = std::clamp(r.kind, 0, static_cast<int>(result.kinds.size()) - 1);
    c.out = Serialize(r);
    c.sent = 0;
    c.started = Clock::now();
    // Most requests go out whole right here; the connection stays registered for EPOLLIN only,
    // so a request costs the generator no epoll_ctl (it shares the server's two cores).
    if (!send_rest(c) || c.sent == c.out.size()) return;
    epoll_event ev{};
    ev.events = EPOLLOUT | EPOLLIN;
    ev.data.ptr = &c;
    ::epoll_ctl(ep, EPOLL_CTL_MOD, c.fd, &ev);
  };
  auto open_conn = [&](int index, bool watcher) -> Conn* {
    auto c = std::make_unique<Conn>();
    c->index = index;
    c->watcher = watcher;
    // Connections (and watchers) take the servers in turn.
    const size_t n = conns.size();
    c->fd = Connect(options.ports.empty() ? options.port : options.ports[n % options.ports.size()]);
    Conn* raw = c.get();
    conns.push_back(std::move(c));
    if (raw->fd < 0) {
      raw->done = true;
      return nullptr;
    }
    if (!watcher) ++requesting;
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.ptr = raw;
    ::epoll_ctl(ep, EPOLL_CTL_ADD, raw->fd, &ev);
    return raw;
  };
  auto open_watcher = [&](int refusals) {
    if (Conn* c = open_conn(-1, true)) {
      c->refusals = refusals;
      c->out = Serialize({0, "GET", options.watch_target, ""});
      epoll_event ev{};
      ev.events = EPOLLOUT | EPOLLIN;
      ev.data.ptr = c;
      ::epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
    }
  };
  // Watchers to open again, soonest first, with their refusals in a row so far.
  using Reopen = std::pair<Clock::time_point, int>;
  std::priority_queue<Reopen, std::vector<Reopen>, std::greater<>> reopens;
  std::minstd_rand draw(12345);
  // As a page's live_count.js: a stream refused (no "200" answer) is opened again after a wait
  // drawn from the second half of one that doubles with each refusal in a row, up to a minute; a
  // stream that ends after flowing, after the 2 s its "retry:" asks for, as browsers do.
  auto watcher_ended = [&](Conn& c) {
    const bool refused = !c.streaming;
    close_conn(c);
    if (refused) ++result.watchers_refused;
    const auto now = Clock::now();
    if (now >= options.deadline) return;
    if (!refused) return reopens.push({now + std::chrono::seconds(2), 0});
    const auto wait = std::min<Clock::duration>(
        options.watch_first_wait * (1 << std::min(c.refusals, 6)), std::chrono::seconds(60));
    const double part = std::uniform_real_distribution<double>(0.5, 1.0)(draw);
    reopens.push({now + std::chrono::duration_cast<Clock::duration>(wait * part), c.refusals + 1});
  };
  for (int i = 0; i < options.watchers; ++i) open_watcher(0);
  for (int i = 0; i < options.connections; ++i) {
    if (Conn* c = open_conn(i, false)) advance(*c, nullptr);
  }

  std::vector<epoll_event> events(256);
  char chunk[65536];
  // After the deadline no request starts, and the ones in flight get up to kDrain to answer.
  // Watchers the server closed do not end the wait: requests may still be in flight.
  constexpr auto kDrain = std::chrono::seconds(10);
  while (requesting > 0 && Clock::now() < options.deadline + kDrain) {
    // Sleeps until the next request asked for later is due, to the microsecond: a wait rounded
    // down to whole milliseconds would spin through the last one (paced runs always have one
    // due within a millisecond), taking CPU from the server under test.
    Clock::duration wait = std::chrono::milliseconds(100);
    if (!later.empty())
      wait = std::clamp(later.top().at - Clock::now(), Clock::duration::zero(), wait);
    const auto wait_us = std::chrono::ceil<std::chrono::microseconds>(wait).count();
    const timespec timeout{static_cast<time_t>(wait_us / 1'000'000),
                           static_cast<long>(wait_us % 1'000'000) * 1'000};
    const int n =
        ::epoll_pwait2(ep, events.data(), static_cast<int>(events.size()), &timeout, nullptr);
    while (!reopens.empty() && reopens.top().first <= Clock::now()) {
      open_watcher(reopens.top().second);
      reopens.pop();
    }
    while (!later.empty() && later.top().at <= Clock::now()) {
      Later l = later.top();
      later.pop();
      if (!l.conn->done && l.conn->generation == l.generation) advance(*l.conn, &l.last);
    }
    for (int e = 0; e < n; ++e) {
      Conn& c = *static_cast<Conn*>(events[e].data.ptr);
      if (c.done) continue;
      if ((events[e].events & EPOLLOUT) && c.sent < c.out.size()) {
        if (!send_rest(c)) continue;
        if (c.sent == c.out.size()) {
          epoll_event ev{};
          ev.events = EPOLLIN;
          ev.data.ptr = &c;
          ::epoll_ctl(ep, EPOLL_CTL_MOD, c.fd, &ev);
        }
      }
      if (!(events[e].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) continue;
      const ssize_t r = ::recv(c.fd, chunk, sizeof chunk, 0);
      if (r == 0 || (r < 0 && errno != EAGAIN)) {
        if (c.watcher) {
          watcher_ended(c);
          continue;
        }
        ++result.kinds[static_cast<size_t>(c.kind)].statuses[0];
        close_conn(c);
        // Reconnect and go on: a refused or dropped connection is an error, not the end.
        Answer failed;
        Conn* again = open_conn(c.index, false);
        if (again != nullptr) advance(*again, &failed);
        continue;
      }
      if (r < 0) continue;
      if (c.watcher) {
        result.watch_bytes += r;
        if (!c.streaming) {  // its status line decides: a stream, or refused
          constexpr std::string_view kStream = "HTTP/1.1 200";
          c.in.append(chunk, static_cast<size_t>(std::min<ssize_t>(r, 64)));
          if (c.in.size() < kStream.size()) continue;
          c.streaming = c.in.starts_with(kStream);
          c.in.clear();
          if (!c.streaming) watcher_ended(c);
        }
        continue;
      }
      c.in.append(chunk, static_cast<size_t>(r));
      Answer a;
      const long used = ParseAnswer(c.in, &a);
      if (used == 0) continue;
      if (used < 0) {
        ++result.kinds[static_cast<size_t>(c.kind)].statuses[0];
        close_conn(c);
        continue;
      }
      c.in.erase(0, static_cast<size_t>(used));
      KindResult& k = result.kinds[static_cast<size_t>(c.kind)];
      k.latencies_us.push_back(
          std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - c.started).count());
      ++k.statuses[a.status];
      advance(c, &a);
    }
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - begin).count();
  for (auto& c : conns) {
    if (c->watcher && c->streaming && !c->done) ++result.watchers_open_at_end;
    if (c->fd >= 0) ::close(c->fd);
  }
  ::close(ep);
  return result;
}

}  // namespace petitio::bench
