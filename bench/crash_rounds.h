// Crash rounds: issue 9's "nothing lost on a crash", repeated inside the benchmark. Each round
// runs e-mail signers (sign, mail, confirm) against the real server, kills it with SIGKILL at a
// random moment in the middle, restarts it on the same data, and checks that every confirmation
// answered 200 is counted, that the count, the transparency log and `petitio audit counts`
// agree, and that `petitio verify` finds the log extending the tree head it saw before. At the
// end every signature answered 202 but not yet confirmed is confirmed with the link that was
// mailed (the queue sends what the kill left), and counts exactly once.
#pragma once

#include <string>
#include <vector>

namespace petitio::bench {

struct CrashRoundsOptions {
  std::string binary;
  int rounds = 20;
  int connections = 64;
  std::vector<std::string> server_args;  // more `petitio serve` options
  std::string store;                     // a PostgreSQL URL; empty: SQLite
};

// Prints each round's result; returns whether every round passed.
bool RunCrashRounds(const CrashRoundsOptions& o);

}  // namespace petitio::bench
