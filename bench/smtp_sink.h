// SmtpSink: an SMTP server on 127.0.0.1 that accepts every message and keeps, for each
// recipient, the token of the last message after a given link prefix ("/confirm?token="), so
// a benchmark can confirm as a signer reading their mail would; with `queue_arrivals`, it also
// hands each such mail out once, in the order they arrived (TakeArrived), so that a benchmark
// confirms whoever's mail came in rather than asking for one address at a time. One thread per
// connection;
// the sink only answers the commands a relay needs (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP,
// QUIT). Sessions run detached; the destructor waits for them to end. Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace petitio::bench {

class SmtpSink {
 public:
  explicit SmtpSink(std::string link_prefix, bool queue_arrivals = false);
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  uint16_t port() const { return port_; }
  // The token last mailed to `address`, if any.
  std::optional<std::string> TokenFor(const std::string& address);
  struct Arrival {
    std::string address;
    std::string token;
  };
  // The oldest mail with a token not yet taken (with `queue_arrivals`); nullopt when none.
  std::optional<Arrival> TakeArrived();
  int64_t messages() const { return messages_.load(); }

 private:
  void Accept();
  void Serve(int fd);
  void Keep(std::string_view message);

  const std::string prefix_;
  const bool queue_arrivals_;
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> messages_{0};
  std::thread acceptor_;
  std::mutex mu_;
  std::condition_variable ended_;
  int sessions_ = 0;                                     // guarded by mu_
  std::unordered_map<std::string, std::string> tokens_;  // guarded by mu_
  std::deque<Arrival> arrived_;                          // guarded by mu_
};

}  // namespace petitio::bench
