// Nothing acknowledged is lost on a crash: signers sign and confirm from several threads while
// the server is killed with SIGKILL in the middle, three times over on the same data. After
// each restart every confirmation that was answered 200 is counted, the count and the
// transparency log agree with the store's own audit, `petitio verify` checks the log against
// the tree head seen before the crash (it must extend it), and a signature answered 202 but not
// yet confirmed can still be confirmed with the link that was mailed.
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "site_fixture.h"

namespace petitio::testing {
namespace {

class CrashTest : public SiteTest {
 protected:
  // Restarts the server on the same data directory (and, in a PostgreSQL run, the same store).
  void Restart() {
    server_ = std::make_unique<ServerProcess>(
        PetitioBinary(), std::vector<std::string>{"serve", "--listen", "127.0.0.1:0", "--data",
                                                  data_dir_, "--no-rate-limits"});
    ASSERT_NE(server_->port(), 0) << server_->output();
  }
};

TEST_F(CrashTest, EveryAcknowledgedSignatureSurvivesSigkill) {
  const int64_t id = CreateOpenPetition("de-bt", 0);
  const std::string base = "/api/v1/petitions/" + std::to_string(id);
  const std::string state = data_dir_ + "/verify.state";
  std::set<std::string> confirmed;  // e-mails whose confirmation was answered 200
  std::set<std::string> pending;    // signed (202), confirmation not answered 200
  std::mutex mu;
  int next = 0;

  for (int round = 0; round < 3; ++round) {
    const uint16_t port = server_->port();
    std::atomic<bool> stop{false};
    std::vector<std::thread> signers;
    for (int t = 0; t < 6; ++t) {
      signers.emplace_back([&] {
        while (!stop) {
          std::string email;
          {
            std::lock_guard lock(mu);
            email = "crash" + std::to_string(next++) + "@example.org";
          }
          const HttpReply s = HttpCall(port, "POST", base + "/signatures",
                                       R"({"name":"Isla","email":")" + email + R"("})",
                                       {{"Content-Type", "application/json"}});
          if (s.status != 202) continue;  // the server went away
          {
            std::lock_guard lock(mu);
            pending.insert(email);
          }
          // The confirmation mail, once the courier has sent it (not if the server died first).
          std::string token;
          for (int waited = 0; token.empty() && !stop && waited < 10'000; waited += 5) {
            for (const std::string& eml : ReadOutbox(data_dir_)) {
              if (eml.find("<" + email + ">") != std::string::npos) {
                token = ExtractToken(eml, "/confirm?token=");
              }
            }
            if (token.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
          }
          if (token.empty()) continue;
          const HttpReply c =
              HttpCall(port, "POST", "/api/v1/signatures/confirm",
                       R"({"token":")" + token + R"("})", {{"Content-Type", "application/json"}});
          if (c.status == 200) {
            std::lock_guard lock(mu);
            pending.erase(email);
            confirmed.insert(email);
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(400 + 150 * round));
    EXPECT_EQ(server_->Kill(), 128 + 9);
    stop = true;
    for (std::thread& t : signers) t.join();
    ASSERT_FALSE(confirmed.empty()) << "no confirmation before the kill in round " << round;

    Restart();
    // Every 200 is counted; confirmations whose answer the kill swallowed may count too.
    const int64_t count = CountFor(id);
    EXPECT_GE(count, static_cast<int64_t>(confirmed.size()) + 1) << "round " << round;
    EXPECT_LE(count, static_cast<int64_t>(confirmed.size() + pending.size()) + 1);
    const boost::json::value sth = Json(Get(base + "/log/sth"));
    EXPECT_EQ(sth.at("tree_size").as_int64(), count) << "round " << round;
    const CommandResult audit = RunPetitio({"audit", "counts", "--data", data_dir_});
    EXPECT_EQ(audit.exit_code, 0) << audit.output;
    const CommandResult verify =
        RunPetitio({"verify", "--url", "http://127.0.0.1:" + std::to_string(server_->port()),
                    "--petition", std::to_string(id), "--state", state});
    EXPECT_EQ(verify.exit_code, 0) << verify.output;
  }

  // A signature acknowledged 202 before a kill still confirms with its mailed link.
  int confirmed_after = 0;
  for (const std::string& email : pending) {
    const HttpReply c = Post("/api/v1/signatures/confirm",
                             R"({"token":")" + TokenFromMail(email, "/confirm?token=") + R"("})");
    EXPECT_EQ(c.status, 200) << email << ": " << c.body;
    if (c.status == 200) ++confirmed_after;
  }
  // Now every signer answered 202 is counted, once: the confirmed, the pending, the initiator.
  EXPECT_EQ(confirmed_after, static_cast<int>(pending.size()));
  const int64_t count = CountFor(id);
  EXPECT_EQ(count, static_cast<int64_t>(confirmed.size() + pending.size()) + 1);
  EXPECT_EQ(Json(Get(base + "/log/sth")).at("tree_size").as_int64(), count);
}

}  // namespace
}  // namespace petitio::testing
