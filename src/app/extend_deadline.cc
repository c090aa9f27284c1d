#include "app/use_cases.h"
#include "app/validation.h"
#include "domain/stage_deadlines.h"
#include "domain/text.h"

namespace petitio {

Result<Petition> ExtendDeadline(const AppContext& ctx, int64_t petition_id,
                                const ExtensionInput& in) {
  const std::optional<Stage> stage = ParseStage(in.stage);
  if (!stage) {
    return Status::Invalid(
        "stage must be one of moderation, sponsors, collection, consideration, answer",
        "invalid_stage");
  }
  const std::optional<DurationUnit> unit = ParseDurationUnit(in.unit);
  if (!unit) {
    return Status::Invalid("unit must be working_days, calendar_days, weeks or months",
                           "invalid_unit");
  }
  if (in.amount < 1 || in.amount > kMaxDurationAmount) {
    return Status::Invalid("amount must be a positive whole number", "invalid_amount");
  }
  PETITIO_RETURN_IF_ERROR(CheckText("reason", in.reason, kMaxReasonChars));
  const TimePoint now = ctx.clock.Now();
  const DeadlineExtension ext{*stage, {in.amount, *unit}, std::string(Trim(in.reason)), now};

  Petition petition;
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    Result<Petition> p = tx.GetPetition(petition_id);
    if (!p.ok()) return PetitionLookupError(p.status());
    petition = *p;
    const Profile* profile = ctx.profiles.Find(petition.profile_id);
    if (profile == nullptr) return Status::Internal("petition has an unknown profile");
    Result<std::vector<DeadlineExtension>> existing = tx.GetExtensions(petition_id);
    if (!existing.ok()) return existing.status();
    PETITIO_RETURN_IF_ERROR(CheckExtension(petition, *profile, *existing, ext, now));
    PETITIO_RETURN_IF_ERROR(tx.RecordExtension(petition_id, ext));
    existing->push_back(ext);
    std::string detail =
        std::string(StageName(ext.stage)) + " extended by " + DescribeDuration(ext.duration);
    for (const StageDeadline& d : StageDeadlines(petition, *profile, *existing, now)) {
      if (d.stage == ext.stage && d.due) detail += ", now due " + FormatDate(*d.due);
    }
    return tx.AppendTimeline(petition_id, {now, "extended", detail + ": " + ext.reason});
  }));
  return petition;
}

}  // namespace petitio
