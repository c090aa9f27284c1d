#include "mail/smtp_mailer.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "mail_decode.h"

namespace petitio {
namespace {

constexpr int kIoTimeoutMs = 10'000;  // every wait in the sink is bounded

// A TCP socket bound to 127.0.0.1 on a port the kernel picks.
int BoundSocket(int* port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return -1;
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    return -1;
  }
  *port = ntohs(addr.sin_port);
  return fd;
}

// Speaks just enough SMTP to accept (or refuse) mail, for a fixed number of sessions, each on a
// thread of its own (so that a client may hold several at once). A session may carry several
// messages: `data` holds them one after another, `recipients` every RCPT.
class SmtpSink {
 public:
  struct Session {
    std::vector<std::string> commands;
    std::string mail_from;
    std::vector<std::string> recipients;
    std::string data;  // dot-unstuffed, CRLF line ends, without the final "."
    bool quit = false;
  };

  explicit SmtpSink(int sessions, std::string rcpt_reply = "250 OK")
      : sessions_(sessions), rcpt_reply_(std::move(rcpt_reply)) {
    listen_fd_ = BoundSocket(&port_);
    if (listen_fd_ >= 0 && ::listen(listen_fd_, 16) == 0) {
      thread_ = std::thread([this] { Run(); });
    }
  }
  ~SmtpSink() {
    if (thread_.joinable()) {
      thread_.join();
    }
    if (listen_fd_ >= 0) {
      ::close(listen_fd_);
    }
  }

  bool ok() const { return thread_.joinable(); }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // Waits until the sink has served its sessions (or timed out) and returns what it saw.
  std::vector<Session> Finish() {
    if (thread_.joinable()) {
      thread_.join();
    }
    return done_;
  }

 private:
  static bool WaitReadable(int fd) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, kIoTimeoutMs) == 1;
  }
  static void Reply(int fd, const std::string& line) {
    const std::string text = line + "\r\n";
    (void)::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
  }
  // The next line without its CRLF, or nothing on EOF or timeout.
  static std::optional<std::string> ReadLine(int fd, std::string& buffer) {
    for (;;) {
      if (const size_t eol = buffer.find("\r\n"); eol != std::string::npos) {
        std::string line = buffer.substr(0, eol);
        buffer.erase(0, eol + 2);
        return line;
      }
      if (!WaitReadable(fd)) {
        return std::nullopt;
      }
      char chunk[4096];
      const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) {
        return std::nullopt;
      }
      buffer.append(chunk, static_cast<size_t>(n));
    }
  }

  void Serve(int fd) {
    Session s;
    std::string buffer;
    Reply(fd, "220 sink.test ESMTP");
    while (std::optional<std::string> line = ReadLine(fd, buffer)) {
      s.commands.push_back(*line);
      const std::string verb = line->substr(0, 4);
      if (verb == "EHLO" || verb == "HELO") {
        Reply(fd, "250 sink.test");
      } else if (verb == "MAIL") {
        s.mail_from = line->substr(line->find(':') + 1);
        Reply(fd, "250 OK");
      } else if (verb == "RCPT") {
        s.recipients.push_back(line->substr(line->find(':') + 1));
        Reply(fd, rcpt_reply_);
      } else if (verb == "DATA") {
        Reply(fd, "354 End data with <CR><LF>.<CR><LF>");
        while (std::optional<std::string> data = ReadLine(fd, buffer)) {
          if (*data == ".") {
            break;
          }
          s.data += (data->starts_with(".") ? data->substr(1) : *data) + "\r\n";
        }
        Reply(fd, "250 OK queued");
      } else if (verb == "QUIT") {
        s.quit = true;
        Reply(fd, "221 Bye");
        break;
      } else if (verb == "RSET" || verb == "NOOP") {
        Reply(fd, "250 OK");
      } else {
        Reply(fd, "502 Not implemented");
      }
    }
    std::lock_guard lock(done_mu_);
    done_.push_back(std::move(s));
  }

  void Run() {
    std::vector<std::thread> served;
    for (int i = 0; i < sessions_; ++i) {
      if (!WaitReadable(listen_fd_)) {
        break;
      }
      const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) {
        break;
      }
      served.emplace_back([this, fd] {
        Serve(fd);
        ::close(fd);
      });
    }
    for (std::thread& t : served) {
      t.join();
    }
  }

  const int sessions_;
  const std::string rcpt_reply_;
  int port_ = 0;
  int listen_fd_ = -1;
  std::thread thread_;
  std::mutex done_mu_;
  std::vector<Session> done_;
};

