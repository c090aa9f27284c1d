// `petitio serve`: opens the store (--store, else SQLite under --data), loads the profiles,
// optionally seeds demo data, and serves the site until SIGINT or SIGTERM. Prints "petitio:
// listening on http://HOST:PORT" once the port is bound (tests wait for that line).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/store_choice.h"

namespace petitio {

// The cores this machine has, at least 2.
int DefaultIoThreads();

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::string data_dir = "data";
  StoreChoice store;
  std::string profiles_dir;
  std::string admin_token;
  std::string clock_start;  // RFC 3339; empty: the system clock
  std::string public_url;
  std::string smtp_url;
  std::string mail_from = "petitio@mail.localhost";  // .localhost is reserved (RFC 6761)
  bool demo = false;
  // Threads that read and write connections and run the API's signing and confirming (their
  // token checks): one a core (twice as many was measured, docs/performance.md).
  int io_threads = DefaultIoThreads();
  int worker_threads = 32;
  int read_worker_threads = 8;
  int max_pending = 1024;  // requests taken and not yet answered before 503s
  bool no_rate_limits = false;
  std::string idp_file;                  // identity provider configuration (TOML), or empty
  std::vector<std::string> rate_limits;  // "ip=50/30": burst/per minute for ip, subnet, domain
};

void AddServeCommand(CLI::App& app, ServeOptions& options, int& exit_code);
int RunServe(const ServeOptions& options);

}  // namespace petitio
