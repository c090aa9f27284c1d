#include <memory>
#include <string>

#include "app/await_answer.h"
#include "app/count_signature.h"
#include "app/mail_queue.h"
#include "app/mail_texts.h"
#include "app/notifications.h"
#include "app/record_transition.h"
#include "app/signature_of_token.h"
#include "app/use_cases.h"
#include "app/validation.h"
#include "domain/text.h"

namespace petitio {

namespace {

const std::string kUnknownLink = "unknown or replaced confirmation link";

// One confirmation between its checks and its answer: shared by the write unit and the
// continuation.
struct Confirming {
  TokenLookup token;
  ReceiptSecret secret{};
  std::string language;
  TimePoint now;
  std::string sender;
  ConfirmOutcome out;
  bool notify = false;  // a notice was queued
  bool mailed = false;  // a mail was queued
};

Status Confirm(const AppContext& ctx, StoreTx& tx, Confirming& cf) {
  const ReceiptSecret& secret = cf.secret;
  const std::string& language = cf.language;
  const TimePoint now = cf.now;
  const std::string& sender = cf.sender;
  ConfirmOutcome& out = cf.out;
  Result<Signature> s = SignatureOfToken(tx, cf.token, kUnknownLink);
  if (!s.ok()) return s.status();
  Result<Petition> p = tx.GetPetition(s->petition_id);
  if (!p.ok()) return p.status();
  out.petition_id = p->id;
  out.petition_title = p->title;
  out.role = s->role;
  out.signature_count = p->signature_count;
  if (s->state == SignatureState::kValidated) {  // counted once; the receipt again
    Result<Receipt> receipt = ReceiptOf(tx, *s, secret);
    if (receipt.ok()) out.receipt = *receipt;
    return receipt.ok() || receipt.status().kind() == ErrorKind::kNotFound ? Status::Ok()
                                                                           : receipt.status();
  }
  if (s->state == SignatureState::kFraudulent) {
    out.newly_counted = true;  // answered as any other; it never counts
    return Status::Ok();
  }
  if (s->state != SignatureState::kPending) {
    return Status::Conflict("this signature was invalidated", "signature_invalidated");
  }
  const Profile* profile = ctx.profiles.Find(p->profile_id);
  if (profile == nullptr) return Status::Internal("petition has an unknown profile");
  Result<CountedSignature> counted = CountSignatureIn(tx, secret, *profile, *p, *s, now);
  if (!counted.ok()) return counted.status();
  out.newly_counted = true;
  out.signature_count = p->signature_count;
  out.receipt = counted->receipt;
  cf.notify = Notifies(counted->transition);
  if (!s->email.empty()) {
    PETITIO_RETURN_IF_ERROR(tx.ConfirmSubscriptionOf(p->id, NormalizeEmail(s->email)));
    PETITIO_RETURN_IF_ERROR(QueueMail(
        tx, sender, ReceiptMail(ctx, language, *p, s->name, s->email, counted->receipt), now));
    out.receipt_mailed = true;
  }
  if (counted->transition.became_sponsored) {
    PETITIO_RETURN_IF_ERROR(QueueMail(tx, sender, AwaitingModerationMail(ctx, *p), now));
  }
  cf.mailed = out.receipt_mailed || counted->transition.became_sponsored;
  return Status::Ok();
}

}  // namespace

void ConfirmSignatureThen(const AppContext& ctx, const std::string& token,
                          std::string_view language, ConfirmDone done) {
  Result<SignatureToken> parsed = CheckSignatureToken(token);
  if (!parsed.ok()) return done(parsed.status());
  auto cf = std::make_shared<Confirming>();
  cf->token = LookupOf(std::move(*parsed));
  cf->secret = ReceiptSecretFromToken(token);
  cf->language = std::string(language);
  cf->now = ctx.clock.Now();
  cf->sender = MailSender(ctx);
  ctx.store.WriteThen([&ctx, cf](StoreTx& tx) { return Confirm(ctx, tx, *cf); },
                      [&ctx, cf, done = std::move(done)](Status written) {
                        if (!written.ok()) return done(std::move(written));
                        if (cf->notify || cf->mailed) WakeCourier(ctx);
                        done(std::move(cf->out));
                      });
}

Result<ConfirmOutcome> ConfirmSignature(const AppContext& ctx, const std::string& token,
                                        std::string_view language) {
  return AwaitAnswer<ConfirmOutcome>(
      ctx, [&](ConfirmDone done) { ConfirmSignatureThen(ctx, token, language, std::move(done)); });
}

Result<ConfirmationPreview> PreviewConfirmation(const AppContext& ctx, const std::string& token) {
  Result<SignatureToken> parsed = CheckSignatureToken(token);
  if (!parsed.ok()) return parsed.status();
  Result<Signature> s = SignatureOfToken(ctx.store, LookupOf(std::move(*parsed)), kUnknownLink);
  if (!s.ok()) return s.status();
  Result<Petition> p = ctx.store.GetPetition(s->petition_id);
  if (!p.ok()) return p.status();
  return ConfirmationPreview{*p, s->role, s->state};
}

}  // namespace petitio
