// The mails Petitio sends, as plain text, in the reader's language (from the message catalogues,
// app/builtin_messages.h). Each names the petition and carries the links the reader needs; none
// carries another person's data. Mails to a petition's initiator are in the petition's language.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"
#include "domain/messages.h"
#include "domain/petition.h"
#include "domain/receipt.h"
#include "domain/signature.h"
#include "mail/mailer.h"

namespace petitio {

std::string PetitionUrl(const AppContext& ctx, int64_t petition_id);
std::string ConfirmUrl(const AppContext& ctx, const std::string& token);
std::string SponsorUrl(const AppContext& ctx, const Petition& p);
// The catalogue for mails in `language` (English for an unknown or empty one).
const Catalogue& MailTexts(std::string_view language);
// "40 working days", "40 рабочих дней": a duration in words, for mails and pages alike.
std::string DurationText(const Catalogue& t, const Duration& d);

MailMessage InitiatorWelcomeMail(const AppContext& ctx, const Petition& p,
                                 const std::string& confirm_token);
MailMessage ConfirmSignatureMail(const AppContext& ctx, std::string_view language,
                                 const Petition& p, SignerRole role, const std::string& name,
                                 const std::string& email, const std::string& confirm_token);
// Sent once a signature is counted: the signer's receipt for the petition's transparency log.
MailMessage ReceiptMail(const AppContext& ctx, std::string_view language, const Petition& p,
                        const std::string& name, const std::string& email, const Receipt& receipt);
// The receipt as text lines ("Petition: 7", …), for mails and pages alike.
std::vector<std::string> ReceiptLines(const Catalogue& t, const Receipt& receipt);
MailMessage AlreadySignedMail(const AppContext& ctx, std::string_view language, const Petition& p,
                              const std::string& name, const std::string& email);
MailMessage AwaitingModerationMail(const AppContext& ctx, const Petition& p);
MailMessage ModerationDecisionMail(const AppContext& ctx, const Petition& p);

}  // namespace petitio
