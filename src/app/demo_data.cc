#include "app/demo_data.h"

#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/accounts.h"
#include "app/use_cases.h"
#include "domain/national_id.h"
#include "domain/signature_token.h"

namespace petitio {

namespace {

// Keeps the confirmation token of the last mail sent to each demo address.
class TokenCatcher final : public Mailer {
 public:
  Status Send(const MailMessage& m) override {
    std::string token = TokenAfter(m.body, "/confirm?token=");
    if (token.empty()) return Status::Ok();
    std::lock_guard lock(mu_);
    last_token_[m.to_address] = std::move(token);
    return Status::Ok();
  }
  std::string TokenFor(const std::string& address) {
    std::lock_guard lock(mu_);
    return last_token_[address];
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::string> last_token_;
};

struct DemoPetition {
  const char* profile;
  const char* title;
  const char* text;
  const char* addressee;
  const char* addressee_level;   // "" when the profile has no levels
  const char* addressee_region;  // "" unless the level is regional
  const char* initiator;
  enum Stage { kOpen, kSponsored, kGatheringSponsors, kRejected } stage;
  int signatures;  // validated signatures beyond the sponsors, when open
  const char* reject_ground;
  const char* reject_reason;
};

const DemoPetition kDemo[] = {
    {"uk", "Install free drinking water fountains in every town centre",
     "Refillable bottles cut plastic waste only if people can refill them. We ask the "
     "Government to fund at least one free, accessible drinking water fountain in every town "
     "centre in England, maintained by the local council.",
     "UK Government and Parliament", "", "", "Alex Morgan", DemoPetition::kOpen, 42, nullptr,
     nullptr},
    {"kz", "Продлить часы работы публичных библиотек до 21:00",
     "Многие жители работают до вечера и не успевают посетить библиотеку. Просим продлить часы "
     "работы областных и городских публичных библиотек до 21:00 в будние дни и открыть их по "
     "субботам.",
     "Министерство культуры и информации Республики Казахстан", "central", "", "Айгерим Садыкова",
     DemoPetition::kOpen, 64, nullptr, nullptr},
    {"de-bt", "Barrierefreie Bahnsteige an allen Regionalbahnhöfen bis 2035",
     "Der Bundestag möge beschließen, dass alle Bahnsteige an Regionalbahnhöfen bis 2035 "
     "stufenlos erreichbar werden, mit Aufzügen oder Rampen und taktilen Leitsystemen.",
     "Deutscher Bundestag", "", "", "Jonas Keller", DemoPetition::kOpen, 23, nullptr, nullptr},
    {"eu-eci", "Common charger labelling for all household appliances",
     "We invite the Commission to propose a common, simple label stating which charger or "
     "power supply an appliance needs, so that people can reuse the ones they already own.",
     "European Commission", "", "", "Marta Nowak", DemoPetition::kSponsored, 0, nullptr, nullptr},
    {"kz", "Установить велопарковки у всех станций метро Алматы",
     "Просим акимат города Алматы установить охраняемые велопарковки у всех станций метро, "
     "чтобы жители могли доезжать до метро на велосипеде.",
     "Акимат города Алматы", "regional_akimat", "almaty", "Данияр Ахметов",
     DemoPetition::kGatheringSponsors, 0, nullptr, nullptr},
    {"uk", "Make the last Friday of June a bank holiday",
     "We ask the Government to create a new bank holiday on the last Friday of June.",
     "UK Government and Parliament", "", "", "Sam Patel", DemoPetition::kRejected, 0, "duplicate",
     "There is already a petition about this issue; please sign that one instead."},
    {"kz", "Осветить пешеходные переходы у школ Сарыаркинского района",
     "Просим акимат района установить освещение и светофоры с кнопкой вызова у всех "
     "пешеходных переходов рядом со школами района.",
     "Акимат района Сарыарка города Астаны", "district_akimat", "", "Гульнара Омарова",
     DemoPetition::kOpen, 2500, nullptr, nullptr},
};

std::string DemoAddress(int petition, const char* role, int i) {
  return std::string(role) + "-" + std::to_string(petition) + "-" + std::to_string(i) +
         "@example.org";
}

// A made-up, valid national id for demo signer `n` (distinct per n: a birthday n days after
// 1 January of `year`), or "" where the profile does not ask for one.
std::string DemoNationalId(const Profile& profile, int year, int n) {
  if (profile.identity.proof != IdentityProof::kNationalId) return "";
  const Date birth = AddDays({year, 1, 1}, n);
  for (int serial = 1; serial <= 9999; ++serial) {
    if (std::optional<std::string> iin = ComposeKzIin(birth, Sex::kFemale, serial)) return *iin;
  }
  return "";
}

// Signs (or sponsors) `n` times in parallel, so commits are grouped, and confirms each.
Status SignMany(const AppContext& ctx, TokenCatcher& mail, int64_t id, int petition_index,
                const std::string& sponsor_token, int n, const Profile& profile) {
  constexpr int kThreads = 8;
  std::vector<Status> errors(kThreads);
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = t; i < n; i += kThreads) {
        const std::string email =
            DemoAddress(petition_index, sponsor_token.empty() ? "signer" : "sponsor", i);
        SignInput in{"Demo Signer " + std::to_string(i + 1), email, "",
                     DemoNationalId(profile, 1940,
                                    petition_index * 2600 + (sponsor_token.empty() ? 100 : 0) + i)};
        if (!profile.regions.empty()) {
          in.region = profile.regions[static_cast<size_t>(i) % profile.regions.size()].code;
        }
        Result<SignOutcome> s = sponsor_token.empty() ? SignPetition(ctx, id, in)
                                                      : SponsorPetition(ctx, id, sponsor_token, in);
        if (!s.ok()) {
          errors[t] = s.status();
          return;
        }
        Result<ConfirmOutcome> c = ConfirmSignature(ctx, mail.TokenFor(email));
        if (!c.ok()) {
          errors[t] = c.status();
          return;
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (const Status& s : errors) {
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status Moderate(const AppContext& ctx, int64_t id, const ModerationInput& in) {
  Result<Petition> m = ModeratePetition(ctx, id, in);
  return m.ok() ? Status::Ok() : m.status();
}

// The language a demo petition's text is written in: Russian for Kazakhstan, German for the
// Bundestag, English for the others.
std::string DemoTextLanguage(std::string_view profile_id) {
  if (profile_id == "kz") return "ru";
  if (profile_id == "de-bt") return "de";
  return "en";
}

// Takes a demo petition to its stage, in its profile's order of stages.
Status SeedOne(const AppContext& ctx, TokenCatcher& mail, int index, const DemoPetition& d) {
  const Profile* profile = ctx.profiles.Find(d.profile);
  if (profile == nullptr) return Status::Ok();  // an operator replaced the built-in profiles
  if (!profile->CheckAddressee(d.addressee_level, d.addressee_region).ok()) {
    return Status::Ok();  // an operator's profile with other addressee levels
  }
  const std::string initiator_email = DemoAddress(index, "initiator", 0);
  CreatePetitionInput in{d.profile,   d.title,           d.text,
                         d.addressee, d.addressee_level, d.addressee_region,
                         d.initiator, initiator_email,   DemoNationalId(*profile, 1950, index)};
  in.language = DemoTextLanguage(d.profile);
  Result<CreatePetitionOutcome> created = CreatePetition(ctx, in);
  if (!created.ok()) return created.status();
  const Petition& p = created->petition;
  if (Result<ConfirmOutcome> c = ConfirmSignature(ctx, mail.TokenFor(initiator_email)); !c.ok()) {
    return c.status();
  }
  const bool moderation_first = profile->order() == StageOrder::kModerationFirst;
  const int sponsors = d.stage == DemoPetition::kGatheringSponsors ? profile->sponsors_required / 2
                                                                   : profile->sponsors_required;
  auto sponsor = [&] {
    return SignMany(ctx, mail, p.id, index, p.sponsor_token, sponsors, *profile);
  };
  switch (d.stage) {
    case DemoPetition::kOpen:
      if (moderation_first) {
        PETITIO_RETURN_IF_ERROR(Moderate(ctx, p.id, {"publish", "", ""}));
        if (sponsors > 0) PETITIO_RETURN_IF_ERROR(sponsor());
      } else {
        PETITIO_RETURN_IF_ERROR(sponsor());
        PETITIO_RETURN_IF_ERROR(Moderate(ctx, p.id, {"publish", "", ""}));
      }
      return SignMany(ctx, mail, p.id, index, "", d.signatures, *profile);
    case DemoPetition::kSponsored:  // awaiting moderation
      return moderation_first ? Status::Ok() : sponsor();
    case DemoPetition::kGatheringSponsors:
      if (moderation_first) PETITIO_RETURN_IF_ERROR(Moderate(ctx, p.id, {"publish", "", ""}));
      return sponsor();
    case DemoPetition::kRejected:
      if (!moderation_first) PETITIO_RETURN_IF_ERROR(sponsor());
      return Moderate(ctx, p.id, {"reject", d.reject_ground, d.reject_reason});
  }
  return Status::Ok();
}

}  // namespace

Status SeedDemoData(const AppContext& ctx) {
  Result<int64_t> existing = ctx.store.CountPetitions();
  if (!existing.ok()) return existing.status();
  if (*existing > 0) return Status::Ok();
  TokenCatcher mail;
  AppContext demo{ctx.store,  ctx.clock,      mail,           ctx.profiles,
                  ctx.secret, ctx.public_url, ctx.admin_token};
  int index = 0;
  for (const DemoPetition& d : kDemo) {
    PETITIO_RETURN_IF_ERROR(SeedOne(demo, mail, index++, d));
  }
  int64_t accounts = 0;
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&accounts](StoreTx& tx) -> Status {
    Result<int64_t> n = tx.CountAccounts();
    if (!n.ok()) return n.status();
    accounts = *n;
    return Status::Ok();
  }));
  if (accounts > 0) return Status::Ok();
  for (const NewAccountInput& a : std::vector<NewAccountInput>{
           {"admin@demo.example", "Demo Admin", "admin", "", "", kDemoPassword},
           {"moderator@demo.example", "Demo Moderator", "moderator", "", "", kDemoPassword},
           {"officer@demo.example", "Demo Officer", "officer", "demo-ministry", "", kDemoPassword},
           {"ngo@demo.example", "Demo Organisation", "organisation", "", "Demo Human Rights Centre",
            kDemoPassword}}) {
    Result<Account> made = CreateAccount(ctx, a);
    if (!made.ok()) return made.status();
  }
  return Status::Ok();
}

}  // namespace petitio
