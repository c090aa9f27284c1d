#include "targets.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>

namespace petitio::bench {
namespace {

std::optional<boost::json::object> ReadReport(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text.str(), ec);
  if (ec || !v.is_object()) return std::nullopt;
  return v.as_object();
}

double Number(const boost::json::object& o, const char* key) {
  const boost::json::value* v = o.if_contains(key);
  if (v == nullptr) return 0;
  if (v->is_double()) return v->as_double();
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  return 0;
}

// A latency quantile of one kind of request ("sign_idp", "p99_ms"); 0 when absent.
double Latency(const boost::json::object& o, const char* kind, const char* quantile) {
  const boost::json::value* kinds = o.if_contains("kinds");
  if (kinds == nullptr || !kinds->is_object()) return 0;
  const boost::json::value* k = kinds->as_object().if_contains(kind);
  return k != nullptr && k->is_object() ? Number(k->as_object(), quantile) : 0;
}

bool Passed(const boost::json::object& o) {
  const boost::json::value* v = o.if_contains("checks_pass");
  return v != nullptr && v->is_bool() && v->as_bool();
}

void Line(const char* target, const std::string& measured, double share, bool met) {
  std::printf("  %-62s %-44s %5.2f  %s\n", target, measured.c_str(), share,
              met ? "met" : "NOT MET");
}

std::string Format(const char* format, double a, double b = 0, double c = 0, double d = 0,
                   double e = 0) {
  char text[160];
  std::snprintf(text, sizeof text, format, a, b, c, d, e);
  return text;
}

// What make bench puts beside each target's run (Makefile): the signers' runs have this many
// reads a second and watchers beside them; the readers' run has signing at this rate.
constexpr double kReadersBeside = 5'000;
constexpr double kWatchers = 1'000;
constexpr double kSigningBesideReaders = 2'000;

}  // namespace

