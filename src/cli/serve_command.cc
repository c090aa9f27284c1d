#include "cli/serve_command.h"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>

#include "app/accounts.h"
#include "app/demo_data.h"
#include "app/mail_queue.h"
#include "app/notifications.h"
#include "app/series_cache.h"
#include "app/use_cases.h"
#include "cli/allocator.h"
#include "cli/data_dir.h"
#include "cli/idp_file.h"
#include "cli/profile_files.h"
#include "domain/crypto.h"
#include "domain/text.h"
#include "http/site.h"
#include "mail/outbox_mailer.h"
#include "mail/smtp_mailer.h"

namespace petitio {

namespace {

// Reports mail that could not be handed over; the write it belongs to is already durable.
class LoggingMailer final : public Mailer {
 public:
  explicit LoggingMailer(std::unique_ptr<Mailer> inner) : inner_(std::move(inner)) {}
  Status Send(const MailMessage& m) override {
    Status s = inner_->Send(m);
    if (!s.ok()) std::fprintf(stderr, "petitio: mail not sent: %s\n", s.ToString().c_str());
    return s;
  }
  // One line for a batch, however many failed (a relay that is down fails them all).
  std::vector<Status> SendAll(const std::vector<MailMessage>& messages) override {
    std::vector<Status> out = inner_->SendAll(messages);
    const auto failed =
        std::count_if(out.begin(), out.end(), [](const Status& s) { return !s.ok(); });
    if (failed > 0) {
      const auto first =
          std::find_if(out.begin(), out.end(), [](const Status& s) { return !s.ok(); });
      std::fprintf(stderr, "petitio: %lld of %zu mails not sent: %s\n",
                   static_cast<long long>(failed), out.size(), first->ToString().c_str());
    }
    return out;
  }

