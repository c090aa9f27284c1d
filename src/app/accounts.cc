#include "app/accounts.h"

#include <chrono>

#include "domain/text.h"

namespace petitio {

namespace {

Status Unauthenticated(const std::string& why, const char* code) {
  return Status(ErrorKind::kUnauthenticated, code, why);
}

// Verifying against this when the e-mail is unknown makes both failures take the same time.
const std::string& DummyHash() {
  static const std::string hash = [] {
    Result<std::string> h = HashPassword("not-a-password-anyone-has");
    return h.ok() ? *h : std::string();
  }();
  return hash;
}

Result<Principal> PrincipalFor(const AppContext& ctx, int64_t account_id) {
  Result<Account> a = ctx.store.GetAccount(account_id);
  if (!a.ok() || a->disabled) return Unauthenticated("the account is disabled", "not_logged_in");
  return Principal{*a, false, ""};
}

}  // namespace

Result<Account> CreateAccount(const AppContext& ctx, const NewAccountInput& in) {
  const std::optional<Role> role = ParseRole(in.role);
  if (!role) {
    return Status::Invalid("role must be admin, moderator, officer or organisation",
                           "invalid_role");
  }
  Account a;
  a.email = NormalizeEmail(in.email);
  a.name = std::string(Trim(in.name));
  a.role = *role;
  a.authority = std::string(Trim(in.authority));
  a.organisation = std::string(Trim(in.organisation));
  a.created_at = ctx.clock.Now();
  PETITIO_RETURN_IF_ERROR(ValidateNewAccount(a));
  Result<std::string> hash = HashPassword(in.password);
  if (!hash.ok()) return hash.status();
  a.password_hash = *hash;
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    Result<int64_t> id = tx.InsertAccount(a);
    if (!id.ok()) return id.status();
    a.id = *id;
    return Status::Ok();
  }));
  return a;
}

Result<Bootstrapped> BootstrapAdmin(const AppContext& ctx, const std::string& admin_token,
                                    NewAccountInput in) {
  if (ctx.admin_token.empty() || !TokensEqual(admin_token, ctx.admin_token)) {
    return Unauthenticated("the bootstrap needs the server's admin token", "invalid_admin_token");
  }
  in.role = "admin";
  Account a;
  a.email = NormalizeEmail(in.email);
  a.name = std::string(Trim(in.name));
  a.role = Role::kAdmin;
  a.created_at = ctx.clock.Now();
  PETITIO_RETURN_IF_ERROR(ValidateNewAccount(a));
  Result<std::string> hash = HashPassword(in.password);
  if (!hash.ok()) return hash.status();
  a.password_hash = *hash;
  const std::string token = RandomToken();
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    Result<int64_t> existing = tx.CountAccounts();
    if (!existing.ok()) return existing.status();
    if (*existing > 0) {
      return Status::Conflict("accounts exist: an admin creates the others",
                              "already_bootstrapped");
    }
    Result<int64_t> id = tx.InsertAccount(a);
    if (!id.ok()) return id.status();
    a.id = *id;
    return tx.InsertApiToken({Sha256Hex(token), a.id, "bootstrap", a.created_at});
  }));
  return Bootstrapped{a, token};
}

Result<LoginOutcome> Login(const AppContext& ctx, const std::string& email,
                           const std::string& password) {
  Result<Account> a = ctx.store.ReadAccountByEmail(NormalizeEmail(email));
  if (!a.ok() && a.status().kind() != ErrorKind::kNotFound) return a.status();
  const bool verified = VerifyPassword(password, a.ok() ? a->password_hash : DummyHash());
  if (!a.ok() || !verified || a->disabled) {
    return Unauthenticated("the e-mail address or the password is wrong", "invalid_login");
  }
  const TimePoint now = ctx.clock.Now();
  const std::string token = RandomToken();
  Session s{Sha256Hex(token), a->id, RandomToken(), now, now + std::chrono::hours(kSessionHours)};
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) { return tx.InsertSession(s); }));
  return LoginOutcome{token, s, *a};
}

Status Logout(const AppContext& ctx, const std::string& session_token) {
  if (session_token.empty()) return Status::Ok();
  return ctx.store.Write([&](StoreTx& tx) { return tx.DeleteSession(Sha256Hex(session_token)); });
}

Result<int64_t> ForgetExpiredSessions(const AppContext& ctx) {
  int64_t forgotten = 0;
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    Result<int64_t> n = tx.DeleteExpiredSessions(ctx.clock.Now());
    if (!n.ok()) return n.status();
    forgotten = *n;
    return Status::Ok();
  }));
  return forgotten;
}

Result<Principal> AuthenticateSession(const AppContext& ctx, const std::string& session_token) {
  if (!LooksLikeToken(session_token)) return Unauthenticated("log in first", "not_logged_in");
  Result<Session> s = ctx.store.GetSession(Sha256Hex(session_token));
  if (!s.ok()) {
    return s.status().kind() == ErrorKind::kNotFound
               ? Unauthenticated("log in first", "not_logged_in")
               : s.status();
  }
  if (ctx.clock.Now() >= s->expires_at) {
    return Unauthenticated("the session has expired; log in again", "session_expired");
  }
  Result<Principal> p = PrincipalFor(ctx, s->account_id);
  if (!p.ok()) return p.status();
  p->via_session = true;
  p->csrf = s->csrf;
  return p;
}

Result<Principal> AuthenticateApiToken(const AppContext& ctx, const std::string& token) {
  if (!LooksLikeToken(token))
    return Unauthenticated("a valid API token is needed", "invalid_token");
  Result<ApiToken> t = ctx.store.GetApiToken(Sha256Hex(token));
  if (!t.ok()) {
    return t.status().kind() == ErrorKind::kNotFound
               ? Unauthenticated("a valid API token is needed", "invalid_token")
               : t.status();
  }
  return PrincipalFor(ctx, t->account_id);
}

Result<std::string> CreateApiToken(const AppContext& ctx, int64_t account_id,
                                   const std::string& label) {
  const std::string token = RandomToken();
  const std::string clean(Trim(label));
  if (clean.size() > 100)
    return Status::Invalid("a label has at most 100 characters", "invalid_label");
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) {
    return tx.InsertApiToken({Sha256Hex(token), account_id, clean, ctx.clock.Now()});
  }));
  return token;
}

}  // namespace petitio
