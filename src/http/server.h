// HttpServer: an HTTP/1.1 server (keep-alive, pipelining-safe) that hands every complete
// request to one Handler and writes back what it returns.
//
// Threads: the server accepts and reads on `io_threads` threads (each connection stays on one of
// them, dealt in turn; answers given from other threads reach it in one hand-off for all that
// are waiting) and runs handlers on worker pools, so a handler may block (e.g. waiting for a
// store commit) without stalling other connections: requests that never write (`never_writes`;
// by default GET and HEAD) on `read_worker_threads`, every other on `worker_threads`, so that
// reads never queue behind writes waiting for their commit. The handler must be safe to call
// concurrently.
//
// A handler may also answer later (AsyncHandler): it gets a Responder to call once, from any
// thread. Requests that `answers_inline` picks run on the IO thread that read them, so such a
// handler must never block: a write it hands to the store with Store::WriteThen answers from
// the writer's thread when it commits, and no thread waits meanwhile. A Responder dropped without
// being called answers 500, so no request is left without an answer.
//
// A HEAD request is handled as its GET; the server sends the answer's head alone, with the
// body's Content-Length.
//
// A request that `answer_from_memory` answers (it never blocks: a count or a cached document
// kept in memory) is answered on the IO thread that read it, before any worker or the
// `max_pending` limit sees it; it says nullopt for every other request, which goes on as above.
//
// Limits: a body over `max_body_bytes` or a header block over 16 KiB is answered with
// `too_large_response` (413) and the connection closed; the handler never sees it. With
// `max_pending` requests handed to the handler and not yet answered, the next one is answered
// `overloaded_response` straight away (the connection stays open), so a surge past capacity
// costs the server a bounded queue and bounded memory, and it recovers as the queue drains. A
// malformed request gets a 400 and the connection is closed. Nothing a client sends crashes the
// server.
//
// Listen("127.0.0.1:0") binds a free port; port() then tells which. Stop() closes the listener,
// lets in-flight requests finish, and returns when every thread has ended.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "domain/result.h"
#include "http/message.h"

namespace petitio::http {

using Handler = std::function<HttpResponse(const HttpRequest&)>;
using AsyncHandler = std::function<void(const HttpRequest&, Responder)>;

struct ServerOptions {
  int io_threads = 2;
  int worker_threads = 32;      // for requests that may write (POST, PUT, DELETE...)
  int read_worker_threads = 8;  // for requests that never write
  // Whether a request never waits for a write (it runs on the readers); empty: GET and HEAD.
  std::function<bool(const HttpRequest&)> never_writes;
  // Whether a request's handler never blocks, so it runs on the IO thread; empty: none.
  std::function<bool(const HttpRequest&)> answers_inline;
  // The answer to a request from memory alone, on the IO thread; nullopt: not from memory.
  std::function<std::optional<HttpResponse>(const HttpRequest&)> answer_from_memory;
  size_t max_body_bytes = size_t{64} * 1024;
  HttpResponse too_large_response;    // sent for an oversized request
  HttpResponse bad_request_response;  // sent for a malformed request
  // Requests handed to the handler and not yet answered, at most; past it a request is answered
  // at once with `overloaded_response` (503 with Retry-After) instead of waiting in an
  // unbounded queue. 0: no limit.
  int max_pending = 0;
  HttpResponse overloaded_response;
};

class HttpServer {
 public:
  virtual ~HttpServer() = default;
  // Binds "host:port" (IPv4 or [IPv6]); fails with a clear Status when it cannot.
  virtual Status Listen(const std::string& address) = 0;
  virtual uint16_t port() const = 0;
  // Serves until Stop() is called from another thread or a signal handler.
  virtual void Run() = 0;
  virtual void Stop() = 0;
};

std::unique_ptr<HttpServer> MakeBeastServer(AsyncHandler handler, ServerOptions options);
std::unique_ptr<HttpServer> MakeBeastServer(Handler handler, ServerOptions options);

}  // namespace petitio::http
