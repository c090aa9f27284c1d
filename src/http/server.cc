// The Boost.Beast implementation of HttpServer. The only file that includes Beast or Asio.
//
// Shape: one io_context per IO thread, each run by that thread alone. The acceptor (on the first)
// hands each connection to a Session on the next io_context in turn, so a session's handlers all
// run on one thread without a strand. A Session handles one request at a time: read header
// (answering "Expect: 100-continue"), read body, answer it from memory when the options can, else
// post it to a worker pool (reads to their own) or run it on the IO thread when its handler never
// blocks, post the response back to its session's thread, write it, then read the next request.
// Stop() closes the acceptor and idle sessions; busy sessions finish their request, answer with
// "Connection: close" and end, and Run() returns once no io_context has work left.
#include "http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "http/response_head.h"

namespace petitio::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr auto kIdleTimeout = std::chrono::seconds(30);  // waiting for / reading a request
constexpr auto kWriteTimeout = std::chrono::seconds(30);
constexpr auto kDrainTimeout = std::chrono::seconds(2);  // lingering before a close
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(100);
constexpr size_t kHeaderLimit = size_t{16} * 1024;
constexpr size_t kDrainLimit = size_t{1024} * 1024;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

// The server whose io or worker thread this is; Stop() called from one must not wait for Run.
thread_local const void* t_current_server = nullptr;

void Log(const char* what, const std::string& detail) {
  std::fprintf(stderr, "petitio: http server: %s: %s\n", what, detail.c_str());
}

HttpResponse InternalErrorResponse() {
  HttpResponse response;
  response.status = 500;
  response.body = R"({"error":{"code":"internal","message":"internal error"}})";
  return response;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Splits the request target into the decoded path and the query; false when malformed.
bool SplitTarget(std::string_view target, HttpRequest& out) {
  size_t question = target.find('?');
  std::string_view raw_path = target.substr(0, question);
  for (std::string_view scheme : {"http://", "https://"}) {  // absolute-form
    if (raw_path.starts_with(scheme)) {
      size_t slash = raw_path.find('/', scheme.size());
      raw_path = slash == raw_path.npos ? std::string_view("/") : raw_path.substr(slash);
    }
  }
  if (!PercentDecode(raw_path, out.path, /*plus_is_space=*/false)) return false;
  if (out.path.find('\0') != std::string::npos) return false;
  if (question != target.npos) out.query = ParseUrlEncoded(target.substr(question + 1));
  return true;
}

// A parse failure of the request itself (as opposed to the connection ending).
bool IsMalformedRequest(const beast::error_code& ec) {
  static const auto& http_category = bhttp::make_error_code(bhttp::error::bad_target).category();
  return ec.category() == http_category && ec != bhttp::error::end_of_stream &&
         ec != bhttp::error::partial_message;
}

std::string PeerAddress(const tcp::socket& socket) {
  beast::error_code ec;
  tcp::endpoint peer = socket.remote_endpoint(ec);
  if (ec) return {};
  asio::ip::address address = peer.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).to_string();
  }
  return address.to_string();
}

class Session;

// One IO thread's io_context, and the answers on their way to its sessions. Whoever answers
// (the writer answers a whole batch at once, from its own thread) queues the answer here and wakes
// the thread only when none was waiting: one hand-off for all the answers a commit releases.
struct IoLane {
  struct Waiting {
    std::shared_ptr<Session> session;
    bool keep_alive;
    HttpResponse response;
  };

  void Put(std::shared_ptr<Session> session, bool keep_alive, HttpResponse response);
  void DeliverAll();

  asio::io_context ioc{1};  // run by one thread
  std::mutex answers_mu;
  std::vector<Waiting> answers;  // destroyed before `ioc`, whose sockets its sessions hold
};

// State shared by the server and its sessions. Member order matters: sessions (owned by
// pending handlers and answers in `lanes` and the pools, and by unanswered Responders) unregister
// themselves when destroyed.
struct ServerCore {
  ServerCore(AsyncHandler h, ServerOptions o)
      : handler(std::move(h)),
        options(std::move(o)),
        workers(static_cast<size_t>(std::max(1, options.worker_threads))),
        readers(static_cast<size_t>(std::max(1, options.read_worker_threads))) {
    for (int i = 0; i < std::max(1, options.io_threads); ++i) {
      lanes.push_back(std::make_unique<IoLane>());
    }
  }

