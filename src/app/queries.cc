#include "app/queries.h"

#include <algorithm>

#include "app/series_cache.h"
#include "app/transparency_log.h"
#include "app/validation.h"
#include "domain/crypto.h"
#include "domain/search_fold.h"
#include "domain/text.h"

namespace petitio {

namespace {

bool MayView(const Petition& p, Viewer viewer, const std::string& sponsor_token, bool& via_link) {
  via_link = false;
  if (viewer == Viewer::kModerator || IsVisible(p.state)) return true;
  // The sponsor link shows a petition throughout its stages before publication (moderation
  // first, it is shared before supporters may join); never after it ended unpublished.
  const bool before_publication = !IsFinal(p.state) && !IsCollecting(p.state);
  if (before_publication && !sponsor_token.empty() && TokensEqual(sponsor_token, p.sponsor_token)) {
    via_link = true;
    return true;
  }
  return false;
}

std::string RecordDetail(const ConsiderationRecord& r) {
  switch (r.kind) {
    case RecordKind::kRegistration:
      return "registered as No. " + r.number;
    case RecordKind::kWorkingGroup:
      return "working group of " + std::to_string(r.members.size()) + " members";
    case RecordKind::kMeeting:
      return "meeting at " + r.place + ": " + r.agenda;
    case RecordKind::kPublicDiscussion:
      return "public discussion at " + r.place;
    case RecordKind::kDecision:
      return "decision: " + std::string(DecisionOutcomeName(*r.outcome));
  }
  return "";
}

// Server events and the authority's records in one list, by day (stable: recording order).
void MergeTimeline(PetitionView& view, TimePoint now) {
  for (const TimelineEvent& e : view.timeline) {
    view.items.push_back({view.profile->LocalDate(e.at), e.at, e.kind, e.detail});
  }
  const Date today = view.profile->LocalDate(now);
  for (const ConsiderationRecord& r : view.records) {
    TimelineItem item{r.date, r.recorded_at, std::string(RecordKindName(r.kind)), RecordDetail(r)};
    item.record = &r;
    item.deadline = DeadlineOf(r, view.deadlines);
    item.in_time = InTime(r, item.deadline);
    item.scheduled = r.kind == RecordKind::kMeeting && r.date > today;
    if (item.scheduled) item.in_time = std::nullopt;
    view.items.push_back(std::move(item));
  }
  std::stable_sort(view.items.begin(), view.items.end(),
                   [](const TimelineItem& a, const TimelineItem& b) { return a.date < b.date; });
}

}  // namespace

Result<PetitionView> ViewPetition(const AppContext& ctx, int64_t id, Viewer viewer,
                                  const std::string& sponsor_token) {
  Result<Petition> p = ctx.store.GetPetition(id);
  if (!p.ok()) return PetitionLookupError(p.status());
  PetitionView view;
  view.profile = ctx.profiles.Find(p->profile_id);
  if (view.profile == nullptr) return Status::Internal("petition has an unknown profile");
  if (!MayView(*p, viewer, sponsor_token, view.via_sponsor_link)) {
    return Status::NotFound("no such petition", "petition_not_found");
  }
  view.petition = *p;

  Result<std::vector<ThresholdCrossing>> crossings = ctx.store.GetThresholdCrossings(id);
  if (!crossings.ok()) return crossings.status();
  Result<std::vector<Threshold>> thresholds =
      view.profile->ThresholdsFor(p->addressee_level, p->addressee_region);
  if (!thresholds.ok()) return thresholds.status();
  for (size_t i = 0; i < thresholds->size(); ++i) {
    ThresholdView t{(*thresholds)[i], std::nullopt};
    for (const ThresholdCrossing& c : *crossings) {
      if (c.index == static_cast<int>(i)) t.reached_at = c.reached_at;
    }
    view.thresholds.push_back(std::move(t));
  }

  Result<std::map<std::string, int64_t>> by_region = ctx.store.GetRegionCounts(id);
  if (!by_region.ok()) return by_region.status();
  view.signatures_by_region = std::move(*by_region);

  Result<TreeHead> head = CurrentTreeHead(ctx, id);
  if (!head.ok()) return head.status();
  view.log_size = head->tree_size;
  view.log_root = head->root;

  Result<std::vector<Invalidation>> invalidations = ctx.store.GetInvalidations(id);
  if (!invalidations.ok()) return invalidations.status();
  view.invalidations = std::move(*invalidations);

  Result<std::vector<DeadlineExtension>> extensions = ctx.store.GetExtensions(id);
  if (!extensions.ok()) return extensions.status();
  view.deadlines = StageDeadlines(*p, *view.profile, *extensions, ctx.clock.Now());

  Result<std::vector<TimelineEvent>> timeline = ctx.store.GetTimeline(id);
  if (!timeline.ok()) return timeline.status();
  view.timeline = std::move(*timeline);

  Result<std::vector<ConsiderationRecord>> records = ctx.store.GetConsiderationRecords(id);
  if (!records.ok()) return records.status();
  view.records = std::move(*records);
  Result<std::vector<Statement>> statements = ctx.store.GetStatements(id);
  if (!statements.ok()) return statements.status();
  view.statements = std::move(*statements);
  MergeTimeline(view, ctx.clock.Now());
  return view;
}

Result<std::vector<Petition>> ListPublicPetitions(const AppContext& ctx, const ListInput& in) {
  PetitionQuery q;
  if (in.state.empty()) {
    q.states = {PetitionState::kOpen, PetitionState::kClosed, PetitionState::kRejected};
  } else {
    const std::optional<PetitionState> s = ParsePetitionState(in.state);
    if (!s || !IsVisible(*s)) {
      return Status::Invalid("state must be one of open, closed, rejected", "invalid_state");
    }
    q.states = {*s};
  }
  if (in.order.empty() || in.order == "most_signed") {
    q.order = PetitionQuery::Order::kMostSigned;
  } else if (in.order == "newest") {
    q.order = PetitionQuery::Order::kNewest;
  } else if (in.order == "closing_soon") {
    q.order = PetitionQuery::Order::kClosingSoon;
  } else {
    return Status::Invalid("order must be most_signed, newest or closing_soon", "invalid_order");
  }
  if (in.limit < 1 || in.limit > 500) {
    return Status::Invalid("limit must be between 1 and 500", "invalid_limit");
  }
  if (in.offset < 0) return Status::Invalid("offset must not be negative", "invalid_offset");
  if (!in.profile.empty()) {
    if (ctx.profiles.Find(in.profile) == nullptr) {
      return Status::Invalid("no profile '" + in.profile + "'", "unknown_profile");
    }
    q.profiles = {in.profile};
  }
  const std::string text(Trim(in.text));
  if (text.size() > 200) return Status::Invalid("search at most 200 characters", "invalid_text");
  q.text = FoldForSearch(text);
  q.addressee_level = in.addressee_level;
  q.authority = in.authority;
  if (!in.overdue) {
    q.limit = in.limit;
    q.offset = in.offset;
    return ctx.store.ListPetitions(q);
  }
  q.limit = 500;
  Result<std::vector<Petition>> candidates = ctx.store.ListPetitions(q);
  if (!candidates.ok()) return candidates.status();
  std::vector<Petition> overdue;
  const TimePoint now = ctx.clock.Now();
  for (Petition& p : *candidates) {
    const Profile* profile = ctx.profiles.Find(p.profile_id);
    if (profile == nullptr) continue;
    Result<std::vector<DeadlineExtension>> ext = ctx.store.GetExtensions(p.id);
    if (!ext.ok()) return ext.status();
    const std::vector<StageDeadline> deadlines = StageDeadlines(p, *profile, *ext, now);
    if (std::any_of(deadlines.begin(), deadlines.end(),
                    [](const StageDeadline& d) { return d.overdue; })) {
      overdue.push_back(std::move(p));
    }
  }
  const auto from = std::min(overdue.size(), static_cast<size_t>(in.offset));
  const auto to = std::min(overdue.size(), from + static_cast<size_t>(in.limit));
  return std::vector<Petition>(std::make_move_iterator(overdue.begin() + static_cast<long>(from)),
                               std::make_move_iterator(overdue.begin() + static_cast<long>(to)));
}

Result<Petition> PublicPetition(const AppContext& ctx, int64_t id) {
  Result<Petition> p = ctx.store.GetPetition(id);
  if (!p.ok()) return PetitionLookupError(p.status());
  if (!IsVisible(p->state)) return Status::NotFound("no such petition", "petition_not_found");
  return p;
}

std::optional<int64_t> PublicSignatureCountFromMemory(const AppContext& ctx, int64_t id) {
  const std::optional<PetitionState> state = ctx.store.CachedPetitionState(id);
  if (!state || !IsVisible(*state)) return std::nullopt;
  return ctx.store.CachedCount(id);
}

Result<int64_t> PublicSignatureCount(const AppContext& ctx, int64_t id) {
  // From memory alone where the store knows the petition's state (SQLite): the count polled by
  // thousands while signatures arrive never opens a read transaction.
  if (const std::optional<int64_t> count = PublicSignatureCountFromMemory(ctx, id)) return *count;
  Result<Petition> p = PublicPetition(ctx, id);
  if (!p.ok()) return p.status();
  return ctx.store.CachedCount(id).value_or(p->signature_count);
}

Result<std::vector<Petition>> ModerationQueue(const AppContext& ctx) {
  constexpr int kMaxQueue = 500;
  // A petition awaits moderation in `sponsored` where sponsors come first and in `validated`
  // where moderation comes first; each state is asked of its own profiles.
  std::vector<Petition> queue;
  for (const StageOrder order : {StageOrder::kSponsorsFirst, StageOrder::kModerationFirst}) {
    PetitionQuery q;
    q.states = {order == StageOrder::kSponsorsFirst ? PetitionState::kSponsored
                                                    : PetitionState::kValidated};
    for (const Profile* profile : ctx.profiles.All()) {
      if (profile->order() == order) q.profiles.push_back(profile->id);
    }
    if (q.profiles.empty()) continue;
    q.order = PetitionQuery::Order::kOldest;
    q.limit = kMaxQueue;
    Result<std::vector<Petition>> part = ctx.store.ListPetitions(q);
    if (!part.ok()) return part;
    queue.insert(queue.end(), part->begin(), part->end());
  }
  std::stable_sort(queue.begin(), queue.end(), [](const Petition& a, const Petition& b) {
    return a.created_at != b.created_at ? a.created_at < b.created_at : a.id < b.id;
  });
  if (queue.size() > kMaxQueue) queue.resize(kMaxQueue);
  return queue;
}

}  // namespace petitio

