// The mails Petitio sends, as plain text. Each names the petition and carries the links the
// reader needs; none carries another person's data.
#pragma once

#include <string>

#include "app/context.h"
#include "domain/petition.h"
#include "domain/signature.h"
#include "mail/mailer.h"

namespace petitio {

std::string PetitionUrl(const AppContext& ctx, int64_t petition_id);
std::string ConfirmUrl(const AppContext& ctx, const std::string& token);
std::string SponsorUrl(const AppContext& ctx, const Petition& p);

MailMessage InitiatorWelcomeMail(const AppContext& ctx, const Petition& p,
                                 const std::string& confirm_token);
MailMessage ConfirmSignatureMail(const AppContext& ctx, const Petition& p, SignerRole role,
                                 const std::string& name, const std::string& email,
                                 const std::string& confirm_token);
MailMessage AlreadySignedMail(const AppContext& ctx, const Petition& p, const std::string& name,
                              const std::string& email);
MailMessage AwaitingModerationMail(const AppContext& ctx, const Petition& p);
MailMessage ModerationDecisionMail(const AppContext& ctx, const Petition& p);

}  // namespace petitio
