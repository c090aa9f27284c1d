#include "app/mail_queue.h"
#include "app/mail_texts.h"
#include "app/notifications.h"
#include "app/record_transition.h"
#include "app/use_cases.h"
#include "app/validation.h"
#include "domain/text.h"

namespace petitio {

Result<Petition> ModeratePetition(const AppContext& ctx, int64_t petition_id,
                                  const ModerationInput& in) {
  const bool publish = in.decision == "publish";
  if (!publish && in.decision != "reject") {
    return Status::Invalid("decision must be \"publish\" or \"reject\"", "invalid_decision");
  }
  if (!publish) {
    if (Trim(in.ground).empty()) {
      return Status::Invalid("a rejection names a ground of the profile", "missing_ground");
    }
    PETITIO_RETURN_IF_ERROR(CheckText("reason", in.reason, kMaxReasonChars));
  }
  const TimePoint now = ctx.clock.Now();
  Petition petition;
  const std::string sender = MailSender(ctx);
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    Result<Petition> p = tx.GetPetition(petition_id);
    if (!p.ok()) return PetitionLookupError(p.status());
    const Profile* profile = ctx.profiles.Find(p->profile_id);
    if (profile == nullptr) return Status::Internal("petition has an unknown profile");
    Result<Transition> tr = publish ? Publish(*p, *profile, now)
                                    : Reject(*p, *profile, std::string(Trim(in.ground)),
                                             std::string(Trim(in.reason)), now);
    if (!tr.ok()) return tr.status();
    PETITIO_RETURN_IF_ERROR(tx.UpdatePetition(*p));
    PETITIO_RETURN_IF_ERROR(RecordTransition(tx, p->id, *tr));
    petition = *p;
    return QueueMail(tx, sender, ModerationDecisionMail(ctx, petition), now);
  }));
  NotifyCourier(ctx);
  return petition;
}

bool IsAdminToken(const AppContext& ctx, const std::string& token) {
  return !ctx.admin_token.empty() && TokensEqual(token, ctx.admin_token);
}

}  // namespace petitio
