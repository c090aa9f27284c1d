// ParseProfileToml: reads one profile written in the format documented in profiles/README.md.
#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <utility>

#include "domain/profile.h"
#include "domain/toml_reader.h"

namespace petitio {
namespace {

using toml_reader::Indexed;
using toml_reader::Join;
using toml_reader::TomlReader;

constexpr int64_t kMaxSponsors = 1'000'000;
constexpr int64_t kMaxThreshold = 10'000'000'000;
constexpr int64_t kMaxPopulation = 10'000'000'000;

// ^[a-z_]+$
bool IsEffect(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return toml_reader::IsLower(c) || c == '_'; });
}

// "+05:00" / "-03:30" -> minutes east of UTC; at most 14 hours.
std::optional<int> ParseUtcOffset(const std::string& s) {
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return std::nullopt;
  for (size_t i : {1u, 2u, 4u, 5u}) {
    if (!toml_reader::IsDigit(s[i])) return std::nullopt;
  }
  const int hours = (s[1] - '0') * 10 + (s[2] - '0');
  const int minutes = (s[4] - '0') * 10 + (s[5] - '0');
  if (minutes >= 60 || hours * 60 + minutes > 14 * 60) return std::nullopt;
  return (s[0] == '-' ? -1 : 1) * (hours * 60 + minutes);
}

class ProfileReader {
 public:
  explicit ProfileReader(std::string_view origin) : r_(origin, "invalid_profile") {}

  const TomlReader& reader() const { return r_; }

  Status Languages(const toml::table& t, std::vector<std::string>* out) const {
    const toml::node* node = t.get("languages");
    if (node == nullptr) return r_.Fail("languages", "missing");
    const auto* array = node->as_array();
    if (array == nullptr) return r_.Fail("languages", "must be an array of language codes");
    if (array->empty()) return r_.Fail("languages", "must not be empty");
    for (size_t i = 0; i < array->size(); ++i) {
      const auto* s = array->get(i)->as_string();
      if (s == nullptr || !toml_reader::IsLanguage(s->get())) {
        return r_.Fail(Indexed("languages", i), "not a language code like \"en\"");
      }
      if (std::find(out->begin(), out->end(), s->get()) != out->end()) {
        return r_.Fail(Indexed("languages", i), "duplicate language \"" + s->get() + "\"");
      }
      out->push_back(s->get());
    }
    return Status::Ok();
  }

  Status Stages(const toml::table& t, int sponsors_required, std::vector<Stage>* out) const {
    const toml::node* node = t.get("stages");
    if (node == nullptr) return r_.Fail("stages", "missing");
    const auto* array = node->as_array();
    if (array == nullptr) {
      return r_.Fail("stages", "must be an array like [\"sponsors\", \"moderation\"]");
    }
    for (size_t i = 0; i < array->size(); ++i) {
      const auto* s = array->get(i)->as_string();
      const std::optional<Stage> stage = s ? ParseStage(s->get()) : std::nullopt;
      if (!stage || (*stage != Stage::kModeration && *stage != Stage::kSponsors)) {
        return r_.Fail(Indexed("stages", i), "must be \"sponsors\" or \"moderation\"");
      }
      if (std::find(out->begin(), out->end(), *stage) != out->end()) {
        return r_.Fail(Indexed("stages", i), "duplicate stage");
      }
      out->push_back(*stage);
    }
    if (std::find(out->begin(), out->end(), Stage::kModeration) == out->end()) {
      return r_.Fail("stages", "must include \"moderation\"");
    }
    const bool has_sponsors = std::find(out->begin(), out->end(), Stage::kSponsors) != out->end();
    if (has_sponsors != (sponsors_required > 0)) {
      return r_.Fail("stages", has_sponsors
                                   ? "includes \"sponsors\" but sponsors_required is 0"
                                   : "must include \"sponsors\" when sponsors_required > 0");
    }
    return Status::Ok();
  }

  Status DurationOf(const toml::table& t, std::string_view path, Duration* out) const {
    int64_t amount = 0;
    PETITIO_RETURN_IF_ERROR(r_.Integer(t, path, "amount", 1, kMaxDurationAmount, &amount));
    std::string unit;
    PETITIO_RETURN_IF_ERROR(r_.String(t, path, "unit", &unit));
    const std::optional<DurationUnit> u = ParseDurationUnit(unit);
    if (!u) {
      return r_.Fail(Join(path, "unit"),
                     "must be \"working_days\", \"calendar_days\", \"weeks\" or \"months\", got "
                     "\"" +
                         unit + "\"");
    }
    *out = {static_cast<int>(amount), *u};
    return Status::Ok();
  }

