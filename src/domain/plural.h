// CLDR cardinal plural categories for whole numbers in Petitio's languages, so that messages
// read "1 signature", "2 signatures"; "1 подпись", "2 подписи", "5 подписей"; "1 қол", "5 қол".
// Rules from the Unicode CLDR plural rules (language plural rules chart, cardinal, for integers:
// v = 0): en one: i = 1; ru one: i%10 = 1 and i%100 != 11, few: i%10 = 2..4 and i%100 != 12..14,
// many: the other integers; kk one: n = 1. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace petitio {

enum class PluralCategory { kOne, kFew, kMany, kOther };
std::string_view PluralCategoryName(PluralCategory c);  // "one", "few", "many", "other"

// The category of `n` in `language` ("en", "ru", "kk"); nullopt for a language without rules.
std::optional<PluralCategory> PluralOf(std::string_view language, int64_t n);

}  // namespace petitio