  // The lane for the next connection: each takes its turn.
  IoLane& NextLane() { return *lanes[next_lane++ % lanes.size()]; }

  void Invoke(const HttpRequest& request, const Responder& respond) const {
    try {
      return handler(request, respond);
    } catch (const std::exception& e) {
      Log("handler threw", e.what());
    } catch (...) {
      Log("handler threw", "a non-standard exception");
    }
    respond(InternalErrorResponse());  // ignored if the handler had answered before throwing
  }

  // What a response to be made on a worker (HttpResponse::make_on_worker) makes; 500 if it throws
  // or asks to be made on a worker again.
  static HttpResponse MadeNow(const std::function<HttpResponse()>& make) {
    try {
      HttpResponse made = make();
      if (!made.make_on_worker) return made;
      Log("a response made on a worker asked to be made on a worker again", "");  // no end
    } catch (const std::exception& e) {
      Log("making a response threw", e.what());
    } catch (...) {
      Log("making a response threw", "a non-standard exception");
    }
    return InternalErrorResponse();
  }

  std::optional<HttpResponse> AnswerFromMemory(const HttpRequest& request) const {
    try {
      return options.answer_from_memory(request);
    } catch (const std::exception& e) {
      Log("answer_from_memory threw", e.what());
    } catch (...) {
      Log("answer_from_memory threw", "a non-standard exception");
    }
    return std::nullopt;  // the handler answers it as usual
  }

  void Register(Session* session, std::weak_ptr<Session> weak) {
    std::lock_guard lock(sessions_mu);
    sessions.emplace(session, std::move(weak));
  }
  void Unregister(Session* session) {
    std::lock_guard lock(sessions_mu);
    sessions.erase(session);
  }
  void ShutdownSessions();

  const AsyncHandler handler;
  const ServerOptions options;
  std::atomic<bool> stopping{false};
  std::atomic<int> pending{0};  // requests handed to the handler and not yet answered
  std::mutex sessions_mu;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  std::vector<std::unique_ptr<IoLane>> lanes;  // one an IO thread; the first also accepts
  size_t next_lane = 0;                        // used on the first lane's thread
  asio::thread_pool workers;                   // requests that may write
  asio::thread_pool readers;                   // GET and HEAD
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  static std::shared_ptr<Session> Create(ServerCore& core, IoLane& lane, tcp::socket socket) {
    auto session = std::make_shared<Session>(core, lane, std::move(socket));
    core.Register(session.get(), session);
    return session;
  }

  Session(ServerCore& core, IoLane& lane, tcp::socket socket)
      : core_(core), lane_(lane), stream_(std::move(socket)) {
    beast::error_code ec;
    stream_.socket().set_option(tcp::no_delay(true), ec);
    remote_address_ = PeerAddress(stream_.socket());
  }
  ~Session() { core_.Unregister(this); }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void Start() {
    asio::dispatch(lane_.ioc, [self = shared_from_this()] { self->ReadHeader(); });
  }

  // Called by Stop(): ends the session if it is waiting for a request. A session that is
  // handling or writing a request finishes it and then closes because `stopping` is set.
  void Shutdown() {
    asio::dispatch(lane_.ioc, [self = shared_from_this()] {
      if (self->reading_ || self->events_) self->Close();
    });
  }

