// Lifecycle rules: how a petition changes when a signature is validated, when a moderator
// decides, when a statutory clock runs out. Pure functions over values; the caller (a use case)
// loads the petition, applies one of these, and stores the result in the same unit.
//
// Each function either changes `p` and returns what happened (timeline events and threshold
// crossings to record), or returns a non-OK Status and leaves `p` untouched. The stages before
// publication follow the profile's order (see domain/petition.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "domain/petition.h"
#include "domain/profile.h"
#include "domain/result.h"
#include "domain/signature.h"

namespace petitio {

// The region of the signature being counted, and the petition's validated signatures by
// region once it counts. Needed only by thresholds with min_regions (EU ECI).
struct RegionTally {
  std::string region;
  std::map<std::string, int64_t> counts_after;
};

struct Transition {
  std::vector<TimelineEvent> events;
  std::vector<ThresholdCrossing> crossings;
  bool became_sponsored = false;  // the initiator should hear it awaits moderation

  // Nothing happened but counting: of the petition, at most its signature and sponsor counts
  // changed (CountValidatedSignature and UncountSignature keep this promise; the store then
  // writes the counts alone).
  bool OnlyCounts() const { return events.empty() && crossings.empty() && !became_sponsored; }
};

// A signature of `role` was validated: counts it and moves the petition on: the initiator's
// confirmation validates it (and starts moderation when the profile moderates first); enough
// sponsors move it to moderation (sponsors first) or publish it (moderation first). Thresholds
// are recorded only while the petition collects; one that registers sets registered_at and
// starts the consideration clock. A min_regions threshold is reached by the signature that
// first makes both the total and the regions over their minimum enough, which needs `tally`.
// Fails when the petition takes no more signatures of that role.
Result<Transition> CountValidatedSignature(Petition& p, SignerRole role, const Profile& profile,
                                           TimePoint now, const RegionTally* tally = nullptr);

// A validated signature of `role` stops counting (the signer withdrew it, or it was
// invalidated): the counts fall by one; thresholds already reached stay reached. Never the
// initiator's.
Result<Transition> UncountSignature(Petition& p, SignerRole role, const std::string& reason,
                                    TimePoint now);

// A moderator admits a moderatable petition: it opens for collection, or, when the profile
// moderates first and needs sponsors, it is admitted and gathers them behind its direct link.
Result<Transition> Publish(Petition& p, const Profile& profile, TimePoint now);

// Reject a moderatable petition on one of the profile's grounds; a ground that hides makes it
// hidden, otherwise it stays public as rejected.
Result<Transition> Reject(Petition& p, const Profile& profile, const std::string& ground_code,
                          const std::string& reason, TimePoint now);

// Close an open petition whose collection period has ended (closes_at <= now).
Result<Transition> CloseIfExpired(Petition& p, TimePoint now);

// A petition still gathering its sponsors (admitted, or validated when sponsors come first)
// whose sponsors' clock ran out lapses.
Result<Transition> LapseIfExpired(Petition& p, const Profile& profile, TimePoint now);

// The instant a stage clock started at `start` runs out: the end of its due day, in the
// jurisdiction's time.
Result<TimePoint> ClockEnd(const Profile& profile, const Duration& duration, TimePoint start);

// The instant collection ends for a petition opened at `opened_at`.
Result<TimePoint> CollectionEnd(const Profile& profile, TimePoint opened_at);

// Thresholds whose count lies in (before, after], as crossings at `now`. A threshold that also
// needs regions over their minimum (min_regions) is not crossed by a count alone and is never
// reported here (CountValidatedSignature decides it with the counts by region).
std::vector<ThresholdCrossing> CrossedThresholds(const std::vector<Threshold>& thresholds,
                                                 int64_t before, int64_t after, TimePoint now);

}  // namespace petitio
