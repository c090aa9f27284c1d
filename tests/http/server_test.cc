// The Beast server through its small interface, spoken to over real sockets on 127.0.0.1.
#include "http/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "harness.h"

namespace petitio::http {
namespace {

using petitio::testing::HttpCall;

class ServerTest : public ::testing::Test {
 protected:
  void Start(Handler handler, int workers = 8, int read_workers = 8, int max_pending = 0,
             std::function<bool(const HttpRequest&)> never_writes = {}) {
    ServerOptions options = Options(workers, read_workers, max_pending);
    options.never_writes = std::move(never_writes);
    Serve(MakeBeastServer(std::move(handler), options));
  }
  // A handler that answers through its Responder; `answers_inline` picks what runs on the IO
  // threads.
  void StartAsync(AsyncHandler handler, std::function<bool(const HttpRequest&)> answers_inline,
                  int workers = 8, int max_pending = 0) {
    ServerOptions options = Options(workers, /*read_workers=*/8, max_pending);
    options.answers_inline = std::move(answers_inline);
    Serve(MakeBeastServer(std::move(handler), options));
  }
  static ServerOptions Options(int workers, int read_workers, int max_pending) {
    ServerOptions options;
    options.io_threads = 2;
    options.worker_threads = workers;
    options.read_worker_threads = read_workers;
    options.max_pending = max_pending;
    options.overloaded_response.status = 503;
    options.overloaded_response.headers = {{"Retry-After", "1"}};
    options.max_body_bytes = 1024;
    options.too_large_response.status = 413;
    options.too_large_response.body = "{\"error\":{\"code\":\"payload_too_large\"}}";
    options.bad_request_response.status = 400;
    options.bad_request_response.body = "{\"error\":{\"code\":\"bad_request\"}}";
    return options;
  }
  void Serve(std::unique_ptr<HttpServer> server) {
    server_ = std::move(server);
    ASSERT_TRUE(server_->Listen("127.0.0.1:0").ok());
    ASSERT_NE(server_->port(), 0);
    thread_ = std::thread([this] { server_->Run(); });
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  // Sends raw bytes on one connection and reads until the peer closes (at most 5 s).
  std::string Raw(const std::string& bytes) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(server_->port());
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(bytes.size()));
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string out;
    char buf[4096];
    ssize_t n = 0;
    while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
    ::close(fd);
    return out;
  }
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
};

// One keep-alive connection that posts and reads each answer's body (by its Content-Length);
// an empty string when the connection fails.
class KeepAliveClient {
 public:
  explicit KeepAliveClient(uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~KeepAliveClient() { ::close(fd_); }
  KeepAliveClient(const KeepAliveClient&) = delete;
  KeepAliveClient& operator=(const KeepAliveClient&) = delete;

  std::string Post(const std::string& target, const std::string& body) {
    const std::string request = "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                                "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
                                body;
    if (::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(request.size())) {
      return {};
    }
    std::string in;
    char buf[4096];
    for (;;) {
      const size_t head_end = in.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        const size_t at = in.find("Content-Length: ");
        if (at == std::string::npos || at > head_end) return {};
        const size_t length = std::stoul(in.substr(at + 16));
        if (in.size() >= head_end + 4 + length) return in.substr(head_end + 4, length);
      }
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return {};
      in.append(buf, static_cast<size_t>(n));
    }
  }

 private:
  int fd_;
};

HttpResponse Echo(const HttpRequest& r) {
  HttpResponse out;
  out.content_type = "text/plain";
  out.body = r.method + "|" + r.path + "|" + std::string(r.QueryParam("q")) + "|" +
             std::string(r.Header("x-test")) + "|" + r.Cookie("c") + "|" + r.body;
  return out;
}

// Holds the handlers that call Wait until Open, as requests waiting for their commit hold
// their workers; `waiting` counts the handlers that got there.
class Gate {
 public:
  void Wait() {
    ++waiting_;
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return open_; });
  }
  void Open() {
    {
      std::lock_guard lock(mu_);
      open_ = true;
    }
    cv_.notify_all();
  }
  // Returns once `n` handlers are waiting.
  void AwaitWaiting(int n) const {
    while (waiting_ < n) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
  std::atomic<int> waiting_{0};
};

