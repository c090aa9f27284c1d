// Accounts: the bootstrap of the first admin, logins, sessions that expire and end, API tokens,
// and the rights each staff action checks.
#include "app/accounts.h"

#include "app/staff_actions.h"
#include "app_fixture.h"

namespace petitio::testing {
namespace {

constexpr char kPassword[] = "correct horse battery staple";

NewAccountInput Input(const std::string& role, const std::string& email,
                      const std::string& authority = "", const std::string& organisation = "") {
  return {email, "Name", role, authority, organisation, kPassword};
}

TEST_F(AppTest, TheAdminTokenBootstrapsTheFirstAdminOnly) {
  EXPECT_EQ(BootstrapAdmin(*ctx_, "wrong", Input("admin", "a@example.org")).status().code(),
            "invalid_admin_token");
  Result<Bootstrapped> b =
      BootstrapAdmin(*ctx_, "admin-secret", Input("moderator", "a@example.org"));
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->account.role, Role::kAdmin) << "whatever the body says";
  EXPECT_EQ(AuthenticateApiToken(*ctx_, b->api_token)->account.id, b->account.id);
  EXPECT_EQ(BootstrapAdmin(*ctx_, "admin-secret", Input("admin", "b@example.org")).status().code(),
            "already_bootstrapped");
}

TEST_F(AppTest, LoginsMakeSessionsThatExpireAndEnd) {
  ASSERT_TRUE(CreateAccount(*ctx_, Input("moderator", "Mo@Example.org")).ok());
  EXPECT_EQ(CreateAccount(*ctx_, Input("moderator", "mo@example.org")).status().code(),
            "account_exists");
  EXPECT_EQ(Login(*ctx_, "mo@example.org", "wrong password!").status().code(), "invalid_login");
  EXPECT_EQ(Login(*ctx_, "nobody@example.org", kPassword).status().code(), "invalid_login");
  Result<LoginOutcome> login = Login(*ctx_, " MO@example.org ", kPassword);
  ASSERT_TRUE(login.ok()) << login.status().ToString();
  Result<Principal> p = AuthenticateSession(*ctx_, login->session_token);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->via_session);
  EXPECT_EQ(p->csrf, login->session.csrf);
  EXPECT_FALSE(p->csrf.empty());
  clock_.Advance(std::chrono::hours(kSessionHours));
  EXPECT_EQ(AuthenticateSession(*ctx_, login->session_token).status().code(), "session_expired");
  EXPECT_EQ(ForgetExpiredSessions(*ctx_).value(), 1);
  EXPECT_EQ(AuthenticateSession(*ctx_, login->session_token).status().code(), "not_logged_in")
      << "forgotten";

  Result<LoginOutcome> again = Login(*ctx_, "mo@example.org", kPassword);
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(Logout(*ctx_, again->session_token).ok());
  EXPECT_EQ(AuthenticateSession(*ctx_, again->session_token).status().code(), "not_logged_in");
  EXPECT_EQ(AuthenticateSession(*ctx_, "garbage").status().code(), "not_logged_in");
}

TEST_F(AppTest, EachStaffActionChecksItsRole) {
  const int64_t id = CreateSponsored();  // awaiting moderation
  const Principal moderator{*CreateAccount(*ctx_, Input("moderator", "m@example.org")), false, ""};
  const Principal second{*CreateAccount(*ctx_, Input("moderator", "m2@example.org")), false, ""};
  const Principal officer{*CreateAccount(*ctx_, Input("officer", "o@example.org", "council")),
                          false, ""};
  const Principal org{*CreateAccount(*ctx_, Input("organisation", "n@example.org", "", "NGO")),
                      false, ""};

  EXPECT_EQ(LockForModeration(*ctx_, officer, id).status().code(), "forbidden");
  EXPECT_EQ(LockForModeration(*ctx_, org, id).status().code(), "forbidden");
  ASSERT_TRUE(LockForModeration(*ctx_, moderator, id).ok());
  EXPECT_EQ(LockForModeration(*ctx_, second, id).status().code(), "locked");
  EXPECT_EQ(ModerateAs(*ctx_, second, id, {"publish", "", ""}).status().code(), "locked");
  EXPECT_EQ(ReleaseModerationLock(*ctx_, second, id).code(), "forbidden") << "not its holder";
  clock_.Advance(std::chrono::minutes(kModerationLockMinutes));
  EXPECT_TRUE(LockForModeration(*ctx_, second, id).ok()) << "an expired lock is free";
  ASSERT_TRUE(ModerateAs(*ctx_, second, id, {"publish", "", ""}).ok());
  EXPECT_TRUE(store_->GetModerationLocks()->empty()) << "the decision releases the lock";

  EXPECT_EQ(AssignAuthority(*ctx_, officer, id, "council").status().code(), "forbidden");
  ASSERT_TRUE(AssignAuthority(*ctx_, moderator, id, "council").ok());
  ConsiderationRecord r;
  r.kind = RecordKind::kMeeting;
  r.date = DateOf(clock_.Now());
  r.place = "Hall";
  r.agenda = "It";
  EXPECT_EQ(RecordConsideration(*ctx_, moderator, id, r).status().code(), "forbidden");
  EXPECT_EQ(RecordConsideration(*ctx_, officer, id, r).status().code(), "not_registered");

  EXPECT_EQ(FileStatement(*ctx_, officer, id, {"support", "Yes.", {}}).status().code(),
            "forbidden");
  Result<Statement> s = FileStatement(*ctx_, org, id, {"oppose", "No.", {"ICCPR, art. 19"}});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->organisation, "NGO");
  EXPECT_EQ(ReplyToStatement(*ctx_, moderator, s->id, "Noted.").status().code(), "forbidden");
  EXPECT_TRUE(ReplyToStatement(*ctx_, officer, s->id, "Noted.").ok());
}

}  // namespace
}  // namespace petitio::testing