  // `[<prefix>.clocks.<stage>]` tables.
  Status Clocks(const toml::table& t, std::string_view prefix,
                std::map<Stage, StageClock>* out) const {
    const toml::table* clocks = nullptr;
    PETITIO_RETURN_IF_ERROR(r_.Table(t, prefix, "clocks", &clocks));
    if (clocks == nullptr) return Status::Ok();
    const std::string clocks_path = Join(prefix, "clocks");
    for (const auto& [key, node] : *clocks) {
      const std::string path = Join(clocks_path, key.str());
      const std::optional<Stage> stage = ParseStage(key.str());
      if (!stage) {
        return r_.Fail(path,
                       "unknown stage (moderation, sponsors, collection, consideration, answer)");
      }
      const auto* c = node.as_table();
      if (c == nullptr) return r_.Fail(path, "must be a table with amount, unit and source");
      PETITIO_RETURN_IF_ERROR(r_.CheckKeys(*c, path, {"amount", "unit", "source", "extension"}));
      StageClock clock;
      PETITIO_RETURN_IF_ERROR(DurationOf(*c, path, &clock.duration));
      PETITIO_RETURN_IF_ERROR(r_.String(*c, path, "source", &clock.source));
      const toml::table* ext = nullptr;
      PETITIO_RETURN_IF_ERROR(r_.Table(*c, path, "extension", &ext));
      if (ext != nullptr) {
        const std::string ext_path = Join(path, "extension");
        PETITIO_RETURN_IF_ERROR(r_.CheckKeys(*ext, ext_path, {"amount", "unit", "source"}));
        Duration d;
        PETITIO_RETURN_IF_ERROR(DurationOf(*ext, ext_path, &d));
        clock.extension = d;
        PETITIO_RETURN_IF_ERROR(r_.String(*ext, ext_path, "source", &clock.extension_source));
      }
      out->emplace(*stage, std::move(clock));
    }
    return Status::Ok();
  }

  Status Thresholds(const toml::table& t, std::string_view prefix,
                    std::vector<Threshold>* out) const {
    std::vector<const toml::table*> tables;
    PETITIO_RETURN_IF_ERROR(r_.Tables(t, prefix, "thresholds", /*required=*/false, &tables));
    const std::string base = Join(prefix, "thresholds");
    for (size_t i = 0; i < tables.size(); ++i) {
      const std::string path = Indexed(base, i);
      const toml::table& row = *tables[i];
      PETITIO_RETURN_IF_ERROR(r_.CheckKeys(
          row, path,
          {"count", "percent", "registers", "min_regions", "effect", "source", "description"}));
      Threshold threshold;
      const bool has_count = row.get("count") != nullptr;
      const bool has_percent = row.get("percent") != nullptr;
      if (has_count == has_percent) {
        return r_.Fail(path, "give exactly one of count and percent");
      }
      if (has_count) {
        PETITIO_RETURN_IF_ERROR(r_.Integer(row, path, "count", 1, kMaxThreshold, &threshold.count));
        if (!out->empty() && out->back().percent == 0 && threshold.count <= out->back().count) {
          return r_.Fail(Join(path, "count"), "thresholds must be strictly ascending: " +
                                                  std::to_string(threshold.count) + " follows " +
                                                  std::to_string(out->back().count));
        }
      } else {
        const toml::node* n = row.get("percent");
        const std::optional<double> v = n->value<double>();
        if (!v || !(*v > 0 && *v <= 100)) {
          return r_.Fail(Join(path, "percent"), "must be a number in (0, 100]");
        }
        threshold.percent = *v;
      }
      PETITIO_RETURN_IF_ERROR(r_.Boolean(row, path, "registers", &threshold.registers));
      if (row.get("min_regions") != nullptr) {
        int64_t n = 0;
        PETITIO_RETURN_IF_ERROR(r_.Integer(row, path, "min_regions", 1, 1000, &n));
        threshold.min_regions = static_cast<int>(n);
      }
      PETITIO_RETURN_IF_ERROR(r_.String(row, path, "effect", &threshold.effect));
      if (!IsEffect(threshold.effect)) {
        return r_.Fail(Join(path, "effect"),
                       "must match ^[a-z_]+$, got \"" + threshold.effect + "\"");
      }
      PETITIO_RETURN_IF_ERROR(r_.String(row, path, "source", &threshold.source));
      PETITIO_RETURN_IF_ERROR(
          r_.Localized(row, path, "description", /*required=*/true, &threshold.description));
      out->push_back(std::move(threshold));
    }
    return Status::Ok();
  }

