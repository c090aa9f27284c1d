#include "domain/log_entry.h"

namespace petitio {

namespace {

void PutU64(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

uint64_t GetU64(std::string_view in, size_t at) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(in[at + i]);
  return v;
}

Status Malformed(const std::string& why) {
  return Status::Invalid("not a log entry: " + why, "invalid_log_entry");
}

}  // namespace

std::string_view LogEntryTypeName(LogEntryType t) {
  switch (t) {
    case LogEntryType::kSignature:
      return "signature";
    case LogEntryType::kInvalidation:
      return "invalidation";
    case LogEntryType::kWithdrawal:
      return "withdrawal";
  }
  return "signature";
}

std::string EncodeLogEntry(const LogEntry& e) {
  std::string out;
  out += static_cast<char>(kLogEntryVersion);
  out += static_cast<char>(static_cast<uint8_t>(e.type));
  PutU64(out, e.petition_id);
  PutU64(out, e.timestamp_s);
  out.append(reinterpret_cast<const char*>(e.pseudonym.data()), e.pseudonym.size());
  const std::string_view region = std::string_view(e.region).substr(0, 255);
  out += static_cast<char>(region.size());
  out += region;
  if (e.type != LogEntryType::kSignature) PutU64(out, e.cancels);
  return out;
}

Result<LogEntry> DecodeLogEntry(std::string_view in) {
  constexpr size_t kFixed = 1 + 1 + 8 + 8 + 32 + 1;
  if (in.size() < kFixed) return Malformed("too short");
  if (static_cast<uint8_t>(in[0]) != kLogEntryVersion) return Malformed("unknown version");
  LogEntry e;
  const auto type = static_cast<uint8_t>(in[1]);
  if (type < 1 || type > 3) return Malformed("unknown entry type");
  e.type = static_cast<LogEntryType>(type);
  e.petition_id = GetU64(in, 2);
  e.timestamp_s = GetU64(in, 10);
  for (size_t i = 0; i < e.pseudonym.size(); ++i) e.pseudonym[i] = static_cast<uint8_t>(in[18 + i]);
  const size_t region_size = static_cast<uint8_t>(in[50]);
  const size_t expected = kFixed + region_size + (e.type == LogEntryType::kSignature ? 0 : 8);
  if (in.size() != expected) return Malformed("wrong length");
  e.region = std::string(in.substr(kFixed, region_size));
  if (e.type != LogEntryType::kSignature) e.cancels = GetU64(in, kFixed + region_size);
  return e;
}

}  // namespace petitio
