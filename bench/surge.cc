// petitio_surge: the surge benchmark (issue 9). It runs the real `petitio serve` (release
// build) on 127.0.0.1 with mail going to an SMTP sink of its own, and measures, on this
// machine and in this run:
//
//   1. the raw SQLite insert rate of signature rows in transactions of 1,000 (a baseline);
//   2. the server answering a trivial request (GET /healthz) on the same connections (the
//      hello-world baseline);
//   3. a surge: distinct signers, while pollers read the count and the petition, and watchers
//      hold the live event stream open. --mode email (the default): each signs and confirms
//      with the token from the mail the server really sent; a connection does not sit idle
//      while a signer's mail is on its way, but confirms whoever's mail came in or starts the
//      next signer, as a crowd signing at once would. --mode pages: the same signers as a browser
//      goes: the petition's page, its sign form, then the confirmation page's button.
//      --mode idp: each is proven by an identity provider (an Ed25519 key the benchmark makes;
//      the server trusts it through --idp): it signs in one request with an ID token bearing
//      the petition's nonce. The provider's side (the nonce asked for once, the tokens signed)
//      is done before the surge: in a deployment the provider is another machine, and its work
//      is not this one's.
//
// It prints signatures per second, request latency p50/p99/p99.9 per kind, errors, the
// server's peak memory, the ratios to the baselines, and checks that the count, the store
// (`petitio audit counts`) and the transparency log agree with the confirmations answered 2xx.
// Every loop is bounded by --signers and --seconds. Exit status 0 when the checks pass.
//
// --crash-rounds N runs, instead, N rounds of SIGKILL in the middle of signing (crash_rounds.h).
// --targets EMAIL IDP PACED READS STORED prints issue 9's targets against five such reports
// (targets.h).
// --preload N first stores N signatures on the petition (preload.h; SQLite only), to measure
// the surge against a store that already holds millions; --preload-copy DIR keeps a copy of the
// preloaded data directory in DIR and starts from it in later runs (A/B runs of builds that share
// the store's format, without preloading each time). --store URL runs the servers on that
// PostgreSQL database; --servers N runs N of them on it, the load spread over them.
#include <signal.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "crash_rounds.h"
#include "harness.h"
#include "http_load.h"
#include "jwt_test_signer.h"
#include "preload.h"
#include "smtp_sink.h"
#include "sqlite_baseline.h"
#include "surge_support.h"
#include "targets.h"

namespace petitio::bench {
namespace {

using testing::HttpCall;
using testing::HttpReply;
using testing::ServerProcess;
using Clock = std::chrono::steady_clock;

// A browser's form submission.
constexpr const char* kForm = "application/x-www-form-urlencoded";

// E-mail signers who signed and wait for their mail, at most, per signing connection.
constexpr size_t kAwaitingPerConnection = 4;

// The signer of a benchmark address, "signer<n>@example.org"; -1 for any other.
int64_t SignerOfAddress(const std::string& address) {
  constexpr std::string_view kPrefix = "signer";
  if (!address.starts_with(kPrefix)) return -1;
  return std::strtoll(address.c_str() + kPrefix.size(), nullptr, 10);
}

struct Options {
  std::string binary;
  int64_t signers = 1000000;
  int seconds = 60;
  int connections = 256;
  int pollers = 32;
  int watchers = 1000;
  int hello_seconds = 5;
  int64_t baseline_rows = 200000;
  std::string out;
  std::vector<std::string> server_args;  // more `petitio serve` options (--workers 64...)
  std::string store;                     // --store: a PostgreSQL URL; empty: SQLite
  int crash_rounds = 0;                  // --crash-rounds: run those instead of the surge
  int64_t preload = 0;                   // --preload: signatures stored before the surge
  std::string preload_copy;              // --preload-copy: a preloaded data directory kept there
  int servers = 1;                       // --servers: on one PostgreSQL store
  bool idp = false;                      // --mode idp
  bool pages = false;                    // --mode pages: e-mail signers through the HTML forms
  bool idp_rsa = false;                  // --idp-key rsa: RS256 tokens (OpenID Connect's default)
  double rate = 0;       // --rate: new signers a second at most, spread over the signer connections
  double poll_rate = 0;  // --poll-rate: reads a second at most, spread over the pollers
};

enum Kind { kSign, kConfirm, kSignIdp, kCount, kPetition, kPage, kHello, kKinds };
const char* const kKindNames[] = {"sign",     "confirm", "sign_idp", "count",
                                  "petition", "page",    "hello"};

// The benchmark's identity provider: a key, the server's --idp file for it, and ID tokens.
class BenchIdp {
 public:
  // `rsa`: an RSA-2048 key, tokens signed RS256; else Ed25519, tokens signed EdDSA.
  BenchIdp(const std::string& dir, bool rsa)
      : key_(rsa ? testing::TestKey::Rsa(2048) : testing::TestKey::Ed25519()) {
    std::ofstream(dir + "/bench-idp.pem") << key_.PublicPem();
    std::ofstream(dir + "/idp.toml") << "id = \"bench\"\nissuer = \"https://idp.bench.test\"\n"
                                     << "audience = \"petitio\"\n"
                                     << "public_key_file = \"bench-idp.pem\"\n";
  }
  // A signing's request body: an ID token for `signer`, bearing `nonce`.
  std::string SignBody(int64_t signer, const std::string& nonce) const {
    return R"({"id_token":")" + Token(signer, nonce) + R"(","nonce":")" + nonce + R"("})";
  }
  std::string Token(int64_t signer, const std::string& nonce) const {
    const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    return testing::SignedJwt(key_, {{"iss", "https://idp.bench.test"},
                                     {"aud", "petitio"},
                                     {"sub", "signer-" + std::to_string(signer)},
                                     {"name", "Isla"},
                                     {"nonce", nonce},
                                     {"iat", now - 10},
                                     {"exp", now + 600}});
  }

