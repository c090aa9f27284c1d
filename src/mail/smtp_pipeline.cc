#include "mail/smtp_pipeline.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <string_view>
#include <utility>

#include "mail/smtp_wire.h"

namespace petitio {
namespace {

using Steady = std::chrono::steady_clock;

constexpr auto kIdleLimit = std::chrono::seconds(60);
constexpr auto kQuitWait = std::chrono::milliseconds(1000);
constexpr size_t kMaxReply = 64 * 1024;  // a relay's reply, all its lines

// What a reply the connection waits for answers. From kRset on, each belongs to a message
// (Break fails those messages when the connection ends).
enum class Await { kGreeting, kEhlo, kHelo, kRset, kMail, kRcpt, kData, kContent };

struct Expected {
  Await what;
  size_t message = 0;  // in SendAll's envelopes, for the transaction's replies
};

Status Unreachable(std::string message) {
  return {ErrorKind::kUnavailable, "mail_unavailable", "smtp: " + std::move(message)};
}

Status Refused(const SmtpReply& r) {
  return Status::Internal("smtp: the relay refused: " + std::string(r.first_line()));
}

// True if `address` could be put between angle brackets without changing the command.
bool PlainAddress(std::string_view address) {
  return !address.empty() && address.find_first_of("<>\r\n\0", 0, 5) == std::string_view::npos;
}

// The messages of one SendAll call and how far each has come.
struct Batch {
  const std::vector<SmtpEnvelope>& envelopes;
  std::vector<Status> out;
  std::vector<char> finished;
  std::vector<Status> refusal;  // a refused MAIL or RCPT, told when the transaction ends
  size_t done = 0;
  size_t next = 0;  // the first message no connection has started
  // Why the messages no connection could carry did not go: the last connection's trouble.
  Status trouble = Unreachable("no connection to the relay");

  explicit Batch(const std::vector<SmtpEnvelope>& e)
      : envelopes(e), out(e.size()), finished(e.size(), 0), refusal(e.size()) {}

  void Finish(size_t i, Status s) {
    if (finished[i]) return;
    finished[i] = 1;
    out[i] = std::move(s);
    ++done;
  }
  // The next message to start, if any is left.
  bool Take(size_t& i) {
    while (next < envelopes.size() && finished[next]) ++next;
    if (next == envelopes.size()) return false;
    i = next++;
    return true;
  }
};

}  // namespace

struct SmtpPipeline::Connection {
  int fd = -1;
  bool connecting = false;      // a non-blocking connect is under way
  bool ready = false;           // greeted and introduced: messages may start
  bool pipelining = false;      // the relay offered PIPELINING
  bool in_transaction = false;  // a message's DATA has been sent and not answered yet
  bool needs_reset = false;     // the last transaction stopped half-way: RSET before the next
  std::string out;              // to write, from out_done on
  size_t out_done = 0;
  std::string in;  // read, not yet a whole reply
  std::deque<Expected> awaiting;
  std::deque<std::pair<std::string, Expected>> held;  // commands waiting their turn (no PIPELINING)
  std::vector<addrinfo*> addresses;                   // still to try while connecting
  addrinfo* resolved = nullptr;
  Steady::time_point deadline;  // for the wait under way
  Steady::time_point idle_since;

  ~Connection() { Close(); }
  bool live() const { return fd >= 0; }
  bool busy() const { return connecting || !awaiting.empty() || out_done < out.size(); }

  void Close() {
    if (fd >= 0) ::close(fd);
    fd = -1;
    connecting = ready = pipelining = in_transaction = needs_reset = false;
    out.clear();
    out_done = 0;
    in.clear();
    awaiting.clear();
    held.clear();
    addresses.clear();
    if (resolved != nullptr) freeaddrinfo(resolved);
    resolved = nullptr;
  }

