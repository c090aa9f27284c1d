// Two `petitio serve` processes on one PostgreSQL database behind nginx (Debian's, on loopback)
// behave as one site: people sign and confirm through nginx and through each server at once
// (each confirmation sent twice at the same moment, through two ways in),
// and afterwards every signature is counted once, both servers serve the same count and the
// same signed tree head, the live count on each server's event stream saw the last signature
// wherever it was made, and `petitio audit counts` agrees. Runs in the PostgreSQL test run only
// (it needs the run's cluster); nginx's access log shows that both servers took requests.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "site_fixture.h"
#include "test_postgres.h"

namespace petitio::testing {
namespace {

uint16_t FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  uint16_t port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

// nginx on 127.0.0.1, round robin over the servers, its files under `dir`, which it removes
// once nginx has stopped (its pid file is there: removed first, nginx would run on).
class Nginx {
 public:
  Nginx(const std::string& dir, const std::vector<uint16_t>& servers) : dir_(dir) {
    port_ = FreePort();
    std::ofstream conf(dir_ + "/nginx.conf");
    conf << "daemon on;\nworker_processes 1;\npid " << dir_ << "/nginx.pid;\n"
         << "error_log " << dir_ << "/error.log;\n"
         << "events { worker_connections 256; }\n"
         << "http {\n"
         << "  log_format upstream '$request_method $uri $status $upstream_addr';\n"
         << "  access_log " << dir_ << "/access.log upstream;\n"
         << "  client_body_temp_path " << dir_ << "/body;\n"
         << "  proxy_temp_path " << dir_ << "/proxy;\n"
         << "  fastcgi_temp_path " << dir_ << "/fastcgi;\n"
         << "  uwsgi_temp_path " << dir_ << "/uwsgi;\n"
         << "  scgi_temp_path " << dir_ << "/scgi;\n"
         << "  upstream petitio {\n";
    for (uint16_t p : servers) conf << "    server 127.0.0.1:" << p << ";\n";
    conf << "  }\n"
         << "  server {\n"
         << "    listen 127.0.0.1:" << port_ << ";\n"
         << "    location / {\n"
         << "      proxy_pass http://petitio;\n"
         << "      proxy_http_version 1.1;\n"
         << "      proxy_set_header Connection \"\";\n"
         << "      proxy_buffering off;\n"
         << "    }\n"
         << "  }\n"
         << "}\n";
    conf.close();
    started_ = RunCommand(PETITIO_NGINX, {"-p", dir_, "-c", dir_ + "/nginx.conf"});
  }
  ~Nginx() {
    RunCommand(PETITIO_NGINX, {"-p", dir_, "-c", dir_ + "/nginx.conf", "-s", "stop"});
    // "-s stop" only signals: wait (bounded) for the master to remove its pid file on exit.
    for (int waited = 0; waited < 5000 && std::ifstream(dir_ + "/nginx.pid").good(); waited += 10) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    RemoveTree(dir_);
  }

