// Read-side use cases: what a petition looks like to whoever asks, lists, counts and the
// moderation queue.
//
// Visibility: the public sees open, closed and rejected petitions; a petition before
// publication is seen through its sponsor link's token; a moderator (admin token) sees all.
// A petition the viewer may not see is reported as not found, never as forbidden, so its
// existence is not revealed.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "domain/account.h"
#include "domain/consideration.h"
#include "domain/merkle.h"
#include "domain/petition.h"
#include "domain/profile.h"
#include "domain/stage_deadlines.h"
#include "domain/statement.h"

namespace petitio {

enum class Viewer { kPublic, kModerator };

struct ThresholdView {
  Threshold threshold;
  std::optional<TimePoint> reached_at;
};

// One entry of a petition's public timeline: an event of the server's own clock (`record` null),
// or a step the authority recorded with its real day. In order of `date`, then of recording.
struct TimelineItem {
  Date date;     // the day it happened, in the petition's jurisdiction
  TimePoint at;  // when the server recorded it
  std::string kind;
  std::string detail;
  const ConsiderationRecord* record = nullptr;  // into PetitionView::records
  const StageDeadline* deadline = nullptr;      // into PetitionView::deadlines
  std::optional<bool> in_time = {};
  bool scheduled = false;  // a meeting still to come
};

struct PetitionView {
  Petition petition;
  const Profile* profile = nullptr;
  std::vector<ThresholdView> thresholds;
  std::vector<StageDeadline> deadlines;
  std::map<std::string, int64_t> signatures_by_region;
  std::vector<Invalidation> invalidations;  // the public record of bulk invalidations
  uint64_t log_size = 0;                    // the transparency log beside the count
  MerkleHash log_root{};                    //
                                            // validated, by region code ("": none)
  std::vector<TimelineEvent> timeline;
  std::vector<ConsiderationRecord> records;  // the authority's, in the order recorded
  std::vector<Statement> statements;
  std::vector<TimelineItem> items;  // the timeline and the records, merged in order
  bool via_sponsor_link = false;    // seen before publication through the sponsor token
  PetitionView() = default;
  PetitionView(const PetitionView&) = delete;  // items point into records and deadlines
  PetitionView(PetitionView&&) = default;
  PetitionView& operator=(PetitionView&&) = default;
};

// `sponsor_token` may be empty; when it matches, a petition before publication is shown.
Result<PetitionView> ViewPetition(const AppContext& ctx, int64_t id, Viewer viewer,
                                  const std::string& sponsor_token);

struct ListInput {
  std::string state;  // "", "open", "closed" or "rejected"
  std::string order;  // "", "most_signed", "newest" or "closing_soon"
  int limit = 50;
  int offset = 0;
  std::string text = {};             // words to find (folded as domain/search_fold.h says)
  std::string profile = {};          // a profile id
  std::string addressee_level = {};  // a profile addressee code
  std::string authority = {};        // an authority's code
  bool overdue = false;              // only petitions with a stage deadline overdue
};

// Public petitions, searched and filtered; an unknown or non-public state, an unknown profile
// or order is an InvalidArgument. `overdue` looks at the 500 best candidates of the other
// conditions.
Result<std::vector<Petition>> ListPublicPetitions(const AppContext& ctx, const ListInput& in);

// A public petition (NotFound for one that is not, or not yet, public).
Result<Petition> PublicPetition(const AppContext& ctx, int64_t id);

// The signature count of a public petition: from memory alone where the store knows its state
// (Store::CachedPetitionState) and count.
Result<int64_t> PublicSignatureCount(const AppContext& ctx, int64_t id);
// The same from memory alone: nullopt where the store does not know the petition's state and
// count, and for a petition that is not public (PublicSignatureCount says why).
std::optional<int64_t> PublicSignatureCountFromMemory(const AppContext& ctx, int64_t id);

// Petitions awaiting a moderation decision (each in its profile's order), oldest first.
Result<std::vector<Petition>> ModerationQueue(const AppContext& ctx);

// The queue as moderators see it: each petition with its moderation deadline (working days,
// from the profile) and who holds it, while their lock lasts.
struct QueueItem {
  Petition petition;
  std::optional<StageDeadline> deadline;
  std::optional<ModerationLock> lock;  // unexpired only
  std::string locked_by;               // the holder's name
};
Result<std::vector<QueueItem>> ModerationQueueItems(const AppContext& ctx);

// Signatures over time: validated signatures that still count, by the hour or by the day (days
// of the petition's jurisdiction), each bucket with its count and the running total.
struct SeriesPoint {
  TimePoint start;
  int64_t count = 0;
  int64_t total = 0;
};
struct Series {
  std::string interval;  // "hour" or "day"
  int utc_offset_minutes = 0;
  std::vector<SeriesPoint> points;
};
Result<Series> SignatureSeries(const AppContext& ctx, int64_t id, const std::string& interval);

// What a staff member works on: an officer, the petitions assigned to their authority (newest
// first); anyone else, the public petitions (most signed first). At most 200.
Result<std::vector<Petition>> StaffPetitions(const AppContext& ctx, const Account& account);

}  // namespace petitio