// A port that refuses connections: bound, never listening, for as long as the object lives.
class RefusingPort {
 public:
  RefusingPort() : fd_(BoundSocket(&port_)) {}
  ~RefusingPort() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  bool ok() const { return fd_ >= 0; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

 private:
  int port_ = 0;
  int fd_ = -1;
};

const TimePoint kNow = FromMillis(1717927200250);

TEST(SmtpMailer, DeliversEnvelopeAndMessageToTheRelay) {
  SmtpSink sink(1);
  ASSERT_TRUE(sink.ok());
  FixedClock clock(kNow);
  Result<std::unique_ptr<Mailer>> mailer =
      MakeSmtpMailer(sink.url(), "noreply@example.org", "Petitio", clock);
  ASSERT_TRUE(mailer.ok()) << mailer.status().ToString();
  const MailMessage message{"Айгерим", "aigerim@example.kz", "Петиция принята",
                            "Здравствуйте!\n.\n..leading dots\nEnd\n"};
  Status s = (*mailer)->Send(message);
  ASSERT_TRUE(s.ok()) << s.ToString();

  std::vector<SmtpSink::Session> sessions = sink.Finish();
  ASSERT_EQ(sessions.size(), 1u);
  const SmtpSink::Session& session = sessions[0];
  EXPECT_EQ(session.mail_from, "<noreply@example.org>");
  EXPECT_EQ(session.recipients, std::vector<std::string>{"<aigerim@example.kz>"});
  EXPECT_TRUE(session.quit);
  testing::ParsedMessage m = testing::ParseMessage(session.data);
  ASSERT_TRUE(m.well_formed) << session.data;
  EXPECT_EQ(m.headers["Date"], "Sun, 09 Jun 2024 10:00:00 +0000");
  EXPECT_EQ(testing::DecodeWords(m.headers["To"]), "Айгерим <aigerim@example.kz>");
  EXPECT_EQ(testing::DecodeWords(m.headers["Subject"]), "Петиция принята");
  EXPECT_EQ(m.headers["From"], "Petitio <noreply@example.org>");
  EXPECT_EQ(testing::DecodeQuotedPrintable(m.body),
            "Здравствуйте!\r\n.\r\n..leading dots\r\nEnd\r\n");
}

TEST(SmtpMailer, ConcurrentSendsEachGetThrough) {
  constexpr int kSends = 4;
  SmtpSink sink(kSends);
  ASSERT_TRUE(sink.ok());
  FixedClock clock(kNow);
  SmtpMailer mailer(sink.url(), "noreply@example.org", "Petitio", clock);
  std::vector<std::thread> threads;
  threads.reserve(kSends);
  std::vector<Status> results(kSends);
  for (int i = 0; i < kSends; ++i) {
    threads.emplace_back([&, i] {
      results[static_cast<size_t>(i)] =
          mailer.Send({"", "r" + std::to_string(i) + "@example.org", "Hi", "x\n"});
    });
  }
  for (std::thread& t : threads) {
    t.join();
  }
  for (const Status& s : results) {
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  EXPECT_EQ(sink.Finish().size(), static_cast<size_t>(kSends));
}

TEST(SmtpMailer, SendAllKeepsItsConnectionsForEveryMessage) {
  SmtpSink sink(kSmtpConnections);
  ASSERT_TRUE(sink.ok());
  FixedClock clock(kNow);
  auto mailer = std::make_unique<SmtpMailer>(sink.url(), "noreply@example.org", "Petitio", clock);
  std::vector<MailMessage> first;
  std::vector<MailMessage> second;
  for (int i = 0; i < 30; ++i) {
    (i < 20 ? first : second)
        .push_back({"", "r" + std::to_string(i) + "@example.org", "Hi " + std::to_string(i),
                    "body " + std::to_string(i) + "\n"});
  }
  // A message the relay could not be given fails alone; the others still go.
  first[7].to_address = "r7@example.org\r\nRCPT TO:<evil@example.org>";
  const std::vector<Status> a = mailer->SendAll(first);
  const std::vector<Status> b = mailer->SendAll(second);  // over the same connections
  ASSERT_EQ(a.size(), first.size());
  ASSERT_EQ(b.size(), second.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].ok(), i != 7) << i << ": " << a[i].ToString();
  }
  EXPECT_EQ(a[7].kind(), ErrorKind::kInvalidArgument);
  for (const Status& s : b) {
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  mailer.reset();  // closes the connections

  std::vector<SmtpSink::Session> sessions = sink.Finish();
  EXPECT_EQ(sessions.size(), static_cast<size_t>(kSmtpConnections));
  std::vector<std::string> recipients;
  for (const SmtpSink::Session& session : sessions) {
    EXPECT_TRUE(session.quit);
    recipients.insert(recipients.end(), session.recipients.begin(), session.recipients.end());
  }
  std::sort(recipients.begin(), recipients.end());
  std::vector<std::string> want;
  for (int i = 0; i < 30; ++i) {
    if (i != 7) want.push_back("<r" + std::to_string(i) + "@example.org>");
  }
  std::sort(want.begin(), want.end());
  EXPECT_EQ(recipients, want);
}

TEST(SmtpMailer, SendAllReportsARelayThatIsDown) {
  RefusingPort relay;
  ASSERT_TRUE(relay.ok());
  FixedClock clock(kNow);
  SmtpMailer mailer(relay.url(), "noreply@example.org", "Petitio", clock);
  const std::vector<Status> out =
      mailer.SendAll({{"", "a@example.org", "Hi", "x\n"}, {"", "b@example.org", "Hi", "y\n"}});
  ASSERT_EQ(out.size(), 2u);
  for (const Status& s : out) {
    EXPECT_EQ(s.kind(), ErrorKind::kUnavailable) << s.ToString();
  }
}

TEST(SmtpMailer, RejectedRecipientIsAnError) {
  SmtpSink sink(1, "550 No such user");
  ASSERT_TRUE(sink.ok());
  FixedClock clock(kNow);
  SmtpMailer mailer(sink.url(), "noreply@example.org", "Petitio", clock);
  Status s = mailer.Send({"", "nobody@example.org", "Hi", "x\n"});
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("550"), std::string::npos) << s.ToString();
  std::vector<SmtpSink::Session> sessions = sink.Finish();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_TRUE(sessions[0].data.empty());
}

