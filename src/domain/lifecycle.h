// Lifecycle rules: how a petition changes when a signature is validated, when a moderator
// decides, and when its collection period ends. Pure functions over values; the caller (a use
// case) loads the petition, applies one of these, and stores the result in the same unit.
//
// Each function either changes `p` and returns what happened (timeline events and threshold
// crossings to record), or returns a non-OK Status and leaves `p` untouched.
#pragma once

#include <vector>

#include "domain/petition.h"
#include "domain/profile.h"
#include "domain/result.h"
#include "domain/signature.h"

namespace petitio {

struct Transition {
  std::vector<TimelineEvent> events;
  std::vector<ThresholdCrossing> crossings;
  bool became_sponsored = false;  // the initiator should hear it awaits moderation
};

// A signature of `role` was validated: counts it, and moves pending -> validated (initiator
// confirmed) -> sponsored (the profile's sponsors reached, initiator confirmed). Thresholds
// are recorded only while the petition collects. Fails when the petition takes no more
// signatures of that role (a signer before opening, anyone after it ended).
Result<Transition> CountValidatedSignature(Petition& p, SignerRole role, const Profile& profile,
                                           TimePoint now);

// Publish a moderatable petition: open, collecting until the profile's period ends.
Result<Transition> Publish(Petition& p, const Profile& profile, TimePoint now);

// Reject a moderatable petition on one of the profile's grounds; a ground that hides makes it
// hidden, otherwise it stays public as rejected.
Result<Transition> Reject(Petition& p, const Profile& profile, const std::string& ground_code,
                          const std::string& reason, TimePoint now);

// Close an open petition whose collection period has ended (closes_at <= now).
Result<Transition> CloseIfExpired(Petition& p, TimePoint now);

// The instant collection ends for a petition opened at `opened_at`: the end of the last day
// of the profile's period (UTC), counted from the day after opening.
TimePoint CollectionEnd(const Profile& profile, TimePoint opened_at);

// Thresholds whose count lies in (before, after], as crossings at `now`.
std::vector<ThresholdCrossing> CrossedThresholds(const Profile& profile, int64_t before,
                                                 int64_t after, TimePoint now);

}  // namespace petitio