namespace petitio {

Result<std::vector<QueueItem>> ModerationQueueItems(const AppContext& ctx) {
  Result<std::vector<Petition>> queue = ModerationQueue(ctx);
  if (!queue.ok()) return queue.status();
  Result<std::vector<ModerationLock>> locks = ctx.store.GetModerationLocks();
  if (!locks.ok()) return locks.status();
  const TimePoint now = ctx.clock.Now();
  std::vector<QueueItem> items;
  for (Petition& p : *queue) {
    QueueItem item{std::move(p), std::nullopt, std::nullopt, ""};
    if (const Profile* profile = ctx.profiles.Find(item.petition.profile_id)) {
      Result<std::vector<DeadlineExtension>> ext = ctx.store.GetExtensions(item.petition.id);
      if (!ext.ok()) return ext.status();
      for (StageDeadline& d : StageDeadlines(item.petition, *profile, *ext, now)) {
        if (d.stage == Stage::kModeration) item.deadline = std::move(d);
      }
    }
    for (const ModerationLock& l : *locks) {
      if (l.petition_id != item.petition.id || now >= l.expires_at) continue;
      item.lock = l;
      Result<Account> holder = ctx.store.GetAccount(l.account_id);
      item.locked_by = holder.ok() ? holder->name : "";
    }
    items.push_back(std::move(item));
  }
  return items;
}

Result<std::vector<Petition>> StaffPetitions(const AppContext& ctx, const Account& account) {
  PetitionQuery q;
  q.limit = 200;
  if (account.role == Role::kOfficer) {
    q.authority = account.authority;
    q.order = PetitionQuery::Order::kNewest;
  } else {
    q.states = {PetitionState::kOpen, PetitionState::kClosed, PetitionState::kRejected};
  }
  return ctx.store.ListPetitions(q);
}

Result<Series> SignatureSeries(const AppContext& ctx, int64_t id, const std::string& interval) {
  using std::chrono::hours;
  if (interval != "hour" && interval != "day") {
    return Status::Invalid("interval must be hour or day", "invalid_interval");
  }
  Result<Petition> p = PublicPetition(ctx, id);
  if (!p.ok()) return p.status();
  const Profile* profile = ctx.profiles.Find(p->profile_id);
  if (profile == nullptr) return Status::Internal("petition has an unknown profile");
  const auto compute = [&]() -> Result<Series> {
    Series out{interval, interval == "day" ? profile->utc_offset_minutes : 0, {}};
    const std::chrono::milliseconds bucket = interval == "day" ? hours(24) : hours(1);
    Result<std::vector<std::pair<TimePoint, int64_t>>> rows =
        ctx.store.GetValidationSeries(id, bucket, std::chrono::minutes(out.utc_offset_minutes));
    if (!rows.ok()) return rows.status();
    int64_t total = 0;
    for (const auto& [start, count] : *rows) {
      total += count;
      out.points.push_back({start, count, total});
    }
    return out;
  };
  // The series reads every validated signature of the petition: kept between requests, and
  // counted again once the petition's count has moved (app/series_cache.h).
  if (ctx.series_cache == nullptr) return compute();
  return ctx.series_cache->Get(id, interval, p->signature_count, compute);
}

}  // namespace petitio
