#include "domain/lifecycle.h"

#include <string>

namespace petitio {

namespace {

std::string ThresholdDetail(const Threshold& t) {
  return std::to_string(t.count) + " signatures: " + t.effect;
}

void AddCrossings(Transition& tr, const Profile& profile, int64_t before, int64_t after,
                  TimePoint now) {
  for (const ThresholdCrossing& c : CrossedThresholds(profile, before, after, now)) {
    tr.crossings.push_back(c);
    tr.events.push_back({now, "threshold_reached", ThresholdDetail(profile.thresholds[c.index])});
  }
}

}  // namespace

std::vector<ThresholdCrossing> CrossedThresholds(const Profile& profile, int64_t before,
                                                 int64_t after, TimePoint now) {
  std::vector<ThresholdCrossing> out;
  for (size_t i = 0; i < profile.thresholds.size(); ++i) {
    const int64_t count = profile.thresholds[i].count;
    if (count > before && count <= after) {
      out.push_back({static_cast<int>(i), count, now});
    }
  }
  return out;
}

Result<Transition> CountValidatedSignature(Petition& p, SignerRole role, const Profile& profile,
                                           TimePoint now) {
  const bool accepts = role == SignerRole::kSigner
                           ? IsCollecting(p.state)
                           : IsGatheringSponsors(p.state) || IsCollecting(p.state);
  if (!accepts) {
    return Status::Conflict(
        "the petition is " + std::string(PetitionStateName(p.state)) + " and takes no signatures",
        "petition_not_collecting");
  }
  Transition tr;
  const int64_t before = p.signature_count;
  ++p.signature_count;
  if (role == SignerRole::kSponsor) ++p.sponsor_count;
  if (role == SignerRole::kInitiator && p.state == PetitionState::kPending) {
    p.state = PetitionState::kValidated;
    tr.events.push_back({now, "validated", "the initiator confirmed their e-mail address"});
  }
  if (p.state == PetitionState::kValidated && p.sponsor_count >= profile.sponsors_required) {
    p.state = PetitionState::kSponsored;
    tr.became_sponsored = true;
    tr.events.push_back(
        {now, "sponsored", std::to_string(p.sponsor_count) + " sponsors; awaiting moderation"});
  }
  if (IsCollecting(p.state)) AddCrossings(tr, profile, before, p.signature_count, now);
  return tr;
}

TimePoint CollectionEnd(const Profile& profile, TimePoint opened_at) {
  const Date last_day = profile.collection.EndDate(DateOf(opened_at));
  return StartOfDay(AddDays(last_day, 1));
}

Result<Transition> Publish(Petition& p, const Profile& profile, TimePoint now) {
  if (!IsModeratable(p.state)) {
    return Status::Conflict("only a sponsored petition can be moderated; this one is " +
                                std::string(PetitionStateName(p.state)),
                            "not_moderatable");
  }
  Transition tr;
  p.state = PetitionState::kOpen;
  p.opened_at = now;
  p.closes_at = CollectionEnd(profile, now);
  p.moderation = ModerationDecision{"publish", "", "", now};
  tr.events.push_back({now, "published", "collection open until " + FormatRfc3339(*p.closes_at)});
  // Sponsors' signatures already count; a threshold they reach is reached on publication.
  AddCrossings(tr, profile, 0, p.signature_count, now);
  return tr;
}

Result<Transition> Reject(Petition& p, const Profile& profile, const std::string& ground_code,
                          const std::string& reason, TimePoint now) {
  if (!IsModeratable(p.state)) {
    return Status::Conflict("only a sponsored petition can be moderated; this one is " +
                                std::string(PetitionStateName(p.state)),
                            "not_moderatable");
  }
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

}  // namespace petitio
