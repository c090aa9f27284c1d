#include "harness.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_store.h"

namespace petitio::testing {

namespace {

using Clock = std::chrono::steady_clock;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Reads from `fd` until `done(buffer)` or close or the deadline; false on timeout.
bool ReadUntil(int fd, std::string& buf, Clock::time_point deadline,
               const std::function<bool(const std::string&)>& done) {
  char chunk[16384];
  while (!done(buf)) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) continue;
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return true;  // closed
    buf.append(chunk, static_cast<size_t>(n));
  }
  return true;
}

std::string Dechunk(const std::string& body) {
  std::string out;
  size_t pos = 0;
  while (pos < body.size()) {
    const size_t eol = body.find("\r\n", pos);
    if (eol == std::string::npos) break;
    const size_t len = std::strtoul(body.substr(pos, eol - pos).c_str(), nullptr, 16);
    if (len == 0) break;
    out += body.substr(eol + 2, len);
    pos = eol + 2 + len + 2;
  }
  return out;
}

}  // namespace

StreamingGet::StreamingGet(uint16_t port, const std::string& target) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
    return;
  }
  const std::string req =
      "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
  (void)::send(fd_, req.data(), req.size(), MSG_NOSIGNAL);
}

StreamingGet::~StreamingGet() {
  if (fd_ >= 0) ::close(fd_);
}

bool StreamingGet::WaitFor(const std::string& text, std::chrono::milliseconds timeout) {
  if (fd_ < 0) return false;
  ReadUntil(fd_, buf_, Clock::now() + timeout,
            [&text](const std::string& b) { return b.find(text) != std::string::npos; });
  return buf_.find(text) != std::string::npos;
}

HttpReply HttpCall(uint16_t port, const std::string& method, const std::string& target,
                   const std::string& body, const std::map<std::string, std::string>& headers) {
  HttpReply reply;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return reply;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return reply;
  }
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT") {
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  req += "\r\n" + body;
  size_t sent = 0;
  while (sent < req.size()) {
    const ssize_t n = ::send(fd, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may refuse early (413) and close; read its answer
    sent += static_cast<size_t>(n);
  }
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  std::string buf;
  ReadUntil(fd, buf, deadline, [](const std::string&) { return false; });
  ::close(fd);

  const size_t head_end = buf.find("\r\n\r\n");
  if (head_end == std::string::npos || buf.compare(0, 5, "HTTP/") != 0) return reply;
  std::istringstream head(buf.substr(0, head_end));
  std::string line;
  std::getline(head, line);
  reply.status = std::atoi(line.substr(line.find(' ') + 1, 3).c_str());
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    reply.headers[Lower(line.substr(0, colon))] = value;
  }
  reply.body = buf.substr(head_end + 4);
  if (Lower(reply.headers["transfer-encoding"]).find("chunked") != std::string::npos) {
    reply.body = Dechunk(reply.body);
  } else if (reply.headers.count("content-length")) {
    reply.body.resize(std::min<size_t>(
        reply.body.size(), std::strtoul(reply.headers["content-length"].c_str(), nullptr, 10)));
  }
  return reply;
}