 private:
  void ReadHeader() {
    if (closed_) return;
    if (core_.stopping) return Close();
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(core_.options.max_body_bytes);
    reading_ = true;
    stream_.expires_after(kIdleTimeout);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    const auto& request = parser_->get();
    if (request.version() >= 11 && !parser_->is_done() &&
        beast::iequals(request[bhttp::field::expect], "100-continue")) {
      asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                        [self = shared_from_this()](beast::error_code write_ec, size_t) {
                          if (write_ec) return self->Close();
                          self->ReadBody();
                        });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        if (ec) return self->OnReadError(ec);
                        self->OnRequest();
                      });
  }

  void OnReadError(const beast::error_code& ec) {
    reading_ = false;
    if (closed_) return;
    if (ec == bhttp::error::body_limit || ec == bhttp::error::header_limit) {
      return Respond(core_.options.too_large_response, /*keep_alive=*/false);
    }
    if (IsMalformedRequest(ec)) {
      return Respond(core_.options.bad_request_response, /*keep_alive=*/false);
    }
    Close();  // end of stream, timeout, reset, cancelled by Stop(): nothing to answer
  }

  void OnRequest() {
    reading_ = false;
    auto& message = parser_->get();
    version_ = message.version();
    head_ = message.method() == bhttp::verb::head;
    bool keep_alive = message.keep_alive();

    HttpRequest request;
    if (!SplitTarget(message.target(), request)) {
      return Respond(core_.options.bad_request_response, /*keep_alive=*/false);
    }
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message) {
      std::string name = AsciiLower(field.name_string());
      auto [it, inserted] = request.headers.try_emplace(name, field.value());
      if (!inserted) {
        it->second += name == "cookie" ? "; " : ", ";
        it->second += field.value();
      }
    }
    request.body = std::move(message.body());
    request.remote_address = remote_address_;
    parser_.reset();

    // From memory, here and now: no worker, no hand-off, no queue to wait in.
    if (core_.options.answer_from_memory) {
      if (std::optional<HttpResponse> answer = core_.AnswerFromMemory(request)) {
        return Respond(std::move(*answer), keep_alive);
      }
    }

    // Past capacity: answer now rather than queue without bound.
    const int limit = core_.options.max_pending;
    if (limit > 0 && core_.pending.fetch_add(1) >= limit) {
      core_.pending.fetch_sub(1);
      return Respond(core_.options.overloaded_response, keep_alive);
    }
    if (limit <= 0) core_.pending.fetch_add(1);
    // Reads have their own pool, so they never wait behind writes that wait for a commit; a
    // handler that never blocks runs here, on the IO thread.
    Responder respond = Answer::Make(shared_from_this(), keep_alive);
    if (core_.options.answers_inline && core_.options.answers_inline(request)) {
      return core_.Invoke(request, respond);
    }
    const bool read = core_.options.never_writes
                          ? core_.options.never_writes(request)
                          : request.method == "GET" || request.method == "HEAD";
    asio::post(read ? core_.readers : core_.workers,
               [&core = core_, request = std::move(request), respond = std::move(respond)] {
                 t_current_server = &core;
                 core.Invoke(request, respond);
               });
  }

  // One request's answer on its way back to its session's thread (through its lane): the first
  // response given wins; if every Responder is gone without one, the request is answered 500.
  // The work guard keeps Run() going until the answer is queued.
  class Answer {
   public:
    static Responder Make(std::shared_ptr<Session> session, bool keep_alive) {
      auto answer = std::make_shared<Answer>(std::move(session), keep_alive);
      return [answer](HttpResponse response) {
        if (!response.make_on_worker) return answer->Give(std::move(response));
        // Made on a read worker, off the giver's thread; given once made.
        ServerCore& core = answer->session_->core_;
        asio::post(core.readers, [&core, answer, make = std::move(response.make_on_worker)] {
          t_current_server = &core;
          answer->Give(ServerCore::MadeNow(make));
        });
      };
    }
    Answer(std::shared_ptr<Session> session, bool keep_alive)
        : session_(std::move(session)),
          keep_alive_(keep_alive),
          work_(asio::make_work_guard(session_->lane_.ioc)) {}
    ~Answer() { Give(InternalErrorResponse()); }
    Answer(const Answer&) = delete;
    Answer& operator=(const Answer&) = delete;

    void Give(HttpResponse response) {
      if (given_.exchange(true)) return;
      session_->core_.pending.fetch_sub(1);
      session_->lane_.Put(session_, keep_alive_, std::move(response));
    }

   private:
    std::shared_ptr<Session> session_;
    bool keep_alive_;
    asio::executor_work_guard<asio::io_context::executor_type> work_;
    std::atomic<bool> given_{false};
  };

  friend struct IoLane;

  void Respond(HttpResponse response, bool keep_alive) {
    if (response.events && response.status == 200 && !head_) return Stream(std::move(response));
    if (response.status < 100 || response.status > 999) {
      Log("handler returned an invalid status", std::to_string(response.status));
      response = InternalErrorResponse();
    }
    DropInvalidHeaders(response.headers);
    const int status = response.status;
    const bool bodiless = status < 200 || status == 204 || status == 304;
    const bool keep = keep_alive && !core_.stopping;
    out_head_ = ResponseHead(
        {.version = version_,
         .status = status,
         .content_type = ValidOrEmpty(response.content_type),
         .headers = &response.headers,
         .content_length = bodiless ? std::nullopt : std::optional(response.body.size()),
         .keep_alive = keep});
    out_body_.clear();
    if (!bodiless && !head_) out_body_ = std::move(response.body);
    stream_.expires_after(kWriteTimeout);
    // Head and body in one gather write: one sendmsg for most answers.
    const std::array<asio::const_buffer, 2> buffers{asio::buffer(out_head_),
                                                    asio::buffer(out_body_)};
    asio::async_write(stream_, buffers,
                      [self = shared_from_this(), keep](beast::error_code ec, size_t) {
                        if (ec) return self->Close();
                        if (keep) return self->ReadHeader();
                        self->DrainAndClose();
                      });
  }

  static std::string_view ValidOrEmpty(std::string_view value) {
    return HasCrLfOrNul(value) ? std::string_view() : value;
  }

  static void DropInvalidHeaders(std::vector<std::pair<std::string, std::string>>& headers) {
    std::erase_if(headers, [](const std::pair<std::string, std::string>& field) {
      const bool bad =
          field.first.empty() || HasCrLfOrNul(field.first) || HasCrLfOrNul(field.second);
      if (bad) Log("dropped an invalid response header", field.first);
      return bad;
    });
  }

  // A streamed answer: the head without a length (the body ends when the connection closes),
  // then whatever the source has each poll; a comment line every 15 s keeps proxies from
  // closing an idle stream. Ends on a write error, at the source's lifetime, or on Stop().
  void Stream(HttpResponse response) {
    events_ = std::move(response.events);
    DropInvalidHeaders(response.headers);
    response.headers.insert(response.headers.begin(), {"Cache-Control", "no-store"});
    out_head_ = ResponseHead({.version = version_,
                              .status = 200,
                              .content_type = ValidOrEmpty(response.content_type),
                              .headers = &response.headers,
                              .content_length = std::nullopt,
                              .keep_alive = false});
    stream_ends_ = std::chrono::steady_clock::now() + events_->lifetime;
    last_write_ = std::chrono::steady_clock::now();
    stream_.expires_after(kWriteTimeout);
    asio::async_write(stream_, asio::buffer(out_head_),
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        if (ec) return self->Close();
                        self->StreamNext();
                      });
  }

  void StreamNext() {
    if (closed_ || core_.stopping || std::chrono::steady_clock::now() >= stream_ends_) {
      return DrainAndClose();
    }
    chunk_ = events_->Next();
    const auto now = std::chrono::steady_clock::now();
    if (chunk_.empty() && now - last_write_ >= std::chrono::seconds(15)) chunk_ = ":\n\n";
    if (chunk_.empty()) return WaitForNext();
    last_write_ = now;
    stream_.expires_after(kWriteTimeout);
    asio::async_write(stream_, asio::buffer(chunk_),
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        if (ec) return self->Close();
                        self->WaitForNext();
                      });
  }

  void WaitForNext() {
    if (!timer_) timer_.emplace(lane_.ioc);
    timer_->expires_after(events_->poll);
    timer_->async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec) return self->Close();
      self->StreamNext();
    });
  }

  // Half-closes and reads what the client still sends, so that closing does not reset the
  // connection before the client has read our last response.
  void DrainAndClose() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    stream_.expires_after(kDrainTimeout);
    buffer_.consume(buffer_.size());
    DrainSome();
  }

  void DrainSome() {
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > kDrainLimit) return self->Close();
                              self->DrainSome();
                            });
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    reading_ = false;
    if (timer_) timer_->cancel();
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  ServerCore& core_;
  IoLane& lane_;  // its thread runs all the session's handlers (the socket is on lane_.ioc)
  beast::tcp_stream stream_;
  std::string remote_address_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string out_head_;  // the answer being written: its head (ResponseHead) and body
  std::string out_body_;
  // A streamed answer (HttpResponse::events): its source, the chunk being written.
  std::shared_ptr<EventStream> events_;
  std::string chunk_;
  std::optional<asio::steady_timer> timer_;
  std::chrono::steady_clock::time_point stream_ends_;
  std::chrono::steady_clock::time_point last_write_;
  unsigned version_ = 11;
  bool head_ = false;
  bool reading_ = false;  // waiting for or reading a request
  bool closed_ = false;
  size_t drained_ = 0;
};

