#include "app/mail_texts.h"

namespace petitio {

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
  std::string body = "Dear " + p.initiator_name + ",\n\n" + "you started the petition \"" +
                     p.title + "\".\n\n" +
                     "1. Confirm your e-mail address (this also counts as your signature):\n" +
                     ConfirmUrl(ctx, confirm_token) + "\n\n";
  const Profile* profile = ctx.profiles.Find(p.profile_id);
  const int needed = profile ? profile->sponsors_required : 0;
  const bool moderation_first =
      profile != nullptr && profile->order() == StageOrder::kModerationFirst;
  if (needed > 0 && moderation_first) {
    body += "2. A moderator then checks it against the law's grounds";
    if (const StageClock* c = profile->Clock(Stage::kModeration, p.addressee_level)) {
      body += " (within " + DescribeDuration(c->duration) + ")";
    }
    body += ". Once it is admitted, " + std::to_string(needed) + " people must support it";
    if (const StageClock* c = profile->Clock(Stage::kSponsors, p.addressee_level)) {
      body += " within " + DescribeDuration(c->duration);
    }
    body += " through this link, or it lapses:\n" + SponsorUrl(ctx, p) + "\n\n";
  } else if (needed > 0) {
    body += "2. Ask " + std::to_string(needed) +
            " people to support it before it goes to moderation. Send them this link:\n" +
            SponsorUrl(ctx, p) + "\n\n";
  } else {
    body +=
        "2. Once confirmed, it goes to moderation. You can share this link with co-sponsors:\n" +
        SponsorUrl(ctx, p) + "\n\n";
  }
  body += "If you did not start this petition, ignore this message; nothing will be published.\n";
  return {p.initiator_name, p.initiator_email, "Confirm your petition: " + p.title, body};
}

MailMessage ConfirmSignatureMail(const AppContext& ctx, const Petition& p, SignerRole role,
                                 const std::string& name, const std::string& email,
                                 const std::string& confirm_token) {
  const bool sponsor = role == SignerRole::kSponsor;
  std::string body =
      "Dear " + name + ",\n\n" +
      (sponsor ? "you offered to support the petition \"" : "you asked to sign the petition \"") +
      p.title + "\".\n\nTo confirm, open this link and press the button:\n" +
      ConfirmUrl(ctx, confirm_token) + "\n\n" + "Your " + (sponsor ? "support" : "signature") +
      " counts only after you confirm. If it was not you, ignore this message.\n\n" +
      "Keep this message: while the petition collects signatures you can withdraw your " +
      (sponsor ? "support" : "signature") + " with this link:\n" + ctx.public_url +
      "/withdraw?token=" + confirm_token + "\n";
  return {name, email, (sponsor ? "Confirm your support: " : "Confirm your signature: ") + p.title,
          body};
}

std::vector<std::string> ReceiptLines(const Receipt& receipt) {
  return {"Petition: " + std::to_string(receipt.petition_id),
          "Log entry: " + std::to_string(receipt.log_index),
          "Entry hash: " + ToHex(receipt.leaf_hash),
          "Receipt secret: " + ReceiptSecretHex(receipt.secret)};
}

MailMessage ReceiptMail(const AppContext& ctx, const Petition& p, const std::string& name,
                        const std::string& email, const Receipt& receipt) {
  std::string body = "Dear " + name + ",\n\nyour signature on the petition \"" + p.title +
                     "\" is counted. It is entry " + std::to_string(receipt.log_index) +
                     " in the petition's public log, which anyone can check. Your receipt:\n\n";
  for (const std::string& line : ReceiptLines(receipt)) body += "  " + line + "\n";
  body +=
      "\nOnly you hold the receipt secret: Petitio keeps no copy. With it you can show that the "
      "entry is yours, and nobody can learn from the log who you are. Check your signature in "
      "the log, now or later:\n" +
      ctx.public_url + ReceiptCheckPath(receipt) + "\n";
  return {name, email, "Your signature is counted: " + p.title, body};
}

MailMessage AlreadySignedMail(const AppContext& ctx, const Petition& p, const std::string& name,
                              const std::string& email) {
  std::string body = "Dear " + name + ",\n\n" + "this address has already signed the petition \"" +
                     p.title + "\", and each address signs once. Nothing more is needed.\n\n" +
                     PetitionUrl(ctx, p.id) + "\n";
  return {name, email, "You have already signed: " + p.title, body};
}

MailMessage AwaitingModerationMail(const AppContext& ctx, const Petition& p) {
  std::string body = "Dear " + p.initiator_name + ",\n\n" + "your petition \"" + p.title +
                     "\" has the support it needs and now awaits moderation.\n" +
                     "You will hear when it is published or, with the reason, rejected.\n\n" +
                     SponsorUrl(ctx, p) + "\n";
  return {p.initiator_name, p.initiator_email, "Awaiting moderation: " + p.title, body};
}

MailMessage ModerationDecisionMail(const AppContext& ctx, const Petition& p) {
  std::string body = "Dear " + p.initiator_name + ",\n\n";
  std::string subject;
  if (p.state == PetitionState::kAdmitted) {
    subject = "Your petition is admitted: " + p.title;
    const Profile* profile = ctx.profiles.Find(p.profile_id);
    body += "your petition \"" + p.title + "\" passed moderation. It is published once " +
            std::to_string(profile ? profile->sponsors_required : 0) +
            " people support it through this link";
    if (profile != nullptr && p.sponsors_started_at) {
      if (const StageClock* c = profile->Clock(Stage::kSponsors, p.addressee_level)) {
        Result<Due> due = profile->DueFrom(*p.sponsors_started_at, c->duration);
        body += " within " + DescribeDuration(c->duration);
        if (due.ok()) body += ", by " + FormatDate(due->date);
      }
    }
    body += "; otherwise it lapses.\n\n" + SponsorUrl(ctx, p) + "\n";
  } else if (p.state == PetitionState::kOpen) {
    subject = "Your petition is published: " + p.title;
    body += "your petition \"" + p.title + "\" is published and open for signatures until " +
            FormatRfc3339(p.closes_at.value_or(p.created_at)) + ".\n\n" + PetitionUrl(ctx, p.id) +
            "\n";
  } else {
    subject = "Your petition was not published: " + p.title;
    std::string ground = p.moderation ? p.moderation->ground_code : "";
    if (const Profile* profile = ctx.profiles.Find(p.profile_id)) {
      if (const ModerationGround* g = profile->FindGround(ground)) {
        ground = g->title.Get("en") + " (" + g->citation + ")";
      }
    }
    body += "your petition \"" + p.title + "\" was rejected.\n\nGround: " + ground +
            "\nReason: " + (p.moderation ? p.moderation->reason : "") + "\n";
    if (p.state == PetitionState::kRejected) body += "\n" + PetitionUrl(ctx, p.id) + "\n";
  }
  return {p.initiator_name, p.initiator_email, subject, body};
}

}  // namespace petitio