 private:
  testing::TestKey key_;
};

// The identity provider's work for `n` signers, on every core, before the surge: each one's
// signing request, bearing one nonce (bound to the petition, valid 10 minutes for any number
// of signers: src/app/sign_with_idp.cc).
std::vector<std::string> MintSignBodies(const BenchIdp& idp, const std::string& nonce, int64_t n) {
  std::vector<std::string> bodies(static_cast<size_t>(n));
  const int64_t threads = std::max<int64_t>(1, std::thread::hardware_concurrency());
  std::vector<std::thread> minting;
  for (int64_t t = 0; t < threads; ++t) {
    minting.emplace_back([&, t] {
      for (int64_t i = t; i < n; i += threads) {
        bodies[static_cast<size_t>(i)] = idp.SignBody(i, nonce);
      }
    });
  }
  for (std::thread& th : minting) th.join();
  return bodies;
}

void PrintKind(const char* name, const KindResult& k, double seconds) {
  int64_t errors = 0;
  for (const auto& [status, n] : k.statuses) {
    if (status < 200 || status >= 300) errors += n;
  }
  std::printf("  %-9s %9lld ok  %8.0f/s  p50 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  errors %lld\n",
              name, static_cast<long long>(k.Count2xx()),
              seconds > 0 ? static_cast<double>(k.Count2xx()) / seconds : 0, k.QuantileMs(0.5),
              k.QuantileMs(0.99), k.QuantileMs(0.999), static_cast<long long>(errors));
  for (const auto& [status, n] : k.statuses) {
    if (status < 200 || status >= 300) {
      std::printf("            status %d: %lld\n", status, static_cast<long long>(n));
    }
  }
}

boost::json::object KindJson(const KindResult& k, double seconds) {
  boost::json::object o;
  o["ok"] = k.Count2xx();
  o["per_second"] = seconds > 0 ? static_cast<double>(k.Count2xx()) / seconds : 0;
  o["p50_ms"] = k.QuantileMs(0.5);
  o["p99_ms"] = k.QuantileMs(0.99);
  o["p999_ms"] = k.QuantileMs(0.999);
  boost::json::object statuses;
  for (const auto& [status, n] : k.statuses) statuses[std::to_string(status)] = n;
  o["statuses"] = statuses;
  return o;
}

int Run(const Options& o) {
  std::printf(
      "petitio_surge: %lld signers at most, %d s at most, %d connections, %d pollers, "
      "%d watchers\n",
      static_cast<long long>(o.signers), o.seconds, o.connections, o.pollers, o.watchers);
  if (o.rate > 0) std::printf("new signers paced at %.0f a second at most (--rate)\n", o.rate);
  if (o.poll_rate > 0) {
    std::printf("reads paced at %.0f a second at most (--poll-rate)\n", o.poll_rate);
  }
  const std::string dir = testing::MakeTempDir("petitio-surge");

  // 1. The raw SQLite insert rate, while the machine is otherwise quiet.
  const InsertRate raw = SqliteInsertRate(dir + "/baseline.db", o.baseline_rows, 1000);
  std::printf("SQLite inserts in batches of 1,000: %.0f rows/s (%lld rows)\n", raw.per_second(),
              static_cast<long long>(raw.rows));

  // 2. The server, mailing through the sink.
  SmtpSink sink("/confirm?token=", /*queue_arrivals=*/true);
  if (sink.port() == 0) return Fail("the SMTP sink cannot listen"), 2;
  std::vector<std::string> serve = ServeArgs(dir + "/data", sink.port(), o.store);
  const BenchIdp idp(dir, o.idp_rsa);
  if (o.idp) {
    serve.push_back("--idp");
    serve.push_back(dir + "/idp.toml");
  }
  serve.insert(serve.end(), o.server_args.begin(), o.server_args.end());
  auto started = std::make_unique<ServerProcess>(o.binary, serve);
  if (started->port() == 0) return Fail("the server did not start:\n" + started->output()), 2;
  const int64_t id = OpenPetition(started->port(), sink);
  if (id == 0) return 2;
  if (o.preload > 0) {
    // The store already holds millions: stop, write them through the store, start again.
    started->Stop();
    started.reset();
    const auto began = Clock::now();
    if (!o.preload_copy.empty() && std::filesystem::exists(o.preload_copy + "/preload.txt")) {
      if (Status s = UsePreloadCopy(o.preload_copy, dir + "/data", id, o.preload); !s.ok()) {
        return Fail("--preload-copy: " + s.ToString()), 2;
      }
      std::printf("preloaded store copied from %s in %.0f s\n", o.preload_copy.c_str(),
                  std::chrono::duration<double>(Clock::now() - began).count());
    } else {
      if (Status s = PreloadSignatures(dir + "/data", id, o.preload); !s.ok()) {
        return Fail("preload: " + s.ToString()), 2;
      }
      std::printf("preloaded %lld signatures in %.0f s\n", static_cast<long long>(o.preload),
                  std::chrono::duration<double>(Clock::now() - began).count());
      if (!o.preload_copy.empty()) {
        if (Status s = KeepPreloadCopy(dir + "/data", o.preload_copy, id, o.preload); !s.ok()) {
          return Fail("--preload-copy: " + s.ToString()), 2;
        }
      }
    }
    started = std::make_unique<ServerProcess>(o.binary, serve);
    if (started->port() == 0) return Fail("no restart:\n" + started->output()), 2;
  }
  ServerProcess& server = *started;
  // More servers on the same store and data directory (--servers N, PostgreSQL): the load
  // generator's connections take them in turn.
  std::vector<std::unique_ptr<ServerProcess>> more;
  std::vector<uint16_t> ports = {server.port()};
  for (int i = 1; i < o.servers; ++i) {
    more.push_back(std::make_unique<ServerProcess>(o.binary, serve));
    if (more.back()->port() == 0)
      return Fail("server " + std::to_string(i + 1) + ":\n" + more.back()->output()), 2;
    ports.push_back(more.back()->port());
  }
  const std::string base = "/api/v1/petitions/" + std::to_string(id);
  const std::string page = "/petitions/" + std::to_string(id);

  // 3. Hello world on the same number of connections.
  LoadOptions hello;
  hello.ports = ports;
  hello.connections = o.connections;
  hello.kinds = kKinds;
  hello.deadline = Clock::now() + std::chrono::seconds(o.hello_seconds);
  const LoadResult hello_result = RunLoad(hello, [](int, const Answer*, LoadRequest* next) {
    *next = {kHello, "GET", "/healthz", ""};
    return true;
  });
  const KindResult& h = hello_result.kinds[kHello];
  const double hello_rate = static_cast<double>(h.Count2xx()) / hello_result.seconds;
  std::printf("hello world: %.0f requests/s (p99 %.2f ms)\n", hello_rate, h.QuantileMs(0.99));

  // The identity provider's tokens, signed before the surge: as many as there are signers, or
  // as the surge's length would use at 14,000 a second (above the 10,000 a second aimed at), or
  // at its --rate when paced.
  std::vector<std::string> idp_bodies;
  int64_t signers = o.signers;  // the surge's bound on signers, in either mode
  if (o.idp) {
    const HttpReply nonce = HttpCall(server.port(), "POST", base + "/idp/nonce", "{}");
    const boost::json::value v = Parse(nonce.body);
    const boost::json::value* n = v.is_object() ? v.as_object().if_contains("nonce") : nullptr;
    if (nonce.status != 200 || n == nullptr || !n->is_string()) {
      return Fail("no nonce: " + std::to_string(nonce.status) + " " + nonce.body), 2;
    }
    const double per_second = o.rate > 0 ? o.rate * 1.01 + 1 : 14'000;
    signers = std::min<int64_t>(o.signers, static_cast<int64_t>(per_second * o.seconds));
    const auto began = Clock::now();
    idp_bodies = MintSignBodies(idp, std::string(n->get_string()), signers);
    std::printf("identity provider: %lld ID tokens (%s) signed before the surge in %.1f s\n",
                static_cast<long long>(signers), o.idp_rsa ? "RS256" : "EdDSA",
                std::chrono::duration<double>(Clock::now() - began).count());
  }

  // 4. The surge.
  std::atomic<int64_t> next_signer{0};
  int64_t signers_done = 0;
  const size_t slots = static_cast<size_t>(o.connections + o.pollers);
  std::vector<int64_t> signer_of(slots, -1);
  std::vector<LoadRequest> sent(slots);       // each connection's last request
  std::vector<bool> resending(slots, false);  // waiting out a Retry-After to send it again
  std::vector<bool> viewed(slots, false);     // --mode pages: the next signer has seen the page
  // E-mail signers between their 202 and their confirmation: answered 202 at; mails in the sink
  // whose 202 was not read yet; signers whose mail came in, with its token, to confirm first.
  std::unordered_map<int64_t, Clock::time_point> awaiting;
  std::unordered_map<int64_t, std::string> early_mail;
  std::deque<std::pair<int64_t, std::string>> ready;
  Clock::time_point last_sweep = Clock::now();
  std::vector<int64_t> mail_delay_us;  // from the 202 to the mail in the sink
  LoadOptions surge;
  surge.ports = ports;
  surge.connections = o.connections + o.pollers;
  surge.kinds = kKinds;
  surge.deadline = Clock::now() + std::chrono::seconds(o.seconds);
  surge.watchers = o.watchers;
  surge.watch_target = base + "/events";
  // Where the servers' CPU goes: all of it, the writers' (one thread each, the serial part) and
  // the couriers'.
  std::vector<int> pids = {server.pid()};
  for (const auto& m : more) pids.push_back(m->pid());
  const auto cpu = [&pids](const std::string& thread_name) {
    double sum = 0;
    for (int pid : pids) sum += std::max(0.0, CpuSeconds(pid, thread_name));
    return sum;
  };
  const std::vector<std::string> kThreads = {"", "petitio-writer", "petitio-courier"};
  std::vector<double> cpu_before;
  for (const std::string& t : kThreads) cpu_before.push_back(cpu(t));
  int64_t confirmed_2xx = 0;
  int64_t missing_mail = 0;
  int64_t retried = 0;
  // --rate: each signer connection starts its signers on turns `interval` apart (staggered), so
  // that latency is measured at that rate rather than at saturation; one behind its turn starts
  // at once, and never two at once to catch up. --poll-rate paces the pollers' reads alike (as
  // people watching a page poll it now and then, rather than as fast as they are answered).
  const auto interval_for = [](double rate, int connections) {
    return rate > 0 ? std::chrono::duration_cast<Clock::duration>(
                          std::chrono::duration<double>(connections / rate))
                    : Clock::duration::zero();
  };
  const Clock::duration sign_interval = interval_for(o.rate, o.connections);
  const Clock::duration poll_interval = interval_for(o.poll_rate, o.pollers);
  std::vector<Clock::time_point> turn(slots);
  for (size_t i = 0; i < slots; ++i) {
    const bool poller = i >= static_cast<size_t>(o.connections);
    const int64_t k = static_cast<int64_t>(poller ? i - static_cast<size_t>(o.connections) : i);
    turn[i] = Clock::now() + (poller ? poll_interval * k / std::max(1, o.pollers)
                                     : sign_interval * k / std::max(1, o.connections));
  }
  const auto wait_for_turn = [&](size_t at, LoadRequest* next) {
    const Clock::duration interval =
        at >= static_cast<size_t>(o.connections) ? poll_interval : sign_interval;
    if (interval == Clock::duration::zero()) return false;
    const auto now = Clock::now();
    if (now < turn[at]) {
      next->ask_again_in = std::chrono::ceil<std::chrono::microseconds>(turn[at] - now);
      return true;  // asked again then, with the same answer
    }
    turn[at] = std::max(turn[at] + interval, now);
    return false;
  };
  // Every request goes through here, so that a 503 can send it again.
  auto issue = [&](int c, LoadRequest r, LoadRequest* next) {
    sent[static_cast<size_t>(c)] = r;
    *next = std::move(r);
    return true;
  };
  const LoadResult result = RunLoad(surge, [&](int c, const Answer* last, LoadRequest* next) {
    const size_t at = static_cast<size_t>(c);
    // Shed (503): wait as Retry-After says, then send the same request again.
    if (resending[at]) {
      resending[at] = false;
      *next = sent[at];
      return true;
    }
    if (last != nullptr && last->status == 503) {
      resending[at] = true;
      ++retried;
      next->ask_again_in = std::chrono::seconds(std::max(1, last->retry_after_s));
      return true;
    }
    if (c >= o.connections) {  // a poller: the count and the petition, until signing ends
      if (signers_done >= o.connections) return false;
      if (wait_for_turn(at, next)) return true;
      const bool count = last == nullptr || (c + static_cast<int>(next_signer.load())) % 4 != 0;
      return issue(c,
                   count ? LoadRequest{kCount, "GET", base + "/count", ""}
                         : LoadRequest{kPetition, "GET", base, ""},
                   next);
    }
    int64_t& signer = signer_of[at];
    if (o.idp) {  // one request per signer
      if (last != nullptr && signer >= 0 && last->status == 200) {
        ++confirmed_2xx;
        signer = -1;  // counted once, even when asked again while waiting for its turn
      }
      if (Clock::now() >= surge.deadline || next_signer.load() >= signers) {
        ++signers_done;
        return false;
      }
      if (wait_for_turn(at, next)) return true;
      signer = next_signer.fetch_add(1);
      return issue(c,
                   {kSignIdp, "POST", base + "/signatures/idp",
                    std::move(idp_bodies[static_cast<size_t>(signer)])},
                   next);
    }
    // E-mail: a signer signs, then confirms once their mail is in the sink. Meanwhile the
    // connection does not wait (a person reading their inbox holds no connection to the site):
    // it confirms whoever's mail has come in, or else starts the next signer.
    const auto now = Clock::now();
    if (last != nullptr && signer >= 0 && last->status == (o.pages ? 200 : 202)) {
      if (auto early = early_mail.find(signer); early != early_mail.end()) {
        mail_delay_us.push_back(0);  // the mail came in before its 202 was read
        ready.push_back({signer, std::move(early->second)});
        early_mail.erase(early);
      } else {
        awaiting.emplace(signer, now);
      }
      signer = -1;  // seen once, even when asked again while waiting for its turn
    }
    if (last != nullptr && signer <= -2 && last->status == 200) {
      ++confirmed_2xx;
      signer = -1;
    }
    while (std::optional<SmtpSink::Arrival> mail = sink.TakeArrived()) {
      const int64_t who = SignerOfAddress(mail->address);
      auto waiting = awaiting.find(who);
      if (waiting == awaiting.end()) {
        early_mail[who] = std::move(mail->token);
        continue;
      }
      mail_delay_us.push_back(
          std::chrono::duration_cast<std::chrono::microseconds>(now - waiting->second).count());
      awaiting.erase(waiting);
      ready.push_back({who, std::move(mail->token)});
    }
    if (!ready.empty()) {
      signer = -2 - ready.front().first;  // confirming
      const std::string& token = ready.front().second;
      LoadRequest confirm = o.pages
                                ? LoadRequest{kConfirm, "POST", "/confirm", "token=" + token, kForm}
                                : LoadRequest{kConfirm, "POST", "/api/v1/signatures/confirm",
                                              R"({"token":")" + token + R"("})"};
      ready.pop_front();
      return issue(c, std::move(confirm), next);
    }
    if (now >= surge.deadline || next_signer.load() >= signers) {
      // No more signers: wait for the mails still on their way, 30 s at most each.
      if (now - last_sweep >= std::chrono::milliseconds(100)) {
        last_sweep = now;
        missing_mail += static_cast<int64_t>(std::erase_if(
            awaiting, [&](const auto& w) { return now - w.second >= std::chrono::seconds(30); }));
      }
      if (!awaiting.empty()) {
        next->ask_again_in = std::chrono::milliseconds(2);
        return true;
      }
      ++signers_done;
      return false;
    }
    // At most kAwaitingPerConnection signers per connection wait for their mail: past it, the
    // server is not sending mail as fast as it takes signatures, and more signing would only
    // lengthen the queue; the connection waits for a mail instead.
    if (awaiting.size() >= static_cast<size_t>(o.connections) * kAwaitingPerConnection) {
      next->ask_again_in = std::chrono::milliseconds(1);
      return true;
    }
    if (wait_for_turn(at, next)) return true;
    if (o.pages && !viewed[at]) {  // a browser opens the petition's page before signing it
      viewed[at] = true;
      return issue(c, {kPage, "GET", page, ""}, next);
    }
    viewed[at] = false;
    signer = next_signer.fetch_add(1);
    const std::string address = "signer" + std::to_string(signer);
    return issue(c,
                 o.pages
                     ? LoadRequest{kSign, "POST", page + "/sign",
                                   "name=Isla&email=" + address + "%40example.org", kForm}
                     : LoadRequest{kSign, "POST", base + "/signatures",
                                   R"({"name":"Isla","email":")" + address + R"(@example.org"})"},
                 next);
  });
  std::vector<double> cpu_used;
  for (size_t i = 0; i < kThreads.size(); ++i) cpu_used.push_back(cpu(kThreads[i]) - cpu_before[i]);
  int64_t peak_kb = PeakMemoryKb(server.pid());  // of the largest server
  for (const auto& m : more) peak_kb = std::max(peak_kb, PeakMemoryKb(m->pid()));
  const double secs = result.seconds;
  std::printf("surge (%s): %.1f s, %lld signatures counted (%.0f/s), %d of %d watchers open\n",
              o.idp     ? "identity provider"
              : o.pages ? "e-mail, pages"
                        : "e-mail",
              secs, static_cast<long long>(confirmed_2xx),
              static_cast<double>(confirmed_2xx) / secs, result.watchers_open_at_end, o.watchers);
  for (int k = 0; k < kHello; ++k) {
    if (!result.kinds[k].statuses.empty()) PrintKind(kKindNames[k], result.kinds[k], secs);
  }
  if (result.watchers_refused > 0) {
    std::printf("  watchers refused and opened again later, as the page does: %lld times\n",
                static_cast<long long>(result.watchers_refused));
  }
  if (missing_mail > 0)
    std::printf("  signatures without a mail: %lld\n", static_cast<long long>(missing_mail));
  KindResult mail_delay;
  mail_delay.latencies_us = mail_delay_us;
  if (!o.idp) {
    std::printf("  mail in the inbox after the 202: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms\n",
                mail_delay.QuantileMs(0.5), mail_delay.QuantileMs(0.99),
                mail_delay.QuantileMs(0.999));
  }
  if (retried > 0)
    std::printf("  requests sent again after 503 + Retry-After: %lld\n",
                static_cast<long long>(retried));
  // The mail queue drains after the surge (bounded: 120 s).
  const auto drain_from = Clock::now();
  int64_t queued = QueuedMail(dir + "/data", o.store);
  const int64_t queued_at_end = queued;
  while (queued != 0 && Clock::now() - drain_from < std::chrono::seconds(120)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    queued = QueuedMail(dir + "/data", o.store);
  }
  const double drain_seconds = std::chrono::duration<double>(Clock::now() - drain_from).count();
  std::printf("mail queue: %lld queued when the surge ended, %s after %.1f s; %lld mails sent\n",
              static_cast<long long>(queued_at_end), queued == 0 ? "empty" : "NOT EMPTY",
              drain_seconds, static_cast<long long>(sink.messages()));
  std::printf("server peak memory: %lld MiB\n", static_cast<long long>(peak_kb / 1024));
  const double per_signature_us = 1e6 / static_cast<double>(std::max<int64_t>(confirmed_2xx, 1));
  std::printf(
      "server CPU per signature: %.0f us in all (%.2f cores), the writer %.0f us (%.2f of a "
      "core), the courier %.0f us\n",
      cpu_used[0] * per_signature_us, cpu_used[0] / secs, cpu_used[1] * per_signature_us,
      cpu_used[1] / secs, cpu_used[2] * per_signature_us);
  const double sig_rate = static_cast<double>(confirmed_2xx) / secs;
  const double read_rate =
      static_cast<double>(result.kinds[kCount].Count2xx() + result.kinds[kPetition].Count2xx()) /
      secs;
  std::printf(
      "ratios: signatures/hello %.3f, reads while signing/hello %.3f, "
      "signatures/raw SQLite rows %.3f\n",
      sig_rate / hello_rate, read_rate / hello_rate, sig_rate / raw.per_second());

  // 5. Everything agrees: the count, the store's own audit, the transparency log.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  bool ok = true;
  const int64_t want = confirmed_2xx + 1 + o.preload;  // and the initiator, and the preloaded
  const HttpReply count = HttpCall(server.port(), "GET", base + "/count");
  const int64_t counted = Parse(count.body).at("signature_count").as_int64();
  const HttpReply sth = HttpCall(server.port(), "GET", base + "/log/sth");
  const int64_t logged = Parse(sth.body).at("tree_size").as_int64();
  const testing::CommandResult audit = testing::RunCommand(
      o.binary, o.store.empty()
                    ? std::vector<std::string>{"audit", "counts", "--data", dir + "/data"}
                    : std::vector<std::string>{"audit", "counts", "--store", o.store});
  std::printf(
      "check: count %lld, log %lld, confirmations answered 2xx + initiator %lld, "
      "audit: %s",
      static_cast<long long>(counted), static_cast<long long>(logged), static_cast<long long>(want),
      audit.output.c_str());
  if (counted != want || logged != want || audit.exit_code != 0) {
    ok = Fail("the count, the log and the confirmations do not agree");
  }
  // Every other server sharing the store serves the same count (heard through LISTEN/NOTIFY).
  for (const auto& m : more) {
    int64_t theirs = -1;
    for (int waited = 0; waited < 5000 && theirs != want; waited += 50) {
      if (waited > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      const boost::json::value v = Parse(HttpCall(m->port(), "GET", base + "/count").body);
      theirs = v.is_object() ? v.at("signature_count").as_int64() : -1;
    }
    std::printf("check: server on port %d counts %lld\n", m->port(),
                static_cast<long long>(theirs));
    if (theirs != want) ok = Fail("a server's count differs");
  }
  if (queued != 0) ok = Fail("the mail queue did not drain");
  if (missing_mail > 0) ok = Fail("signers who never got their mail");

  if (!o.out.empty()) {
    boost::json::object j;
    j["mode"] = o.idp ? "idp" : o.pages ? "pages" : "email";
    j["preloaded"] = o.preload;
    j["servers"] = o.servers;
    j["rate_asked"] = o.rate;  // 0: as fast as answered
    j["poll_rate_asked"] = o.poll_rate;
    j["store"] = o.store.empty() ? "sqlite" : "postgresql";
    j["signers"] = confirmed_2xx;
    j["seconds"] = secs;
    j["signatures_per_second"] = sig_rate;
    j["hello_per_second"] = hello_rate;
    j["sqlite_rows_per_second"] = raw.per_second();
    j["reads_per_second"] = read_rate;
    j["peak_memory_kib"] = peak_kb;
    j["server_cpu_us_per_signature"] = cpu_used[0] * per_signature_us;
    j["writer_cpu_us_per_signature"] = cpu_used[1] * per_signature_us;
    j["courier_cpu_us_per_signature"] = cpu_used[2] * per_signature_us;
    j["watchers_open_at_end"] = result.watchers_open_at_end;
    j["watchers_refused"] = result.watchers_refused;
    j["retried_after_503"] = retried;
    j["mail_queued_at_end"] = queued_at_end;
    j["mail_queue_drain_seconds"] = drain_seconds;
    if (!o.idp) j["mail_delay"] = KindJson(mail_delay, secs);
    boost::json::object kinds;
    for (int k = 0; k < kHello; ++k) {
      if (!result.kinds[k].statuses.empty()) kinds[kKindNames[k]] = KindJson(result.kinds[k], secs);
    }
    j["kinds"] = kinds;
    j["checks_pass"] = ok;
    std::ofstream(o.out) << boost::json::serialize(j) << "\n";
  }
  server.Stop();
  testing::RemoveTree(dir);
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace petitio::bench

int main(int argc, char** argv) {
  ::signal(SIGPIPE, SIG_IGN);
  petitio::bench::Options o;
  const char* env = std::getenv("PETITIO_BINARY");
  o.binary = env != nullptr && *env != '\0' ? env : PETITIO_DEFAULT_BINARY;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--binary") {
      o.binary = value();
    } else if (a == "--signers") {
      o.signers = std::atoll(value().c_str());
    } else if (a == "--seconds") {
      o.seconds = std::atoi(value().c_str());
    } else if (a == "--connections") {
      o.connections = std::atoi(value().c_str());
    } else if (a == "--pollers") {
      o.pollers = std::atoi(value().c_str());
    } else if (a == "--watchers") {
      o.watchers = std::atoi(value().c_str());
    } else if (a == "--hello-seconds") {
      o.hello_seconds = std::atoi(value().c_str());
    } else if (a == "--baseline-rows") {
      o.baseline_rows = std::atoll(value().c_str());
    } else if (a == "--out") {
      o.out = value();
    } else if (a == "--mode") {
      const std::string mode = value();
      if (mode != "email" && mode != "idp" && mode != "pages") {
        std::fprintf(stderr, "petitio_surge: --mode is email, pages or idp\n");
        return 2;
      }
      o.idp = mode == "idp";
      o.pages = mode == "pages";
    } else if (a == "--idp-key") {
      const std::string key = value();
      if (key != "ed25519" && key != "rsa") {
        std::fprintf(stderr, "petitio_surge: --idp-key is ed25519 or rsa\n");
        return 2;
      }
      o.idp_rsa = key == "rsa";
    } else if (a == "--rate") {
      o.rate = std::atof(value().c_str());
    } else if (a == "--poll-rate") {
      o.poll_rate = std::atof(value().c_str());
    } else if (a == "--servers") {
      o.servers = std::max(1, std::atoi(value().c_str()));
    } else if (a == "--preload") {
      o.preload = std::atoll(value().c_str());
    } else if (a == "--preload-copy") {
      o.preload_copy = value();
    } else if (a == "--crash-rounds") {
      o.crash_rounds = std::atoi(value().c_str());
    } else if (a == "--store") {
      o.store = value();
    } else if (a == "--server-arg") {
      o.server_args.push_back(value());
    } else if (a == "--targets") {  // the verdict on make bench's five reports
      petitio::bench::TargetReports reports;
      reports.email = value();
      reports.idp = value();
      reports.paced = value();
      reports.reads = value();
      reports.stored = value();
      return petitio::bench::PrintTargets(reports);
    } else if (a == "--smoke") {  // CI: a quick run that checks the machinery, not the figures
      o.signers = 300;
      o.seconds = 30;
      o.connections = 16;
      o.pollers = 4;
      o.watchers = 20;
      o.hello_seconds = 1;
      o.baseline_rows = 10000;
    } else {
      std::fprintf(stderr,
                   "usage: petitio_surge [--binary PATH] [--signers N] [--seconds S] "
                   "[--connections C] [--pollers M] [--watchers K] [--hello-seconds S] "
                   "[--baseline-rows N] [--out FILE] [--server-arg ARG]... "
                   "[--mode email|pages|idp] [--idp-key ed25519|rsa] [--rate SIGNERS_PER_S] "
                   "[--poll-rate READS_PER_S] [--store POSTGRESQL_URL] "
                   "[--crash-rounds N] [--preload N [--preload-copy DIR]] "
                   "[--smoke] | --targets EMAIL.json IDP.json PACED.json READS.json STORED.json\n");
      return 2;
    }
  }
  if ((o.servers > 1 && o.store.empty()) || (o.preload > 0 && !o.store.empty())) {
    std::fprintf(stderr,
                 "petitio_surge: --servers N needs --store (PostgreSQL); --preload is SQLite's\n");
    return 2;
  }
  if (o.idp && o.seconds > 300) {
    std::fprintf(stderr,
                 "petitio_surge: --mode idp runs 300 s at most (its nonce and tokens, made "
                 "before the surge, live 10 minutes)\n");
    return 2;
  }
  if (o.crash_rounds > 0) {
    petitio::bench::CrashRoundsOptions crash;
    crash.binary = o.binary;
    crash.rounds = o.crash_rounds;
    crash.connections = std::min(o.connections, 64);
    crash.server_args = o.server_args;
    crash.store = o.store;
    return petitio::bench::RunCrashRounds(crash) ? 0 : 1;
  }
  return petitio::bench::Run(o);
}