void IoLane::Put(std::shared_ptr<Session> session, bool keep_alive, HttpResponse response) {
  bool first = false;
  {
    std::lock_guard lock(answers_mu);
    first = answers.empty();
    answers.push_back({std::move(session), keep_alive, std::move(response)});
  }
  if (first) asio::post(ioc, [this] { DeliverAll(); });
}

void IoLane::DeliverAll() {
  std::vector<Waiting> now;
  {
    std::lock_guard lock(answers_mu);
    now.swap(answers);
  }
  for (Waiting& w : now) w.session->Respond(std::move(w.response), w.keep_alive);
}

void ServerCore::ShutdownSessions() {
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(sessions_mu);
    for (auto& entry : sessions) {
      if (auto session = entry.second.lock()) live.push_back(std::move(session));
    }
  }
  for (auto& session : live) session->Shutdown();
}

Status ListenError(ErrorKind kind, const std::string& address, const std::string& why) {
  return Status(kind, "listen_failed", "cannot listen on \"" + address + "\": " + why);
}

// Splits "host:port" / "[v6]:port"; false on bad syntax.
bool SplitHostPort(const std::string& address, std::string& host, std::string& port) {
  std::string_view rest;
  if (address.starts_with('[')) {
    size_t close = address.find(']');
    if (close == std::string::npos) return false;
    host = address.substr(1, close - 1);
    rest = std::string_view(address).substr(close + 1);
  } else {
    size_t colon = address.rfind(':');
    if (colon == std::string::npos) return false;
    host = address.substr(0, colon);
    rest = std::string_view(address).substr(colon);
    if (host.find(':') != std::string::npos) return false;  // IPv6 needs brackets
  }
  if (host.empty() || rest.size() < 2 || rest.size() > 6 || rest[0] != ':') return false;
  port = std::string(rest.substr(1));
  if (!std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  return std::stoi(port) <= 65535;
}

class BeastServer final : public HttpServer {
 public:
  BeastServer(AsyncHandler handler, ServerOptions options)
      : core_(std::move(handler), std::move(options)),
        acceptor_(core_.lanes.front()->ioc),
        retry_timer_(acceptor_.get_executor()) {}
  ~BeastServer() override { Stop(); }
  BeastServer(const BeastServer&) = delete;
  BeastServer& operator=(const BeastServer&) = delete;

  Status Listen(const std::string& address) override {
    std::string host;
    std::string port;
    if (!SplitHostPort(address, host, port)) {
      return ListenError(ErrorKind::kInvalidArgument, address, "expected HOST:PORT or [IPv6]:PORT");
    }
    if (acceptor_.is_open()) {
      return ListenError(ErrorKind::kInvalidArgument, address, "the server is already listening");
    }
    std::vector<tcp::endpoint> endpoints;
    beast::error_code ec;
    asio::ip::address ip = asio::ip::make_address(host, ec);
    if (!ec) {
      endpoints.emplace_back(ip, static_cast<uint16_t>(std::stoi(port)));
    } else {
      tcp::resolver resolver(core_.lanes.front()->ioc);
      auto results = resolver.resolve(host, port, tcp::resolver::numeric_service, ec);
      if (ec) return ListenError(ErrorKind::kInvalidArgument, address, ec.message());
      for (const auto& entry : results) endpoints.push_back(entry.endpoint());
    }
    for (const auto& endpoint : endpoints) {
      if (TryBind(endpoint, ec)) {
        port_ = acceptor_.local_endpoint(ec).port();
        return Status::Ok();
      }
    }
    return ListenError(ErrorKind::kUnavailable, address, ec.message());
  }

  uint16_t port() const override { return port_; }

  void Run() override {
    {
      std::lock_guard lock(run_mu_);
      if (running_ || core_.stopping) return;
      if (!acceptor_.is_open()) {
        Log("Run", "called before a successful Listen");
        return;
      }
      running_ = true;
      // Each io_context keeps running, even with no connection yet, until Stop() lets it go.
      for (auto& lane : core_.lanes) keep_running_.push_back(asio::make_work_guard(lane->ioc));
    }
    asio::post(acceptor_.get_executor(), [this] { Accept(); });
    std::vector<std::thread> threads;
    for (size_t i = 1; i < core_.lanes.size(); ++i) {
      threads.emplace_back([this, i] { RunIo(core_.lanes[i]->ioc); });
    }
    RunIo(core_.lanes.front()->ioc);
    for (auto& thread : threads) thread.join();
    core_.workers.join();
    core_.readers.join();
    {
      std::lock_guard lock(run_mu_);
      running_ = false;
    }
    run_cv_.notify_all();
  }

  void Stop() override {
    if (!core_.stopping.exchange(true)) {
      asio::post(acceptor_.get_executor(), [this] {
        beast::error_code ec;
        acceptor_.close(ec);
        retry_timer_.cancel();
        core_.ShutdownSessions();
        std::lock_guard lock(run_mu_);
        for (auto& guard : keep_running_) guard.reset();
      });
    }
    if (t_current_server == &core_) return;  // from a handler or io thread: cannot wait
    std::unique_lock lock(run_mu_);
    run_cv_.wait(lock, [this] { return !running_; });
  }

 private:
  bool TryBind(const tcp::endpoint& endpoint, beast::error_code& ec) {
    beast::error_code ignored;
    acceptor_.close(ignored);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (!ec) return true;
    acceptor_.close(ignored);
    return false;
  }

  void RunIo(asio::io_context& ioc) {
    t_current_server = &core_;
    for (;;) {
      try {
        ioc.run();
        return;
      } catch (const std::exception& e) {
        Log("io thread caught", e.what());
      }
    }
  }

  void Accept() {
    IoLane& lane = core_.NextLane();
    acceptor_.async_accept(lane.ioc, [this, &lane](beast::error_code ec, tcp::socket socket) {
      if (core_.stopping || !acceptor_.is_open()) return;
      if (ec) {
        Log("accept failed", ec.message());
        retry_timer_.expires_after(kAcceptRetryDelay);
        retry_timer_.async_wait([this](beast::error_code wait_ec) {
          if (!wait_ec && !core_.stopping) Accept();
        });
        return;
      }
      Session::Create(core_, lane, std::move(socket))->Start();
      Accept();
    });
  }

  ServerCore core_;
  tcp::acceptor acceptor_;
  asio::steady_timer retry_timer_;
  uint16_t port_ = 0;
  std::mutex run_mu_;
  std::condition_variable run_cv_;
  bool running_ = false;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running_;
};

}  // namespace

std::unique_ptr<HttpServer> MakeBeastServer(AsyncHandler handler, ServerOptions options) {
  return std::make_unique<BeastServer>(std::move(handler), std::move(options));
}

std::unique_ptr<HttpServer> MakeBeastServer(Handler handler, ServerOptions options) {
  return MakeBeastServer(AsyncHandler([handler = std::move(handler)](const HttpRequest& request,
                                                                     const Responder& respond) {
                           respond(handler(request));
                         }),
                         std::move(options));
}

}  // namespace petitio::http
