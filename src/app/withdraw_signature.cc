#include "app/count_signature.h"
#include "app/signature_of_token.h"
#include "app/use_cases.h"
#include "app/validation.h"
#include "domain/crypto.h"
#include "domain/lifecycle.h"

namespace petitio {

Result<WithdrawOutcome> WithdrawSignature(const AppContext& ctx, const std::string& token) {
  Result<SignatureToken> parsed = CheckSignatureToken(token);
  if (!parsed.ok()) return parsed.status();
  const TokenLookup lookup = LookupOf(std::move(*parsed));
  const TimePoint now = ctx.clock.Now();

  WithdrawOutcome out;
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    Result<Signature> s = SignatureOfToken(tx, lookup, "unknown or replaced link");
    if (!s.ok()) return s.status();
    Result<Petition> p = tx.GetPetition(s->petition_id);
    if (!p.ok()) return p.status();
    out.petition_id = p->id;
    out.signature_count = p->signature_count;
    if (s->state == SignatureState::kWithdrawn) return Status::Ok();  // once is enough
    if (!IsCollecting(p->state)) {
      return Status::Conflict("the petition is " + std::string(PetitionStateName(p->state)) +
                                  "; a signature can be withdrawn only while it collects",
                              "petition_not_collecting");
    }
    if (s->state == SignatureState::kPending) {
      if (s->role == SignerRole::kInitiator) {
        return Status::Conflict("the initiator's own signature cannot be withdrawn",
                                "initiator_signature");
      }
      s->state = SignatureState::kWithdrawn;
      out.newly_withdrawn = true;
      return tx.UpdateSignatureState(*s);
    }
    if (s->state != SignatureState::kValidated) {
      return Status::Conflict("this signature was invalidated", "signature_invalidated");
    }
    Result<Transition> tr = UncountSignature(*p, s->role, "", now);
    if (!tr.ok()) return tr.status();
    s->state = SignatureState::kWithdrawn;
    PETITIO_RETURN_IF_ERROR(AppendCancellation(tx, *s, LogEntryType::kWithdrawal, now));
    PETITIO_RETURN_IF_ERROR(tx.UpdateSignatureState(*s));
    PETITIO_RETURN_IF_ERROR(tr->OnlyCounts() ? tx.UpdatePetitionCounts(*p) : tx.UpdatePetition(*p));
    PETITIO_RETURN_IF_ERROR(tx.AddToRegionCount(p->id, s->region, -1));
    out.newly_withdrawn = true;
    out.signature_count = p->signature_count;
    return Status::Ok();
  }));
  return out;
}

}  // namespace petitio
