#include "domain/profile.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace petitio {

namespace {
constexpr std::array<std::pair<Stage, std::string_view>, 5> kStages = {{
    {Stage::kModeration, "moderation"},
    {Stage::kSponsors, "sponsors"},
    {Stage::kCollection, "collection"},
    {Stage::kConsideration, "consideration"},
    {Stage::kAnswer, "answer"},
}};
}  // namespace

std::string_view StageName(Stage stage) {
  for (const auto& [s, name] : kStages) {
    if (s == stage) return name;
  }
  return "collection";
}

std::optional<Stage> ParseStage(std::string_view name) {
  for (const auto& [s, n] : kStages) {
    if (n == name) return s;
  }
  return std::nullopt;
}

StageOrder Profile::order() const {
  return !stages.empty() && stages.front() == Stage::kSponsors ? StageOrder::kSponsorsFirst
                                                               : StageOrder::kModerationFirst;
}

const ModerationGround* Profile::FindGround(std::string_view code) const {
  auto it = std::find_if(grounds.begin(), grounds.end(),
                         [code](const ModerationGround& g) { return g.code == code; });
  return it == grounds.end() ? nullptr : &*it;
}

const Region* Profile::FindRegion(std::string_view code) const {
  auto it = std::find_if(regions.begin(), regions.end(),
                         [code](const Region& r) { return r.code == code; });
  return it == regions.end() ? nullptr : &*it;
}

const Addressee* Profile::FindAddressee(std::string_view code) const {
  auto it = std::find_if(addressees.begin(), addressees.end(),
                         [code](const Addressee& a) { return a.code == code; });
  return it == addressees.end() ? nullptr : &*it;
}

const StageClock* Profile::Clock(Stage stage, std::string_view addressee_code) const {
  if (const Addressee* a = FindAddressee(addressee_code)) {
    if (auto it = a->clocks.find(stage); it != a->clocks.end()) return &it->second;
  }
  auto it = clocks.find(stage);
  return it == clocks.end() ? nullptr : &it->second;
}

const StageClock& Profile::Collection() const {
  static const StageClock kNone{{6, DurationUnit::kMonths}, "", std::nullopt, ""};
  auto it = clocks.find(Stage::kCollection);
  return it == clocks.end() ? kNone : it->second;  // the parser requires one
}

Status Profile::CheckAddressee(std::string_view addressee_code,
                               std::string_view region_code) const {
  if (addressees.empty()) {
    if (!addressee_code.empty()) {
      return Status::Invalid("profile " + id + " has no addressee levels", "invalid_addressee");
    }
    return Status::Ok();
  }
  const Addressee* a = FindAddressee(addressee_code);
  if (a == nullptr) {
    std::string codes;
    for (const Addressee& x : addressees) codes += (codes.empty() ? "" : ", ") + x.code;
    return Status::Invalid("addressee_level must be one of " + codes, "invalid_addressee");
  }
  if (a->regional && FindRegion(region_code) == nullptr) {
    return Status::Invalid("a petition to a " + a->name.Get("en") +
                               " names its region: addressee_region must be a region code",
                           "invalid_addressee_region");
  }
  if (!a->regional && !region_code.empty()) {
    return Status::Invalid("addressee_region is only for regional addressees",
                           "invalid_addressee_region");
  }
  Result<std::vector<Threshold>> resolved = ThresholdsFor(addressee_code, region_code);
  return resolved.ok() ? Status::Ok() : resolved.status();
}

Result<std::vector<Threshold>> Profile::ThresholdsFor(std::string_view addressee_code,
                                                      std::string_view region_code) const {
  const Addressee* a = FindAddressee(addressee_code);
  std::vector<Threshold> out = a != nullptr && !a->thresholds.empty() ? a->thresholds : thresholds;
  for (Threshold& t : out) {
    if (t.percent <= 0) continue;
    const Region* r = FindRegion(region_code);
    if (r == nullptr || !r->population) {
      return Status::Invalid(
          "the threshold is a share of the population of the petition's region, and profile " + id +
              " does not give the population of " +
              (r == nullptr ? std::string("that region") : r->name.Get("en")) + " yet",
          "invalid_addressee_region");
    }
    t.count = static_cast<int64_t>(
        std::ceil(static_cast<double>(*r->population) * t.percent / 100.0 - 1e-9));
  }
  return out;
}

Result<Due> Profile::DueDate(const Date& start, const Duration& duration) const {
  return ComputeDue(calendar.get(), start, duration, count_from);
}

Result<Due> Profile::DueFrom(TimePoint start, const Duration& duration) const {
  return DueDate(LocalDate(start), duration);
}

Date Profile::LocalDate(TimePoint t) const {
  return DateOf(t + std::chrono::minutes(utc_offset_minutes));
}

TimePoint Profile::EndOfLocalDay(const Date& d) const {
  return StartOfDay(AddDays(d, 1)) - std::chrono::minutes(utc_offset_minutes);
}

Status AttachCalendar(Profile& profile, const CalendarRegistry& calendars) {
  if (profile.calendar_id.empty()) return Status::Ok();
  profile.calendar = calendars.Find(profile.calendar_id);
  if (profile.calendar == nullptr) {
    return Status::Invalid("profile " + profile.id + ": calendar: no calendar \"" +
                               profile.calendar_id + "\" (expected calendars/" +
                               profile.calendar_id + ".toml)",
                           "invalid_profile");
  }
  return Status::Ok();
}

void ProfileRegistry::Add(Profile profile) {
  std::string id = profile.id;
  profiles_.insert_or_assign(std::move(id), std::make_shared<const Profile>(std::move(profile)));
}

const Profile* ProfileRegistry::Find(std::string_view id) const {
  auto it = profiles_.find(id);
  return it == profiles_.end() ? nullptr : it->second.get();
}

std::vector<const Profile*> ProfileRegistry::All() const {
  std::vector<const Profile*> all;
  all.reserve(profiles_.size());
  for (const auto& [id, profile] : profiles_) all.push_back(profile.get());
  return all;  // std::map keeps them sorted by id
}

}  // namespace petitio
