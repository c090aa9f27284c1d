// ParseProfileToml: reads one profile written in the format documented in profiles/README.md.
//
// The Debian toml++ shared library is built with exceptions, so toml::parse throws
// toml::parse_error; it is caught here and turned into a Status. Nothing else throws.
#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "domain/profile.h"

namespace petitio {
namespace {

constexpr int64_t kMaxSponsors = 1'000'000;
constexpr int64_t kMaxPeriodAmount = 10'000;  // keeps every EndDate inside int and year 9999
constexpr int64_t kMaxThreshold = 10'000'000'000;

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// ^[a-z][a-z0-9-]*$
bool IsProfileId(std::string_view s) {
  return !s.empty() && IsLower(s[0]) && std::all_of(s.begin(), s.end(), [](char c) {
    return IsLower(c) || IsDigit(c) || c == '-';
  });
}
// ^[a-z_]+$
bool IsEffect(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return IsLower(c) || c == '_'; });
}
// ^[a-z0-9_]+$
bool IsCode(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return IsLower(c) || IsDigit(c) || c == '_'; });
}
// ^[a-z]{2,3}$ (ISO 639-1 or 639-2/3)
bool IsLanguage(std::string_view s) {
  return (s.size() == 2 || s.size() == 3) && std::all_of(s.begin(), s.end(), IsLower);
}

std::string Join(std::string_view prefix, std::string_view key) {
  if (prefix.empty()) {
    return std::string(key);
  }
  std::string path(prefix);
  path += '.';
  path += key;
  return path;
}

std::string Indexed(std::string_view key, size_t i) {
  return std::string(key) + "[" + std::to_string(i) + "]";
}

// Reads the validated pieces of a profile; every failure names the origin and the key.
class ProfileReader {
 public:
  explicit ProfileReader(std::string_view origin) : origin_(origin) {}

  Status Fail(std::string_view key, std::string_view problem) const {
    std::string message = origin_;
    message += ": ";
    message += key;
    message += ": ";
    message += problem;
    return Status::Invalid(std::move(message), "invalid_profile");
  }