  // Sends `command` now, or, on a relay without PIPELINING, once every earlier reply is in.
  void Queue(std::string command, Expected e) {
    if (pipelining || (awaiting.empty() && held.empty())) {
      out += command;
      awaiting.push_back(e);
    } else {
      held.emplace_back(std::move(command), e);
    }
  }
  void ReleaseHeld() {
    if (awaiting.empty() && !held.empty()) {
      out += held.front().first;
      awaiting.push_back(held.front().second);
      held.pop_front();
    }
  }
};

namespace {

using Connection = SmtpPipeline::Connection;

// Ends the connection: whatever it was carrying fails with `why`.
void Break(Connection& c, Batch& b, const Status& why) {
  b.trouble = why;
  for (const Expected& e : c.awaiting) {
    if (e.what >= Await::kRset) b.Finish(e.message, why);
  }
  for (const auto& [command, e] : c.held) {
    if (e.what >= Await::kRset) b.Finish(e.message, why);
  }
  c.Close();
}

// Tries the connection's next address; false (and closed) when none is left.
bool ConnectNext(Connection& c, std::string& error) {
  while (!c.addresses.empty()) {
    addrinfo* a = c.addresses.front();
    c.addresses.erase(c.addresses.begin());
    if (c.fd >= 0) ::close(c.fd);
    c.fd = ::socket(a->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0) {
      error = std::strerror(errno);
      continue;
    }
    const int one = 1;
    ::setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(c.fd, a->ai_addr, a->ai_addrlen) == 0 || errno == EINPROGRESS) {
      c.connecting = true;
      return true;
    }
    error = std::strerror(errno);
  }
  c.Close();
  return false;
}

// Starts connecting; false (with `error`) if no address could be tried.
bool Connect(Connection& c, const std::string& host, const std::string& port, std::string& error) {
  c.Close();
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  if (const int rc = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &c.resolved); rc != 0) {
    c.resolved = nullptr;
    error = "cannot resolve " + host + ": " + gai_strerror(rc);
    return false;
  }
  for (addrinfo* a = c.resolved; a != nullptr; a = a->ai_next) c.addresses.push_back(a);
  if (!ConnectNext(c, error)) {
    error = "cannot connect to " + host + ":" + port + ": " + error;
    return false;
  }
  return true;
}

void StartMessage(Connection& c, Batch& b, size_t i) {
  const SmtpEnvelope& e = b.envelopes[i];
  c.in_transaction = true;
  if (c.needs_reset) c.Queue("RSET\r\n", {Await::kRset, i});
  c.needs_reset = false;
  c.Queue("MAIL FROM:<" + e.mail_from + ">\r\n", {Await::kMail, i});
  c.Queue("RCPT TO:<" + e.rcpt_to + ">\r\n", {Await::kRcpt, i});
  c.Queue("DATA\r\n", {Await::kData, i});
}

// Acts on the reply to the oldest thing the connection waits for.
void OnReply(Connection& c, Batch& b, const SmtpReply& r, const std::string& ehlo_domain,
             bool& offers_tls) {
  const Expected e = c.awaiting.front();
  c.awaiting.pop_front();
  const bool positive = r.code >= 200 && r.code < 300;
  switch (e.what) {
    case Await::kGreeting:
      if (r.code != 220) return Break(c, b, Unreachable("the relay's greeting: " + r.text));
      c.Queue("EHLO " + ehlo_domain + "\r\n", {Await::kEhlo});
      break;
    case Await::kEhlo:
      if (!positive) {
        c.Queue("HELO " + ehlo_domain + "\r\n", {Await::kHelo});
      } else if (EhloOffers(r, "STARTTLS")) {
        offers_tls = true;
        c.Close();
        return;
      } else {
        c.pipelining = EhloOffers(r, "PIPELINING");
        c.ready = true;
      }
      break;
    case Await::kHelo:
      if (!positive) return Break(c, b, Unreachable("the relay refused HELO: " + r.text));
      c.ready = true;
      break;
    case Await::kRset:
      break;
    case Await::kMail:
    case Await::kRcpt:
      if (!positive && b.refusal[e.message].ok()) b.refusal[e.message] = Refused(r);
      break;
    case Await::kData:
      c.in_transaction = false;
      if (r.code == 354) {
        // Nothing else is queued while DATA waits, so the content goes out next.
        AppendSmtpData(c.out, b.envelopes[e.message].content);
        c.awaiting.push_back({Await::kContent, e.message});
      } else {
        c.needs_reset = true;
        b.Finish(e.message, b.refusal[e.message].ok() ? Refused(r) : b.refusal[e.message]);
      }
      break;
    case Await::kContent:
      if (!b.refusal[e.message].ok()) {
        b.Finish(e.message, b.refusal[e.message]);
      } else {
        b.Finish(e.message, positive ? Status::Ok() : Refused(r));
      }
      break;
  }
  if (!c.pipelining) c.ReleaseHeld();
}

