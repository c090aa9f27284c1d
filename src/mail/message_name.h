// Unique names for outgoing messages: "<UTC yyyymmddThhmmss.mmm>-<16 hex digits>", e.g.
// "20240609T100000.000-9f0c1e2d3b4a5968". Names sort by time. The 64 bits after the time are
// SipHash-2-4 (libsodium's crypto_shorthash) of the process's count of names, under a key drawn
// once per process from libsodium's CSPRNG: unpredictable to anyone without the key, telling
// nothing of how many messages were sent, and equal for two names (of one process or of two)
// with the negligible probability of 64 random bits, without a system call per name. A process
// that forks must not name messages in both parent and child. Thread-safe. The name is both the
// outbox file stem and the left part of the Message-ID.
#pragma once

#include <string>

#include "domain/time.h"

namespace petitio {

std::string NewMessageName(TimePoint now);

}  // namespace petitio