  uint16_t port() const { return port_; }
  const CommandResult& started() const { return started_; }
  std::string AccessLog() const {
    std::ifstream in(dir_ + "/access.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

 private:
  std::string dir_;
  uint16_t port_ = 0;
  CommandResult started_;
};

class ScaleOutTest : public SiteTest {};

TEST_F(ScaleOutTest, TwoServersBehindNginxCountEverySignatureOnce) {
  ASSERT_TRUE(HavePostgres()) << "this test runs in the PostgreSQL test run (ctest -L postgres)";
  // The second server shares the first's data directory (its keys and outbox) and, through the
  // harness, its database.
  ServerProcess second(PetitioBinary(), {"serve", "--listen", "127.0.0.1:0", "--data", data_dir_,
                                         "--no-rate-limits"});
  ASSERT_NE(second.port(), 0) << second.output();
  const uint16_t a = server_->port();
  const uint16_t b = second.port();

  const std::string nginx_dir = MakeTempDir("petitio-nginx");
  Nginx nginx(nginx_dir, {a, b});
  ASSERT_EQ(nginx.started().exit_code, 0) << nginx.started().output;
  HttpReply ready;
  for (int i = 0; i < 100 && ready.status != 200; ++i) {
    ready = HttpCall(nginx.port(), "GET", "/api/v1/petitions");
    if (ready.status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(ready.status, 200) << ready.body;

  const int64_t id = CreateOpenPetition("de-bt", 0);
  const std::string base = "/api/v1/petitions/" + std::to_string(id);
  StreamingGet live_a(a, base + "/events");
  StreamingGet live_b(b, base + "/events");

  // Three ways in at once: nginx, the first server, the second server.
  constexpr int kPerWay = 40;
  const std::vector<uint16_t> ways = {nginx.port(), a, b};
  std::atomic<int> accepted{0};
  std::atomic<int> confirmed{0};
  std::vector<std::thread> signers;
  for (size_t w = 0; w < ways.size(); ++w) {
    signers.emplace_back([&, w] {
      for (int i = 0; i < kPerWay; ++i) {
        const std::string email =
            "way" + std::to_string(w) + "-signer" + std::to_string(i) + "@example.org";
        const HttpReply s = HttpCall(ways[w], "POST", base + "/signatures",
                                     R"({"name":"Isla","email":")" + email + R"("})",
                                     {{"Content-Type", "application/json"}});
        if (s.status != 202) {
          ADD_FAILURE() << email << ": " << s.status << " " << s.body;
          continue;
        }
        ++accepted;
        // Confirm through another way in than the signature came by, and at the same moment
        // again through a third (a client retrying elsewhere): both succeed, it counts once.
        const std::string body =
            R"({"token":")" + TokenFromMail(email, "/confirm?token=") + R"("})";
        HttpReply retry;
        std::thread again([&] {
          retry = HttpCall(ways[(w + 2) % ways.size()], "POST", "/api/v1/signatures/confirm", body,
                           {{"Content-Type", "application/json"}});
        });
        const HttpReply c =
            HttpCall(ways[(w + 1) % ways.size()], "POST", "/api/v1/signatures/confirm", body,
                     {{"Content-Type", "application/json"}});
        again.join();
        if (c.status == 200 && retry.status == 200) {
          ++confirmed;
        } else {
          ADD_FAILURE() << email << " confirm: " << c.status << " " << c.body << " / "
                        << retry.status << " " << retry.body;
        }
      }
    });
  }
  for (std::thread& t : signers) t.join();
  ASSERT_EQ(accepted.load(), 3 * kPerWay);
  ASSERT_EQ(confirmed.load(), 3 * kPerWay);

  const int64_t want = 3 * kPerWay + 1;  // and the initiator
  const std::string last = "\"signature_count\":" + std::to_string(want) + "}";
  EXPECT_TRUE(live_a.WaitFor(last, std::chrono::seconds(3))) << live_a.received();
  EXPECT_TRUE(live_b.WaitFor(last, std::chrono::seconds(3))) << live_b.received();
  for (uint16_t port : {a, b, nginx.port()}) {
    const HttpReply count = HttpCall(port, "GET", base + "/count");
    ASSERT_EQ(count.status, 200) << count.body;
    EXPECT_EQ(Json(count).at("signature_count").as_int64(), want) << "port " << port;
  }
  // One log: both servers sign the same tree head over every signature.
  const boost::json::value head_a = Json(HttpCall(a, "GET", base + "/log/sth"));
  const boost::json::value head_b = Json(HttpCall(b, "GET", base + "/log/sth"));
  EXPECT_EQ(head_a.at("tree_size").as_int64(), want);
  EXPECT_EQ(head_a.at("tree_size"), head_b.at("tree_size"));
  EXPECT_EQ(head_a.at("root_hash"), head_b.at("root_hash"));

  const CommandResult audit = RunPetitio({"audit", "counts", "--data", data_dir_});
  EXPECT_EQ(audit.exit_code, 0) << audit.output;
  EXPECT_NE(audit.output.find("0 with counts that differ"), std::string::npos) << audit.output;

  const std::string log = nginx.AccessLog();
  EXPECT_NE(log.find("127.0.0.1:" + std::to_string(a)), std::string::npos) << log;
  EXPECT_NE(log.find("127.0.0.1:" + std::to_string(b)), std::string::npos) << log;
  EXPECT_EQ(second.Stop(), 0);
}

}  // namespace
}  // namespace petitio::testing
