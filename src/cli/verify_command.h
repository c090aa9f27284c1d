// `petitio verify --url http://HOST:PORT --petition ID [--state FILE] [--receipt-…]`: an auditor
// any third party can run against the public API. It downloads the petition's log and its signed
// tree head, checks the head's Ed25519 signature, rebuilds the root from the leaves, checks that
// every leaf decodes and that cancellations name earlier signature entries, recomputes the count
// and compares it with the petition's, and — when the state file holds a tree head seen before —
// checks the RFC 9162 consistency proof from it. It prints one line per check ("ok" or "FAIL"),
// saves the head it verified to the state file, and exits 0 only when every check holds (1 when
// one fails, 2 when the server cannot be read). With --receipt-index and --receipt-secret it
// also checks a signer's receipt: that entry is the signature made with that secret, and whether
// it still counts.
#pragma once

#include <CLI/CLI.hpp>

namespace petitio {

void AddVerifyCommand(CLI::App& app, int& exit_code);

}  // namespace petitio
