// Entries of a petition's transparency log and their byte encoding (docs/transparency-log.md).
//
// Each leaf is one event that changes the count: a validated signature, or the withdrawal or
// invalidation of an earlier one (naming that entry's index). It carries no personal data: the
// signer appears as a pseudonym keyed by a secret only the signer holds (domain/receipt.h),
// which links nothing across petitions and cannot be turned back into a person; an entry that
// cancels a signature repeats that signature's pseudonym.
// EncodeLogEntry and DecodeLogEntry are exact inverses; DecodeLogEntry refuses anything that is
// not a canonical encoding. Pure; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace petitio {

enum class LogEntryType : uint8_t { kSignature = 1, kInvalidation = 2, kWithdrawal = 3 };
std::string_view LogEntryTypeName(LogEntryType t);  // "signature", "invalidation", "withdrawal"

using Pseudonym = std::array<uint8_t, 32>;

struct LogEntry {
  LogEntryType type = LogEntryType::kSignature;
  uint64_t petition_id = 0;
  uint64_t timestamp_s = 0;  // seconds since the Unix epoch, UTC
  Pseudonym pseudonym{};
  std::string region;    // a profile region code (at most 255 bytes), or empty
  uint64_t cancels = 0;  // invalidation and withdrawal: the index of the signature entry
  friend bool operator==(const LogEntry&, const LogEntry&) = default;
};

inline constexpr uint8_t kLogEntryVersion = 1;

std::string EncodeLogEntry(const LogEntry& e);
Result<LogEntry> DecodeLogEntry(std::string_view bytes);

}  // namespace petitio