// One worker for writes, one for reads: a GET is answered while the only write worker is held
// by a POST that has not finished (as one waiting for its commit would).
TEST_F(ServerTest, ReadsDoNotWaitBehindWrites) {
  Gate gate;
  Start(
      [&](const HttpRequest& r) {
        if (r.method == "POST") gate.Wait();
        return Echo(r);
      },
      /*workers=*/1, /*read_workers=*/1);
  std::thread post([&] { EXPECT_EQ(HttpCall(server_->port(), "POST", "/w", "x").status, 200); });
  gate.AwaitWaiting(1);
  const auto r = HttpCall(server_->port(), "GET", "/r");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "GET|/r||||");
  gate.Open();
  post.join();
}

// A request the server is told never writes runs on the readers whatever its method, so it
// does not wait behind the writers either; any other POST still waits for a write worker.
TEST_F(ServerTest, RequestsThatNeverWriteRunOnTheReaders) {
  Gate gate;
  Start(
      [&](const HttpRequest& r) {
        if (r.path == "/hold") gate.Wait();
        return Echo(r);
      },
      /*workers=*/1, /*read_workers=*/1, /*max_pending=*/0,
      [](const HttpRequest& r) { return r.method == "GET" || r.path == "/quick"; });
  std::thread hold([&] { EXPECT_EQ(HttpCall(server_->port(), "POST", "/hold", "x").status, 200); });
  gate.AwaitWaiting(1);
  const auto quick = HttpCall(server_->port(), "POST", "/quick", "y");
  EXPECT_EQ(quick.status, 200);
  EXPECT_EQ(quick.body, "POST|/quick||||y");
  // Another POST waits for the one write worker: it is answered only after the gate opens.
  std::atomic<bool> answered{false};
  std::thread other([&] {
    EXPECT_EQ(HttpCall(server_->port(), "POST", "/other", "z").status, 200);
    answered = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(answered);
  gate.Open();
  hold.join();
  other.join();
  EXPECT_TRUE(answered);
}

// Past max_pending requests in the workers, the next is answered at once with the overloaded
// response; once the workers are free again, requests go through.
TEST_F(ServerTest, PastMaxPendingTheOverloadedResponseComesAtOnce) {
  Gate gate;
  Start(
      [&](const HttpRequest& r) {
        if (r.path == "/hold") gate.Wait();
        return Echo(r);
      },
      /*workers=*/2, /*read_workers=*/2, /*max_pending=*/2);
  std::vector<std::thread> holders;
  for (int i = 0; i < 2; ++i) {
    holders.emplace_back(
        [&] { EXPECT_EQ(HttpCall(server_->port(), "POST", "/hold").status, 200); });
  }
  gate.AwaitWaiting(2);
  const auto shed = HttpCall(server_->port(), "GET", "/r");
  EXPECT_EQ(shed.status, 503);
  EXPECT_EQ(shed.headers.at("retry-after"), "1");
  gate.Open();
  for (std::thread& t : holders) t.join();
  EXPECT_EQ(HttpCall(server_->port(), "GET", "/r").status, 200);
}

TEST_F(ServerTest, RequestFieldsReachTheHandler) {
  Start(Echo);
  auto r = HttpCall(server_->port(), "GET", "/a%20b/c?q=x%2By&z=1", "",
                    {{"X-Test", "yes"}, {"Cookie", "c=cookie; d=2"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "GET|/a b/c|x+y|yes|cookie|");
  EXPECT_EQ(r.headers["content-type"], "text/plain");
  r = HttpCall(server_->port(), "POST", "/p", "hello body");
  EXPECT_EQ(r.body, "POST|/p||||hello body");
}

TEST_F(ServerTest, KeepAliveAnswersPipelinedRequestsInOrder) {
  Start(Echo);
  const std::string out =
      Raw("GET /first HTTP/1.1\r\nHost: x\r\n\r\n"
          "GET /second HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const size_t first = out.find("GET|/first");
  const size_t second = out.find("GET|/second");
  ASSERT_NE(first, std::string::npos) << out;
  ASSERT_NE(second, std::string::npos) << out;
  EXPECT_LT(first, second);
}

TEST_F(ServerTest, OversizedBodyIsRefusedBeforeTheHandler) {
  std::atomic<int> calls{0};
  Start([&](const HttpRequest& r) {
    ++calls;
    return Echo(r);
  });
  const auto r = HttpCall(server_->port(), "POST", "/p", std::string(4096, 'x'));
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find("payload_too_large"), std::string::npos);
  EXPECT_EQ(calls.load(), 0);
  EXPECT_EQ(HttpCall(server_->port(), "GET", "/still-up").status, 200);
}

TEST_F(ServerTest, MalformedRequestsGet400) {
  Start(Echo);
  EXPECT_NE(Raw("THIS IS NOT HTTP\r\n\r\n").find(" 400 "), std::string::npos);
  EXPECT_NE(Raw("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n").find(" 400 "), std::string::npos);
  EXPECT_EQ(HttpCall(server_->port(), "GET", "/ok").status, 200);
}

TEST_F(ServerTest, AThrowingHandlerGives500AndTheServerLives) {
  Start([](const HttpRequest& r) -> HttpResponse {
    if (r.path == "/boom") throw std::runtime_error("boom");
    return Echo(r);
  });
  const auto r = HttpCall(server_->port(), "GET", "/boom");
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.body.find("internal"), std::string::npos);
  EXPECT_EQ(HttpCall(server_->port(), "GET", "/fine").status, 200);
}

TEST_F(ServerTest, ManyConcurrentClientsAreAllAnswered) {
  Start(Echo);
  constexpr int kClients = 50, kRequests = 20;
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < kRequests; ++i) {
        const std::string path = "/c" + std::to_string(c) + "/" + std::to_string(i);
        const auto r = HttpCall(server_->port(), "GET", path);
        if (r.status == 200 && r.body == "GET|" + path + "||||") ++ok;
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(ok.load(), kClients * kRequests);
}

TEST_F(ServerTest, StopLetsASlowHandlerFinish) {
  std::atomic<bool> entered{false};
  Start([&](const HttpRequest& r) {
    entered = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return Echo(r);
  });
  petitio::testing::HttpReply reply;
  std::thread client([&] { reply = HttpCall(server_->port(), "GET", "/slow"); });
  while (!entered) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  server_->Stop();
  client.join();
  EXPECT_EQ(reply.status, 200);
}

// Responders kept by a handler that answers later, as one waiting for a commit does.
class HeldAnswers {
 public:
  void Keep(Responder respond) {
    std::lock_guard lock(mu_);
    held_.push_back(std::move(respond));
  }
  size_t Count() {
    std::lock_guard lock(mu_);
    return held_.size();
  }
  // Whether `n` requests are kept within 5 s.
  bool AwaitCount(size_t n) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (Count() < n) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
  }
  // Answers every kept request from this thread, each with its own body.
  void AnswerAll(const std::string& body) {
    std::vector<Responder> held;
    {
      std::lock_guard lock(mu_);
      held.swap(held_);
    }
    for (Responder& respond : held) {
      HttpResponse r;
      r.body = body;
      respond(std::move(r));
    }
  }

 private:
  std::mutex mu_;
  std::vector<Responder> held_;
};

bool IsLater(const HttpRequest& r) { return r.path == "/later"; }

// With the one write worker held, requests picked to run inline still reach their handler (on
// the IO thread) and wait for their answer without a thread; they are answered when the
// handler's Responder is called, from another thread.
TEST_F(ServerTest, InlineRequestsWaitForTheirAnswerWithoutAWorker) {
  Gate gate;
  HeldAnswers held;
  StartAsync(
      [&](const HttpRequest& r, Responder respond) {
        if (IsLater(r)) return held.Keep(std::move(respond));
        gate.Wait();
        respond(Echo(r));
      },
      IsLater, /*workers=*/1);
  std::thread hold([&] { EXPECT_EQ(HttpCall(server_->port(), "POST", "/hold", "x").status, 200); });
  gate.AwaitWaiting(1);
  std::vector<petitio::testing::HttpReply> replies(3);
  std::vector<std::thread> clients;
  for (auto& reply : replies) {
    clients.emplace_back([&] { reply = HttpCall(server_->port(), "POST", "/later", "s"); });
  }
  const bool inline_ = held.AwaitCount(3);
  EXPECT_TRUE(inline_) << "requests to run inline waited for the held worker";
  std::thread answerer([&] { held.AnswerAll("committed"); });
  answerer.join();
  gate.Open();
  if (!inline_ && held.AwaitCount(3)) held.AnswerAll("committed");
  for (auto& t : clients) t.join();
  for (const auto& reply : replies) {
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, "committed");
  }
  hold.join();
}

// A page rendered once its write has committed: given from the writer's thread, made on a read
// worker (never the giver's thread), and sent; one that throws, or asks to be made on a worker
// again, is answered 500 and the server goes on.
TEST_F(ServerTest, AnAnswerMadeOnAWorkerIsMadeOffTheGiversThread) {
  std::mutex mu;
  std::vector<std::thread> givers;
  std::vector<std::thread::id> giver_ids;
  std::vector<std::thread::id> maker_ids;
  StartAsync(
      [&](const HttpRequest& r, Responder respond) {
        const std::string path = r.path;
        std::lock_guard lock(mu);
        givers.emplace_back([&, path, respond = std::move(respond)] {
          {
            std::lock_guard giving(mu);
            giver_ids.push_back(std::this_thread::get_id());
          }
          respond(HttpResponse::MadeOnWorker([&, path]() -> HttpResponse {
            {
              std::lock_guard making(mu);
              maker_ids.push_back(std::this_thread::get_id());
            }
            if (path == "/throws") throw std::runtime_error("render failed");
            if (path == "/again") return HttpResponse::MadeOnWorker([] { return HttpResponse{}; });
            HttpResponse made;
            made.content_type = "text/html; charset=utf-8";
            made.body = "made " + path;
            return made;
          }));
        });
      },
      [](const HttpRequest&) { return true; });
  const auto page = HttpCall(server_->port(), "POST", "/page", "x");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body, "made /page");
  EXPECT_EQ(HttpCall(server_->port(), "POST", "/throws", "x").status, 500);
  EXPECT_EQ(HttpCall(server_->port(), "POST", "/again", "x").status, 500);
  EXPECT_EQ(HttpCall(server_->port(), "POST", "/page", "y").body, "made /page");
  std::lock_guard lock(mu);
  for (std::thread& t : givers) t.join();
  ASSERT_EQ(giver_ids.size(), 4u);
  ASSERT_EQ(maker_ids.size(), 4u);
  for (size_t i = 0; i < 4; ++i) EXPECT_NE(maker_ids[i], giver_ids[i]) << i;
}

