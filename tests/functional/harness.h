// Test harness for black-box tests of the real `petitio` binary: a plain-socket HTTP client,
// a child process that is started, watched and stopped, temporary directories, and reading
// the mail outbox. No Boost here, so it compiles quickly.
//
// HttpCall makes one request over a fresh connection to 127.0.0.1 and reads the whole answer
// (Content-Length, chunked, or until close) within 10 s; status 0 means no answer.
// ServerProcess starts the binary, waits (at most 20 s) for its line
// "petitio: listening on http://HOST:PORT", keeps draining its output so it never blocks,
// and Stop() sends SIGTERM, waits up to 10 s, then SIGKILL. It stops the child on destruction.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace petitio::testing {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

HttpReply HttpCall(uint16_t port, const std::string& method, const std::string& target,
                   const std::string& body = "",
                   const std::map<std::string, std::string>& headers = {});

// A GET whose answer keeps coming (Server-Sent Events): Open() sends the request; WaitFor()
// reads until everything received so far contains `text`, or the timeout. The connection closes
// with the object.
class StreamingGet {
 public:
  StreamingGet(uint16_t port, const std::string& target);
  ~StreamingGet();
  StreamingGet(const StreamingGet&) = delete;
  StreamingGet& operator=(const StreamingGet&) = delete;
  bool WaitFor(const std::string& text, std::chrono::milliseconds timeout);
  const std::string& received() const { return buf_; }

 private:
  int fd_ = -1;
  std::string buf_;
};

class ServerProcess {
 public:
  ServerProcess(std::string binary, std::vector<std::string> args);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  uint16_t port() const { return port_; }
  int pid() const { return pid_; }
  bool running();
  std::string output();  // stdout and stderr so far
  // SIGTERM, then SIGKILL after 10 s; returns the exit code (128+signal when killed).
  int Stop();
  // SIGKILL at once, as a crash or a power cut would stop it; returns 128+SIGKILL.
  int Kill();

 private:
  void Drain();
  int pid_ = -1;
  int out_fd_ = -1;
  uint16_t port_ = 0;
  int exit_code_ = -1;
  std::mutex mu_;
  std::string output_;
  std::thread reader_;
};

std::string MakeTempDir(const std::string& prefix);
void RemoveTree(const std::string& path);
// PETITIO_BINARY from the environment, else the binary this build made.
std::string PetitioBinary();
// Every *.eml in DATA/outbox, in file-name order.
std::vector<std::string> ReadOutbox(const std::string& data_dir);
// A mail with its quoted-printable encoding undone (soft line breaks, =3D and every =XX), so
// that its plain text, in any language, reads as written.
std::string UnfoldMail(const std::string& eml);
// The token ([A-Za-z0-9_-]+) after the first `link_prefix` in a mail, undoing
// quoted-printable soft breaks and =3D first.
std::string ExtractToken(const std::string& eml, const std::string& link_prefix);

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

// Runs `program` with `args` (each single-quoted for the shell) and collects its output.
CommandResult RunCommand(const std::string& program, const std::vector<std::string>& args);
// RunCommand of the petitio binary; for the commands that do not serve.
CommandResult RunPetitio(const std::vector<std::string>& args);

}  // namespace petitio::testing
