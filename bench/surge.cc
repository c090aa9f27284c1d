// petitio_surge: the surge benchmark (issue 9). It runs the real `petitio serve` (release
// build) on 127.0.0.1 with mail going to an SMTP sink of its own, and measures, on this
// machine and in this run:
//
//   1. the raw SQLite insert rate of signature rows in transactions of 1,000 (a baseline);
//   2. the server answering a trivial request (GET /healthz) on the same connections (the
//      hello-world baseline);
//   3. a surge: distinct signers, while pollers read the count and the petition, and watchers
//      hold the live event stream open. --mode email (the default): each signs and confirms
//      with the token from the mail the server really sent. --mode idp: each is proven by an
//      identity provider (an Ed25519 key the benchmark makes; the server trusts it through
//      --idp): it asks for a nonce, and signs in one request with an ID token bearing it.
//
// It prints signatures per second, request latency p50/p99/p99.9 per kind, errors, the
// server's peak memory, the ratios to the baselines, and checks that the count, the store
// (`petitio audit counts`) and the transparency log agree with the confirmations answered 2xx.
// Every loop is bounded by --signers and --seconds. Exit status 0 when the checks pass.
#include <signal.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "harness.h"
#include "http_load.h"
#include "jwt_test_signer.h"
#include "smtp_sink.h"
#include "sqlite_baseline.h"

