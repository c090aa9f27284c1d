// Test helpers: an SMTP relay on 127.0.0.1 that speaks just enough SMTP to accept (or refuse)
// mail and records what each client said, and a port that refuses connections. Every wait in
// the relay is bounded (10 s), so a client that stalls fails its test instead of hanging it.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace petitio::testing {

struct RelayOptions {
  int sessions = 1;  // connections served before the relay stops accepting
  // Offer PIPELINING; MAIL and RCPT are then answered only once DATA has arrived, so a client
  // that waits for each reply before the next command stalls (and fails).
  bool pipelining = false;
  bool starttls = false;              // offer STARTTLS, and refuse it (454) when asked
  std::string rcpt_reply = "250 OK";  // the reply to every RCPT, unless `refuse` names it
  std::string refuse = "";            // a RCPT of this address is refused with 550
  int close_after = 0;  // if > 0, a session says 421 (50 ms later) and closes after this many
  bool silent = false;  // accept, and never say a word
};

class TestRelay {
 public:
  struct Session {
    std::vector<std::string> commands;
    std::string mail_from;                // of the last MAIL
    std::vector<std::string> recipients;  // every accepted RCPT
    std::string data;  // the messages one after another: dot-unstuffed, CRLF ends, no "."
    int messages = 0;
    bool quit = false;
    // A command came before the reply to the one before it, though PIPELINING was not offered.
    bool unasked_pipelining = false;
  };

  explicit TestRelay(RelayOptions options);
  ~TestRelay();
  TestRelay(const TestRelay&) = delete;
  TestRelay& operator=(const TestRelay&) = delete;

  bool ok() const { return thread_.joinable(); }
  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // Waits until the relay has served its sessions (or timed out) and returns what it saw.
  std::vector<Session> Finish();
  // Waits (at most 10 s) until `n` sessions have ended; false if they did not.
  bool AwaitEnded(size_t n);

 private:
  void Run();
  void Serve(int fd);

  const RelayOptions options_;
  int port_ = 0;
  int listen_fd_ = -1;
  std::thread thread_;
  std::mutex done_mu_;
  std::condition_variable ended_;
  std::vector<Session> done_;  // guarded by done_mu_
};

// A port that refuses connections: bound, never listening, for as long as the object lives.
class RefusingPort {
 public:
  RefusingPort();
  ~RefusingPort();
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  bool ok() const { return fd_ >= 0; }
  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

 private:
  int port_ = 0;
  int fd_ = -1;
};

}  // namespace petitio::testing
