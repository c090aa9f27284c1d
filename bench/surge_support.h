// What the surge benchmark and its crash rounds share: JSON and failure helpers, the server's
// peak memory, the mail queue's length, and a petition opened for signing through the API as
// a person would (its initiator confirming from the mail in the benchmark's SMTP sink).
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "smtp_sink.h"

namespace petitio::bench {

// The JSON of an answer's body; null when it is not JSON.
boost::json::value Parse(const std::string& body);
// Prints "petitio_surge: WHAT" on stderr; returns false.
bool Fail(const std::string& what);
// The process's peak resident memory (VmHWM) in KiB; -1 when unknown.
int64_t PeakMemoryKb(int pid);
// CPU time (user + system, in seconds) the process has used, or, given `thread_name`, its
// threads of that name (the server names its writer "petitio-writer" and its courier
// "petitio-courier"); -1 when none is found.
double CpuSeconds(int pid, const std::string& thread_name = "");
// The token last mailed to `address`, waiting up to 30 s for the server's courier to send it.
std::optional<std::string> WaitForToken(SmtpSink& sink, const std::string& address);
// Mail still in the server's queue: in DATA_DIR/petitio.db, or, with `store_url`, in that
// PostgreSQL database (through psql). -1 when it cannot be read.
int64_t QueuedMail(const std::string& data_dir, const std::string& store_url);
// `petitio serve` on 127.0.0.1 and a free port with data in DATA_DIR, rate limits off, the admin
// token OpenPetition uses, its mail to the sink on `smtp_port`, and, when `store_url` is not
// empty, that PostgreSQL store.
std::vector<std::string> ServeArgs(const std::string& data_dir, uint16_t smtp_port,
                                   const std::string& store_url);
// Bootstraps an admin (with the server's --admin-token bench-admin-token), creates a petition
// under the German Bundestag profile (no sponsors), confirms its initiator through the sink and
// publishes it. Returns its id, or 0.
int64_t OpenPetition(uint16_t port, SmtpSink& sink);

}  // namespace petitio::bench
