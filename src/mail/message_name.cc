#include "mail/message_name.h"

#include <sodium.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace petitio {

namespace {

using NameKey = std::array<unsigned char, crypto_shorthash_KEYBYTES>;

const NameKey& Key() {
  static const NameKey key = [] {
    if (sodium_init() < 0) {
      std::abort();  // no CSPRNG: nothing safe to do
    }
    NameKey k;
    randombytes_buf(k.data(), k.size());
    return k;
  }();
  return key;
}

std::atomic<uint64_t> names_made{0};

}  // namespace

std::string NewMessageName(TimePoint now) {
  const Date d = DateOf(now);
  const int64_t ms = ToMillis(now) - ToMillis(StartOfDay(d));
  const uint64_t count = names_made.fetch_add(1, std::memory_order_relaxed);
  std::array<unsigned char, sizeof count> input;
  for (size_t i = 0; i < input.size(); ++i) input[i] = static_cast<unsigned char>(count >> (8 * i));
  std::array<unsigned char, crypto_shorthash_BYTES> bits;
  crypto_shorthash(bits.data(), input.data(), input.size(), Key().data());
  char hex[bits.size() * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bits.data(), bits.size());
  char name[64];
  std::snprintf(name, sizeof name, "%04d%02d%02dT%02d%02d%02d.%03d-%s", d.year, d.month, d.day,
                static_cast<int>(ms / 3'600'000), static_cast<int>(ms / 60'000 % 60),
                static_cast<int>(ms / 1000 % 60), static_cast<int>(ms % 1000), hex);
  return name;
}

}  // namespace petitio
