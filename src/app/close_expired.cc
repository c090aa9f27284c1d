#include <algorithm>

#include "app/record_transition.h"
#include "app/use_cases.h"

namespace petitio {

Result<int> CloseExpiredPetitions(const AppContext& ctx) {
  const TimePoint now = ctx.clock.Now();
  int closed = 0;
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    Result<std::vector<int64_t>> ids = tx.ListOpenPetitionsClosingBy(now);
    if (!ids.ok()) return ids.status();
    for (int64_t id : *ids) {
      Result<Petition> p = tx.GetPetition(id);
      if (!p.ok()) return p.status();
      Result<Transition> tr = CloseIfExpired(*p, now);
      if (!tr.ok()) return tr.status();
      PETITIO_RETURN_IF_ERROR(tx.UpdatePetition(*p));
      PETITIO_RETURN_IF_ERROR(RecordTransition(tx, id, *tr));
    }
    closed = static_cast<int>(ids->size());
    return Status::Ok();
  }));

  // Only profiles with a sponsors' clock lapse petitions; their petitions gathering sponsors
  // are few (each waits days for them), so a paged scan is cheap, and none is made otherwise.
  PetitionQuery q;
  for (const Profile* profile : ctx.profiles.All()) {
    const bool sponsors_clock =
        profile->Clock(Stage::kSponsors) != nullptr ||
        std::any_of(profile->addressees.begin(), profile->addressees.end(),
                    [](const Addressee& a) { return a.clocks.contains(Stage::kSponsors); });
    if (!sponsors_clock) continue;
    const PetitionState gathering = profile->order() == StageOrder::kModerationFirst
                                        ? PetitionState::kAdmitted
                                        : PetitionState::kValidated;
    if (std::find(q.states.begin(), q.states.end(), gathering) == q.states.end()) {
      q.states.push_back(gathering);
    }
  }
  if (q.states.empty()) return closed;
  q.order = PetitionQuery::Order::kNewest;
  q.limit = 500;
  std::vector<Petition> due;
  for (q.offset = 0;; q.offset += q.limit) {
    Result<std::vector<Petition>> page = ctx.store.ListPetitions(q);
    if (!page.ok()) return page.status();
    for (const Petition& candidate : *page) {
      const Profile* profile = ctx.profiles.Find(candidate.profile_id);
      Petition probe = candidate;
      if (profile != nullptr && LapseIfExpired(probe, *profile, now).ok()) {
        due.push_back(candidate);
      }
    }
    if (static_cast<int>(page->size()) < q.limit) break;
  }
  for (const Petition& candidate : due) {
    const Profile& profile = *ctx.profiles.Find(candidate.profile_id);
    PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
      Result<Petition> p = tx.GetPetition(candidate.id);
      if (!p.ok()) return p.status();
      Result<Transition> tr = LapseIfExpired(*p, profile, now);
      if (!tr.ok()) return Status::Ok();  // its sponsors arrived meanwhile
      ++closed;
      PETITIO_RETURN_IF_ERROR(tx.UpdatePetition(*p));
      return RecordTransition(tx, candidate.id, *tr);
    }));
  }
  return closed;
}

Result<int> EraseExpiredContactData(const AppContext& ctx) {
  const TimePoint now = ctx.clock.Now();
  PetitionQuery q;
  q.states = {PetitionState::kClosed, PetitionState::kLapsed, PetitionState::kRejected,
              PetitionState::kHidden};
  q.order = PetitionQuery::Order::kOldest;
  q.limit = 500;
  std::vector<std::pair<int64_t, const Profile*>> due;
  for (q.offset = 0;; q.offset += q.limit) {
    Result<std::vector<Petition>> page = ctx.store.ListPetitions(q);
    if (!page.ok()) return page.status();
    for (const Petition& p : *page) {
      const Profile* profile = ctx.profiles.Find(p.profile_id);
      if (p.contact_erased_at || profile == nullptr || !profile->contact_retention) continue;
      const std::optional<TimePoint> ended =
          p.closed_at ? p.closed_at
                      : (p.moderation ? std::optional(p.moderation->decided_at) : std::nullopt);
      if (!ended) continue;
      Result<TimePoint> erase_at = ClockEnd(*profile, profile->contact_retention->duration, *ended);
      if (erase_at.ok() && *erase_at <= now) due.emplace_back(p.id, profile);
    }
    if (static_cast<int>(page->size()) < q.limit) break;
  }
  int erased = 0;
  for (const auto& due_petition : due) {
    const int64_t id = due_petition.first;
    const Profile* const profile = due_petition.second;
    PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
      Result<Petition> p = tx.GetPetition(id);
      if (!p.ok()) return p.status();
      if (p->contact_erased_at) return Status::Ok();
      p->initiator_email.clear();
      p->contact_erased_at = now;
      PETITIO_RETURN_IF_ERROR(tx.EraseSignatureContacts(id));
      PETITIO_RETURN_IF_ERROR(tx.DeleteSubscriptions(id));
      PETITIO_RETURN_IF_ERROR(tx.UpdatePetition(*p));
      ++erased;
      return tx.AppendTimeline(
          id, {now, "contact_data_erased",
               "e-mail and signing addresses erased (" +
                   DescribeDuration(profile->contact_retention->duration) + " after the end)"});
    }));
  }
  return erased;
}

}  // namespace petitio
