#include "app/mail_queue.h"
#include "app/mail_texts.h"
#include "app/notifications.h"
#include "app/use_cases.h"
#include "app/validation.h"
#include "domain/identity.h"
#include "domain/signature_token.h"
#include "domain/text.h"

namespace petitio {

Result<CreatePetitionOutcome> CreatePetition(const AppContext& ctx, const CreatePetitionInput& in) {
  const Profile* profile = ctx.profiles.Find(in.profile);
  if (profile == nullptr) {
    return Status::Invalid("unknown profile '" + in.profile + "'", "unknown_profile");
  }
  PETITIO_RETURN_IF_ERROR(CheckLine("title", in.title, kMaxTitleChars));
  PETITIO_RETURN_IF_ERROR(CheckText("text", in.text, kMaxTextChars));
  PETITIO_RETURN_IF_ERROR(CheckLine("addressee", in.addressee, kMaxAddresseeChars));
  PETITIO_RETURN_IF_ERROR(CheckLine("name", in.initiator_name, kMaxNameChars));
  PETITIO_RETURN_IF_ERROR(CheckEmail("email", in.initiator_email));
  // Any ISO 639 code: a petition to the Bundestag may be written in German.
  const bool iso639 =
      in.language.size() >= 2 && in.language.size() <= 3 &&
      in.language.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos;
  if (!in.language.empty() && !iso639) {
    return Status::Invalid("language must be an ISO 639 code such as kk, ru or en",
                           "invalid_language");
  }
  const std::string level(Trim(in.addressee_level));
  const std::string region(Trim(in.addressee_region));
  PETITIO_RETURN_IF_ERROR(profile->CheckAddressee(level, region));
  const TimePoint now = ctx.clock.Now();
  Result<std::string> identity = CanonicalIdentity(
      profile->identity, in.initiator_email, in.initiator_national_id, profile->LocalDate(now));
  if (!identity.ok()) return identity.status();

  Petition p;
  p.profile_id = profile->id;
  p.title = std::string(Trim(in.title));
  p.text = std::string(Trim(in.text));
  p.addressee = std::string(Trim(in.addressee));
  p.addressee_level = level;
  p.addressee_region = region;
  p.initiator_name = std::string(Trim(in.initiator_name));
  p.initiator_email = std::string(Trim(in.initiator_email));
  p.sponsor_token = RandomToken();
  p.state = PetitionState::kPending;
  p.created_at = now;
  p.language = in.language;

  const std::string confirm_secret = RandomToken();
  Signature s;
  s.role = SignerRole::kInitiator;
  s.name = p.initiator_name;
  s.email = p.initiator_email;
  s.identity_hash = KeyedHashHex(ctx.secret, *identity);
  s.token_hash = Sha256Hex(confirm_secret);
  s.created_at = now;

  const std::string sender = MailSender(ctx);
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    Result<int64_t> id = tx.InsertPetition(p);
    if (!id.ok()) return id.status();
    p.id = *id;
    s.petition_id = p.id;
    Result<int64_t> sid = tx.InsertSignature(s);
    if (!sid.ok()) return sid.status();
    // The initiator hears the petition's news once their confirmation confirms the address.
    Subscription initiator{0,
                           p.id,
                           NormalizeEmail(p.initiator_email),
                           p.initiator_name,
                           SubscriberKind::kInitiator,
                           false,
                           now};
    initiator.language = p.language.empty() ? "en" : p.language;
    Result<int64_t> sub = tx.InsertSubscription(initiator);
    if (!sub.ok()) return sub.status();
    PETITIO_RETURN_IF_ERROR(
        tx.AppendTimeline(p.id, {now, "created", "petition created; awaiting confirmation"}));
    return QueueMail(tx, sender,
                     InitiatorWelcomeMail(ctx, p, FormatSignatureToken(*sid, confirm_secret)), now);
  }));
  NotifyCourier(ctx);
  return CreatePetitionOutcome{p, true};
}

}  // namespace petitio
