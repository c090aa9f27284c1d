#include "mail/message_name.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace petitio {
namespace {

// 9 June 2024 10:00:00.250 UTC.
const TimePoint kAt = FromMillis(1717927200250);

TEST(MessageName, IsTheTimeThenSixteenHexDigits) {
  const std::string name = NewMessageName(kAt);
  EXPECT_TRUE(std::regex_match(name, std::regex(R"(20240609T100000\.250-[0-9a-f]{16})"))) << name;
}

TEST(MessageName, NamesSortByTime) {
  EXPECT_LT(NewMessageName(kAt), NewMessageName(kAt + std::chrono::milliseconds(1)));
  EXPECT_LT(NewMessageName(kAt), NewMessageName(kAt + std::chrono::hours(24 * 40)));
}

TEST(MessageName, NamesAtTheSameInstantDifferAcrossThreads) {
  // Many mails go out in the same millisecond: the random part alone keeps them apart.
  constexpr int kThreads = 4;
  constexpr int kEach = 25000;
  std::vector<std::vector<std::string>> made(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&made, t] {
      for (int i = 0; i < kEach; ++i) made[t].push_back(NewMessageName(kAt));
    });
  }
  for (std::thread& t : threads) t.join();
  std::set<std::string> distinct;
  std::set<char> first_digits;
  for (const auto& names : made) {
    for (const std::string& n : names) {
      distinct.insert(n);
      first_digits.insert(n[20]);
    }
  }
  EXPECT_EQ(distinct.size(), size_t{kThreads * kEach});
  EXPECT_EQ(first_digits.size(), 16u) << "the digits after the time spread over all sixteen";
}

TEST(MessageName, ConsecutiveNamesShareNoVisibleCount) {
  // Not a counter: neighbours differ in about half of their 64 bits, not in the last few.
  const std::string a = NewMessageName(kAt);
  const std::string b = NewMessageName(kAt);
  int same_prefix = 0;
  while (same_prefix < 16 && a[20 + same_prefix] == b[20 + same_prefix]) ++same_prefix;
  EXPECT_LT(same_prefix, 8) << a << " " << b;
}

}  // namespace
}  // namespace petitio
