// Unique names for outgoing messages: "<UTC yyyymmddThhmmss.mmm>-<16 random hex digits>", e.g.
// "20240609T100000.000-9f0c1e2d3b4a5968". Names sort by time; the 64 random bits (libsodium's
// CSPRNG) make two names equal with negligible probability. Thread-safe. The name is both the
// outbox file stem and the left part of the Message-ID.
#pragma once

#include <string>

#include "domain/time.h"

namespace petitio {

std::string NewMessageName(TimePoint now);

}  // namespace petitio
