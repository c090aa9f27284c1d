#include "app/mail_queue.h"
#include "app/mail_texts.h"
#include "app/notifications.h"
#include "app/use_cases.h"
#include "app/validation.h"
#include "domain/identity.h"
#include "domain/messages.h"
#include "domain/network.h"
#include "domain/text.h"

namespace petitio {

namespace {

// What a signing unit decided, for the mail it queues.
enum class SignResult { kNew, kResent, kAlreadyValidated };

Result<SignOutcome> AddSignature(const AppContext& ctx, int64_t petition_id, SignerRole role,
                                 const std::string* sponsor_token, const SignInput& in) {
  PETITIO_RETURN_IF_ERROR(CheckLine("name", in.name, kMaxNameChars));
  PETITIO_RETURN_IF_ERROR(CheckEmail("email", in.email));

  const std::string name(Trim(in.name));
  const std::string email(Trim(in.email));
  const std::string region(Trim(in.region));
  const std::string token = RandomToken();
  const TimePoint now = ctx.clock.Now();

  Petition petition;
  SignResult result = SignResult::kNew;
  std::string mail_name = name;  // who hears of this signing
  std::string mail_email = email;
  // What the unit decided, then the mail that tells the signer, queued in the same unit.
  auto decide = [&](StoreTx& tx) -> Status {
    Result<Petition> p = tx.GetPetition(petition_id);
    if (!p.ok()) return PetitionLookupError(p.status());
    petition = *p;
    const Profile* profile = ctx.profiles.Find(petition.profile_id);
    if (profile == nullptr) return Status::Internal("petition has an unknown profile");
    if (role == SignerRole::kSponsor) {
      // Without the sponsor link's token a petition not yet public does not exist for you.
      if (!TokensEqual(*sponsor_token, petition.sponsor_token)) {
        return Status::NotFound("no such petition", "petition_not_found");
      }
      if (!IsGatheringSponsors(petition.state, profile->order())) {
        return Status::Conflict("the petition no longer takes sponsors", "sponsoring_closed");
      }
    } else {
      if (!IsVisible(petition.state))
        return Status::NotFound("no such petition", "petition_not_found");
      if (!IsCollecting(petition.state)) {
        return Status::Conflict("the petition is " +
                                    std::string(PetitionStateName(petition.state)) +
                                    " and takes no signatures",
                                "petition_not_collecting");
      }
    }
    if (!region.empty() && profile->FindRegion(region) == nullptr) {
      return Status::Invalid("profile " + profile->id + " has no region '" + region + "'",
                             "invalid_region");
    }
    Result<std::string> identity =
        CanonicalIdentity(profile->identity, email, in.national_id, profile->LocalDate(now));
    if (!identity.ok()) return identity.status();
    const std::string identity_hash = KeyedHashHex(ctx.secret, *identity);
    Result<Signature> existing = tx.GetSignatureByIdentity(petition_id, identity_hash);
    if (existing.ok()) {
      if (profile->identity.proof == IdentityProof::kNationalId) {
        mail_name = existing->name;
        mail_email = existing->email;
      }
      if (existing->state == SignatureState::kWithdrawn) {
        // Signing again after withdrawing: a fresh confirmation, as for a first signature.
        existing->state = SignatureState::kPending;
        if (profile->identity.proof == IdentityProof::kEmail) existing->name = name;
        existing->region = region;
        existing->token_hash = Sha256Hex(token);
        existing->validated_at.reset();
        result = SignResult::kResent;
        return tx.UpdateSignature(*existing);
      }
      if (existing->state != SignatureState::kPending) {
        result = SignResult::kAlreadyValidated;
        return Status::Ok();
      }
      // Not yet confirmed: a fresh link replaces the old one.
      existing->token_hash = Sha256Hex(token);
      result = SignResult::kResent;
      return tx.UpdateSignature(*existing);
    }
    if (existing.status().kind() != ErrorKind::kNotFound) return existing.status();
    Signature s;
    s.ip = in.client_ip;
    s.subnet = SubnetOf(in.client_ip);
    s.email_domain = EmailDomain(email);
    // Held back without telling: stored, answered and mailed as any other, never counted.
    const bool allowed = ctx.limiter == nullptr ||
                         ctx.limiter->Allow(petition_id, s.ip, s.subnet, s.email_domain, now);
    s.state = !allowed || IsDisposableDomain(s.email_domain) ? SignatureState::kFraudulent
                                                             : SignatureState::kPending;
    s.petition_id = petition_id;
    s.role = role;
    s.name = name;
    s.email = email;
    s.identity_hash = identity_hash;
    s.region = region;
    s.token_hash = Sha256Hex(token);
    s.created_at = now;
    Result<int64_t> id = tx.InsertSignature(s);
    if (!id.ok()) return id.status();
    if (in.notify && s.state == SignatureState::kPending) {
      Subscription signer{0,     petition_id, NormalizeEmail(email), name, SubscriberKind::kSigner,
                          false, now};
      signer.language = IsSupportedLanguage(in.language) ? in.language : "en";
      Result<int64_t> sub = tx.InsertSubscription(signer);
      if (!sub.ok()) return sub.status();
    }
    return Status::Ok();
  };
  const std::string sender = MailSender(ctx);
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    PETITIO_RETURN_IF_ERROR(decide(tx));
    return QueueMail(
        tx, sender,
        result == SignResult::kAlreadyValidated
            ? AlreadySignedMail(ctx, in.language, petition, mail_name, mail_email)
            : ConfirmSignatureMail(ctx, in.language, petition, role, mail_name, mail_email, token),
        now);
  }));
  NotifyCourier(ctx);
  return SignOutcome{petition_id, true};
}

}  // namespace

Result<SignOutcome> SignPetition(const AppContext& ctx, int64_t petition_id, const SignInput& in) {
  return AddSignature(ctx, petition_id, SignerRole::kSigner, nullptr, in);
}

Result<SignOutcome> SponsorPetition(const AppContext& ctx, int64_t petition_id,
                                    const std::string& sponsor_token, const SignInput& in) {
  return AddSignature(ctx, petition_id, SignerRole::kSponsor, &sponsor_token, in);
}

}  // namespace petitio
