#include <map>

#include "app/count_signature.h"
#include "app/record_transition.h"
#include "app/use_cases.h"
#include "app/validation.h"
#include "domain/lifecycle.h"
#include "domain/text.h"

namespace petitio {

namespace {

Result<SignatureMatch> ParseMatch(const InvalidationInput& in) {
  SignatureMatch m;
  const std::string by(Trim(in.by));
  if (by == "ip") {
    m.field = MatchField::kIp;
  } else if (by == "subnet") {
    m.field = MatchField::kSubnet;
  } else if (by == "domain") {
    m.field = MatchField::kEmailDomain;
  } else if (by == "region") {
    m.field = MatchField::kRegion;
  } else if (by != "window") {
    return Status::Invalid("by must be ip, subnet, domain, region or window", "invalid_by");
  }
  m.value = std::string(Trim(in.value));
  if (m.field == MatchField::kEmailDomain) m.value = NormalizeEmail(m.value);
  if (m.field != MatchField::kNone && m.value.empty()) {
    return Status::Invalid("value is required: the " + by + " to invalidate", "missing_value");
  }
  for (auto [text, out, name] :
       {std::tuple{&in.from, &m.from, "from"}, std::tuple{&in.to, &m.to, "to"}}) {
    if (text->empty()) continue;
    std::optional<TimePoint> t = ParseRfc3339(*text);
    if (!t) {
      return Status::Invalid(std::string(name) + " must be an RFC 3339 time",
                             std::string("invalid_") + name);
    }
    *out = *t;
  }
  if (m.field == MatchField::kNone && (!m.from || !m.to)) {
    return Status::Invalid("a window needs both from and to", "invalid_window");
  }
  if (m.from && m.to && *m.from >= *m.to) {
    return Status::Invalid("from must be before to", "invalid_window");
  }
  return m;
}

}  // namespace

Result<Invalidation> InvalidateSignatures(const AppContext& ctx, int64_t petition_id,
                                          const InvalidationInput& in) {
  Result<SignatureMatch> match = ParseMatch(in);
  if (!match.ok()) return match.status();
  PETITIO_RETURN_IF_ERROR(CheckText("reason", in.reason, kMaxReasonChars));
  const TimePoint now = ctx.clock.Now();
  Invalidation record;
  record.at = now;
  record.matched_by = std::string(MatchFieldName(match->field));
  // Domains and regions are public facts; addresses are personal data and stay private.
  if (match->field == MatchField::kEmailDomain || match->field == MatchField::kRegion) {
    record.detail = match->value;
  }
  record.reason = std::string(Trim(in.reason));

  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    Result<Petition> p = tx.GetPetition(petition_id);
    if (!p.ok()) return PetitionLookupError(p.status());
    Result<std::vector<Signature>> matched = tx.ListSignaturesMatching(petition_id, *match);
    if (!matched.ok()) return matched.status();
    std::map<std::string, int64_t> region_delta;
    for (Signature& s : *matched) {
      if (s.role == SignerRole::kInitiator) continue;  // the petition's own author stays
      if (s.state == SignatureState::kValidated) {
        Result<Transition> tr = UncountSignature(*p, s.role, "", now);
        if (!tr.ok()) return tr.status();
        --region_delta[s.region];
        PETITIO_RETURN_IF_ERROR(AppendCancellation(tx, s, LogEntryType::kInvalidation, now));
      }
      s.state = SignatureState::kInvalidated;
      PETITIO_RETURN_IF_ERROR(tx.UpdateSignatureState(s));
      ++record.count;
    }
    for (const auto& [region, delta] : region_delta) {
      PETITIO_RETURN_IF_ERROR(tx.AddToRegionCount(petition_id, region, delta));
    }
    PETITIO_RETURN_IF_ERROR(tx.UpdatePetition(*p));
    PETITIO_RETURN_IF_ERROR(tx.RecordInvalidation(petition_id, record));
    std::string detail =
        std::to_string(record.count) + " signatures invalidated, by " + record.matched_by;
    if (!record.detail.empty()) detail += " " + record.detail;
    return tx.AppendTimeline(petition_id, {now, "invalidated", detail + ": " + record.reason});
  }));
  return record;
}

Result<Trending> TrendingSources(const AppContext& ctx, int64_t petition_id,
                                 std::chrono::minutes window) {
  Result<Petition> p = ctx.store.GetPetition(petition_id);
  if (!p.ok()) return PetitionLookupError(p.status());
  return ctx.store.GetTrending(petition_id, ctx.clock.Now() - window, 10);
}

}  // namespace petitio
