#include "mail/message_name.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace petitio {

std::string NewMessageName(TimePoint now) {
  static std::once_flag init;
  std::call_once(init, [] {
    if (sodium_init() < 0) {
      std::abort();  // no CSPRNG: nothing safe to do
    }
  });
  const Date d = DateOf(now);
  const int64_t ms = ToMillis(now) - ToMillis(StartOfDay(d));
  unsigned char random[8];
  randombytes_buf(random, sizeof random);
  char hex[sizeof random * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, random, sizeof random);
  char name[64];
  std::snprintf(name, sizeof name, "%04d%02d%02dT%02d%02d%02d.%03d-%s", d.year, d.month, d.day,
                static_cast<int>(ms / 3'600'000), static_cast<int>(ms / 60'000 % 60),
                static_cast<int>(ms / 1000 % 60), static_cast<int>(ms % 1000), hex);
  return name;
}

}  // namespace petitio
