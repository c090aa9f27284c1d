#include "crash_rounds.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <random>
#include <set>
#include <thread>

#include "harness.h"
#include "http_load.h"
#include "smtp_sink.h"
#include "surge_support.h"

namespace petitio::bench {

namespace {

using testing::HttpCall;
using testing::ServerProcess;
using Clock = std::chrono::steady_clock;

enum Kind { kSign, kConfirm, kKinds };

struct Signers {
  std::set<int64_t> confirmed;  // confirmation answered 200
  std::set<int64_t> pending;    // signature answered 202, confirmation not (yet) answered 200
  int64_t next = 0;
};

std::string Email(int64_t signer) { return "crash" + std::to_string(signer) + "@example.org"; }

// Signers sign and confirm on `connections` connections until `killed`.
void Surge(uint16_t port, const std::string& base, int connections, SmtpSink& sink,
           const std::atomic<bool>& killed, Signers& s) {
  std::vector<int64_t> signer_of(static_cast<size_t>(connections), -1);
  std::vector<bool> confirming(static_cast<size_t>(connections), false);
  std::vector<Clock::time_point> waiting(static_cast<size_t>(connections));
  LoadOptions load;
  load.port = port;
  load.connections = connections;
  load.kinds = kKinds;
  load.deadline = Clock::now() + std::chrono::seconds(30);  // the kill comes first
  RunLoad(load, [&](int c, const Answer* last, LoadRequest* next) {
    const size_t at = static_cast<size_t>(c);
    int64_t& signer = signer_of[at];
    if (last != nullptr && signer >= 0) {
      if (confirming[at] && last->status == 200) {
        s.pending.erase(signer);
        s.confirmed.insert(signer);
      }
      if (!confirming[at] && last->status == 202) {
        const auto now = Clock::now();
        if (s.pending.insert(signer).second) waiting[at] = now;
        if (killed) return false;
        if (std::optional<std::string> token = sink.TokenFor(Email(signer))) {
          confirming[at] = true;
          *next = {kConfirm, "POST", "/api/v1/signatures/confirm",
                   R"({"token":")" + *token + R"("})"};
          return true;
        }
        if (now - waiting[at] < std::chrono::seconds(10)) {
          next->ask_again_in = std::chrono::milliseconds(2);
          return true;
        }
      }
    }
    if (killed) return false;
    signer = s.next++;
    confirming[at] = false;
    *next = {kSign, "POST", base + "/signatures",
             R"({"name":"Isla","email":")" + Email(signer) + R"("})"};
    return true;
  });
}

int64_t CountOf(uint16_t port, const std::string& base) {
  const boost::json::value v = Parse(HttpCall(port, "GET", base + "/count").body);
  return v.is_object() ? v.at("signature_count").as_int64() : -1;
}

}  // namespace

bool RunCrashRounds(const CrashRoundsOptions& o) {
  const std::string dir = testing::MakeTempDir("petitio-crash");
  SmtpSink sink("/confirm?token=");
  if (sink.port() == 0) return Fail("the SMTP sink cannot listen");
  std::vector<std::string> serve = ServeArgs(dir + "/data", sink.port(), o.store);
  std::vector<std::string> store_args;
  if (!o.store.empty()) store_args = {"--store", o.store};
  serve.insert(serve.end(), o.server_args.begin(), o.server_args.end());
  auto server = std::make_unique<ServerProcess>(o.binary, serve);
  if (server->port() == 0) return Fail("the server did not start:\n" + server->output());
  const int64_t id = OpenPetition(server->port(), sink);
  if (id == 0) return false;
  const std::string base = "/api/v1/petitions/" + std::to_string(id);
  const std::string state = dir + "/verify.state";
  Signers s;
  std::mt19937 random(std::random_device{}());
  bool ok = true;
  int passed = 0;

  for (int round = 1; round <= o.rounds; ++round) {
    std::atomic<bool> killed{false};
    const auto kill_after = std::chrono::milliseconds(300 + random() % 1700);
    std::thread killer([&] {
      std::this_thread::sleep_for(kill_after);
      killed = true;
      server->Kill();
    });
    Surge(server->port(), base, o.connections, sink, killed, s);
    killer.join();

    server = std::make_unique<ServerProcess>(o.binary, serve);
    if (server->port() == 0) return Fail("no restart:\n" + server->output());
    const int64_t count = CountOf(server->port(), base);
    const int64_t least = static_cast<int64_t>(s.confirmed.size()) + 1;
    const int64_t most = least + static_cast<int64_t>(s.pending.size());
    const int64_t logged =
        Parse(HttpCall(server->port(), "GET", base + "/log/sth").body).at("tree_size").as_int64();
    std::vector<std::string> audit_args = {"audit", "counts", "--data", dir + "/data"};
    audit_args.insert(audit_args.end(), store_args.begin(), store_args.end());
    const testing::CommandResult audit = testing::RunCommand(o.binary, audit_args);
    const testing::CommandResult verify = testing::RunCommand(
        o.binary, {"verify", "--url", "http://127.0.0.1:" + std::to_string(server->port()),
                   "--petition", std::to_string(id), "--state", state});
    const bool round_ok = count >= least && count <= most && logged == count &&
                          audit.exit_code == 0 && verify.exit_code == 0;
    std::printf(
        "crash round %d: killed after %lld ms; %zu confirmed (200), %zu acknowledged (202) only; "
        "count %lld, log %lld, audit %s, verify %s: %s\n",
        round, static_cast<long long>(kill_after.count()), s.confirmed.size(), s.pending.size(),
        static_cast<long long>(count), static_cast<long long>(logged),
        audit.exit_code == 0 ? "agrees" : "DIFFERS", verify.exit_code == 0 ? "ok" : "FAILS",
        round_ok ? "pass" : "FAIL");
    if (!round_ok) {
      ok = false;
      std::fprintf(stderr, "%s%s", audit.output.c_str(), verify.output.c_str());
    } else {
      ++passed;
    }
  }

  // Every 202 still confirms with its mailed link, and counts once.
  int64_t late = 0;
  for (const int64_t signer : s.pending) {
    const std::optional<std::string> token = WaitForToken(sink, Email(signer));
    const int status =
        token ? HttpCall(server->port(), "POST", "/api/v1/signatures/confirm",
                         R"({"token":")" + *token + R"("})", {{"Content-Type", "application/json"}})
                    .status
              : 0;
    if (status == 200) ++late;
  }
  const int64_t want = static_cast<int64_t>(s.confirmed.size() + s.pending.size()) + 1;
  const int64_t count = CountOf(server->port(), base);
  std::printf(
      "crash rounds: %d of %d passed; then %lld of %zu acknowledged signatures confirmed with "
      "their mailed link; count %lld, expected %lld\n",
      passed, o.rounds, static_cast<long long>(late), s.pending.size(),
      static_cast<long long>(count), static_cast<long long>(want));
  if (late != static_cast<int64_t>(s.pending.size()) || count != want) {
    ok = Fail("a signature acknowledged before a crash was lost or counted twice");
  }
  server->Stop();
  testing::RemoveTree(dir);
  return ok;
}

}  // namespace petitio::bench
