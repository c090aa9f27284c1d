#include "domain/network.h"

#include <gtest/gtest.h>

namespace petitio {
namespace {

TEST(SubnetOf, GivesThe24OrThe64) {
  EXPECT_EQ(SubnetOf("203.0.113.77"), "203.0.113.0/24");
  EXPECT_EQ(SubnetOf("127.0.0.1"), "127.0.0.0/24");
  EXPECT_EQ(SubnetOf("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
  EXPECT_EQ(SubnetOf("2001:DB8::1"), "2001:db8::/64");
  EXPECT_EQ(SubnetOf("::ffff:198.51.100.9"), "198.51.100.0/24") << "IPv4-mapped counts as IPv4";
  for (const char* bad : {"", "localhost", "300.1.1.1", "1.2.3", "2001:db8::g", "1.2.3.4/24"}) {
    EXPECT_EQ(SubnetOf(bad), "") << bad;
  }
}

TEST(EmailDomain, IsTheCanonicalDomain) {
  EXPECT_EQ(EmailDomain("A.B+x@GoogleMail.com"), "gmail.com");
  EXPECT_EQ(EmailDomain("ann@Example.ORG"), "example.org");
  EXPECT_EQ(EmailDomain("no-at-sign"), "");
}

}  // namespace
}  // namespace petitio