namespace petitio::bench {
namespace {

using testing::HttpCall;
using testing::HttpReply;
using testing::ServerProcess;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string binary;
  int64_t signers = 200000;
  int seconds = 60;
  int connections = 256;
  int pollers = 32;
  int watchers = 1000;
  int hello_seconds = 5;
  int64_t baseline_rows = 200000;
  std::string out;
  std::vector<std::string> server_args;  // more `petitio serve` options (--workers 64...)
  bool idp = false;                      // --mode idp
};

enum Kind { kSign, kConfirm, kNonce, kSignIdp, kCount, kPetition, kHello, kKinds };
const char* const kKindNames[] = {"sign",  "confirm",  "nonce", "sign_idp",
                                  "count", "petition", "hello"};

// The benchmark's identity provider: a key, the server's --idp file for it, and ID tokens.
class BenchIdp {
 public:
  explicit BenchIdp(const std::string& dir) : key_(testing::TestKey::Ed25519()) {
    std::ofstream(dir + "/bench-idp.pem") << key_.PublicPem();
    std::ofstream(dir + "/idp.toml") << "id = \"bench\"\nissuer = \"https://idp.bench.test\"\n"
                                     << "audience = \"petitio\"\n"
                                     << "public_key_file = \"bench-idp.pem\"\n";
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

boost::json::value Parse(const std::string& body) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  return ec ? boost::json::value() : v;
}

bool Fail(const std::string& what) {
  std::fprintf(stderr, "petitio_surge: %s\n", what.c_str());
  return false;
}

int64_t PeakMemoryKb(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atoll(line.c_str() + 6);
  }
  return -1;
}

// Bootstraps an admin, creates a petition under the German Bundestag profile (no sponsors),
// confirms its initiator through the sink and publishes it. Returns its id, or 0.
int64_t OpenPetition(uint16_t port, SmtpSink& sink) {
  const std::string admin = "bench-admin-token";
  const HttpReply boot = HttpCall(
      port, "POST", "/api/v1/bootstrap",
      R"({"email":"admin@example.org","name":"Admin","password":"correct horse battery staple"})",
      {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + admin}});
  if (boot.status != 201) return Fail("bootstrap: " + boot.body), 0;
  const std::string api_token = std::string(Parse(boot.body).at("api_token").as_string());
  const HttpReply made = HttpCall(
      port, "POST", "/api/v1/petitions",
      R"({"profile":"de-bt","title":"Surge","text":"A petition that goes viral.","addressee":"The Bundestag","initiator":{"name":"Ann","email":"initiator@example.org"}})",
      {{"Content-Type", "application/json"}});
  if (made.status != 201) return Fail("create: " + made.body), 0;
  const int64_t id = Parse(made.body).at("id").as_int64();
  const std::optional<std::string> token = sink.TokenFor("initiator@example.org");
  if (!token) return Fail("no confirmation mail for the initiator"), 0;
  const HttpReply confirmed =
      HttpCall(port, "POST", "/api/v1/signatures/confirm", R"({"token":")" + *token + R"("})",
               {{"Content-Type", "application/json"}});
  if (confirmed.status != 200) return Fail("confirm initiator: " + confirmed.body), 0;
  const HttpReply published =
      HttpCall(port, "POST", "/api/v1/admin/petitions/" + std::to_string(id) + "/moderation",
               R"({"decision":"publish"})",
               {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + api_token}});
  if (published.status != 200) return Fail("publish: " + published.body), 0;
  return id;
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
  const std::string dir = testing::MakeTempDir("petitio-surge");

  // 1. The raw SQLite insert rate, while the machine is otherwise quiet.
  const InsertRate raw = SqliteInsertRate(dir + "/baseline.db", o.baseline_rows, 1000);
  std::printf("SQLite inserts in batches of 1,000: %.0f rows/s (%lld rows)\n", raw.per_second(),
              static_cast<long long>(raw.rows));

  // 2. The server, mailing through the sink.
  SmtpSink sink("/confirm?token=");
  if (sink.port() == 0) return Fail("the SMTP sink cannot listen"), 2;
  std::vector<std::string> serve = {
      "serve",         "--listen",
      "127.0.0.1:0",   "--data",
      dir + "/data",   "--no-rate-limits",
      "--admin-token", "bench-admin-token",
      "--smtp",        "smtp://127.0.0.1:" + std::to_string(sink.port())};
  const BenchIdp idp(dir);
  if (o.idp) {
    serve.push_back("--idp");
    serve.push_back(dir + "/idp.toml");
  }
  serve.insert(serve.end(), o.server_args.begin(), o.server_args.end());
  ServerProcess server(o.binary, serve);
  if (server.port() == 0) return Fail("the server did not start:\n" + server.output()), 2;
  const int64_t id = OpenPetition(server.port(), sink);
  if (id == 0) return 2;
  const std::string base = "/api/v1/petitions/" + std::to_string(id);

  // 3. Hello world on the same number of connections.
  LoadOptions hello;
  hello.port = server.port();
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

  // 4. The surge.
  std::atomic<int64_t> next_signer{0};
  int64_t signers_done = 0;
  std::vector<int64_t> signer_of(static_cast<size_t>(o.connections), -1);
  LoadOptions surge;
  surge.port = server.port();
  surge.connections = o.connections + o.pollers;
  surge.kinds = kKinds;
  surge.deadline = Clock::now() + std::chrono::seconds(o.seconds);
  surge.watchers = o.watchers;
  surge.watch_target = base + "/events";
  int64_t confirmed_2xx = 0;
  int64_t missing_mail = 0;
  const LoadResult result = RunLoad(surge, [&](int c, const Answer* last, LoadRequest* next) {
    if (c >= o.connections) {  // a poller: the count and the petition, until signing ends
      if (signers_done >= o.connections) return false;
      const bool count = last == nullptr || (c + static_cast<int>(next_signer.load())) % 4 != 0;
      *next = count ? LoadRequest{kCount, "GET", base + "/count", ""}
                    : LoadRequest{kPetition, "GET", base, ""};
      return true;
    }
    int64_t& signer = signer_of[static_cast<size_t>(c)];
    if (o.idp) {
      if (last != nullptr && signer >= 0 && last->status == 200) {
        // A nonce: sign with an ID token bearing it, in one request.
        const boost::json::value v = Parse(last->body);
        const boost::json::value* nonce =
            v.is_object() ? v.as_object().if_contains("nonce") : nullptr;
        if (nonce != nullptr && nonce->is_string()) {
          const std::string n(nonce->get_string());
          *next = {kSignIdp, "POST", base + "/signatures/idp",
                   R"({"id_token":")" + idp.Token(signer, n) + R"(","nonce":")" + n + R"("})"};
          signer = -2 - signer;
          return true;
        }
      }
      if (last != nullptr && signer <= -2 && last->status == 200) ++confirmed_2xx;
      if (Clock::now() >= surge.deadline || next_signer.load() >= o.signers) {
        ++signers_done;
        return false;
      }
      signer = next_signer.fetch_add(1);
      *next = {kNonce, "POST", base + "/idp/nonce", "{}"};
      return true;
    }
    const std::string email = "signer" + std::to_string(signer) + "@example.org";
    if (last != nullptr && signer >= 0 && last->status == 202) {
      // Signed: confirm with the token from the mail.
      const std::optional<std::string> token = sink.TokenFor(email);
      if (token) {
        *next = {kConfirm, "POST", "/api/v1/signatures/confirm",
                 R"({"token":")" + *token + R"("})"};
        signer = -2 - signer;  // confirming
        return true;
      }
      ++missing_mail;
    }
    if (last != nullptr && signer <= -2 && last->status == 200) ++confirmed_2xx;
    if (Clock::now() >= surge.deadline || next_signer.load() >= o.signers) {
      ++signers_done;
      return false;
    }
    signer = next_signer.fetch_add(1);
    *next = {kSign, "POST", base + "/signatures",
             R"({"name":"Isla","email":"signer)" + std::to_string(signer) + R"(@example.org"})"};
    return true;
  });
  const int64_t peak_kb = PeakMemoryKb(server.pid());
  const double secs = result.seconds;
  std::printf("surge (%s): %.1f s, %lld signatures counted (%.0f/s), %d of %d watchers open\n",
              o.idp ? "identity provider" : "e-mail", secs, static_cast<long long>(confirmed_2xx),
              static_cast<double>(confirmed_2xx) / secs, result.watchers_open_at_end, o.watchers);
  for (int k = 0; k < kHello; ++k) {
    if (!result.kinds[k].statuses.empty()) PrintKind(kKindNames[k], result.kinds[k], secs);
  }
  if (missing_mail > 0)
    std::printf("  signatures without a mail: %lld\n", static_cast<long long>(missing_mail));
  std::printf("server peak memory: %lld MiB\n", static_cast<long long>(peak_kb / 1024));
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
  const int64_t want = confirmed_2xx + 1;  // and the initiator
  const HttpReply count = HttpCall(server.port(), "GET", base + "/count");
  const int64_t counted = Parse(count.body).at("signature_count").as_int64();
  const HttpReply sth = HttpCall(server.port(), "GET", base + "/log/sth");
  const int64_t logged = Parse(sth.body).at("tree_size").as_int64();
  const testing::CommandResult audit =
      testing::RunCommand(o.binary, {"audit", "counts", "--data", dir + "/data"});
  std::printf(
      "check: count %lld, log %lld, confirmations answered 2xx + initiator %lld, "
      "audit: %s",
      static_cast<long long>(counted), static_cast<long long>(logged), static_cast<long long>(want),
      audit.output.c_str());
  if (counted != want || logged != want || audit.exit_code != 0) {
    ok = Fail("the count, the log and the confirmations do not agree");
  }

  if (!o.out.empty()) {
    boost::json::object j;
    j["mode"] = o.idp ? "idp" : "email";
    j["signers"] = confirmed_2xx;
    j["seconds"] = secs;
    j["signatures_per_second"] = sig_rate;
    j["hello_per_second"] = hello_rate;
    j["sqlite_rows_per_second"] = raw.per_second();
    j["reads_per_second"] = read_rate;
    j["peak_memory_kib"] = peak_kb;
    j["watchers_open_at_end"] = result.watchers_open_at_end;
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
      if (mode != "email" && mode != "idp") {
        std::fprintf(stderr, "petitio_surge: --mode is email or idp\n");
        return 2;
      }
      o.idp = mode == "idp";
    } else if (a == "--server-arg") {
      o.server_args.push_back(value());
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
                   "[--mode email|idp] [--smoke]\n");
      return 2;
    }
  }
  return petitio::bench::Run(o);
}