  // Rejects keys the format does not know, so a misspelt key is not silently ignored.
  Status CheckKeys(const toml::table& t, std::string_view prefix,
                   std::initializer_list<std::string_view> allowed) const {
    for (const auto& [key, node] : t) {
      if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end()) {
        return Fail(Join(prefix, key.str()), "unknown key");
      }
    }
    return Status::Ok();
  }

  Status String(const toml::table& t, std::string_view prefix, std::string_view key,
                std::string* out) const {
    const toml::node* node = t.get(key);
    if (node == nullptr) {
      return Fail(Join(prefix, key), "missing");
    }
    const auto* s = node->as_string();
    if (s == nullptr) {
      return Fail(Join(prefix, key), "must be a string");
    }
    if (s->get().empty()) {
      return Fail(Join(prefix, key), "must not be empty");
    }
    *out = s->get();
    return Status::Ok();
  }

  Status Integer(const toml::table& t, std::string_view prefix, std::string_view key, int64_t min,
                 int64_t max, int64_t* out) const {
    const toml::node* node = t.get(key);
    if (node == nullptr) {
      return Fail(Join(prefix, key), "missing");
    }
    const auto* i = node->as_integer();
    if (i == nullptr) {
      return Fail(Join(prefix, key), "must be an integer");
    }
    if (i->get() < min || i->get() > max) {
      return Fail(Join(prefix, key), "must be between " + std::to_string(min) + " and " +
                                         std::to_string(max) + ", got " + std::to_string(i->get()));
    }
    *out = i->get();
    return Status::Ok();
  }

  // A table of language code → non-empty text. With require_en, English must be present.
  Status Localized(const toml::table& t, std::string_view prefix, std::string_view key,
                   bool required, LocalizedText* out) const {
    const std::string path = Join(prefix, key);
    const toml::node* node = t.get(key);
    if (node == nullptr) {
      return required ? Fail(path, "missing") : Status::Ok();
    }
    const auto* texts = node->as_table();
    if (texts == nullptr) {
      return Fail(path, "must be a table of language = \"text\"");
    }
    for (const auto& [lang, value] : *texts) {
      const std::string lang_path = Join(path, lang.str());
      if (!IsLanguage(lang.str())) {
        return Fail(lang_path, "not a language code like \"en\"");
      }
      const auto* s = value.as_string();
      if (s == nullptr) {
        return Fail(lang_path, "must be a string");
      }
      if (s->get().empty()) {
        return Fail(lang_path, "must not be empty");
      }
      out->by_language.emplace(std::string(lang.str()), s->get());
    }
    if (!out->by_language.contains("en")) {
      return Fail(Join(path, "en"), "missing (English is required)");
    }
    return Status::Ok();
  }

  // An array of tables (`[[key]]`); absent means empty unless required.
  Status Tables(const toml::table& t, std::string_view key, bool required,
                std::vector<const toml::table*>* out) const {
    const toml::node* node = t.get(key);
    if (node == nullptr) {
      return required ? Fail(key, "missing") : Status::Ok();
    }
    const auto* array = node->as_array();
    if (array == nullptr) {
      return Fail(key, "must be an array of tables ([[" + std::string(key) + "]])");
    }
    for (size_t i = 0; i < array->size(); ++i) {
      const auto* table = array->get(i)->as_table();
      if (table == nullptr) {
        return Fail(Indexed(key, i), "must be a table");
      }
      out->push_back(table);
    }
    if (required && out->empty()) {
      return Fail(key, "must not be empty");
    }
    return Status::Ok();
  }

  Status Languages(const toml::table& t, std::vector<std::string>* out) const {
    const toml::node* node = t.get("languages");
    if (node == nullptr) {
      return Fail("languages", "missing");
    }
    const auto* array = node->as_array();
    if (array == nullptr) {
      return Fail("languages", "must be an array of language codes");
    }
    if (array->empty()) {
      return Fail("languages", "must not be empty");
    }
    for (size_t i = 0; i < array->size(); ++i) {
      const auto* s = array->get(i)->as_string();
      if (s == nullptr || !IsLanguage(s->get())) {
        return Fail(Indexed("languages", i), "not a language code like \"en\"");
      }
      if (std::find(out->begin(), out->end(), s->get()) != out->end()) {
        return Fail(Indexed("languages", i), "duplicate language \"" + s->get() + "\"");
      }
      out->push_back(s->get());
    }
    return Status::Ok();
  }

  Status Collection(const toml::table& t, Period* out) const {
    const toml::node* node = t.get("collection");
    if (node == nullptr) {
      return Fail("collection", "missing");
    }
    const auto* c = node->as_table();
    if (c == nullptr) {
      return Fail("collection", "must be a table with amount and unit");
    }
    PETITIO_RETURN_IF_ERROR(CheckKeys(*c, "collection", {"amount", "unit"}));
    int64_t amount = 0;
    PETITIO_RETURN_IF_ERROR(Integer(*c, "collection", "amount", 1, kMaxPeriodAmount, &amount));
    std::string unit;
    PETITIO_RETURN_IF_ERROR(String(*c, "collection", "unit", &unit));
    if (unit == "days") {
      out->unit = PeriodUnit::kDays;
    } else if (unit == "weeks") {
      out->unit = PeriodUnit::kWeeks;
    } else if (unit == "months") {
      out->unit = PeriodUnit::kMonths;
    } else {
      return Fail("collection.unit",
                  "must be \"days\", \"weeks\" or \"months\", got \"" + unit + "\"");
    }
    out->amount = static_cast<int>(amount);
    return Status::Ok();
  }

  Status Thresholds(const toml::table& t, std::vector<Threshold>* out) const {
    std::vector<const toml::table*> tables;
    PETITIO_RETURN_IF_ERROR(Tables(t, "thresholds", /*required=*/true, &tables));
    for (size_t i = 0; i < tables.size(); ++i) {
      const std::string path = Indexed("thresholds", i);
      const toml::table& row = *tables[i];
      PETITIO_RETURN_IF_ERROR(CheckKeys(row, path, {"count", "effect", "source", "description"}));
      Threshold threshold;
      PETITIO_RETURN_IF_ERROR(Integer(row, path, "count", 1, kMaxThreshold, &threshold.count));
      if (!out->empty() && threshold.count <= out->back().count) {
        return Fail(Join(path, "count"),
                    "thresholds must be strictly ascending: " + std::to_string(threshold.count) +
                        " follows " + std::to_string(out->back().count));
      }
      PETITIO_RETURN_IF_ERROR(String(row, path, "effect", &threshold.effect));
      if (!IsEffect(threshold.effect)) {
        return Fail(Join(path, "effect"), "must match ^[a-z_]+$, got \"" + threshold.effect + "\"");
      }
      PETITIO_RETURN_IF_ERROR(String(row, path, "source", &threshold.source));
      PETITIO_RETURN_IF_ERROR(
          Localized(row, path, "description", /*required=*/true, &threshold.description));
      out->push_back(std::move(threshold));
    }
    return Status::Ok();
  }

  Status Regions(const toml::table& t, std::vector<Region>* out) const {
    std::vector<const toml::table*> tables;
    PETITIO_RETURN_IF_ERROR(Tables(t, "regions", /*required=*/false, &tables));
    std::set<std::string, std::less<>> seen;
    for (size_t i = 0; i < tables.size(); ++i) {
      const std::string path = Indexed("regions", i);
      const toml::table& row = *tables[i];
      PETITIO_RETURN_IF_ERROR(CheckKeys(row, path, {"code", "name"}));
      Region region;
      PETITIO_RETURN_IF_ERROR(Code(row, path, &seen, &region.code));
      PETITIO_RETURN_IF_ERROR(Localized(row, path, "name", /*required=*/true, &region.name));
      out->push_back(std::move(region));
    }
    return Status::Ok();
  }

  Status Grounds(const toml::table& t, std::vector<ModerationGround>* out) const {
    std::vector<const toml::table*> tables;
    PETITIO_RETURN_IF_ERROR(Tables(t, "grounds", /*required=*/false, &tables));
    std::set<std::string, std::less<>> seen;
    for (size_t i = 0; i < tables.size(); ++i) {
      const std::string path = Indexed("grounds", i);
      const toml::table& row = *tables[i];
      PETITIO_RETURN_IF_ERROR(CheckKeys(row, path, {"code", "citation", "hides", "title"}));
      ModerationGround ground;
      PETITIO_RETURN_IF_ERROR(Code(row, path, &seen, &ground.code));
      PETITIO_RETURN_IF_ERROR(String(row, path, "citation", &ground.citation));
      if (const toml::node* hides = row.get("hides"); hides != nullptr) {
        const auto* b = hides->as_boolean();
        if (b == nullptr) {
          return Fail(Join(path, "hides"), "must be true or false");
        }
        ground.hides = b->get();
      }
      PETITIO_RETURN_IF_ERROR(Localized(row, path, "title", /*required=*/true, &ground.title));
      out->push_back(std::move(ground));
    }
    return Status::Ok();
  }

  Result<Profile> Read(const toml::table& root) const {
    PETITIO_RETURN_IF_ERROR(
        CheckKeys(root, "",
                  {"id", "source", "languages", "sponsors_required", "name", "addressee_hint",
                   "collection", "thresholds", "regions", "grounds"}));
    Profile p;
    PETITIO_RETURN_IF_ERROR(String(root, "", "id", &p.id));
    if (!IsProfileId(p.id)) {
      return Fail("id", "must match ^[a-z][a-z0-9-]*$, got \"" + p.id + "\"");
    }
    PETITIO_RETURN_IF_ERROR(Localized(root, "", "name", /*required=*/true, &p.name));
    PETITIO_RETURN_IF_ERROR(String(root, "", "source", &p.source));
    PETITIO_RETURN_IF_ERROR(Languages(root, &p.languages));
    int64_t sponsors = 0;
    PETITIO_RETURN_IF_ERROR(Integer(root, "", "sponsors_required", 0, kMaxSponsors, &sponsors));
    p.sponsors_required = static_cast<int>(sponsors);
    PETITIO_RETURN_IF_ERROR(
        Localized(root, "", "addressee_hint", /*required=*/false, &p.addressee_hint));
    PETITIO_RETURN_IF_ERROR(Collection(root, &p.collection));
    PETITIO_RETURN_IF_ERROR(Thresholds(root, &p.thresholds));
    PETITIO_RETURN_IF_ERROR(Regions(root, &p.regions));
    PETITIO_RETURN_IF_ERROR(Grounds(root, &p.grounds));
    return p;
  }

 private:
  // A unique `code` of a region or ground.
  Status Code(const toml::table& row, std::string_view path,
              std::set<std::string, std::less<>>* seen, std::string* out) const {
    PETITIO_RETURN_IF_ERROR(String(row, path, "code", out));
    if (!IsCode(*out)) {
      return Fail(Join(path, "code"), "must match ^[a-z0-9_]+$, got \"" + *out + "\"");
    }
    if (!seen->insert(*out).second) {
      return Fail(Join(path, "code"), "duplicate code \"" + *out + "\"");
    }
    return Status::Ok();
  }

  std::string origin_;
};

}  // namespace

Result<Profile> ParseProfileToml(std::string_view toml_text, std::string_view origin) {
  ProfileReader reader(origin);
  toml::table root;
  try {
    root = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& e) {
    std::ostringstream where;
    where << "line " << e.source().begin.line << ", column " << e.source().begin.column;
    return reader.Fail(where.str(), "not valid TOML: " + std::string(e.description()));
  }
  return reader.Read(root);
}

}  // namespace petitio
