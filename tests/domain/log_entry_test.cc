// The byte encoding of transparency-log leaves, as docs/transparency-log.md specifies it.
#include "domain/log_entry.h"

#include <gtest/gtest.h>

#include <string>

namespace petitio {
namespace {

std::string HexOf(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

LogEntry Signature() {
  LogEntry e;
  e.type = LogEntryType::kSignature;
  e.petition_id = 7;
  e.timestamp_s = 1717927200;  // 2024-06-09T10:00:00Z
  e.pseudonym.fill(0xab);
  e.region = "astana";
  return e;
}

TEST(LogEntry, SignatureEncodingIsExactlyTheSpecifiedBytes) {
  EXPECT_EQ(HexOf(EncodeLogEntry(Signature())),
            "01"                                                                // version
            "01"                                                                // signature
            "0000000000000007"                                                  // petition
            "0000000066657d20"                                                  // time, s
            "abababababababababababababababababababababababababababababababab"  // pseudonym
            "06"
            "617374616e61");  // region "astana"
}

TEST(LogEntry, CancellingEntriesNameTheEntryTheyCancel) {
  LogEntry w = Signature();
  w.type = LogEntryType::kWithdrawal;
  w.region.clear();
  w.cancels = 41;
  const std::string bytes = EncodeLogEntry(w);
  EXPECT_EQ(HexOf(bytes).substr(0, 4), "0103");
  EXPECT_EQ(HexOf(bytes).substr(100),
            "00"
            "0000000000000029");
  Result<LogEntry> back = DecodeLogEntry(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, w);
  LogEntry inv = Signature();
  inv.type = LogEntryType::kInvalidation;
  inv.cancels = 3;
  EXPECT_EQ(DecodeLogEntry(EncodeLogEntry(inv)).value(), inv);
  EXPECT_EQ(DecodeLogEntry(EncodeLogEntry(Signature())).value(), Signature());
}

TEST(LogEntry, DecodeRefusesAnythingNotCanonical) {
  const std::string good = EncodeLogEntry(Signature());
  std::string bad_version = good;
  bad_version[0] = 2;
  std::string bad_type = good;
  bad_type[1] = 9;
  std::string long_region = good;
  long_region[50] = 7;
  for (const std::string& bytes :
       {std::string(), good.substr(0, 40), good + "x", bad_version, bad_type, long_region}) {
    Result<LogEntry> e = DecodeLogEntry(bytes);
    ASSERT_FALSE(e.ok()) << HexOf(bytes);
    EXPECT_EQ(e.status().code(), "invalid_log_entry");
  }
}

}  // namespace
}  // namespace petitio