ServerProcess::ServerProcess(std::string binary, std::vector<std::string> args) {
  args = WithTestStore(std::move(args));
  int pipefd[2];
  if (::pipe2(pipefd, O_CLOEXEC) != 0) return;
  std::vector<char*> argv;
  argv.push_back(binary.data());
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(pipefd[1], 1);
    ::dup2(pipefd[1], 2);
    ::execv(binary.c_str(), argv.data());
    _exit(127);
  }
  ::close(pipefd[1]);
  out_fd_ = pipefd[0];
  reader_ = std::thread([this] { Drain(); });
  // Seeding --demo data (some 2,700 signatures, each signed and confirmed through the real use
  // cases) takes about 15 s on PostgreSQL under ASan alone, and more beside other tests.
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  const std::string marker = "listening on http://";
  while (Clock::now() < deadline && running()) {
    {
      std::lock_guard lock(mu_);
      const size_t at = output_.find(marker);
      if (at != std::string::npos) {
        const size_t eol = output_.find('\n', at);
        if (eol != std::string::npos) {
          const std::string url = output_.substr(at + marker.size(), eol - at - marker.size());
          port_ = static_cast<uint16_t>(std::atoi(url.substr(url.rfind(':') + 1).c_str()));
          return;
        }
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

ServerProcess::~ServerProcess() { Stop(); }

void ServerProcess::Drain() {
  char chunk[4096];
  for (;;) {
    const ssize_t n = ::read(out_fd_, chunk, sizeof chunk);
    if (n <= 0) return;
    std::lock_guard lock(mu_);
    output_.append(chunk, static_cast<size_t>(n));
  }
}

bool ServerProcess::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  const pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == 0) return true;
  if (r == pid_) {
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    pid_ = -1;
  }
  return false;
}

std::string ServerProcess::output() {
  std::lock_guard lock(mu_);
  return output_;
}

int ServerProcess::Stop() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (running() && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
      exit_code_ = 128 + SIGKILL;
      pid_ = -1;
    }
  }
  if (reader_.joinable()) reader_.join();
  if (out_fd_ >= 0) {
    ::close(out_fd_);
    out_fd_ = -1;
  }
  return exit_code_;
}

int ServerProcess::Kill() {
  if (pid_ > 0) ::kill(pid_, SIGKILL);
  return Stop();  // reaps it: the exit code is 128+SIGKILL
}

std::string MakeTempDir(const std::string& prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/" + prefix + "-XXXXXX";
  if (::mkdtemp(templ.data()) == nullptr) return "";
  return templ;
}

void RemoveTree(const std::string& path) {
  std::error_code ec;
  if (!path.empty()) std::filesystem::remove_all(path, ec);
}

std::string PetitioBinary() {
  const char* env = std::getenv("PETITIO_BINARY");
  if (env != nullptr && *env != '\0') return env;
  return PETITIO_DEFAULT_BINARY;
}

std::vector<std::string> ReadOutbox(const std::string& data_dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(data_dir + "/outbox", ec)) {
    if (e.path().extension() == ".eml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> out;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    out.push_back(s.str());
  }
  return out;
}

std::string UnfoldMail(const std::string& eml) {
  // Copies the runs between '=' whole (the benchmark's SMTP sink reads every mail through this).
  const auto hex = [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(c) - 'a' + 10;
  };
  std::string text;
  text.reserve(eml.size());
  size_t i = 0;
  while (i < eml.size()) {
    const size_t eq = eml.find('=', i);
    text.append(eml, i, eq == std::string::npos ? std::string::npos : eq - i);
    if (eq == std::string::npos) break;
    i = eq;
    if (eml.compare(i, 3, "=\r\n") == 0) {
      i += 3;
    } else if (eml.compare(i, 2, "=\n") == 0) {
      i += 2;
    } else if (i + 2 < eml.size() && std::isxdigit(static_cast<unsigned char>(eml[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(eml[i + 2]))) {
      text += static_cast<char>(hex(eml[i + 1]) * 16 + hex(eml[i + 2]));
      i += 3;
    } else {
      text += '=';
      i += 1;
    }
  }
  return text;
}

std::string ExtractToken(const std::string& eml, const std::string& link_prefix) {
  const std::string text = UnfoldMail(eml);
  const size_t at = text.find(link_prefix);
  if (at == std::string::npos) return "";
  size_t end = at + link_prefix.size();
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) ||
                               text[end] == '-' || text[end] == '_')) {
    ++end;
  }
  return text.substr(at + link_prefix.size(), end - at - link_prefix.size());
}

CommandResult RunPetitio(const std::vector<std::string>& args) {
  return RunCommand(PetitioBinary(), WithTestStore(args));
}

CommandResult RunCommand(const std::string& program, const std::vector<std::string>& args) {
  std::string cmd = "'" + program + "'";
  for (const std::string& a : args) cmd += " '" + a + "'";
  cmd += " 2>&1";
  CommandResult r;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (pipe == nullptr) return r;
  char buf[4096];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.output.append(buf, n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace petitio::testing
