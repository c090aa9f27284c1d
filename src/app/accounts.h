// Staff accounts, logins and credentials (domain/account.h).
//
// A Principal is an authenticated account: from a session cookie (browsers; every state-changing
// form or call must also carry the session's CSRF token) or from an API token (scripts; no CSRF,
// as no browser sends it by itself). Secrets (session and API tokens) are random, handed out once
// and stored only as SHA-256. Passwords are argon2id; a wrong e-mail and a wrong password fail
// alike and take the same time. The foundation's admin token creates the first admin only.
#pragma once

#include <optional>
#include <string>

#include "app/context.h"
#include "domain/account.h"

namespace petitio {

struct Principal {
  Account account;
  bool via_session = false;
  std::string csrf;  // the session's CSRF token (empty for API tokens)
};

struct NewAccountInput {
  std::string email;
  std::string name;
  std::string role;  // "admin", "moderator", "officer", "organisation"
  std::string authority;
  std::string organisation;
  std::string password;
};

// Creates an account (e-mail lower-cased; kAlreadyExists "account_exists" when taken).
Result<Account> CreateAccount(const AppContext& ctx, const NewAccountInput& in);

// With the foundation's admin token, while no account exists: creates the first admin and an API
// token for it. Afterwards: kConflict "already_bootstrapped".
struct Bootstrapped {
  Account account;
  std::string api_token;
};
Result<Bootstrapped> BootstrapAdmin(const AppContext& ctx, const std::string& admin_token,
                                    NewAccountInput in);

inline constexpr int kSessionHours = 12;

struct LoginOutcome {
  std::string session_token;  // for the cookie; shown once
  Session session;
  Account account;
};
// kUnauthenticated "invalid_login" for an unknown e-mail, a wrong password or a disabled account.
Result<LoginOutcome> Login(const AppContext& ctx, const std::string& email,
                           const std::string& password);
Status Logout(const AppContext& ctx, const std::string& session_token);
// Forgets the sessions that have expired (the periodic scan calls it); returns how many.
Result<int64_t> ForgetExpiredSessions(const AppContext& ctx);

// The principal behind a session cookie or a Bearer token; kUnauthenticated when none is valid.
Result<Principal> AuthenticateSession(const AppContext& ctx, const std::string& session_token);
Result<Principal> AuthenticateApiToken(const AppContext& ctx, const std::string& token);

// A new API token for `account_id`, returned once.
Result<std::string> CreateApiToken(const AppContext& ctx, int64_t account_id,
                                   const std::string& label);

}  // namespace petitio