TEST(SmtpMailer, RefusedConnectionFailsQuickly) {
  RefusingPort relay;
  ASSERT_TRUE(relay.ok());
  FixedClock clock(kNow);
  SmtpMailer mailer(relay.url(), "noreply@example.org", "Petitio", clock);
  const auto start = std::chrono::steady_clock::now();
  Status s = mailer.Send({"", "a@example.org", "Hi", "x\n"});
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.kind(), ErrorKind::kUnavailable) << s.ToString();
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

TEST(SmtpMailer, InvalidMessageIsRejectedBeforeConnecting) {
  FixedClock clock(kNow);
  SmtpMailer mailer("smtp://127.0.0.1:1", "noreply@example.org", "Petitio", clock);
  Status s = mailer.Send({"", "a@example.org\r\nRCPT TO:<b@example.org>", "Hi", "x"});
  EXPECT_EQ(s.kind(), ErrorKind::kInvalidArgument);
}

TEST(MakeSmtpMailer, ValidatesTheUrlAndSender) {
  FixedClock clock(kNow);
  for (const char* bad : {"http://relay.example.org", "relay.example.org:25", "smtp://", "",
                          "ftp://relay.example.org", "smtp://relay example.org"}) {
    Result<std::unique_ptr<Mailer>> m = MakeSmtpMailer(bad, "noreply@example.org", "P", clock);
    ASSERT_FALSE(m.ok()) << bad;
    EXPECT_EQ(m.status().kind(), ErrorKind::kInvalidArgument) << bad;
  }
  for (const char* good : {"smtp://relay.example.org", "smtps://relay.example.org:465",
                           "smtp://user:p%40ss@relay.example.org:587"}) {
    EXPECT_TRUE(MakeSmtpMailer(good, "noreply@example.org", "P", clock).ok()) << good;
  }
  EXPECT_FALSE(MakeSmtpMailer("smtp://relay.example.org", "noreply", "P", clock).ok());
}

}  // namespace
}  // namespace petitio