  Status OptionalCount(const toml::table& row, std::string_view path, std::string_view key,
                       std::string_view source_key, std::optional<int64_t>* value,
                       std::string* source) const {
    if (row.get(key) == nullptr) {
      if (row.get(source_key) != nullptr) return r_.Fail(Join(path, key), "missing");
      return Status::Ok();
    }
    int64_t v = 0;
    PETITIO_RETURN_IF_ERROR(r_.Integer(row, path, key, 1, kMaxPopulation, &v));
    *value = v;
    return r_.String(row, path, source_key, source);
  }

  Status Regions(const toml::table& t, std::vector<Region>* out) const {
    std::vector<const toml::table*> tables;
    PETITIO_RETURN_IF_ERROR(r_.Tables(t, "", "regions", /*required=*/false, &tables));
    std::set<std::string, std::less<>> seen;
    for (size_t i = 0; i < tables.size(); ++i) {
      const std::string path = Indexed("regions", i);
      const toml::table& row = *tables[i];
      PETITIO_RETURN_IF_ERROR(r_.CheckKeys(
          row, path,
          {"code", "name", "population", "population_source", "minimum", "minimum_source"}));
      Region region;
      PETITIO_RETURN_IF_ERROR(r_.Code(row, path, &seen, &region.code));
      PETITIO_RETURN_IF_ERROR(r_.Localized(row, path, "name", /*required=*/true, &region.name));
      PETITIO_RETURN_IF_ERROR(OptionalCount(row, path, "population", "population_source",
                                            &region.population, &region.population_source));
      PETITIO_RETURN_IF_ERROR(OptionalCount(row, path, "minimum", "minimum_source", &region.minimum,
                                            &region.minimum_source));
      out->push_back(std::move(region));
    }
    return Status::Ok();
  }

  // `[identity]`: absent means e-mail signers with no age limit.
  Status Identity(const toml::table& t, IdentityRule* out) const {
    const toml::table* id = nullptr;
    PETITIO_RETURN_IF_ERROR(r_.Table(t, "", "identity", &id));
    if (id == nullptr) return Status::Ok();
    PETITIO_RETURN_IF_ERROR(r_.CheckKeys(
        *id, "identity", {"proof", "national_id", "min_age", "public_name", "source"}));
    std::string public_name = "full";
    PETITIO_RETURN_IF_ERROR(r_.OptionalString(*id, "identity", "public_name", &public_name));
    if (public_name == "first_name_initial") {
      out->public_name = PublicName::kFirstNameInitial;
    } else if (public_name != "full") {
      return r_.Fail("identity.public_name", "must be \"full\" or \"first_name_initial\"");
    }
    std::string proof;
    PETITIO_RETURN_IF_ERROR(r_.String(*id, "identity", "proof", &proof));
    if (proof == "national_id") {
      out->proof = IdentityProof::kNationalId;
      PETITIO_RETURN_IF_ERROR(r_.String(*id, "identity", "national_id", &out->national_id));
      if (!IsKnownNationalIdScheme(out->national_id)) {
        return r_.Fail("identity.national_id",
                       "unknown scheme \"" + out->national_id + "\" (known: kz_iin)");
      }
    } else if (proof == "email") {
      if (id->get("national_id") != nullptr) {
        return r_.Fail("identity.national_id", "only with proof = \"national_id\"");
      }
    } else {
      return r_.Fail("identity.proof", "must be \"email\" or \"national_id\"");
    }
    if (id->get("min_age") != nullptr) {
      int64_t age = 0;
      PETITIO_RETURN_IF_ERROR(r_.Integer(*id, "identity", "min_age", 1, 120, &age));
      out->min_age = static_cast<int>(age);
      if (out->proof != IdentityProof::kNationalId) {
        return r_.Fail("identity.min_age", "needs a national id to know the signer's age");
      }
    }
    return r_.String(*id, "identity", "source", &out->source);
  }

