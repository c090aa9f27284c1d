// Jurisdiction profile: the legal facts a petition runs under (thresholds, sponsors, collection
// period, regions, moderation grounds), read from profiles/*.toml by ParseProfileToml.
//
// A Profile is a plain value, immutable once loaded and safe to share between threads.
// ParseProfileToml validates everything it reads and reports the first problem with its key;
// it never returns a half-filled profile. ProfileRegistry holds the loaded profiles by id.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "domain/time.h"

namespace petitio {

// A text in several languages, keyed by language code ("en", "ru", "kk").
// Get falls back to English, then to any language present.
struct LocalizedText {
  std::map<std::string, std::string> by_language;
  const std::string& Get(std::string_view language = "en") const;
};

enum class PeriodUnit { kDays, kWeeks, kMonths };
std::string_view PeriodUnitName(PeriodUnit unit);

struct Period {
  int amount = 0;
  PeriodUnit unit = PeriodUnit::kMonths;
  // The day a period started at `start` ends, counted from the day after `start`, as
  // petition law counts: a 6-month collection opened on 9 June runs until 9 December.
  Date EndDate(const Date& start) const;
};

struct Threshold {
  int64_t count = 0;
  std::string effect;         // machine code: "government_response", "debate", "consideration"
  LocalizedText description;  // what reaching it means, for people
  std::string source;         // where the number comes from
};

struct Region {
  std::string code;  // stable, lower-case: "astana", "scotland"
  LocalizedText name;
};

struct ModerationGround {
  std::string code;  // stable, lower-case: "duplicate", "human_rights"
  LocalizedText title;
  std::string citation;  // the legal text it rests on
  bool hides = false;    // a petition rejected on this ground is hidden (e.g. libel)
};

struct Profile {
  std::string id;  // "kz", "uk"
  LocalizedText name;
  std::vector<std::string> languages;  // languages petitions may be written in
  LocalizedText addressee_hint;        // who petitions under this profile are addressed to
  int sponsors_required = 0;
  std::vector<Threshold> thresholds;  // ascending by count
  Period collection;
  std::vector<Region> regions;
  std::vector<ModerationGround> grounds;
  std::string source;  // the law or rules the profile follows

  const ModerationGround* FindGround(std::string_view code) const;
  const Region* FindRegion(std::string_view code) const;
};

// Parses one profile; `origin` (a file name) is used in error messages only.
Result<Profile> ParseProfileToml(std::string_view toml_text, std::string_view origin);

class ProfileRegistry {
 public:
  // Adds a profile; a later profile with the same id replaces the earlier one (so an operator's
  // --profiles directory can override a built-in profile).
  void Add(Profile profile);
  const Profile* Find(std::string_view id) const;
  std::vector<const Profile*> All() const;  // sorted by id

 private:
  std::map<std::string, std::shared_ptr<const Profile>, std::less<>> profiles_;
};

}  // namespace petitio