// The writer answers a whole batch at once from its own thread: every answer reaches the client
// that asked (on whichever IO thread its connection lives), and the connections serve their
// next request afterwards.
TEST_F(ServerTest, ABatchAnsweredAtOnceFromAnotherThreadReachesEachClient) {
  std::mutex mu;
  std::vector<std::pair<std::string, Responder>> held;
  StartAsync(
      [&](const HttpRequest& r, Responder respond) {
        std::lock_guard lock(mu);
        held.emplace_back(r.body, std::move(respond));
      },
      IsLater);
  constexpr int kClients = 24, kRounds = 3;
  std::atomic<int> own{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      KeepAliveClient conn(server_->port());
      for (int round = 0; round < kRounds; ++round) {
        const std::string body = "client " + std::to_string(c) + " round " + std::to_string(round);
        if (conn.Post("/later", body) == "answer to " + body) ++own;
      }
    });
  }
  for (int round = 0; round < kRounds; ++round) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    std::vector<std::pair<std::string, Responder>> batch;
    while (batch.size() < kClients && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      std::lock_guard lock(mu);
      if (held.size() == kClients) batch.swap(held);
    }
    if (batch.size() != size_t{kClients}) {
      ADD_FAILURE() << "round " << round << ": " << batch.size() << " requests came";
      break;  // the clients time out and end
    }
    std::thread writer([&] {
      for (auto& [body, respond] : batch) {
        HttpResponse r;
        r.body = "answer to " + body;
        respond(std::move(r));
      }
    });
    writer.join();
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(own.load(), kClients * kRounds);
}

