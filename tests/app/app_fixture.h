// A fixture for use-case tests: a real SQLite store in a fresh temporary directory, a fixed
// clock, the built-in style test profile, and a mailer that keeps what it is asked to send
// (the tests read confirmation links from it as a person reads their mail).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/context.h"
#include "app/use_cases.h"
#include "domain/signature_token.h"
#include "store/sqlite/sqlite_store.h"

namespace petitio::testing {

class KeptMail final : public Mailer {
 public:
  Status Send(const MailMessage& m) override {
    std::lock_guard lock(mu_);
    messages_.push_back(m);
    return Status::Ok();
  }
  std::vector<MailMessage> messages() {
    std::lock_guard lock(mu_);
    return messages_;
  }
  // The link token in the newest mail to `address` after `marker` ("/confirm?token=").
  std::string LastToken(const std::string& address, const std::string& marker = "/confirm?token=") {
    std::lock_guard lock(mu_);
    for (auto it = messages_.rbegin(); it != messages_.rend(); ++it) {
      if (it->to_address != address) continue;
      if (std::string token = TokenAfter(it->body, marker); !token.empty()) return token;
    }
    return "";
  }
  size_t CountTo(const std::string& address) {
    std::lock_guard lock(mu_);
    size_t n = 0;
    for (const MailMessage& m : messages_) n += m.to_address == address ? 1 : 0;
    return n;
  }

 private:
  std::mutex mu_;
  std::vector<MailMessage> messages_;
};

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Creates a petition under the test profile and confirms the initiator and `sponsors`
  // sponsors; returns its id.
  int64_t CreateSponsored(int sponsors = 2);
  int64_t CreateOpen();
  // Signs as `email` and confirms through the mailed link; returns the confirm outcome.
  Result<ConfirmOutcome> SignAndConfirm(int64_t id, const std::string& email,
                                        const std::string& region = "");

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  FixedClock clock_{StartOfDay({2024, 6, 9}) + std::chrono::hours(10)};
  KeptMail mail_;
  ProfileRegistry profiles_;
  std::unique_ptr<AppContext> ctx_;
};

}  // namespace petitio::testing