  Status Addressees(const toml::table& t, std::vector<Addressee>* out) const {
    std::vector<const toml::table*> tables;
    PETITIO_RETURN_IF_ERROR(r_.Tables(t, "", "addressees", /*required=*/false, &tables));
    std::set<std::string, std::less<>> seen;
    for (size_t i = 0; i < tables.size(); ++i) {
      const std::string path = Indexed("addressees", i);
      const toml::table& row = *tables[i];
      PETITIO_RETURN_IF_ERROR(
          r_.CheckKeys(row, path, {"code", "name", "regional", "thresholds", "clocks"}));
      Addressee a;
      PETITIO_RETURN_IF_ERROR(r_.Code(row, path, &seen, &a.code));
      PETITIO_RETURN_IF_ERROR(r_.Localized(row, path, "name", /*required=*/true, &a.name));
      PETITIO_RETURN_IF_ERROR(r_.Boolean(row, path, "regional", &a.regional));
      PETITIO_RETURN_IF_ERROR(Thresholds(row, path, &a.thresholds));
      PETITIO_RETURN_IF_ERROR(Clocks(row, path, &a.clocks));
      if (a.clocks.contains(Stage::kCollection)) {
        return r_.Fail(Join(path, "clocks.collection"), "collection is set for the whole profile");
      }
      out->push_back(std::move(a));
    }
    return Status::Ok();
  }

  Status Grounds(const toml::table& t, std::vector<ModerationGround>* out) const {
    std::vector<const toml::table*> tables;
    PETITIO_RETURN_IF_ERROR(r_.Tables(t, "", "grounds", /*required=*/false, &tables));
    std::set<std::string, std::less<>> seen;
    for (size_t i = 0; i < tables.size(); ++i) {
      const std::string path = Indexed("grounds", i);
      const toml::table& row = *tables[i];
      PETITIO_RETURN_IF_ERROR(r_.CheckKeys(row, path, {"code", "citation", "hides", "title"}));
      ModerationGround ground;
      PETITIO_RETURN_IF_ERROR(r_.Code(row, path, &seen, &ground.code));
      PETITIO_RETURN_IF_ERROR(r_.String(row, path, "citation", &ground.citation));
      PETITIO_RETURN_IF_ERROR(r_.Boolean(row, path, "hides", &ground.hides));
      PETITIO_RETURN_IF_ERROR(r_.Localized(row, path, "title", /*required=*/true, &ground.title));
      out->push_back(std::move(ground));
    }
    return Status::Ok();
  }

  // Rules that tie sections together.
  Status Consistent(const Profile& p) const {
    if (!p.clocks.contains(Stage::kCollection)) return r_.Fail("clocks.collection", "missing");
    auto uses_working_days = [](const std::map<Stage, StageClock>& clocks) {
      return std::any_of(clocks.begin(), clocks.end(), [](const auto& entry) {
        const StageClock& c = entry.second;
        return c.duration.unit == DurationUnit::kWorkingDays ||
               (c.extension && c.extension->unit == DurationUnit::kWorkingDays);
      });
    };
    bool working_days = uses_working_days(p.clocks);
    for (const Addressee& a : p.addressees)
      working_days = working_days || uses_working_days(a.clocks);
    if (working_days && p.calendar_id.empty()) {
      return r_.Fail("calendar", "missing: a clock counts working days");
    }
    auto has_percent = [](const std::vector<Threshold>& ts) {
      return std::any_of(ts.begin(), ts.end(), [](const Threshold& t) { return t.percent > 0; });
    };
    auto has_min_regions = [](const std::vector<Threshold>& ts) {
      return std::any_of(ts.begin(), ts.end(),
                         [](const Threshold& t) { return t.min_regions > 0; });
    };
    bool percent = has_percent(p.thresholds);
    bool min_regions = has_min_regions(p.thresholds);
    for (const Addressee& a : p.addressees) {
      percent = percent || has_percent(a.thresholds);
      min_regions = min_regions || has_min_regions(a.thresholds);
      if (a.thresholds.empty() && p.thresholds.empty()) {
        return r_.Fail("addressees", "addressee \"" + a.code + "\" has no thresholds");
      }
      if (has_percent(a.thresholds) && !a.regional) {
        return r_.Fail("addressees",
                       "addressee \"" + a.code + "\" has a percent threshold but is not regional");
      }
    }
    if (p.addressees.empty() && p.thresholds.empty()) return r_.Fail("thresholds", "missing");
    if (has_percent(p.thresholds)) {
      return r_.Fail("thresholds", "percent thresholds belong to regional addressees");
    }
    // A percent threshold needs the population of the region a petition names; a region
    // without one is refused when a petition names it (Profile::CheckAddressee).
    for (size_t i = 0; i < p.regions.size(); ++i) {
      if (min_regions && !p.regions[i].minimum) {
        return r_.Fail(Indexed("regions", i) + ".minimum",
                       "missing: a min_regions threshold needs every region's minimum");
      }
    }
    if ((percent || min_regions) && p.regions.empty()) {
      return r_.Fail("regions", "missing: needed by a percent or min_regions threshold");
    }
    return Status::Ok();
  }

