// The surge targets of issue 9 against what `make bench` measured: reads the JSON reports that
// petitio_surge --out wrote for the e-mail surge, the identity-provider surge, the
// identity-provider run paced at 10,000 a second, the readers' run (signing paced, readers as
// fast as they are answered) and the identity-provider surge on a store already holding
// 5,000,000 signatures (against the first, on an empty one), and prints one line per target with
// the figure, the ratio to the target and whether it is met. Each target is judged on the run made
// for it, and the conditions of that run (the readers' pace beside the signers, the signing rate
// beside the readers) are printed with it. PostgreSQL, which `make bench` does not measure, is
// named with the command that does. A report that cannot be read is an error, not a pass.
#pragma once

#include <string>

namespace petitio::bench {

struct TargetReports {
  std::string email;   // petitio_surge --out of the e-mail surge
  std::string idp;     // of the identity-provider surge (closed loop, 60 s)
  std::string paced;   // of the identity-provider run paced at 10,000 a second
  std::string reads;   // of the run with signing paced and the pollers as fast as answered
  std::string stored;  // of the identity-provider surge on 5,000,000 stored signatures
};

// Prints the table to stdout. Returns 0 when every report was read (met or not), 2 otherwise.
int PrintTargets(const TargetReports& reports);

}  // namespace petitio::bench