// Reads what the relay sent and acts on each whole reply.
void Receive(Connection& c, Batch& b, const std::string& ehlo_domain, bool& offers_tls) {
  char chunk[16384];
  const ssize_t n = ::recv(c.fd, chunk, sizeof chunk, 0);
  if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
  if (n <= 0) {
    return Break(c, b,
                 Unreachable(n == 0 ? "the relay closed the connection"
                                    : std::string("reading: ") + std::strerror(errno)));
  }
  c.in.append(chunk, static_cast<size_t>(n));
  size_t pos = 0;
  SmtpReply reply;
  ReplyRead read = ReplyRead::kIncomplete;
  while (c.live() && (read = ReadSmtpReply(c.in, pos, reply)) == ReplyRead::kComplete) {
    if (c.awaiting.empty()) return Break(c, b, Unreachable("a reply nothing asked for"));
    OnReply(c, b, reply, ehlo_domain, offers_tls);
  }
  if (read == ReplyRead::kMalformed) {
    return Break(c, b, Unreachable("a malformed reply from the relay"));
  }
  if (!c.live()) return;
  c.in.erase(0, pos);
  if (c.in.size() > kMaxReply) Break(c, b, Unreachable("a reply from the relay without end"));
}

// Writes what the connection has to say, as far as the socket takes it.
void Flush(Connection& c, Batch& b) {
  while (c.out_done < c.out.size()) {
    const ssize_t n =
        ::send(c.fd, c.out.data() + c.out_done, c.out.size() - c.out_done, MSG_NOSIGNAL);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
    if (n < 0) return Break(c, b, Unreachable(std::string("writing: ") + std::strerror(errno)));
    c.out_done += static_cast<size_t>(n);
  }
  c.out.clear();
  c.out_done = 0;
}

// True if a kept connection may carry more mail: not idle too long, nothing unasked-for
// arrived (a 421 or the relay's close).
bool StillGood(const Connection& c, Steady::time_point now) {
  if (now - c.idle_since > kIdleLimit) return false;
  pollfd p{c.fd, POLLIN, 0};
  return ::poll(&p, 1, 0) == 0;
}

}  // namespace

SmtpPipeline::SmtpPipeline(std::string host, std::string port, std::string ehlo_domain,
                           int connections, std::chrono::milliseconds timeout)
    : host_(std::move(host)),
      port_(std::move(port)),
      ehlo_domain_(std::move(ehlo_domain)),
      timeout_(timeout) {
  for (int i = 0; i < std::max(connections, 1); ++i) {
    connections_.push_back(std::make_unique<Connection>());
  }
}

SmtpPipeline::~SmtpPipeline() {
  std::vector<pollfd> quitting;
  for (const auto& c : connections_) {
    if (c->live() && c->ready && !c->busy()) {
      (void)::send(c->fd, "QUIT\r\n", 6, MSG_NOSIGNAL);
      quitting.push_back({c->fd, POLLIN, 0});
    }
  }
  // Waits a moment for the relay's goodbye (or close) on each, then closes them all.
  const Steady::time_point until = Steady::now() + kQuitWait;
  while (!quitting.empty()) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(until - Steady::now()).count();
    if (left <= 0 || ::poll(quitting.data(), quitting.size(), static_cast<int>(left)) <= 0) break;
    std::erase_if(quitting, [](const pollfd& p) { return p.revents != 0; });
  }
}