  Result<Profile> Read(const toml::table& root) const {
    PETITIO_RETURN_IF_ERROR(
        r_.CheckKeys(root, "",
                     {"id", "source", "languages", "sponsors_required", "name", "addressee_hint",
                      "calendar", "count_from", "utc_offset", "identity", "contact_retention",
                      "stages", "clocks", "thresholds", "addressees", "regions", "grounds"}));
    Profile p;
    PETITIO_RETURN_IF_ERROR(r_.String(root, "", "id", &p.id));
    if (!toml_reader::IsId(p.id)) {
      return r_.Fail("id", "must match ^[a-z][a-z0-9-]*$, got \"" + p.id + "\"");
    }
    PETITIO_RETURN_IF_ERROR(r_.Localized(root, "", "name", /*required=*/true, &p.name));
    PETITIO_RETURN_IF_ERROR(r_.String(root, "", "source", &p.source));
    PETITIO_RETURN_IF_ERROR(Languages(root, &p.languages));
    int64_t sponsors = 0;
    PETITIO_RETURN_IF_ERROR(r_.Integer(root, "", "sponsors_required", 0, kMaxSponsors, &sponsors));
    p.sponsors_required = static_cast<int>(sponsors);
    PETITIO_RETURN_IF_ERROR(
        r_.Localized(root, "", "addressee_hint", /*required=*/false, &p.addressee_hint));
    PETITIO_RETURN_IF_ERROR(r_.OptionalString(root, "", "calendar", &p.calendar_id));
    if (!p.calendar_id.empty() && !toml_reader::IsId(p.calendar_id)) {
      return r_.Fail("calendar", "must be a calendar id like \"kz\"");
    }
    std::string count_from = "next_day";
    PETITIO_RETURN_IF_ERROR(r_.OptionalString(root, "", "count_from", &count_from));
    if (count_from == "same_day") {
      p.count_from = CountFrom::kSameDay;
    } else if (count_from != "next_day") {
      return r_.Fail("count_from", "must be \"next_day\" or \"same_day\"");
    }
    std::string offset;
    PETITIO_RETURN_IF_ERROR(r_.OptionalString(root, "", "utc_offset", &offset));
    if (!offset.empty()) {
      const std::optional<int> minutes = ParseUtcOffset(offset);
      if (!minutes) return r_.Fail("utc_offset", "must be an offset like \"+05:00\"");
      p.utc_offset_minutes = *minutes;
    }
    PETITIO_RETURN_IF_ERROR(Identity(root, &p.identity));
    const toml::table* retention = nullptr;
    PETITIO_RETURN_IF_ERROR(r_.Table(root, "", "contact_retention", &retention));
    if (retention != nullptr) {
      PETITIO_RETURN_IF_ERROR(
          r_.CheckKeys(*retention, "contact_retention", {"amount", "unit", "source"}));
      StageClock keep;
      PETITIO_RETURN_IF_ERROR(DurationOf(*retention, "contact_retention", &keep.duration));
      PETITIO_RETURN_IF_ERROR(r_.String(*retention, "contact_retention", "source", &keep.source));
      p.contact_retention = std::move(keep);
    }
    PETITIO_RETURN_IF_ERROR(Stages(root, p.sponsors_required, &p.stages));
    PETITIO_RETURN_IF_ERROR(Clocks(root, "", &p.clocks));
    PETITIO_RETURN_IF_ERROR(Thresholds(root, "", &p.thresholds));
    PETITIO_RETURN_IF_ERROR(Addressees(root, &p.addressees));
    PETITIO_RETURN_IF_ERROR(Regions(root, &p.regions));
    PETITIO_RETURN_IF_ERROR(Grounds(root, &p.grounds));
    PETITIO_RETURN_IF_ERROR(Consistent(p));
    return p;
  }

 private:
  TomlReader r_;
};

}  // namespace

Result<Profile> ParseProfileToml(std::string_view toml_text, std::string_view origin) {
  ProfileReader reader(origin);
  Result<toml::table> root = reader.reader().Parse(toml_text);
  if (!root.ok()) return root.status();
  return reader.Read(*root);
}

}  // namespace petitio
