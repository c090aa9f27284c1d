#include "domain/account.h"

#include <sodium.h>

#include "domain/text.h"

namespace petitio {

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kAdmin:
      return "admin";
    case Role::kModerator:
      return "moderator";
    case Role::kOfficer:
      return "officer";
    case Role::kOrganisation:
      return "organisation";
  }
  return "moderator";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : {Role::kAdmin, Role::kModerator, Role::kOfficer, Role::kOrganisation}) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

bool IsAuthorityCode(std::string_view code) {
  if (code.empty() || code.size() > 64) return false;
  for (char c : code) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

Status ValidateNewAccount(const Account& a) {
  if (!IsPlausibleEmail(a.email)) {
    return Status::Invalid("an account needs a valid e-mail address", "invalid_email");
  }
  if (Trim(a.name).empty()) return Status::Invalid("an account needs a name", "missing_name");
  if (a.role == Role::kOfficer && !IsAuthorityCode(a.authority)) {
    return Status::Invalid(
        "an officer belongs to one authority: give its code (a-z, 0-9, '-', up to 64)",
        "invalid_authority");
  }
  if (a.role != Role::kOfficer && !a.authority.empty()) {
    return Status::Invalid("only officers belong to an authority", "invalid_authority");
  }
  if (a.role == Role::kOrganisation && Trim(a.organisation).empty()) {
    return Status::Invalid("an organisation account needs the organisation's name",
                           "missing_organisation");
  }
  return Status::Ok();
}

bool CanModerate(const Account& a) {
  return !a.disabled && (a.role == Role::kAdmin || a.role == Role::kModerator);
}

bool CanManageAccounts(const Account& a) { return !a.disabled && a.role == Role::kAdmin; }

bool IsOfficerOf(const Account& a, const Petition& p) {
  return !a.disabled && a.role == Role::kOfficer && !p.authority.empty() &&
         a.authority == p.authority;
}

bool CanFileStatements(const Account& a) { return !a.disabled && a.role == Role::kOrganisation; }

Status CheckPasswordRules(std::string_view password) {
  if (password.size() < 12) {
    return Status::Invalid("a password has at least 12 characters", "weak_password");
  }
  if (password.size() > 1024) {
    return Status::Invalid("a password has at most 1,024 characters", "invalid_password");
  }
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password) {
  PETITIO_RETURN_IF_ERROR(CheckPasswordRules(password));
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("out of memory hashing a password");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  if (password.size() > 1024 || hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace petitio
