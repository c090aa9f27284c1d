#include "domain/account.h"

#include <gtest/gtest.h>

#include "domain/crypto.h"

namespace petitio {
namespace {

Account Officer(const std::string& authority) {
  Account a;
  a.email = "o@example.org";
  a.name = "O";
  a.role = Role::kOfficer;
  a.authority = authority;
  return a;
}

TEST(Account, RolesRoundTripAndUnknownOnesAreRefused) {
  for (Role r : {Role::kAdmin, Role::kModerator, Role::kOfficer, Role::kOrganisation}) {
    EXPECT_EQ(ParseRole(RoleName(r)), r);
  }
  EXPECT_FALSE(ParseRole("root"));
  EXPECT_FALSE(ParseRole("Admin"));
}

TEST(Account, NewAccountsNeedTheirRolesFields) {
  EXPECT_TRUE(ValidateNewAccount(Officer("kz-mcs")).ok());
  EXPECT_EQ(ValidateNewAccount(Officer("")).code(), "invalid_authority");
  EXPECT_EQ(ValidateNewAccount(Officer("KZ MCS")).code(), "invalid_authority");
  Account moderator = Officer("kz-mcs");
  moderator.role = Role::kModerator;
  EXPECT_EQ(ValidateNewAccount(moderator).code(), "invalid_authority") << "only officers";
  Account org = Officer("");
  org.role = Role::kOrganisation;
  EXPECT_EQ(ValidateNewAccount(org).code(), "missing_organisation");
  org.organisation = "Bureau";
  EXPECT_TRUE(ValidateNewAccount(org).ok());
  Account no_mail = org;
  no_mail.email = "not an address";
  EXPECT_EQ(ValidateNewAccount(no_mail).code(), "invalid_email");
}

TEST(Account, RightsFollowRoleAndAuthority) {
  Petition p;
  p.authority = "kz-mcs";
  EXPECT_TRUE(IsOfficerOf(Officer("kz-mcs"), p));
  EXPECT_FALSE(IsOfficerOf(Officer("almaty-akimat"), p));
  Account disabled = Officer("kz-mcs");
  disabled.disabled = true;
  EXPECT_FALSE(IsOfficerOf(disabled, p));
  Petition unassigned;
  EXPECT_FALSE(IsOfficerOf(Officer(""), unassigned)) << "no authority, no officers";
  Account admin = Officer("");
  admin.role = Role::kAdmin;
  EXPECT_TRUE(CanModerate(admin));
  EXPECT_TRUE(CanManageAccounts(admin));
  EXPECT_FALSE(IsOfficerOf(admin, p)) << "an admin is not the authority";
  EXPECT_FALSE(CanModerate(Officer("kz-mcs")));
  EXPECT_FALSE(CanFileStatements(admin));
}

TEST(Password, Argon2idHashesVerifyOnlyTheirPassword) {
  ASSERT_TRUE(InitCrypto().ok());
  EXPECT_EQ(HashPassword("short").status().code(), "weak_password");
  Result<std::string> hash = HashPassword("correct horse battery staple");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword("correct horse battery staple", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse battery stapler", *hash));
  EXPECT_FALSE(VerifyPassword("", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse battery staple", ""));
  EXPECT_NE(*HashPassword("correct horse battery staple"), *hash) << "salted";
}

}  // namespace
}  // namespace petitio
