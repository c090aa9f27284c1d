// The use cases of a petition's life up to collection: create, sponsor, sign, confirm,
// moderate, close or lapse, extend a deadline. Each validates its input completely before writing;
// a failure changes nothing. Mail is queued in the same write unit as what it tells and sent
// afterwards (app/mail_queue.h): it goes out if and only if the write happened, even across a
// crash; `mail_sent` says it is queued.
//
// Privacy: a signer is compared through a keyed hash of the identity the profile asks for (the
// canonical e-mail, or the national id number, which is never stored); signing again answers
// exactly as a first signature does, so the API does not reveal who signed. Where the identity
// is a national id, the mail about an earlier signature goes to the address on record, never to
// the new one: knowing someone's number must not tell whether they signed, nor let anyone take
// over their unconfirmed signature.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "domain/petition.h"
#include "domain/receipt.h"
#include "domain/result.h"
#include "domain/signature.h"

namespace petitio {

struct CreatePetitionInput {
  std::string profile;
  std::string title;
  std::string text;
  std::string addressee;
  std::string addressee_level;   // a profile addressee code; required when it has levels
  std::string addressee_region;  // the region of a regional addressee
  std::string initiator_name;
  std::string initiator_email;
  // Where the profile's signers prove a national id (KZ: the IIN); never stored raw.
  std::string initiator_national_id = {};
  // The language the title and text are written in (an ISO 639 code: "kk", "ru", "de"), or empty
  // when not said; the initiator's mails are in it where Petitio speaks it, else in English.
  std::string language = {};
};

struct CreatePetitionOutcome {
  Petition petition;
  bool mail_sent = false;  // queued durably (always, once the petition is)
};

// Creates a pending petition and the initiator's pending signature, and mails the initiator a
// confirmation link and the sponsor link to share.
Result<CreatePetitionOutcome> CreatePetition(const AppContext& ctx, const CreatePetitionInput& in);

struct SignInput {
  std::string name;
  std::string email;
  std::string region;  // a profile region code, or empty
  // Where the profile's signers prove a national id (KZ: the IIN); never stored raw.
  std::string national_id = {};
  std::string client_ip = {};   // the request's address, for rate limits (moderators only)
  bool notify = false;          // mail me the petition's news (once my address is confirmed)
  std::string language = "en";  // of the mails to this signer: the page's language
};

struct SignOutcome {
  int64_t petition_id = 0;
  bool mail_sent = false;  // queued durably (always, once the signature is)
};

// A signer signs an open petition; they are mailed a confirmation link (or, when the address
// already signed and was confirmed, a note saying so). A signature over a rate limit, or from a
// disposable-address domain, is stored as fraudulent and never counts; the signer is answered
// and mailed exactly as anyone else.
Result<SignOutcome> SignPetition(const AppContext& ctx, int64_t petition_id, const SignInput& in);

// A sponsor supports a petition before publication through the sponsor link's token.
Result<SignOutcome> SponsorPetition(const AppContext& ctx, int64_t petition_id,
                                    const std::string& sponsor_token, const SignInput& in);
// The same two without waiting for the commit: `done` gets the outcome on the store's writer
// thread once the signature and its mail are on disk (Store::WriteThen), or at once on the
// calling thread when the input is refused before any write. The mail they queue wakes
// ctx.courier; a context without a courier (tests, tools) uses the blocking forms, which deliver
// on their own thread.
using SignDone = std::function<void(Result<SignOutcome>)>;
void SignPetitionThen(const AppContext& ctx, int64_t petition_id, const SignInput& in,
                      SignDone done);
void SponsorPetitionThen(const AppContext& ctx, int64_t petition_id,
                         const std::string& sponsor_token, const SignInput& in, SignDone done);

struct ConfirmOutcome {
  int64_t petition_id = 0;
  SignerRole role = SignerRole::kSigner;
  bool newly_counted = false;  // false when the token had already been used
  int64_t signature_count = 0;
  std::optional<Receipt> receipt;  // once the signature is in the petition's log
  bool receipt_mailed = false;     // the receipt is also queued to the signer's address
  std::string petition_title;
};

// Confirms the signature a token was mailed for: counted once however often it is repeated.
// `language`: of the receipt mail (the confirming page's language).
Result<ConfirmOutcome> ConfirmSignature(const AppContext& ctx, const std::string& token,
                                        std::string_view language = "en");
// The same without waiting for the commit (as SignPetitionThen).
using ConfirmDone = std::function<void(Result<ConfirmOutcome>)>;
void ConfirmSignatureThen(const AppContext& ctx, const std::string& token,
                          std::string_view language, ConfirmDone done);

// A nonce for one signing of petition `petition_id` through the identity provider, to be sent
// to the provider and come back inside its ID token; valid for 10 minutes. Stateless: a keyed
// hash of the petition, the expiry and a random part. Fails when no provider is configured.
Result<std::string> NewIdpNonce(const AppContext& ctx, int64_t petition_id);

struct IdpSignInput {
  std::string id_token;  // the provider's signed assertion (compact JWT)
  std::string nonce;     // from NewIdpNonce
  std::string region = {};
  std::string client_ip = {};
};

// A signer proven by the identity provider signs and is counted at once (one request, no mail):
// the ID token is verified (signature, issuer, audience, expiry, nonce); where the profile asks
// for a national id it must carry one (checked, adult) and the signer is counted once on it;
// otherwise once on the provider's subject. A signer whose mailed link is still unconfirmed is
// counted now. Rate limits hold back as for any signature. The receipt in the answer is the only
// copy: its secret comes from a one-time token that is not kept.
Result<ConfirmOutcome> SignWithIdentityProvider(const AppContext& ctx, int64_t petition_id,
                                                const IdpSignInput& in);
// The same without waiting for the commit: the token is checked on the calling thread, and
// `done` gets the outcome through Store::WriteThen (on the writer's thread once the signature
// is on disk), or at once on the calling thread when the request is refused before any write.
using IdpSignDone = std::function<void(Result<ConfirmOutcome>)>;
void SignWithIdentityProviderThen(const AppContext& ctx, int64_t petition_id,
                                  const IdpSignInput& in, IdpSignDone done);

struct InvalidationInput {
  std::string by;     // "ip", "subnet", "domain", "region" or "window" (the window alone)
  std::string value;  // the address, subnet, domain or region code; empty for "window"
  std::string from;   // optional RFC 3339 bounds of the signing time, [from, to)
  std::string to;
  std::string reason;  // public
};

// A moderator invalidates every pending and validated signature of a petition that matches:
// the validated ones leave the count (and their regions'), thresholds already reached stay
// reached, and a public record says when, by what kind of criterion, how many and why (the
// domain or region named; never an address). Returns that record.
Result<Invalidation> InvalidateSignatures(const AppContext& ctx, int64_t petition_id,
                                          const InvalidationInput& in);

// Where a petition's signatures of the last `window` come from: the top addresses, subnets and
// domains, for moderators.
Result<Trending> TrendingSources(const AppContext& ctx, int64_t petition_id,
                                 std::chrono::minutes window = std::chrono::minutes(60));

struct WithdrawOutcome {
  int64_t petition_id = 0;
  bool newly_withdrawn = false;  // false when it had already been withdrawn
  int64_t signature_count = 0;
};

// The signer withdraws their signature with the token of its confirmation mail, while the
// petition collects: it stops counting (the count and its region's count fall by one).
// Withdrawing again changes nothing. An unconfirmed signature is withdrawn without counting.
Result<WithdrawOutcome> WithdrawSignature(const AppContext& ctx, const std::string& token);

struct ConfirmationPreview {
  Petition petition;
  SignerRole role = SignerRole::kSigner;
  SignatureState state = SignatureState::kPending;
};

// What a confirmation link is for, without confirming anything (for the page's GET).
Result<ConfirmationPreview> PreviewConfirmation(const AppContext& ctx, const std::string& token);

struct ModerationInput {
  std::string decision;  // "publish" or "reject"
  std::string ground;    // required for "reject"
  std::string reason;    // required for "reject"
};

// Publishes (admits) or rejects a moderatable petition. The caller has checked the moderator's
// right.
Result<Petition> ModeratePetition(const AppContext& ctx, int64_t petition_id,
                                  const ModerationInput& in);

// Closes every open petition whose collection period has ended, and lapses every admitted
// petition whose supporters' clock ran out; returns how many changed.
Result<int> CloseExpiredPetitions(const AppContext& ctx);

// Erases the e-mail and signing addresses of the initiator and signers of every petition that
// ended (closed, lapsed, rejected or hidden) longer ago than its profile's contact_retention;
// returns how many petitions it erased. Counts, hashes and the public record stay.
Result<int> EraseExpiredContactData(const AppContext& ctx);

struct ExtensionInput {
  std::string stage;  // "consideration", ...
  int amount = 0;
  std::string unit;  // "working_days", "calendar_days", "weeks", "months"
  std::string reason;
};

// Records a reasoned extension of a stage's clock, where the profile allows one, and puts it on
// the timeline. The caller has checked the officer's right.
Result<Petition> ExtendDeadline(const AppContext& ctx, int64_t petition_id,
                                const ExtensionInput& in);

// True when `token` is the configured admin token (constant time; never true when unset).
bool IsAdminToken(const AppContext& ctx, const std::string& token);

}  // namespace petitio