// A Responder dropped without an answer answers 500; a second answer is ignored.
TEST_F(ServerTest, AnUnansweredRequestGets500AndOnlyTheFirstAnswerCounts) {
  StartAsync(
      [](const HttpRequest& r, Responder respond) {
        if (r.path == "/drop") return;  // `respond` goes without being called
        HttpResponse first;
        first.body = "first";
        respond(first);
        HttpResponse second;
        second.body = "second";
        respond(second);
      },
      [](const HttpRequest& r) { return r.path == "/drop"; });
  const auto dropped = HttpCall(server_->port(), "POST", "/drop", "x");
  EXPECT_EQ(dropped.status, 500);
  EXPECT_NE(dropped.body.find("internal"), std::string::npos);
  const auto twice = HttpCall(server_->port(), "POST", "/twice", "x");
  EXPECT_EQ(twice.status, 200);
  EXPECT_EQ(twice.body, "first");
}

// A request waiting for its answer counts against max_pending until it is answered, inline or
// not, and Stop() waits for that answer.
TEST_F(ServerTest, WaitingAnswersArePendingAndStopWaitsForThem) {
  HeldAnswers held;
  StartAsync([&](const HttpRequest&, Responder respond) { held.Keep(std::move(respond)); }, IsLater,
             /*workers=*/8, /*max_pending=*/1);
  petitio::testing::HttpReply first;
  std::thread client([&] { first = HttpCall(server_->port(), "POST", "/later", "x"); });
  EXPECT_TRUE(held.AwaitCount(1));
  EXPECT_EQ(HttpCall(server_->port(), "POST", "/later", "y").status, 503);
  std::atomic<bool> stopped{false};
  std::thread stopper([&] {
    server_->Stop();
    stopped = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(stopped);
  held.AnswerAll("late");
  stopper.join();
  client.join();
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.body, "late");
}

// A HEAD request gets the head its GET would get, Content-Length included, and no body; the
// connection then serves the next request.
TEST_F(ServerTest, HeadSendsTheHeadAlone) {
  Start(Echo);
  const std::string both =
      Raw("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n"
          "GET /g HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const std::string head_answer = both.substr(0, both.find("\r\n\r\n") + 4);
  EXPECT_NE(head_answer.find("Content-Length: 11\r\n"), std::string::npos) << head_answer;
  const std::string rest = both.substr(head_answer.size());
  EXPECT_TRUE(rest.starts_with("HTTP/1.1 200")) << "no body after the HEAD answer: " << rest;
  EXPECT_TRUE(rest.ends_with("\r\n\r\nGET|/g||||")) << rest;
}

// What answer_from_memory answers is answered on the IO thread: while the one write worker and
// the one read worker are held and max_pending is reached, a request it takes is answered at
// once; one it declines, or throws on, goes to the handler as usual (here: shed with 503).
TEST_F(ServerTest, AnswersFromMemoryNeedNoWorkerAndNoRoomInTheQueue) {
  Gate gate;
  ServerOptions options = Options(/*workers=*/1, /*read_workers=*/1, /*max_pending=*/2);
  std::atomic<int> asked_memory{0};
  options.answer_from_memory = [&](const HttpRequest& r) -> std::optional<HttpResponse> {
    ++asked_memory;
    if (r.path == "/throws") throw std::runtime_error("no memory today");
    if (r.path != "/memory") return std::nullopt;
    HttpResponse out;
    out.body = "from memory " + r.method;
    return out;
  };
  Serve(MakeBeastServer(
      [&](const HttpRequest& r) {
        if (r.path == "/hold") gate.Wait();
        return Echo(r);
      },
      options));
  std::thread write(
      [&] { EXPECT_EQ(HttpCall(server_->port(), "POST", "/hold", "x").status, 200); });
  std::thread read([&] { EXPECT_EQ(HttpCall(server_->port(), "GET", "/hold").status, 200); });
  gate.AwaitWaiting(2);
  const auto memory = HttpCall(server_->port(), "GET", "/memory");
  EXPECT_EQ(memory.status, 200);
  EXPECT_EQ(memory.body, "from memory GET");
  EXPECT_EQ(HttpCall(server_->port(), "POST", "/memory", "y").body, "from memory POST");
  EXPECT_EQ(HttpCall(server_->port(), "GET", "/declined").status, 503);
  EXPECT_EQ(HttpCall(server_->port(), "GET", "/throws").status, 503);
  gate.Open();
  write.join();
  read.join();
  const auto declined = HttpCall(server_->port(), "GET", "/throws?q=1");
  EXPECT_EQ(declined.status, 200);
  EXPECT_EQ(declined.body, "GET|/throws|1|||");
  EXPECT_EQ(asked_memory, 7);
}

TEST(ServerListen, ErrorsAreStatuses) {
  auto first = MakeBeastServer(Echo, {});
  ASSERT_TRUE(first->Listen("127.0.0.1:0").ok());
  auto second = MakeBeastServer(Echo, {});
  EXPECT_FALSE(second->Listen("127.0.0.1:" + std::to_string(first->port())).ok());
  EXPECT_FALSE(MakeBeastServer(Echo, {})->Listen("not an address").ok());
  EXPECT_FALSE(MakeBeastServer(Echo, {})->Listen("127.0.0.1:99999").ok());
}

}  // namespace
}  // namespace petitio::http
