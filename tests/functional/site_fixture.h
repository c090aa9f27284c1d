// Starts the real `petitio` binary on a free port with a fresh data directory, and offers
// JSON calls and mail reading as a client and a mailbox owner would use them.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "harness.h"

namespace petitio::testing {

inline constexpr const char* kAdminToken = "functional-admin-token";
inline constexpr const char* kStaffPassword = "correct horse battery staple";

class SiteTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  // Arguments added to `petitio serve` (a subclass may name a --profiles directory). Tests sign
  // many times from 127.0.0.1, so rate limits are off unless a test sets its own.
  virtual std::vector<std::string> ExtraServeArgs() { return {"--no-rate-limits"}; }

  HttpReply Get(const std::string& target, const std::map<std::string, std::string>& h = {});
  HttpReply Post(const std::string& target, const std::string& body,
                 const std::map<std::string, std::string>& h = {
                     {"Content-Type", "application/json"}});
  // As the admin that SetUp bootstrapped (its API token).
  HttpReply PostAdmin(const std::string& target, const std::string& body);
  // A request with `token` as Authorization: Bearer.
  HttpReply PostAs(const std::string& token, const std::string& target, const std::string& body,
                   const std::string& method = "POST");
  // Creates a staff account (as the admin; `extra_fields` JSON members each ending in a comma),
  // logs it in and returns an API token made through that session.
  std::string AddStaff(const std::string& role, const std::string& email,
                       const std::string& extra_fields = "");
  // "petitio_session=…" from a login's Set-Cookie.
  static std::string SessionCookieOf(const HttpReply& login);
  static boost::json::value Json(const HttpReply& r);
  // The newest mail to `address` holding `marker`, and the token after it.
  std::string TokenFromMail(const std::string& address, const std::string& marker);
  int64_t CountFor(int64_t id);

  // Creates a petition (with `extra_fields`, JSON members each ending in a comma) and confirms
  // its initiator; returns its id.
  int64_t CreateConfirmed(const std::string& profile, const std::string& initiator,
                          const std::string& extra_fields = "",
                          const std::string& national_id = "");
  // Signs petition `id` as `email` (with `extra_fields`, JSON members each ending in a comma)
  // and confirms through the mailed link, expecting both to succeed.
  // (`path`: "/sponsors" to support it before publication.)
  void SignAndConfirm(int64_t id, const std::string& email, const std::string& extra_fields = "",
                      const std::string& path = "/signatures");
  // Walks a petition to `open`: create, confirm the initiator, `sponsors` sponsors, publish.
  int64_t CreateOpenPetition(const std::string& profile, int sponsors);

  std::string data_dir_;
  std::unique_ptr<ServerProcess> server_;
  std::string admin_api_token_;
};

}  // namespace petitio::testing
