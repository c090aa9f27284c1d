#include "surge_support.h"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

#include "harness.h"

namespace petitio::bench {

using testing::HttpCall;
using testing::HttpReply;
using Clock = std::chrono::steady_clock;

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

namespace {

// utime + stime of a /proc stat file, in seconds; -1 when unreadable. The file reads
// "pid (comm) state ..." with utime and stime the 14th and 15th fields; comm may hold spaces,
// so the fields are counted from its closing parenthesis.
double StatCpuSeconds(const std::filesystem::path& stat_file) {
  std::ifstream stat(stat_file);
  const std::string line((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const size_t close = line.rfind(')');
  if (close == std::string::npos || close + 2 > line.size()) return -1;
  std::istringstream fields(line.substr(close + 2));
  std::string field;
  long long ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::atoll(field.c_str());
  }
  return static_cast<double>(ticks) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace

double CpuSeconds(int pid, const std::string& thread_name) {
  const std::filesystem::path proc = "/proc/" + std::to_string(pid);
  if (thread_name.empty()) return StatCpuSeconds(proc / "stat");
  std::error_code ec;
  double seconds = -1;
  for (const auto& task : std::filesystem::directory_iterator(proc / "task", ec)) {
    std::ifstream comm(task.path() / "comm");
    std::string name;
    if (!std::getline(comm, name) || name != thread_name) continue;
    const double s = StatCpuSeconds(task.path() / "stat");
    if (s >= 0) seconds = std::max(seconds, 0.0) + s;
  }
  return seconds;
}

std::optional<std::string> WaitForToken(SmtpSink& sink, const std::string& address) {
  const auto until = Clock::now() + std::chrono::seconds(30);
  for (;;) {
    if (std::optional<std::string> token = sink.TokenFor(address)) return token;
    if (Clock::now() >= until) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

int64_t QueuedMail(const std::string& data_dir, const std::string& store_url) {
  if (!store_url.empty()) {
    const testing::CommandResult r =
        testing::RunCommand("psql", {store_url, "-tAc", "SELECT COUNT(*) FROM mail_queue"});
    return r.exit_code == 0 ? std::atoll(r.output.c_str()) : -1;
  }
  sqlite3* db = nullptr;
  int64_t n = -1;
  if (sqlite3_open_v2((data_dir + "/petitio.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
      SQLITE_OK) {
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* q = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM mail_queue", -1, &q, nullptr) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW) {
      n = sqlite3_column_int64(q, 0);
    }
    sqlite3_finalize(q);
  }
  sqlite3_close(db);
  return n;
}

std::vector<std::string> ServeArgs(const std::string& data_dir, uint16_t smtp_port,
                                   const std::string& store_url) {
  std::vector<std::string> args = {
      "serve",         "--listen",
      "127.0.0.1:0",   "--data",
      data_dir,        "--no-rate-limits",
      "--admin-token", "bench-admin-token",
      "--smtp",        "smtp://127.0.0.1:" + std::to_string(smtp_port)};
  if (!store_url.empty()) {
    args.push_back("--store");
    args.push_back(store_url);
  }
  return args;
}

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
  const std::optional<std::string> token = WaitForToken(sink, "initiator@example.org");
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

}  // namespace petitio::bench
