#include "cli/user_command.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "app/accounts.h"
#include "cli/data_dir.h"
#include "cli/store_choice.h"
#include "domain/text.h"
#include "mail/outbox_mailer.h"

namespace petitio {

namespace {

struct UserOptions {
  std::string data_dir = "data";
  StoreChoice store;
  NewAccountInput account;
  std::string label = "cli";
};

int Refuse(const Status& s) {
  std::fprintf(stderr, "petitio user: %s (%s)\n", s.message().c_str(), s.code().c_str());
  return s.kind() == ErrorKind::kInternal ? 2 : 1;
}

// Runs `act` with a context over the store of `data_dir`.
int WithContext(const std::string& data_dir, StoreChoice choice,
                const std::function<int(const AppContext&)>& act) {
  if (Status s = InitCrypto(); !s.ok()) return Refuse(s);
  if (Status s = EnsureDataDir(data_dir); !s.ok()) return Refuse(s);
  Result<SecretKey> secret = LoadOrCreateSecret(data_dir);
  if (!secret.ok()) return Refuse(secret.status());
  choice.pool = 1;
  Result<std::unique_ptr<Store>> store = OpenChosenStore(choice, data_dir, false);
  if (!store.ok()) return Refuse(store.status());
  SystemClock clock;
  OutboxMailer mailer(data_dir + "/outbox", "petitio@localhost", "Petitio", clock);
  ProfileRegistry profiles;
  const AppContext ctx{**store, clock, mailer, profiles, *secret, "", ""};
  return act(ctx);
}

int Add(UserOptions o) {
  if (o.account.name.empty()) o.account.name = o.account.email;
  if (const char* env = std::getenv("PETITIO_PASSWORD")) {
    o.account.password = env;
  } else {
    std::getline(std::cin, o.account.password);
  }
  return WithContext(o.data_dir, o.store, [&o](const AppContext& ctx) {
    Result<Account> a = CreateAccount(ctx, o.account);
    if (!a.ok()) return Refuse(a.status());
    std::printf("account %lld: %s, %s\n", static_cast<long long>(a->id), a->email.c_str(),
                std::string(RoleName(a->role)).c_str());
    return 0;
  });
}

int Token(const UserOptions& o) {
  return WithContext(o.data_dir, o.store, [&o](const AppContext& ctx) {
    Result<Account> a = ctx.store.ReadAccountByEmail(NormalizeEmail(o.account.email));
    if (!a.ok()) return Refuse(a.status());
    Result<std::string> token = CreateApiToken(ctx, a->id, o.label);
    if (!token.ok()) return Refuse(token.status());
    std::printf("%s\n", token->c_str());
    return 0;
  });
}

}  // namespace

void AddUserCommand(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<UserOptions>();
  CLI::App* user = app.add_subcommand("user", "Staff accounts");
  user->require_subcommand(1);
  CLI::App* add = user->add_subcommand(
      "add", "Create an account; the password comes from PETITIO_PASSWORD or standard input");
  add->add_option("--data", o->data_dir, "Data directory")->capture_default_str();
  AddStoreOptions(add, o->store);
  add->add_option("--role", o->account.role, "admin, moderator, officer or organisation")
      ->required();
  add->add_option("--email", o->account.email, "Login e-mail address")->required();
  add->add_option("--name", o->account.name, "The person's name (default: the e-mail address)");
  add->add_option("--authority", o->account.authority, "Officer: the authority's code");
  add->add_option("--organisation", o->account.organisation, "Organisation: its public name");
  add->callback([o, &exit_code] { exit_code = Add(*o); });
  CLI::App* token = user->add_subcommand("token", "Print a new API token for an account");
  token->add_option("--data", o->data_dir, "Data directory")->capture_default_str();
  AddStoreOptions(token, o->store);
  token->add_option("--email", o->account.email, "The account's e-mail address")->required();
  token->add_option("--label", o->label, "What the token is for")->capture_default_str();
  token->callback([o, &exit_code] { exit_code = Token(*o); });
}

}  // namespace petitio
