// TomlReader: strict reading of the TOML files the domain loads (profiles and calendars).
// Internal to src/domain; nothing outside the parsers includes it.
//
// Every failure is a Status::Invalid whose message is "<origin>: <key path>: <problem>" with
// the given error code, so an operator sees which file and which key to fix. Unknown keys are
// errors. ParseToml turns toml++'s parse_error (the Debian build throws) into a Status.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/profile.h"
#include "domain/result.h"

namespace petitio::toml_reader {

bool IsLower(char c);
bool IsDigit(char c);
// ^[a-z][a-z0-9-]*$
bool IsId(std::string_view s);
// ^[a-z0-9_]+$
bool IsCode(std::string_view s);
// ^[a-z]{2,3}$ (ISO 639-1 or 639-2/3)
bool IsLanguage(std::string_view s);

std::string Join(std::string_view prefix, std::string_view key);
std::string Indexed(std::string_view key, size_t i);

class TomlReader {
 public:
  TomlReader(std::string_view origin, std::string_view error_code)
      : origin_(origin), code_(error_code) {}

  Status Fail(std::string_view key, std::string_view problem) const;

  Result<toml::table> Parse(std::string_view text) const;

  Status CheckKeys(const toml::table& t, std::string_view prefix,
                   std::initializer_list<std::string_view> allowed) const;
  // A required non-empty string.
  Status String(const toml::table& t, std::string_view prefix, std::string_view key,
                std::string* out) const;
  // An optional non-empty string; absent leaves `out` unchanged.
  Status OptionalString(const toml::table& t, std::string_view prefix, std::string_view key,
                        std::string* out) const;
  Status Integer(const toml::table& t, std::string_view prefix, std::string_view key, int64_t min,
                 int64_t max, int64_t* out) const;
  // An optional boolean; absent leaves `out` unchanged.
  Status Boolean(const toml::table& t, std::string_view prefix, std::string_view key,
                 bool* out) const;
  // A table of language code -> non-empty text; English is required when present.
  Status Localized(const toml::table& t, std::string_view prefix, std::string_view key,
                   bool required, LocalizedText* out) const;
  // An array of tables (`[[key]]`) at `path`; absent means empty unless required.
  Status Tables(const toml::table& t, std::string_view prefix, std::string_view key, bool required,
                std::vector<const toml::table*>* out) const;
  // An optional sub-table; absent gives nullptr.
  Status Table(const toml::table& t, std::string_view prefix, std::string_view key,
               const toml::table** out) const;
  // A unique `code` (^[a-z0-9_]+$) of a row.
  Status Code(const toml::table& row, std::string_view path,
              std::set<std::string, std::less<>>* seen, std::string* out) const;

 private:
  std::string origin_;
  std::string code_;
};

}  // namespace petitio::toml_reader
