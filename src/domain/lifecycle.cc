#include "domain/lifecycle.h"

#include <string>

namespace petitio {

namespace {

std::string ThresholdDetail(const Threshold& t) {
  return std::to_string(t.count) + " signatures: " + t.effect;
}

// "40 working days, due 2024-08-05", or why the due date is not known yet.
std::string DueText(const Profile& profile, const StageClock& clock, TimePoint start) {
  Result<Due> due = profile.DueFrom(start, clock.duration);
  std::string text = DescribeDuration(clock.duration);
  if (due.ok()) return text + ", due " + FormatDate(due->date);
  return text + "; due date not known yet: " + due.status().message();
}

// Regions whose count is at or over the region's minimum.
int RegionsAtMinimum(const Profile& profile, const std::map<std::string, int64_t>& counts) {
  int n = 0;
  for (const auto& [code, count] : counts) {
    const Region* r = profile.FindRegion(code);
    if (r != nullptr && r->minimum && count >= *r->minimum) ++n;
  }
  return n;
}

// min_regions thresholds first met by the signature `tally` describes.
void AddRegionCrossings(std::vector<ThresholdCrossing>& out,
                        const std::vector<Threshold>& thresholds, const Profile& profile,
                        int64_t before, int64_t after, const RegionTally& tally, TimePoint now) {
  const int regions_after = RegionsAtMinimum(profile, tally.counts_after);
  int regions_before = regions_after;
  if (const Region* r = profile.FindRegion(tally.region); r != nullptr && r->minimum) {
    auto it = tally.counts_after.find(tally.region);
    if (it != tally.counts_after.end() && it->second == *r->minimum) --regions_before;
  }
  for (size_t i = 0; i < thresholds.size(); ++i) {
    const Threshold& t = thresholds[i];
    if (t.min_regions == 0) continue;
    const bool met_before = before >= t.count && regions_before >= t.min_regions;
    const bool met_after = after >= t.count && regions_after >= t.min_regions;
    if (met_after && !met_before) out.push_back({static_cast<int>(i), after, now});
  }
}

Status AddCrossings(Transition& tr, Petition& p, const Profile& profile, int64_t before,
                    TimePoint now, const RegionTally* tally = nullptr) {
  Result<std::vector<Threshold>> thresholds =
      profile.ThresholdsFor(p.addressee_level, p.addressee_region);
  if (!thresholds.ok()) return thresholds.status();
  std::vector<ThresholdCrossing> crossings =
      CrossedThresholds(*thresholds, before, p.signature_count, now);
  if (tally != nullptr) {
    AddRegionCrossings(crossings, *thresholds, profile, before, p.signature_count, *tally, now);
  }
  for (const ThresholdCrossing& c : crossings) {
    const Threshold& t = (*thresholds)[static_cast<size_t>(c.index)];
    tr.crossings.push_back(c);
    tr.events.push_back({now, "threshold_reached", ThresholdDetail(t)});
    if (t.registers && !p.registered_at) {
      p.registered_at = now;
      std::string detail = "registered with the addressee for consideration";
      if (const StageClock* clock = profile.Clock(Stage::kConsideration, p.addressee_level)) {
        detail += "; consideration: " + DueText(profile, *clock, now);
      }
      tr.events.push_back({now, "registered", detail});
    }
  }
  return Status::Ok();
}

Status Open(Transition& tr, Petition& p, const Profile& profile, TimePoint now) {
  Result<TimePoint> closes = CollectionEnd(profile, now);
  if (!closes.ok()) return closes.status();
  p.state = PetitionState::kOpen;
  p.opened_at = now;
  p.closes_at = *closes;
  tr.events.push_back({now, "published", "collection open until " + FormatRfc3339(*closes)});
  // Sponsors' signatures already count; a threshold they reach is reached on publication.
  return AddCrossings(tr, p, profile, 0, now);
}

Status NotModeratable(const Petition& p) {
  return Status::Conflict(
      "this petition cannot be moderated now: it is " + std::string(PetitionStateName(p.state)),
      "not_moderatable");
}

}  // namespace

std::vector<ThresholdCrossing> CrossedThresholds(const std::vector<Threshold>& thresholds,
                                                 int64_t before, int64_t after, TimePoint now) {
  std::vector<ThresholdCrossing> out;
  for (size_t i = 0; i < thresholds.size(); ++i) {
    if (thresholds[i].min_regions > 0) continue;
    const int64_t count = thresholds[i].count;
    if (count > before && count <= after) out.push_back({static_cast<int>(i), count, now});
  }
  return out;
}

Result<Transition> CountValidatedSignature(Petition& p, SignerRole role, const Profile& profile,
                                           TimePoint now, const RegionTally* tally) {
  const StageOrder order = profile.order();
  bool accepts = IsCollecting(p.state);
  if (role == SignerRole::kInitiator) accepts = p.state == PetitionState::kPending;
  if (role == SignerRole::kSponsor) accepts = accepts || IsGatheringSponsors(p.state, order);
  if (!accepts) {
    return Status::Conflict(
        "the petition is " + std::string(PetitionStateName(p.state)) + " and takes no signatures",
        "petition_not_collecting");
  }
  Petition next = p;
  Transition tr;
  const int64_t before = next.signature_count;
  ++next.signature_count;
  if (role == SignerRole::kSponsor) ++next.sponsor_count;
  if (role == SignerRole::kInitiator) {
    next.state = PetitionState::kValidated;
    tr.events.push_back({now, "validated", "the initiator confirmed their e-mail address"});
    if (order == StageOrder::kModerationFirst) {
      next.moderation_started_at = now;
    } else if (profile.sponsors_required > 0) {
      next.sponsors_started_at = now;
    }
  }
  const bool enough = next.sponsor_count >= profile.sponsors_required;
  if (order == StageOrder::kSponsorsFirst && next.state == PetitionState::kValidated && enough) {
    next.state = PetitionState::kSponsored;
    next.moderation_started_at = now;
    tr.became_sponsored = true;
    tr.events.push_back(
        {now, "sponsored", std::to_string(next.sponsor_count) + " sponsors; awaiting moderation"});
  } else if (next.state == PetitionState::kAdmitted && enough) {
    tr.events.push_back({now, "sponsored", std::to_string(next.sponsor_count) + " supporters"});
    PETITIO_RETURN_IF_ERROR(Open(tr, next, profile, now));
  } else if (IsCollecting(next.state)) {
    PETITIO_RETURN_IF_ERROR(AddCrossings(tr, next, profile, before, now, tally));
  }
  p = std::move(next);
  return tr;
}

Result<Transition> UncountSignature(Petition& p, SignerRole role, const std::string& reason,
                                    TimePoint now) {
  if (role == SignerRole::kInitiator) {
    return Status::Conflict("the initiator's own signature cannot be withdrawn",
                            "initiator_signature");
  }
  if (p.signature_count < 1 || (role == SignerRole::kSponsor && p.sponsor_count < 1)) {
    return Status::Internal("petition " + std::to_string(p.id) + " has no signature to uncount");
  }
  --p.signature_count;
  if (role == SignerRole::kSponsor) --p.sponsor_count;
  Transition tr;
  if (!reason.empty()) tr.events.push_back({now, "signature_withdrawn", reason});
  return tr;
}

Result<TimePoint> ClockEnd(const Profile& profile, const Duration& duration, TimePoint start) {
  Result<Due> due = profile.DueFrom(start, duration);
  if (!due.ok()) return due.status();
  return profile.EndOfLocalDay(due->date);
}

Result<TimePoint> CollectionEnd(const Profile& profile, TimePoint opened_at) {
  return ClockEnd(profile, profile.Collection().duration, opened_at);
}

Result<Transition> Publish(Petition& p, const Profile& profile, TimePoint now) {
  if (!IsModeratable(p.state, profile.order())) return NotModeratable(p);
  Petition next = p;
  Transition tr;
  next.moderation = ModerationDecision{"publish", "", "", now};
  if (profile.order() == StageOrder::kModerationFirst && profile.sponsors_required > 0 &&
      next.sponsor_count < profile.sponsors_required) {
    next.state = PetitionState::kAdmitted;
    next.sponsors_started_at = now;
    std::string detail = "admitted by moderation; gathering " +
                         std::to_string(profile.sponsors_required) +
                         " supporters by its direct link";
    if (const StageClock* clock = profile.Clock(Stage::kSponsors, next.addressee_level)) {
      detail += " within " + DueText(profile, *clock, now);
    }
    tr.events.push_back({now, "admitted", detail});
  } else {
    PETITIO_RETURN_IF_ERROR(Open(tr, next, profile, now));
  }
  p = std::move(next);
  return tr;
}

Result<Transition> Reject(Petition& p, const Profile& profile, const std::string& ground_code,
                          const std::string& reason, TimePoint now) {
  if (!IsModeratable(p.state, profile.order())) return NotModeratable(p);
  const ModerationGround* ground = profile.FindGround(ground_code);
  if (ground == nullptr) {
    return Status::Invalid(
        "profile " + profile.id + " has no moderation ground '" + ground_code + "'",
        "unknown_ground");
  }
  Transition tr;
  p.state = ground->hides ? PetitionState::kHidden : PetitionState::kRejected;
  p.moderation = ModerationDecision{"reject", ground->code, reason, now};
  tr.events.push_back({now, "rejected", ground->code + ": " + ground->title.Get("en")});
  return tr;
}

Result<Transition> CloseIfExpired(Petition& p, TimePoint now) {
  if (!IsCollecting(p.state) || !p.closes_at || *p.closes_at > now) {
    return Status::Conflict("the petition is not due to close", "not_due");
  }
  Transition tr;
  p.state = PetitionState::kClosed;
  p.closed_at = *p.closes_at;
  tr.events.push_back({*p.closes_at, "closed", std::to_string(p.signature_count) + " signatures"});
  return tr;
}

Result<Transition> LapseIfExpired(Petition& p, const Profile& profile, TimePoint now) {
  const StageClock* clock = profile.Clock(Stage::kSponsors, p.addressee_level);
  const PetitionState gathering = profile.order() == StageOrder::kModerationFirst
                                      ? PetitionState::kAdmitted
                                      : PetitionState::kValidated;
  if (p.state != gathering || clock == nullptr || !p.sponsors_started_at) {
    return Status::Conflict("the petition is not gathering supporters on a clock", "not_due");
  }
  Result<TimePoint> end = ClockEnd(profile, clock->duration, *p.sponsors_started_at);
  if (!end.ok()) return end.status();
  if (*end > now) return Status::Conflict("the supporters' time has not run out", "not_due");
  Transition tr;
  p.state = PetitionState::kLapsed;
  p.closed_at = *end;
  tr.events.push_back({*end, "lapsed",
                       std::to_string(p.sponsor_count) + " of " +
                           std::to_string(profile.sponsors_required) + " supporters within " +
                           DescribeDuration(clock->duration)});
  return tr;
}

}  // namespace petitio
