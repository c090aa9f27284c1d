// Petition: the domain value and its lifecycle states, with named state groups.
//
// Lifecycle. pending: created, the initiator has not confirmed their e-mail. Then the profile's
// pre-publication stages in its order:
//   sponsors first (UK): validated (gathering sponsors) -> sponsored (awaiting moderation) ->
//     open;
//   moderation first (KZ): validated (awaiting moderation) -> admitted (moderated; gathering
//     supporters behind a direct link) -> open, or lapsed when the supporters' clock runs out;
//     with no sponsors required (DE), validated -> open.
// open: published, collecting -> closed when the collection period ends. A moderator may
// instead reject a moderatable petition: rejected (public, with its ground and reason) or
// hidden (the ground hides it, e.g. libel). Code asks the named groups below, never compares
// states ad hoc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/time.h"

namespace petitio {

enum class PetitionState {
  kPending,
  kValidated,
  kSponsored,
  kAdmitted,
  kOpen,
  kClosed,
  kRejected,
  kHidden,
  kLapsed,
};

// The order of a profile's stages before publication.
enum class StageOrder { kSponsorsFirst, kModerationFirst };

std::string_view PetitionStateName(PetitionState state);
std::optional<PetitionState> ParsePetitionState(std::string_view name);

// Shown in public lists and pages: open, closed and rejected.
bool IsVisible(PetitionState s);
// Sponsors may join now: before publication, in the sponsors stage (sponsors first: from
// creation until publication; moderation first: once admitted).
bool IsGatheringSponsors(PetitionState s, StageOrder order);
// A moderator may publish (admit) or reject it now.
bool IsModeratable(PetitionState s, StageOrder order);
// Signatures are being collected.
bool IsCollecting(PetitionState s);
// No further change is expected.
bool IsFinal(PetitionState s);

struct ModerationDecision {
  std::string decision;     // "publish" or "reject"
  std::string ground_code;  // for a rejection: a ground of the petition's profile
  std::string reason;       // free text for people
  TimePoint decided_at;
};

struct Petition {
  int64_t id = 0;
  std::string profile_id;
  std::string title;
  std::string text;
  std::string addressee;         // the body, in the initiator's words
  std::string addressee_level;   // a profile addressee code ("central"), or empty
  std::string addressee_region;  // the region of a regional addressee, or empty
  std::string initiator_name;
  std::string initiator_email;  // for mail to the initiator; never published
  std::string sponsor_token;    // secret part of the sponsor link
  PetitionState state = PetitionState::kPending;
  int64_t signature_count = 0;  // validated signatures of every role
  int64_t sponsor_count = 0;    // validated sponsor signatures
  TimePoint created_at;
  std::optional<TimePoint> moderation_started_at;  // entered moderation
  std::optional<TimePoint> sponsors_started_at;    // moderation first: admitted
  std::optional<TimePoint> opened_at;
  std::optional<TimePoint> closes_at;
  std::optional<TimePoint> closed_at;          // collection ended, or the petition lapsed
  std::optional<TimePoint> registered_at;      // a registering threshold was reached, or the
                                               // day its authority recorded the registration
  std::optional<TimePoint> contact_erased_at;  // e-mail and signing addresses erased
  std::optional<ModerationDecision> moderation;
  std::string authority = {};                // the code of the authority that considers it
  std::string registration_number = {};      // given by that authority
  std::optional<TimePoint> decided_at = {};  // the authority's decision was published
  std::string decision = {};  // "accepted", "partially_accepted" or "rejected"; empty before
  // The language its title and text are written in (ISO 639: "kk", "ru", "de"); its initiator's
  // mails are in it where Petitio speaks it. Empty for petitions older than this field or created
  // without saying (shown unmarked, initiator mailed in English).
  std::string language = {};
};

// One thing that happened to a petition, for its public timeline.
struct TimelineEvent {
  TimePoint at;
  std::string kind;    // "created", "validated", "sponsored", "admitted", "published",
                       // "rejected", "lapsed", "threshold_reached", "registered", "extended",
                       // "closed"
  std::string detail;  // short, public, no personal data
};

// The moment a petition's count first reached one of its profile's thresholds.
struct ThresholdCrossing {
  int index = 0;  // into Profile::thresholds
  int64_t count = 0;
  TimePoint reached_at;
};

}  // namespace petitio