 private:
  std::unique_ptr<Mailer> inner_;
};

// Closes petitions whose collection period has ended, erases expired contact data and forgets
// expired sessions, at start and then every 30 seconds.
class ClosingTicker {
 public:
  explicit ClosingTicker(const AppContext& ctx) : thread_([this, &ctx] { Loop(ctx); }) {}
  ~ClosingTicker() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  void Loop(const AppContext& ctx) {
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      if (Result<int> n = CloseExpiredPetitions(ctx); !n.ok()) {
        std::fprintf(stderr, "petitio: closing expired petitions: %s\n",
                     n.status().ToString().c_str());
      }
      if (Result<int> n = EraseExpiredContactData(ctx); !n.ok()) {
        std::fprintf(stderr, "petitio: erasing contact data: %s\n", n.status().ToString().c_str());
      }
      if (Result<int64_t> n = ForgetExpiredSessions(ctx); !n.ok()) {
        std::fprintf(stderr, "petitio: forgetting sessions: %s\n", n.status().ToString().c_str());
      }
      lock.lock();
      cv_.wait_for(lock, std::chrono::seconds(30), [this] { return stop_; });
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

// Sends queued mail and notifications: woken by the use cases that queue them, and every 30
// seconds to pick up what an earlier run left (a restart, a relay that was down) or what another
// server sharing the store queued. This server's own queued mail goes at once; notices, and mail
// other servers left behind, only while it holds the store's courier lease (ClaimCourierLease),
// renewed every 30 s (HoldsLease), so servers sharing a store never both send them.
class CourierThread final : public Courier {
 public:
  // `shared_store`: other servers may be sending from the same store (PostgreSQL); on one's own
  // store (SQLite), mail an earlier run left is this server's to send at once.
  explicit CourierThread(std::string name, bool shared_store)
      : holder_(std::move(name)),
        takeover_(shared_store ? std::chrono::milliseconds(kMailTakeover)
                               : std::chrono::milliseconds(0)) {}
  void Start(const AppContext& ctx) {
    thread_ = std::thread([this, &ctx] {
      pthread_setname_np(pthread_self(), "petitio-courier");
      Loop(ctx);
    });
  }
  ~CourierThread() override {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  void Wake() override {
    {
      std::lock_guard lock(mu_);
      if (work_) return;
      work_ = true;
    }
    cv_.notify_all();
  }
  const std::string& name() const override { return holder_; }

 private:
  void Loop(const AppContext& ctx) {
    std::unique_lock lock(mu_);
    while (!stop_) {
      work_ = false;
      lock.unlock();
      for (;;) {
        const bool holder = HoldsLease(ctx);
        Result<int> mail =
            DeliverQueuedMail(ctx, holder ? std::optional(takeover_) : std::nullopt, kMailBatch);
        if (!mail.ok()) {
          std::fprintf(stderr, "petitio: queued mail: %s\n", mail.status().ToString().c_str());
        }
        Result<int> sent = holder ? DeliverNotifications(ctx, 500) : Result<int>(0);
        if (!sent.ok()) {
          std::fprintf(stderr, "petitio: notifications: %s\n", sent.status().ToString().c_str());
        }
        if ((!mail.ok() || *mail == 0) && (!sent.ok() || *sent == 0)) break;
      }
      lock.lock();
      cv_.wait_for(lock, std::chrono::seconds(30), [this] { return stop_ || work_; });
    }
  }
  // Whether this server holds the courier lease, claiming or renewing it when a third of it
  // has passed (or, when another server holds it, every few seconds) rather than before every
  // batch: a claim is a write that waits for its commit, and the courier loops without pause
  // while a surge fills the queue.
  bool HoldsLease(const AppContext& ctx) {
    const TimePoint now = ctx.clock.Now();
    if (now >= next_claim_) {
      Result<bool> held = ClaimCourierLease(ctx, holder_);
      if (!held.ok()) {
        std::fprintf(stderr, "petitio: courier lease: %s\n", held.status().ToString().c_str());
      }
      const bool ours = held.ok() && *held;
      held_until_ = ours ? now + kCourierLease : TimePoint{};
      next_claim_ = now + (ours ? kCourierLease / 3 : kLeaseRetry);
    }
    // Stop a margin before the lease ends, in case the renewal is late.
    return now + kLeaseRetry < held_until_;
  }
  static constexpr std::chrono::seconds kLeaseRetry{5};
  TimePoint held_until_{};  // only the courier's thread touches these two
  TimePoint next_claim_{};
  static constexpr int kMailBatch = 1000;
  const std::string holder_;  // this server, for the courier lease and its queued mail
  const std::chrono::milliseconds takeover_;  // others' due mail is taken after this long
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool work_ = false;
  std::thread thread_;
};

int Fail(const std::string& what, const Status& s) {
  std::fprintf(stderr, "petitio: %s: %s\n", what.c_str(), s.message().c_str());
  return 1;
}

}  // namespace

int DefaultIoThreads() {
  return std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
}

void AddServeCommand(CLI::App& app, ServeOptions& o, int& exit_code) {
  CLI::App* serve = app.add_subcommand("serve", "Serve the site and the API over HTTP");
  serve->add_option("--listen", o.listen, "Address to listen on, HOST:PORT (port 0: any free)")
      ->capture_default_str();
  serve->add_option("--data", o.data_dir, "Data directory: database, secret key, mail outbox")
      ->capture_default_str();
  AddStoreOptions(serve, o.store);
  serve->add_option("--profiles", o.profiles_dir,
                    "Directory of extra jurisdiction profiles (*.toml) and calendars "
                    "(calendars/*.toml), loaded beside the built-in ones");
  serve
      ->add_option("--admin-token", o.admin_token,
                   "Token that creates the first admin account (POST /api/v1/bootstrap), once")
      ->envname("PETITIO_ADMIN_TOKEN");
  serve->add_option("--public-url", o.public_url,
                    "Address people reach the site at, used in mail links (default: "
                    "http://LISTEN)");
  serve
      ->add_option("--smtp", o.smtp_url,
                   "Send mail through this relay, smtp://[user:pass@]host[:port]; without it "
                   "mail is written to DATA/outbox/ as .eml files")
      ->envname("PETITIO_SMTP");
  serve->add_option("--mail-from", o.mail_from, "Sender address of Petitio's mail")
      ->capture_default_str();
  serve
      ->add_option("--io-threads", o.io_threads,
                   "Threads for the connections and for the API's signing and confirming; default "
                   "one a core")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  serve
      ->add_option("--read-workers", o.read_worker_threads,
                   "Handler threads for GET and HEAD, apart from the others so that reads never "
                   "wait behind writes")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  serve
      ->add_option("--workers", o.worker_threads,
                   "Handler threads for requests that may write (the API's signing and "
                   "confirming need none: they wait for their commit without a thread)")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  serve
      ->add_option("--max-pending", o.max_pending,
                   "Requests taken and not yet answered at most; past it the server answers 503 "
                   "with Retry-After at once")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  serve->add_option("--clock-start", o.clock_start,
                    "For demonstrations and tests: the server's clock reads this RFC 3339 time "
                    "at start and runs on from it");
  serve->add_flag("--demo", o.demo, "Seed example petitions when the store is empty");
  serve->add_option("--rate-limit", o.rate_limits,
                    "Signing limit per petition: ip|subnet|domain=BURST/PER_MINUTE (default "
                    "ip=50/30, subnet=300/200, domain=1000/600; large mail providers have no "
                    "domain limit); BURST 0 turns one off");
  serve->add_option("--idp", o.idp_file,
                    "Identity provider for signers (TOML: id, issuer, audience, public_key_file, "
                    "national_id_claim)");
  serve->add_flag("--no-rate-limits", o.no_rate_limits,
                  "Sign without rate limits (tests and benchmarks)");
  serve->callback([&o, &exit_code] { exit_code = RunServe(o); });
}

// "ip=50/30" etc. over the defaults.
Result<RateLimits> ParseRateLimits(const ServeOptions& o) {
  RateLimits limits;
  limits.unlimited_domains = LargeMailProviders();
  if (o.no_rate_limits) return RateLimits::Off();
  for (const std::string& spec : o.rate_limits) {
    const size_t eq = spec.find('=');
    const size_t slash = spec.find('/');
    const std::string kind = spec.substr(0, eq);
    RateLimit* target = kind == "ip"       ? &limits.ip
                        : kind == "subnet" ? &limits.subnet
                        : kind == "domain" ? &limits.domain
                                           : nullptr;
    int burst = -1;
    int per_minute = -1;
    if (target != nullptr && eq != std::string::npos && slash != std::string::npos && slash > eq) {
      const std::string b = spec.substr(eq + 1, slash - eq - 1);
      const std::string r = spec.substr(slash + 1);
      if (!b.empty() && b.size() < 9 && b.find_first_not_of("0123456789") == std::string::npos &&
          !r.empty() && r.size() < 9 && r.find_first_not_of("0123456789") == std::string::npos) {
        burst = std::stoi(b);
        per_minute = std::stoi(r);
      }
    }
    if (burst < 0) {
      return Status::Invalid("'" + spec +
                             "' is not KIND=BURST/PER_MINUTE with KIND ip, subnet "
                             "or domain");
    }
    *target = {burst, static_cast<double>(per_minute)};
  }
  return limits;
}

int RunServe(const ServeOptions& o) {
  // Signals are taken by one thread with sigwait; every other thread blocks them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  if (Status s = InitCrypto(); !s.ok()) return Fail("crypto", s);
  if (!IsPlausibleEmail(o.mail_from)) {
    return Fail("--mail-from", Status::Invalid("'" + o.mail_from + "' is not an e-mail address"));
  }
  if (Status s = EnsureDataDir(o.data_dir); !s.ok()) return Fail("data directory", s);
  Result<SecretKey> secret = LoadOrCreateSecret(o.data_dir);
  if (!secret.ok()) return Fail("secret key", secret.status());
  Result<LogKey> log_key = LoadOrCreateLogKey(o.data_dir);
  if (!log_key.ok()) return Fail("log key", log_key.status());
  std::shared_ptr<void> sole_server;
  if (!IsPostgresUrl(o.store.url)) {
    Result<std::shared_ptr<void>> claimed = ClaimSqliteServer(o.data_dir);
    if (!claimed.ok()) return Fail("store", claimed.status());
    sole_server = std::move(*claimed);
  }
  Result<CourierName> courier_name = ClaimCourierName(o.data_dir);
  if (!courier_name.ok()) return Fail("courier name", courier_name.status());

  ProfileRegistry profiles;
  if (Status s = LoadProfiles(o.profiles_dir, profiles); !s.ok()) return Fail("profiles", s);
  Result<RateLimits> limits = ParseRateLimits(o);
  if (!limits.ok()) return Fail("--rate-limit", limits.status());
  RateLimiter limiter(std::move(*limits));
  std::optional<IdTokenVerifier> idp;
  if (!o.idp_file.empty()) {
    Result<IdTokenVerifier> v = LoadIdentityProvider(o.idp_file);
    if (!v.ok()) return Fail("--idp", v.status());
    idp.emplace(std::move(*v));
  }

  Result<std::unique_ptr<Store>> store = OpenChosenStore(o.store, o.data_dir, false);
  if (!store.ok()) return Fail("store", store.status());

  std::unique_ptr<Clock> clock_holder;
  if (o.clock_start.empty()) {
    clock_holder = std::make_unique<SystemClock>();
  } else {
    const std::optional<TimePoint> start = ParseRfc3339(o.clock_start);
    if (!start) return Fail("--clock-start", Status::Invalid("not an RFC 3339 time"));
    clock_holder = std::make_unique<ShiftedClock>(*start);
    std::fprintf(stderr, "petitio: the clock starts at %s (--clock-start)\n",
                 FormatRfc3339(*start).c_str());
  }
  const Clock& clock = *clock_holder;
  std::unique_ptr<Mailer> transport;
  if (o.smtp_url.empty()) {
    transport =
        std::make_unique<OutboxMailer>(o.data_dir + "/outbox", o.mail_from, "Petitio", clock);
  } else {
    Result<std::unique_ptr<Mailer>> smtp =
        MakeSmtpMailer(o.smtp_url, o.mail_from, "Petitio", clock);
    if (!smtp.ok()) return Fail("smtp", smtp.status());
    transport = std::move(*smtp);
  }
  LoggingMailer mailer(std::move(transport));

  http::ServerOptions server_options;
  server_options.io_threads = o.io_threads;
  server_options.worker_threads = o.worker_threads;
  server_options.read_worker_threads = o.read_worker_threads;
  server_options.never_writes = http::NeverWrites;
  std::function<bool(const http::HttpRequest&)> site_inline;  // set with `site`, below
  server_options.answers_inline = [&site_inline](const http::HttpRequest& r) {
    return site_inline && site_inline(r);
  };
  std::function<std::optional<http::HttpResponse>(const http::HttpRequest&)> site_memory;
  server_options.answer_from_memory =
      [&site_memory](const http::HttpRequest& r) -> std::optional<http::HttpResponse> {
    if (!site_memory) return std::nullopt;
    return site_memory(r);
  };
  server_options.max_pending = o.max_pending;
  server_options.overloaded_response = http::OverloadedResponse();
  server_options.too_large_response = http::PayloadTooLargeResponse(server_options.max_body_bytes);
  server_options.bad_request_response = http::BadRequestResponse();

  // The handler needs the context and the context needs the public URL, which needs the
  // bound port: bind first, then build both.
  std::unique_ptr<http::HttpServer> server;
  SeriesCache series_cache;  // the petitions' signature series, between requests
  std::unique_ptr<AppContext> ctx;
  http::AsyncHandler site;
  server = http::MakeBeastServer(
      http::AsyncHandler([&site](const http::HttpRequest& r, http::Responder respond) {
        site(r, std::move(respond));
      }),
      server_options);
  if (Status s = server->Listen(o.listen); !s.ok()) return Fail("listen", s);
  const std::string host = o.listen.substr(0, o.listen.rfind(':'));
  const std::string bound = "http://" + host + ":" + std::to_string(server->port());
  // declared after ctx: stopped before ctx goes
  CourierThread courier(courier_name->name, IsPostgresUrl(o.store.url));
  ctx = std::make_unique<AppContext>(AppContext{
      **store, clock, mailer, profiles, *secret, o.public_url.empty() ? bound : o.public_url,
      o.admin_token, &limiter, idp ? &*idp : nullptr, &*log_key, &courier, &series_cache});
  while (!ctx->public_url.empty() && ctx->public_url.back() == '/') ctx->public_url.pop_back();

  Result<http::Site> built = http::MakeSite(*ctx);
  if (!built.ok()) return Fail("site", built.status());
  site = std::move(built->handler);
  site_inline = std::move(built->answers_inline);
  site_memory = std::move(built->answer_from_memory);

  if (o.demo) {
    std::printf("petitio: --demo: adding example petitions if the store has none…\n");
    std::fflush(stdout);
    if (Status s = SeedDemoData(*ctx); !s.ok()) return Fail("demo data", s);
  }
  ClosingTicker ticker(*ctx);
  courier.Start(*ctx);

  std::thread signal_thread([&server, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    server->Stop();
  });

  std::printf("petitio: memory from %s\n", AllocatorName().c_str());
  std::printf("petitio: listening on %s\n", bound.c_str());
  if (o.admin_token.empty()) {
    std::printf(
        "petitio: no --admin-token given; staff accounts come from `petitio user add` only\n");
  }
  std::fflush(stdout);
  server->Run();
  // Run returned because a signal arrived (the only caller of Stop); wake the waiter if not.
  // SIGTERM is blocked in every thread and taken by sigwait in that one: it wakes, not kills.
  // NOLINTNEXTLINE(bugprone-bad-signal-to-kill-thread)
  pthread_kill(signal_thread.native_handle(), SIGTERM);
  signal_thread.join();
  std::printf("petitio: stopped\n");
  return 0;
}

}  // namespace petitio