std::vector<Status> SmtpPipeline::SendAll(const std::vector<SmtpEnvelope>& envelopes) {
  Batch b(envelopes);
  for (size_t i = 0; i < envelopes.size(); ++i) {
    if (!PlainAddress(envelopes[i].mail_from) || !PlainAddress(envelopes[i].rcpt_to)) {
      b.Finish(i, Status::Invalid("smtp: an address the relay could not be given", "invalid_mail"));
    }
  }
  Steady::time_point now = Steady::now();
  // Opens as many connections as there are messages to carry, up to the pool's size.
  const size_t wanted = std::min(connections_.size(), envelopes.size() - b.done);
  for (size_t k = 0; k < connections_.size(); ++k) {
    Connection& c = *connections_[k];
    if (c.live() && !StillGood(c, now)) c.Close();
    if (c.live() || k >= wanted || offers_tls_) continue;
    std::string error;
    if (Connect(c, host_, port_, error)) {
      c.deadline = now + timeout_;
    } else {
      b.trouble = Unreachable(std::move(error));
    }
  }

  std::vector<pollfd> polled;
  std::vector<Connection*> owners;
  // Until every message is answered and every connection opened is ready for the next call, or
  // no connection has anything under way (the rest could not start: no connection, or the
  // relay wants TLS).
  auto introducing = [this] {
    return std::any_of(connections_.begin(), connections_.end(),
                       [](const auto& c) { return c->live() && !c->ready; });
  };
  while (b.done < envelopes.size() || introducing()) {
    polled.clear();
    owners.clear();
    bool under_way = false;
    for (const auto& owned : connections_) {
      Connection& c = *owned;
      if (offers_tls_ && !c.ready) c.Close();  // it would carry nothing
      if (!c.live()) continue;
      size_t i = 0;
      if (c.ready && !c.in_transaction && !offers_tls_ && b.Take(i)) {
        if (!c.busy()) c.deadline = now + timeout_;
        StartMessage(c, b, i);
      }
      if (!c.connecting) Flush(c, b);
      if (!c.live()) continue;
      under_way = under_way || c.busy();
      const short events = c.connecting                ? POLLOUT
                           : c.out_done < c.out.size() ? POLLIN | POLLOUT
                                                       : POLLIN;
      polled.push_back({c.fd, events, 0});
      owners.push_back(&c);
    }
    if (!under_way) break;
    Steady::time_point soonest = Steady::time_point::max();
    for (Connection* c : owners) {
      if (c->busy()) soonest = std::min(soonest, c->deadline);
    }
    int wait_ms = -1;
    if (soonest != Steady::time_point::max()) {
      wait_ms = static_cast<int>(std::max<int64_t>(
          0, std::chrono::duration_cast<std::chrono::milliseconds>(soonest - now).count() + 1));
    }
    const int ready = ::poll(polled.data(), polled.size(), wait_ms);
    if (ready < 0 && errno != EINTR) break;
    now = Steady::now();
    for (size_t k = 0; k < polled.size(); ++k) {
      Connection& c = *owners[k];
      const short revents = polled[k].revents;
      if (revents != 0) c.deadline = now + timeout_;
      if (c.connecting && revents != 0) {
        int error = 0;
        socklen_t len = sizeof error;
        ::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &len);
        if (error == 0) {
          c.connecting = false;
          c.awaiting.push_back({Await::kGreeting});
          continue;
        }
        std::string why = std::strerror(error);
        if (!ConnectNext(c, why)) {
          b.trouble = Unreachable("cannot connect to " + host_ + ":" + port_ + ": " + why);
        }
        continue;
      }
      if ((revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
        Receive(c, b, ehlo_domain_, offers_tls_);
      }
      if (c.live() && c.busy() && now >= c.deadline) {
        Break(c, b, Unreachable("the relay did not answer in time"));
      }
    }
  }
  // What no connection could carry.
  const Status untried =
      offers_tls_ ? Status(ErrorKind::kUnavailable, kSmtpOffersTls, "smtp: the relay offers TLS")
                  : b.trouble;
  for (size_t i = 0; i < envelopes.size(); ++i) {
    if (!b.finished[i]) b.Finish(i, untried);
  }
  for (const auto& c : connections_) {
    if (c->live() && (c->busy() || !c->ready || offers_tls_)) c->Close();
    c->idle_since = now;
  }
  return std::move(b.out);
}

}  // namespace petitio
