// Jurisdiction profile: the legal facts a petition runs under (the order of its stages before
// publication, sponsors, the statutory clock of each stage, thresholds by addressee level,
// regions, moderation grounds, the working-day calendar), read from profiles/*.toml by
// ParseProfileToml.
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

#include "domain/calendar.h"
#include "domain/deadline.h"
#include "domain/identity.h"
#include "domain/localized_text.h"
#include "domain/petition.h"
#include "domain/result.h"
#include "domain/time.h"

namespace petitio {

// The stages of a petition that run on a statutory clock. Sponsors and moderation come before
// publication, in the order the profile gives; collection follows publication; consideration
// and answer start when a threshold registers the petition with its addressee.
enum class Stage { kModeration, kSponsors, kCollection, kConsideration, kAnswer };
std::string_view StageName(Stage stage);  // "moderation", "sponsors", ...
std::optional<Stage> ParseStage(std::string_view name);

struct StageClock {
  Duration duration;
  std::string source;                 // the legal basis, shown to people
  std::optional<Duration> extension;  // the most an officer may extend it by, if at all
  std::string extension_source;
};

struct Threshold {
  int64_t count = 0;   // signatures needed; resolved from `percent` for a petition's region
  double percent = 0;  // > 0: a share of the population of the petition's region (KZ maslikhats)
  bool registers = false;     // reaching it registers the petition and starts consideration
  int min_regions = 0;        // also needs this many regions at or over their `minimum` (EU ECI)
  std::string effect;         // machine code: "government_response", "debate", "consideration"
  LocalizedText description;  // what reaching it means, for people
  std::string source;         // where the number comes from
};

struct Region {
  std::string code;  // stable, lower-case: "astana", "scotland"
  LocalizedText name;
  std::optional<int64_t> population;  // for percent thresholds
  std::string population_source;
  std::optional<int64_t> minimum;  // signatures this region must reach for min_regions (ECI)
  std::string minimum_source;
};

// A level of authority petitions may be addressed to (KZ: central body, regional maslikhat...).
// Its thresholds replace the profile's; its clocks override the profile's of the same stage.
struct Addressee {
  std::string code;
  LocalizedText name;
  bool regional = false;  // a petition to it names the region (whose body it addresses)
  std::vector<Threshold> thresholds;
  std::map<Stage, StageClock> clocks;
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
  std::vector<Stage> stages;           // pre-publication stages in order (moderation, sponsors)
  std::map<Stage, StageClock> clocks;  // collection always present
  std::vector<Threshold> thresholds;   // ascending by count; may be empty when addressees give them
  std::vector<Addressee> addressees;
  std::vector<Region> regions;
  std::vector<ModerationGround> grounds;
  std::string source;                        // the law or rules the profile follows
  std::string calendar_id;                   // empty when no clock counts working days
  std::shared_ptr<const Calendar> calendar;  // attached by AttachCalendar
  CountFrom count_from = CountFrom::kNextDay;
  // The jurisdiction's offset from UTC, which decides on which day an event happened and when
  // a due day ends (KZ: +05:00 since 1 March 2024). A fixed offset: daylight saving time is
  // not modelled, so profiles of zones that keep it count in UTC.
  int utc_offset_minutes = 0;
  IdentityRule identity;  // what a signer proves; e-mail unless the profile says otherwise
  // How long after a petition ends (closes, lapses, or is rejected) the e-mail addresses and
  // signing addresses of its initiator and signers are kept; then they are erased. None: kept.
  std::optional<StageClock> contact_retention;

  StageOrder order() const;
  const ModerationGround* FindGround(std::string_view code) const;
  const Region* FindRegion(std::string_view code) const;
  const Addressee* FindAddressee(std::string_view code) const;
  // The clock of `stage` for a petition to `addressee_code` (its level's clock first); null
  // when the stage has no statutory clock.
  const StageClock* Clock(Stage stage, std::string_view addressee_code = {}) const;
  const StageClock& Collection() const;
  // The thresholds of a petition to `addressee_code` in `region_code`, with percentages turned
  // into counts (rounded up) from the region's population.
  Result<std::vector<Threshold>> ThresholdsFor(std::string_view addressee_code,
                                               std::string_view region_code) const;
  // Checks that a petition may be addressed so: the level exists when the profile has levels,
  // and a regional level names one of the profile's regions.
  Status CheckAddressee(std::string_view addressee_code, std::string_view region_code) const;
  // The due date of `duration` started on `start`, with this profile's calendar and counting.
  Result<Due> DueDate(const Date& start, const Duration& duration) const;
  // The same for a clock started at the instant `start` (on its local day).
  Result<Due> DueFrom(TimePoint start, const Duration& duration) const;
  // The jurisdiction's calendar day of an instant, and the instant a local day ends.
  Date LocalDate(TimePoint t) const;
  TimePoint EndOfLocalDay(const Date& d) const;
};

// Attaches the calendar a profile names; fails when it is unknown.
Status AttachCalendar(Profile& profile, const CalendarRegistry& calendars);

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
