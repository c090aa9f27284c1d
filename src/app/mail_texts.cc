#include "app/mail_texts.h"

#include "app/builtin_messages.h"

namespace petitio {

namespace {

const Catalogue& InitiatorTexts(const Petition& p) { return MailTexts(p.language); }

}  // namespace

const Catalogue& MailTexts(std::string_view language) { return BuiltinMessages().For(language); }

std::string DurationText(const Catalogue& t, const Duration& d) {
  switch (d.unit) {
    case DurationUnit::kWorkingDays:
      return t.Plural("duration.working_days", d.amount);
    case DurationUnit::kCalendarDays:
      return t.Plural("duration.calendar_days", d.amount);
    case DurationUnit::kWeeks:
      return t.Plural("duration.weeks", d.amount);
    case DurationUnit::kMonths:
      return t.Plural("duration.months", d.amount);
  }
  return "";
}

std::string PetitionUrl(const AppContext& ctx, int64_t petition_id) {
  return ctx.public_url + "/petitions/" + std::to_string(petition_id);
}

std::string ConfirmUrl(const AppContext& ctx, const std::string& token) {
  return ctx.public_url + "/confirm?token=" + token;
}

std::string SponsorUrl(const AppContext& ctx, const Petition& p) {
  return PetitionUrl(ctx, p.id) + "/sponsor?token=" + p.sponsor_token;
}

MailMessage InitiatorWelcomeMail(const AppContext& ctx, const Petition& p,
                                 const std::string& confirm_token) {
  const Catalogue& t = InitiatorTexts(p);
  std::string body = t.Text("mail.dear", {{"name", p.initiator_name}}) + "\n\n" +
                     t.Text("mail.welcome.started", {{"title", p.title}}) + "\n\n" +
                     t.Text("mail.welcome.confirm") + "\n" + ConfirmUrl(ctx, confirm_token) +
                     "\n\n";
  const Profile* profile = ctx.profiles.Find(p.profile_id);
  const int needed = profile ? profile->sponsors_required : 0;
  const bool moderation_first =
      profile != nullptr && profile->order() == StageOrder::kModerationFirst;
  if (needed > 0 && moderation_first) {
    const StageClock* moderation = profile->Clock(Stage::kModeration, p.addressee_level);
    const StageClock* sponsors = profile->Clock(Stage::kSponsors, p.addressee_level);
    body += t.Plural("mail.welcome.moderation_first", needed,
                     {{"moderation", moderation ? DurationText(t, moderation->duration) : "—"},
                      {"sponsors", sponsors ? DurationText(t, sponsors->duration) : "—"}}) +
            "\n" + SponsorUrl(ctx, p) + "\n\n";
  } else if (needed > 0) {
    body += t.Plural("mail.welcome.sponsors_first", needed) + "\n" + SponsorUrl(ctx, p) + "\n\n";
  } else {
    body += t.Text("mail.welcome.no_sponsors") + "\n" + SponsorUrl(ctx, p) + "\n\n";
  }
  body += t.Text("mail.welcome.not_you") + "\n";
  return {p.initiator_name, p.initiator_email, t.Text("mail.welcome.subject", {{"title", p.title}}),
          body};
}

MailMessage ConfirmSignatureMail(const AppContext& ctx, std::string_view language,
                                 const Petition& p, SignerRole role, const std::string& name,
                                 const std::string& email, const std::string& confirm_token) {
  const Catalogue& t = MailTexts(language);
  const std::string r = role == SignerRole::kSponsor ? "sponsor" : "signer";
  std::string body = t.Text("mail.dear", {{"name", name}}) + "\n\n" +
                     t.Text("mail.confirm.asked_" + r, {{"title", p.title}}) + "\n\n" +
                     t.Text("mail.confirm.open") + "\n" + ConfirmUrl(ctx, confirm_token) + "\n\n" +
                     t.Text("mail.confirm.counts_" + r) + "\n\n" +
                     t.Text("mail.confirm.withdraw_" + r) + "\n" + ctx.public_url +
                     "/withdraw?token=" + confirm_token + "\n";
  return {name, email, t.Text("mail.confirm.subject_" + r, {{"title", p.title}}), body};
}

std::vector<std::string> ReceiptLines(const Catalogue& t, const Receipt& receipt) {
  return {t.Text("common.petition") + ": " + std::to_string(receipt.petition_id),
          t.Text("receipt.log_entry") + ": " + std::to_string(receipt.log_index),
          t.Text("receipt.entry_hash") + ": " + ToHex(receipt.leaf_hash),
          t.Text("receipt.secret") + ": " + ReceiptSecretHex(receipt.secret)};
}

MailMessage ReceiptMail(const AppContext& ctx, std::string_view language, const Petition& p,
                        const std::string& name, const std::string& email, const Receipt& receipt) {
  const Catalogue& t = MailTexts(language);
  std::string body = t.Text("mail.dear", {{"name", name}}) + "\n\n" +
                     t.Text("mail.receipt.counted",
                            {{"title", p.title}, {"index", std::to_string(receipt.log_index)}}) +
                     "\n\n";
  for (const std::string& line : ReceiptLines(t, receipt)) body += "  " + line + "\n";
  body += "\n" + t.Text("mail.receipt.secret") + "\n" + ctx.public_url + ReceiptCheckPath(receipt) +
          "\n";
  return {name, email, t.Text("mail.receipt.subject", {{"title", p.title}}), body};
}

MailMessage AlreadySignedMail(const AppContext& ctx, std::string_view language, const Petition& p,
                              const std::string& name, const std::string& email) {
  const Catalogue& t = MailTexts(language);
  std::string body = t.Text("mail.dear", {{"name", name}}) + "\n\n" +
                     t.Text("mail.already.text", {{"title", p.title}}) + "\n\n" +
                     PetitionUrl(ctx, p.id) + "\n";
  return {name, email, t.Text("mail.already.subject", {{"title", p.title}}), body};
}

MailMessage AwaitingModerationMail(const AppContext& ctx, const Petition& p) {
  const Catalogue& t = InitiatorTexts(p);
  std::string body = t.Text("mail.dear", {{"name", p.initiator_name}}) + "\n\n" +
                     t.Text("mail.awaiting.text", {{"title", p.title}}) + "\n\n" +
                     SponsorUrl(ctx, p) + "\n";
  return {p.initiator_name, p.initiator_email,
          t.Text("mail.awaiting.subject", {{"title", p.title}}), body};
}

MailMessage ModerationDecisionMail(const AppContext& ctx, const Petition& p) {
  const Catalogue& t = InitiatorTexts(p);
  std::string body = t.Text("mail.dear", {{"name", p.initiator_name}}) + "\n\n";
  std::string subject;
  const Profile* profile = ctx.profiles.Find(p.profile_id);
  if (p.state == PetitionState::kAdmitted) {
    subject = t.Text("mail.decision.admitted_subject", {{"title", p.title}});
    std::string within;
    if (profile != nullptr && p.sponsors_started_at) {
      if (const StageClock* c = profile->Clock(Stage::kSponsors, p.addressee_level)) {
        Result<Due> due = profile->DueFrom(*p.sponsors_started_at, c->duration);
        within =
            due.ok()
                ? t.Text("mail.decision.within_by", {{"duration", DurationText(t, c->duration)},
                                                     {"date", t.FormatDate(due->date)}})
                : t.Text("mail.decision.within", {{"duration", DurationText(t, c->duration)}});
      }
    }
    body += t.Plural("mail.decision.admitted", profile ? profile->sponsors_required : 0,
                     {{"title", p.title}, {"within", within}}) +
            "\n\n" + SponsorUrl(ctx, p) + "\n";
  } else if (p.state == PetitionState::kOpen) {
    subject = t.Text("mail.decision.published_subject", {{"title", p.title}});
    body += t.Text("mail.decision.published",
                   {{"title", p.title},
                    {"until", t.FormatDateTime(p.closes_at.value_or(p.created_at))}}) +
            "\n\n" + PetitionUrl(ctx, p.id) + "\n";
  } else {
    subject = t.Text("mail.decision.rejected_subject", {{"title", p.title}});
    std::string ground = p.moderation ? p.moderation->ground_code : "";
    if (profile != nullptr) {
      if (const ModerationGround* g = profile->FindGround(ground)) {
        ground = g->title.Get(t.language()) + " (" + g->citation + ")";
      }
    }
    body +=
        t.Text("mail.decision.rejected", {{"title", p.title},
                                          {"ground", ground},
                                          {"reason", p.moderation ? p.moderation->reason : ""}}) +
        "\n";
    if (p.state == PetitionState::kRejected) body += "\n" + PetitionUrl(ctx, p.id) + "\n";
  }
  return {p.initiator_name, p.initiator_email, subject, body};
}

}  // namespace petitio
