#include "app/queries.h"

#include <algorithm>

#include "app/transparency_log.h"
#include "app/validation.h"
#include "domain/crypto.h"

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
  } else {
    return Status::Invalid("order must be most_signed or newest", "invalid_order");
  }
  if (in.limit < 1 || in.limit > 500) {
    return Status::Invalid("limit must be between 1 and 500", "invalid_limit");
  }
  if (in.offset < 0) return Status::Invalid("offset must not be negative", "invalid_offset");
  q.limit = in.limit;
  q.offset = in.offset;
  return ctx.store.ListPetitions(q);
}

Result<Petition> PublicPetition(const AppContext& ctx, int64_t id) {
  Result<Petition> p = ctx.store.GetPetition(id);
  if (!p.ok()) return PetitionLookupError(p.status());
  if (!IsVisible(p->state)) return Status::NotFound("no such petition", "petition_not_found");
  return p;
}

Result<int64_t> PublicSignatureCount(const AppContext& ctx, int64_t id) {
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
