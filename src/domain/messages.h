// Message catalogues: every text a page or a mail shows, in each of Petitio's languages, read
// from one TOML file per language (web/messages/LANG.toml). Nested tables become dotted keys
// ("sign.button"); a table whose keys are only CLDR plural categories ("one", "few", "many",
// "other"; "other" required) is a plural message, chosen by the count's category in that
// language (domain/plural.h). "{name}" in a text is replaced by the argument of that name; a
// plural message's "{count}" is the count written in that language's number format.
//
// Catalogue also writes numbers ("50,000", "50 000") and dates ("9 June 2024", "9 июня 2024 г.",
// "2024 жылғы 9 маусым") from its own keys (number.group_separator, date.format, date.month.N).
//
// Messages::Parse checks that every catalogue has exactly the keys of the English one and every
// plural category its language needs, so a missing translation stops the server at start (and
// fails a test) instead of showing a key to a visitor. Lookups are const and thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "domain/time.h"

namespace petitio {

// The languages Petitio speaks, in the order the language switch lists them.
inline constexpr std::string_view kLanguages[] = {"kk", "ru", "en"};
bool IsSupportedLanguage(std::string_view code);

using MessageArgs = std::vector<std::pair<std::string_view, std::string>>;

class Catalogue {
 public:
  static Result<Catalogue> Parse(std::string_view language, std::string_view toml_text);

  const std::string& language() const { return language_; }
  bool Has(std::string_view key) const;
  // The text of `key` with its arguments put in; "[key]" when the key is missing.
  std::string Text(std::string_view key, const MessageArgs& args = {}) const;
  // The plural message `key` for `count`: "{count}" and the other arguments put in.
  std::string Plural(std::string_view key, int64_t count, const MessageArgs& args = {}) const;
  std::string Number(int64_t n) const;
  std::string FormatDate(Date d) const;
  std::string FormatDay(TimePoint t) const;  // the UTC day of an instant
  // Date and time of day in UTC: "9 June 2024, 10:00 UTC".
  std::string FormatDateTime(TimePoint t) const;

  // Every key, the plural ones as "key.CATEGORY": for comparing catalogues.
  std::vector<std::string> Keys() const;
  // The plain (non-plural) texts, by key, for handing whole to templates.
  const std::map<std::string, std::string, std::less<>>& texts() const { return texts_; }

 private:
  friend class Messages;
  std::string language_;
  std::map<std::string, std::string, std::less<>> texts_;
  std::map<std::string, std::map<std::string, std::string>, std::less<>> plurals_;
};

class Messages {
 public:
  // `files`: language code -> TOML text; must hold every language of kLanguages.
  static Result<Messages> Parse(const std::map<std::string, std::string_view>& files);
  // The catalogue of `language`, English for any language Petitio does not speak.
  const Catalogue& For(std::string_view language) const;

 private:
  std::map<std::string, Catalogue, std::less<>> catalogues_;
};

}  // namespace petitio
