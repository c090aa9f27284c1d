#include "domain/stage_deadlines.h"

#include <utility>

namespace petitio {

namespace {

struct StageSpan {
  Stage stage;
  std::optional<TimePoint> start;
  std::optional<TimePoint> completed;
};

std::vector<StageSpan> Spans(const Petition& p) {
  std::optional<TimePoint> decided;
  if (p.moderation) decided = p.moderation->decided_at;
  // Sponsors end at publication (moderation first) or on entering moderation (sponsors first).
  std::optional<TimePoint> sponsors_done = p.opened_at;
  if (p.moderation_started_at && p.sponsors_started_at &&
      *p.moderation_started_at >= *p.sponsors_started_at) {
    sponsors_done = p.moderation_started_at;
  }
  if (p.state == PetitionState::kLapsed) sponsors_done = p.closed_at;
  std::optional<TimePoint> collection_done;
  if (p.opened_at && p.closed_at) collection_done = p.closed_at;
  return {
      {Stage::kModeration, p.moderation_started_at, decided},
      {Stage::kSponsors, p.sponsors_started_at, sponsors_done},
      {Stage::kCollection, p.opened_at, collection_done},
      // The authority's published decision completes both.
      {Stage::kConsideration, p.registered_at, p.decided_at},
      {Stage::kAnswer, p.registered_at, p.decided_at},
  };
}

}  // namespace

std::vector<StageDeadline> StageDeadlines(const Petition& p, const Profile& profile,
                                          const std::vector<DeadlineExtension>& extensions,
                                          TimePoint now) {
  std::vector<StageDeadline> out;
  for (const StageSpan& span : Spans(p)) {
    const StageClock* clock = profile.Clock(span.stage, p.addressee_level);
    if (clock == nullptr || !span.start) continue;
    StageDeadline d;
    d.stage = span.stage;
    d.starts_at = *span.start;
    d.duration = clock->duration;
    d.basis = clock->source;
    d.completed_at = span.completed;
    for (const DeadlineExtension& e : extensions) {
      if (e.stage == span.stage) d.extensions.push_back(e);
    }
    Result<Due> due = profile.DueFrom(*span.start, clock->duration);
    for (const DeadlineExtension& e : d.extensions) {
      if (!due.ok()) break;
      due = ComputeDue(profile.calendar.get(), due->date, e.duration, CountFrom::kNextDay);
    }
    if (due.ok()) {
      d.due = due->date;
      d.overdue = !d.completed_at && now >= profile.EndOfLocalDay(due->date);
      d.days_left_working = clock->duration.unit == DurationUnit::kWorkingDays;
      if (!d.completed_at) {
        Result<int> left = DaysLeft(d.days_left_working ? profile.calendar.get() : nullptr,
                                    profile.LocalDate(now), due->date);
        if (left.ok()) d.days_left = *left;
      }
    } else {
      d.due_error = due.status().message();
    }
    out.push_back(std::move(d));
  }
  return out;
}

Status CheckExtension(const Petition& p, const Profile& profile,
                      const std::vector<DeadlineExtension>& existing, const DeadlineExtension& ext,
                      TimePoint now) {
  const StageClock* clock = profile.Clock(ext.stage, p.addressee_level);
  const std::string stage(StageName(ext.stage));
  if (clock == nullptr || !clock->extension) {
    return Status::Conflict(
        "the " + stage + " clock of profile " + profile.id + " cannot be extended",
        "extension_not_allowed");
  }
  if (ext.reason.empty()) return Status::Invalid("an extension needs a reason", "missing_reason");
  if (ext.duration.unit != clock->extension->unit) {
    return Status::Invalid("extensions of the " + stage + " clock are counted in " +
                               std::string(DurationUnitName(clock->extension->unit)),
                           "invalid_extension");
  }
  int total = ext.duration.amount;
  for (const DeadlineExtension& e : existing) {
    if (e.stage == ext.stage) total += e.duration.amount;
  }
  if (ext.duration.amount < 1 || total > clock->extension->amount) {
    return Status::Invalid("the " + stage + " clock may be extended by at most " +
                               DescribeDuration(*clock->extension) + " in all (" +
                               clock->extension_source + ")",
                           "invalid_extension");
  }
  for (const StageDeadline& d : StageDeadlines(p, profile, existing, now)) {
    if (d.stage != ext.stage) continue;
    if (d.completed_at) {
      return Status::Conflict("the " + stage + " stage is already completed", "stage_completed");
    }
    return Status::Ok();
  }
  return Status::Conflict("the " + stage + " clock has not started", "stage_not_started");
}

}  // namespace petitio
