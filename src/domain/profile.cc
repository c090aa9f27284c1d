#include "domain/profile.h"

#include <algorithm>
#include <utility>

namespace petitio {

const std::string& LocalizedText::Get(std::string_view language) const {
  static const std::string kEmpty;
  if (auto it = by_language.find(std::string(language)); it != by_language.end()) {
    return it->second;
  }
  if (auto it = by_language.find("en"); it != by_language.end()) {
    return it->second;
  }
  if (!by_language.empty()) {
    return by_language.begin()->second;
  }
  return kEmpty;
}

std::string_view PeriodUnitName(PeriodUnit unit) {
  switch (unit) {
    case PeriodUnit::kDays:
      return "days";
    case PeriodUnit::kWeeks:
      return "weeks";
    case PeriodUnit::kMonths:
      return "months";
  }
  return "unknown";
}

Date Period::EndDate(const Date& start) const {
  switch (unit) {
    case PeriodUnit::kDays:
      return AddDays(start, amount);
    case PeriodUnit::kWeeks:
      return AddDays(start, int64_t{7} * amount);
    case PeriodUnit::kMonths:
      return AddMonths(start, amount);
  }
  return start;
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
  for (const auto& [id, profile] : profiles_) {
    all.push_back(profile.get());
  }
  return all;  // std::map keeps them sorted by id
}

}  // namespace petitio
