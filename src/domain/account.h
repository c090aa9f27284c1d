// Staff accounts and what each role may do.
//
// Roles: admin (accounts, and everything a moderator may do), moderator (the moderation queue
// and signature invalidation), officer (of one addressee authority: that authority's petitions'
// registration, working group, meetings, public discussion, extensions, decision, and replies to
// statements), organisation (a verified civil-society or public body: files statements).
// Nobody acts without an account; a petition's own authority is the only one whose officers
// act on it. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/petition.h"
#include "domain/result.h"
#include "domain/time.h"

namespace petitio {

enum class Role { kAdmin, kModerator, kOfficer, kOrganisation };
std::string_view RoleName(Role r);  // "admin", "moderator", "officer", "organisation"
std::optional<Role> ParseRole(std::string_view name);

struct Account {
  int64_t id = 0;
  std::string email;  // lower case; the login name
  std::string name;   // the person, shown to staff
  Role role = Role::kModerator;
  std::string authority;      // officer: the code of their authority
  std::string organisation;   // organisation: its public name, shown on its statements
  std::string password_hash;  // argon2id, libsodium's string form
  TimePoint created_at;
  bool disabled = false;
};

// A browser's login: the cookie holds a random token, the store its SHA-256. Every form of the
// session carries `csrf`.
struct Session {
  std::string token_hash;
  int64_t account_id = 0;
  std::string csrf;
  TimePoint created_at;
  TimePoint expires_at;
};

// A script's credential (Authorization: Bearer), stored as its SHA-256.
struct ApiToken {
  std::string token_hash;
  int64_t account_id = 0;
  std::string label;
  TimePoint created_at;
};

// A moderator working on a petition holds it until `expires_at`, so two do not decide at once.
struct ModerationLock {
  int64_t petition_id = 0;
  int64_t account_id = 0;
  TimePoint locked_at;
  TimePoint expires_at;
};

// An authority's code: 1-64 of a-z, 0-9 and '-' ("kz-mcs").
bool IsAuthorityCode(std::string_view code);

// Checks the fields of a new account (e-mail, name, role-specific fields).
Status ValidateNewAccount(const Account& a);

bool CanModerate(const Account& a);        // admin, moderator
bool CanManageAccounts(const Account& a);  // admin
// An officer of `p`'s authority (a petition without an authority has no officers yet).
bool IsOfficerOf(const Account& a, const Petition& p);
bool CanFileStatements(const Account& a);  // organisation

// Passwords: argon2id (libsodium, its interactive limits); at least 12 characters, at most 1,024.
Status CheckPasswordRules(std::string_view password);
Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& hash);

}  // namespace petitio
