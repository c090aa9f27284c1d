#include <chrono>
#include <memory>
#include <string>

#include "app/await_answer.h"
#include "app/count_signature.h"
#include "app/notifications.h"
#include "app/record_transition.h"
#include "app/use_cases.h"
#include "app/validation.h"
#include "domain/crypto.h"
#include "domain/identity.h"
#include "domain/network.h"
#include "domain/text.h"

namespace petitio {

namespace {

constexpr std::chrono::minutes kNonceLifetime{10};

std::string NonceMac(const AppContext& ctx, const std::string& payload) {
  return KeyedHashHex(ctx.secret, "idp-nonce|" + payload);
}

Status NoProvider() {
  return Status::Conflict("no identity provider is configured on this server",
                          "idp_not_configured");
}

// "<petition>.<expiry ms>.<random>.<mac>", checked for this petition and not expired.
Status CheckNonce(const AppContext& ctx, int64_t petition_id, const std::string& nonce,
                  TimePoint now) {
  const auto bad = [] {
    return Status::Invalid("the nonce is unknown or expired; start again", "invalid_nonce");
  };
  const size_t mac_at = nonce.rfind('.');
  if (nonce.size() > 256 || mac_at == std::string::npos) return bad();
  const std::string payload = nonce.substr(0, mac_at);
  if (!TokensEqual(nonce.substr(mac_at + 1), NonceMac(ctx, payload))) return bad();
  const size_t dot = payload.find('.');
  const size_t dot2 = payload.find('.', dot + 1);
  if (dot == std::string::npos || dot2 == std::string::npos) return bad();
  if (payload.substr(0, dot) != std::to_string(petition_id)) return bad();
  const std::string expiry = payload.substr(dot + 1, dot2 - dot - 1);
  if (expiry.empty() || expiry.size() > 18 ||
      expiry.find_first_not_of("0123456789") != std::string::npos) {
    return bad();
  }
  if (std::stoll(expiry) <= ToMillis(now)) return bad();
  return Status::Ok();
}

}  // namespace

Result<std::string> NewIdpNonce(const AppContext& ctx, int64_t petition_id) {
  if (ctx.idp == nullptr) return NoProvider();
  const std::string payload = std::to_string(petition_id) + "." +
                              std::to_string(ToMillis(ctx.clock.Now() + kNonceLifetime)) + "." +
                              RandomToken().substr(0, 16);
  return payload + "." + NonceMac(ctx, payload);
}

namespace {

// One signing between the check of its token and its answer: shared by the write unit and the
// continuation that answers it.
struct IdpSigning {
  int64_t petition_id = 0;
  IdTokenClaims claims;
  std::string region;
  std::string client_ip;
  TimePoint now;
  std::string receipt_token;  // behind the receipt: handed back once in the answer, never stored
  bool notify = false;
  ConfirmOutcome out;
};

Status SignIn(const AppContext& ctx, StoreTx& tx, IdpSigning& sg) {
  const int64_t petition_id = sg.petition_id;
  const IdTokenClaims& claims = sg.claims;
  const std::string& region = sg.region;
  const std::string& receipt_token = sg.receipt_token;
  const TimePoint now = sg.now;
  ConfirmOutcome& out = sg.out;
  Result<Petition> p = tx.GetPetition(petition_id);
  if (!p.ok()) return PetitionLookupError(p.status());
  if (!IsVisible(p->state)) return Status::NotFound("no such petition", "petition_not_found");
  out.petition_title = p->title;
  if (!IsCollecting(p->state)) {
    return Status::Conflict(
        "the petition is " + std::string(PetitionStateName(p->state)) + " and takes no signatures",
        "petition_not_collecting");
  }
  const Profile* profile = ctx.profiles.Find(p->profile_id);
  if (profile == nullptr) return Status::Internal("petition has an unknown profile");
  if (!region.empty() && profile->FindRegion(region) == nullptr) {
    return Status::Invalid("profile " + profile->id + " has no region '" + region + "'",
                           "invalid_region");
  }
  std::string identity;
  if (profile->identity.proof == IdentityProof::kNationalId) {
    if (claims.national_id.empty()) {
      return Status::Invalid(
          "the identity provider's assertion carries no national id, which "
          "these rules need",
          "missing_national_id");
    }
    Result<std::string> id =
        CanonicalIdentity(profile->identity, "", claims.national_id, profile->LocalDate(now));
    if (!id.ok()) return id.status();
    identity = *id;
  } else {
    identity = "idp:" + ctx.idp->provider().issuer + ":" + claims.subject;
  }
  const std::string identity_hash = KeyedHashHex(ctx.secret, identity);
  out.signature_count = p->signature_count;

  Result<Signature> existing = tx.GetSignatureByIdentity(petition_id, identity_hash);
  Signature s;
  if (existing.ok()) {
    s = *existing;
    if (s.state == SignatureState::kValidated) return Status::Ok();  // counted once
    if (s.state == SignatureState::kFraudulent) {
      out.newly_counted = true;  // answered as any other; it never counts
      return Status::Ok();
    }
    if (s.state == SignatureState::kInvalidated) {
      return Status::Conflict("this signature was invalidated", "signature_invalidated");
    }
    s.state = SignatureState::kPending;  // pending, or signing again after withdrawing
    s.region = region.empty() ? s.region : region;
    s.token_hash = Sha256Hex(receipt_token);
    PETITIO_RETURN_IF_ERROR(tx.UpdateSignature(s));
  } else {
    if (existing.status().kind() != ErrorKind::kNotFound) return existing.status();
    s.petition_id = petition_id;
    s.role = SignerRole::kSigner;
    s.name = claims.name.empty() ? "Signer" : claims.name;
    s.identity_hash = identity_hash;
    s.region = region;
    s.ip = sg.client_ip;
    s.subnet = SubnetOf(sg.client_ip);
    s.token_hash = Sha256Hex(receipt_token);
    s.created_at = now;
    const bool allowed =
        ctx.limiter == nullptr || ctx.limiter->Allow(petition_id, s.ip, s.subnet, "", now);
    if (!allowed) {
      s.state = SignatureState::kFraudulent;
      Result<int64_t> id = tx.InsertSignature(s);
      if (!id.ok()) return id.status();
      out.newly_counted = true;  // held back without telling
      return Status::Ok();
    }
    // Counted at once: CountSignatureIn inserts it already validated.
  }
  Result<CountedSignature> counted =
      CountSignatureIn(tx, ReceiptSecretFromToken(receipt_token), *profile, *p, s, now);
  if (!counted.ok()) return counted.status();
  out.newly_counted = true;
  out.signature_count = p->signature_count;
  out.receipt = counted->receipt;
  sg.notify = Notifies(counted->transition);
  return Status::Ok();
}

}  // namespace

void SignWithIdentityProviderThen(const AppContext& ctx, int64_t petition_id,
                                  const IdpSignInput& in, IdpSignDone done) {
  if (ctx.idp == nullptr) return done(NoProvider());
  const TimePoint now = ctx.clock.Now();
  if (in.id_token.empty()) {
    return done(Status::Invalid("id_token is required", "missing_id_token"));
  }
  if (Status nonce = CheckNonce(ctx, petition_id, in.nonce, now); !nonce.ok()) {
    return done(std::move(nonce));
  }
  Result<IdTokenClaims> claims = ctx.idp->Verify(in.id_token, in.nonce, now);
  if (!claims.ok()) return done(claims.status());

  auto sg = std::make_shared<IdpSigning>();
  sg->petition_id = petition_id;
  sg->claims = std::move(*claims);
  sg->region = std::string(Trim(in.region));
  sg->client_ip = in.client_ip;
  sg->now = now;
  sg->receipt_token = RandomToken();
  sg->out.petition_id = petition_id;
  ctx.store.WriteThen([&ctx, sg](StoreTx& tx) { return SignIn(ctx, tx, *sg); },
                      [&ctx, sg, done = std::move(done)](Status written) {
                        if (!written.ok()) return done(std::move(written));
                        if (sg->notify) WakeCourier(ctx);
                        done(std::move(sg->out));
                      });
}

Result<ConfirmOutcome> SignWithIdentityProvider(const AppContext& ctx, int64_t petition_id,
                                                const IdpSignInput& in) {
  return AwaitAnswer<ConfirmOutcome>(ctx, [&](IdpSignDone done) {
    SignWithIdentityProviderThen(ctx, petition_id, in, std::move(done));
  });
}

}  // namespace petitio
