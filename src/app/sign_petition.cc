#include <memory>
#include <string>

#include "app/await_answer.h"
#include "app/mail_queue.h"
#include "app/mail_texts.h"
#include "app/notifications.h"
#include "app/use_cases.h"
#include "app/validation.h"
#include "domain/identity.h"
#include "domain/messages.h"
#include "domain/network.h"
#include "domain/signature_token.h"
#include "domain/text.h"

namespace petitio {

namespace {

// What a signing unit decided, for the mail it queues.
enum class SignResult { kNew, kResent, kAlreadyValidated };

// One signing between its checks and its answer: shared by the write unit and the continuation.
struct Signing {
  int64_t petition_id = 0;
  SignerRole role = SignerRole::kSigner;
  std::string sponsor_token;  // for a sponsor
  SignInput in;
  std::string name, email, region;  // trimmed
  std::string secret;               // the confirmation link's token's secret, stored hashed
  int64_t signature_id = 0;         // which the token names: known once the unit has written
  TimePoint now;
  std::string sender;
  // What the unit decided, for the mail it queues: the petition, and who hears of it.
  Petition petition;
  SignResult result = SignResult::kNew;
  std::string mail_name;
  std::string mail_email;
};

// Decides what this signing does and writes it, before its mail is queued.
Status Decide(const AppContext& ctx, StoreTx& tx, Signing& sg) {
  const int64_t petition_id = sg.petition_id;
  const SignerRole role = sg.role;
  const SignInput& in = sg.in;
  const std::string& name = sg.name;
  const std::string& email = sg.email;
  const std::string& region = sg.region;
  const std::string& secret = sg.secret;
  const TimePoint now = sg.now;
  Petition& petition = sg.petition;
  SignResult& result = sg.result;
  std::string& mail_name = sg.mail_name;
  std::string& mail_email = sg.mail_email;
  Result<Petition> p = tx.GetPetition(petition_id);
  if (!p.ok()) return PetitionLookupError(p.status());
  petition = *p;
  const Profile* profile = ctx.profiles.Find(petition.profile_id);
  if (profile == nullptr) return Status::Internal("petition has an unknown profile");
  if (role == SignerRole::kSponsor) {
    // Without the sponsor link's token a petition not yet public does not exist for you.
    if (!TokensEqual(sg.sponsor_token, petition.sponsor_token)) {
      return Status::NotFound("no such petition", "petition_not_found");
    }
    if (!IsGatheringSponsors(petition.state, profile->order())) {
      return Status::Conflict("the petition no longer takes sponsors", "sponsoring_closed");
    }
  } else {
    if (!IsVisible(petition.state))
      return Status::NotFound("no such petition", "petition_not_found");
    if (!IsCollecting(petition.state)) {
      return Status::Conflict("the petition is " + std::string(PetitionStateName(petition.state)) +
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
      existing->token_hash = Sha256Hex(secret);
      existing->validated_at.reset();
      sg.signature_id = existing->id;
      result = SignResult::kResent;
      return tx.UpdateSignature(*existing);
    }
    if (existing->state != SignatureState::kPending) {
      result = SignResult::kAlreadyValidated;
      return Status::Ok();
    }
    // Not yet confirmed: a fresh link replaces the old one.
    existing->token_hash = Sha256Hex(secret);
    sg.signature_id = existing->id;
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
  s.token_hash = Sha256Hex(secret);
  s.created_at = now;
  Result<int64_t> id = tx.InsertSignature(s);
  if (!id.ok()) return id.status();
  sg.signature_id = *id;
  if (in.notify && s.state == SignatureState::kPending) {
    Subscription signer{0,     petition_id, NormalizeEmail(email), name, SubscriberKind::kSigner,
                        false, now};
    signer.language = IsSupportedLanguage(in.language) ? in.language : "en";
    Result<int64_t> sub = tx.InsertSubscription(signer);
    if (!sub.ok()) return sub.status();
  }
  return Status::Ok();
}

void AddSignatureThen(const AppContext& ctx, int64_t petition_id, SignerRole role,
                      std::string sponsor_token, const SignInput& in, SignDone done) {
  if (Status s = CheckLine("name", in.name, kMaxNameChars); !s.ok()) return done(std::move(s));
  if (Status s = CheckEmail("email", in.email); !s.ok()) return done(std::move(s));

  auto sg = std::make_shared<Signing>();
  sg->petition_id = petition_id;
  sg->role = role;
  sg->sponsor_token = std::move(sponsor_token);
  sg->in = in;
  sg->name = std::string(Trim(in.name));
  sg->email = std::string(Trim(in.email));
  sg->region = std::string(Trim(in.region));
  sg->secret = RandomToken();
  sg->now = ctx.clock.Now();
  sg->sender = MailSender(ctx);
  sg->mail_name = sg->name;
  sg->mail_email = sg->email;
  ctx.store.WriteThen(
      [&ctx, sg](StoreTx& tx) -> Status {
        PETITIO_RETURN_IF_ERROR(Decide(ctx, tx, *sg));
        const Signing& g = *sg;
        return QueueMail(
            tx, g.sender,
            g.result == SignResult::kAlreadyValidated
                ? AlreadySignedMail(ctx, g.in.language, g.petition, g.mail_name, g.mail_email)
                : ConfirmSignatureMail(ctx, g.in.language, g.petition, g.role, g.mail_name,
                                       g.mail_email,
                                       FormatSignatureToken(g.signature_id, g.secret)),
            g.now);
      },
      [&ctx, petition_id, done = std::move(done)](Status written) {
        if (!written.ok()) return done(std::move(written));
        WakeCourier(ctx);
        done(SignOutcome{petition_id, true});
      });
}

}  // namespace

void SignPetitionThen(const AppContext& ctx, int64_t petition_id, const SignInput& in,
                      SignDone done) {
  AddSignatureThen(ctx, petition_id, SignerRole::kSigner, "", in, std::move(done));
}

void SponsorPetitionThen(const AppContext& ctx, int64_t petition_id,
                         const std::string& sponsor_token, const SignInput& in, SignDone done) {
  AddSignatureThen(ctx, petition_id, SignerRole::kSponsor, sponsor_token, in, std::move(done));
}

Result<SignOutcome> SignPetition(const AppContext& ctx, int64_t petition_id, const SignInput& in) {
  return AwaitAnswer<SignOutcome>(
      ctx, [&](SignDone done) { SignPetitionThen(ctx, petition_id, in, std::move(done)); });
}

Result<SignOutcome> SponsorPetition(const AppContext& ctx, int64_t petition_id,
                                    const std::string& sponsor_token, const SignInput& in) {
  return AwaitAnswer<SignOutcome>(ctx, [&](SignDone done) {
    SponsorPetitionThen(ctx, petition_id, sponsor_token, in, std::move(done));
  });
}

}  // namespace petitio