int PrintTargets(const TargetReports& reports) {
  const std::optional<boost::json::object> email = ReadReport(reports.email);
  const std::optional<boost::json::object> idp = ReadReport(reports.idp);
  const std::optional<boost::json::object> paced = ReadReport(reports.paced);
  const std::optional<boost::json::object> readers = ReadReport(reports.reads);
  const std::optional<boost::json::object> stored = ReadReport(reports.stored);
  if (!email || !idp || !paced || !readers || !stored) {
    std::fprintf(stderr,
                 "petitio_surge: --targets needs the five reports of make bench (%s, %s, %s, %s, "
                 "%s)\n",
                 reports.email.c_str(), reports.idp.c_str(), reports.paced.c_str(),
                 reports.reads.c_str(), reports.stored.c_str());
    return 2;
  }
  std::printf(
      "issue 9's targets against this run (share: measured / target; 1.00 or more is met):\n");
  // The signers' runs have readers beside them at a set pace; the readers' run has signing at a
  // set pace. Both cores are one budget, so each is stated with its target, and a signers' run
  // with fewer readers or watchers than make bench gives it meets no target.
  const auto readers_beside = [](const boost::json::object& o) {
    return Format("readers beside: %.0f reads/s (%.0f asked), %.0f watchers",
                  Number(o, "reads_per_second"), Number(o, "poll_rate_asked"),
                  Number(o, "watchers_open_at_end"));
  };
  const auto watched = [](const boost::json::object& o) {
    return Number(o, "reads_per_second") >= 0.95 * kReadersBeside &&
           Number(o, "watchers_open_at_end") >= kWatchers;
  };
  std::printf("  %-62s %s\n", "  the e-mail surge", readers_beside(*email).c_str());
  std::printf("  %-62s %s\n", "  the identity-provider surge", readers_beside(*idp).c_str());

  const double idp_rate = Number(*idp, "signatures_per_second");
  const double idp_seconds = Number(*idp, "seconds");
  Line("identity provider >= 10,000 signatures/s for 60 s",
       Format("%.0f/s for %.0f s", idp_rate, idp_seconds), idp_rate / 10'000,
       idp_rate >= 10'000 && idp_seconds >= 59.5 && watched(*idp));

  const double idp_ratio = idp_rate / std::max(Number(*idp, "hello_per_second"), 1.0);
  Line("... and >= 1/6 of hello world in the same run",
       Format("%.3f of %.0f/s", idp_ratio, Number(*idp, "hello_per_second")), idp_ratio * 6,
       idp_ratio * 6 >= 1 && watched(*idp));

  const double email_rate = Number(*email, "signatures_per_second");
  Line("e-mail signers >= 5,000 confirmed/s",
       Format("%.0f/s for %.0f s", email_rate, Number(*email, "seconds")), email_rate / 5'000,
       email_rate >= 5'000 && watched(*email));

  const double queued = Number(*email, "mail_queued_at_end");
  const double drained = Number(*email, "mail_queue_drain_seconds");
  Line("mail queued durably and the queue drains after the surge",
       Format("%.0f queued at the end, drained in %.1f s", queued, drained), Passed(*email) ? 1 : 0,
       Passed(*email));

  const double asked = Number(*paced, "rate_asked");
  const double paced_rate = Number(*paced, "signatures_per_second");
  const double p99 = Latency(*paced, "sign_idp", "p99_ms");
  Line("p99 <= 50 ms at 10,000/s on 1,000 connections (paced run)",
       Format("p99 %.1f ms at %.0f/s of %.0f asked", p99, paced_rate, asked),
       p99 > 0 ? 50 / p99 : 0,
       asked >= 10'000 && paced_rate >= 0.99 * asked && p99 <= 50 && watched(*paced));
  std::printf("  %-62s sign %.1f ms, confirm %.1f ms (closed loop, at saturation)\n",
              "  the e-mail surge's p99, for comparison", Latency(*email, "sign", "p99_ms"),
              Latency(*email, "confirm", "p99_ms"));

  const double reads =
      Number(*readers, "reads_per_second") / std::max(Number(*readers, "hello_per_second"), 1.0);
  const double signing = Number(*readers, "signatures_per_second");
  const bool signing_went_on = signing >= 0.99 * kSigningBesideReaders;
  Line("count and petition reads >= 50 % of hello world while signing",
       Format("%.3f of %.0f/s, signing at %.0f/s", reads, Number(*readers, "hello_per_second"),
              signing),
       reads / 0.5, reads >= 0.5 && signing_went_on);
  std::printf(
      "  %-62s %.3f (e-mail), %.3f (identity provider)\n",
      "  the readers of the signers' surges, for comparison",
      Number(*email, "reads_per_second") / std::max(Number(*email, "hello_per_second"), 1.0),
      Number(*idp, "reads_per_second") / std::max(Number(*idp, "hello_per_second"), 1.0));

  Line("memory bounded and stated (peak RSS of the server)",
       Format("%.0f / %.0f / %.0f / %.0f MiB; 5,000,000 stored: %.0f MiB",
              Number(*email, "peak_memory_kib") / 1024, Number(*idp, "peak_memory_kib") / 1024,
              Number(*paced, "peak_memory_kib") / 1024, Number(*readers, "peak_memory_kib") / 1024,
              Number(*stored, "peak_memory_kib") / 1024),
       1, true);

  // Throughput on a store already holding 5,000,000 signatures, against the identity-provider
  // surge on an empty one (the same signers, readers and watchers); also as each run's ratio to
  // its own hello world, which the machine's pace moves less.
  const double stored_rate = Number(*stored, "signatures_per_second");
  const double stored_share = stored_rate / std::max(idp_rate, 1.0);
  const double stored_ratio = stored_rate / std::max(Number(*stored, "hello_per_second"), 1.0);
  Line("5,000,000 stored: throughput >= 70 % of an empty store's",
       Format("%.0f/s against %.0f/s; as ratios %.3f / %.3f", stored_rate, idp_rate, stored_ratio,
              idp_ratio),
       stored_share / 0.7,
       stored_share >= 0.7 && Number(*stored, "preloaded") >= 5'000'000 && watched(*stored));

  const bool checks =
      Passed(*email) && Passed(*idp) && Passed(*paced) && Passed(*readers) && Passed(*stored);
  Line("count = transparency log = audit = 2xx answers, every run", checks ? "yes" : "no",
       checks ? 1 : 0, checks);

  std::printf(
      "  not measured by make bench: PostgreSQL and two servers (petitio_surge --store URL\n"
      "    [--servers 2]); the crash rounds are make bench's last step before this verdict.\n"
      "    docs/performance.md records them.\n");
  return 0;
}

}  // namespace petitio::bench
