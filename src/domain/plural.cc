#include "domain/plural.h"

namespace petitio {

std::string_view PluralCategoryName(PluralCategory c) {
  switch (c) {
    case PluralCategory::kOne:
      return "one";
    case PluralCategory::kFew:
      return "few";
    case PluralCategory::kMany:
      return "many";
    case PluralCategory::kOther:
      return "other";
  }
  return "other";
}

std::optional<PluralCategory> PluralOf(std::string_view language, int64_t n) {
  const int64_t i = n < 0 ? -n : n;  // CLDR's operands are of the absolute value
  if (language == "en" || language == "kk") {
    return i == 1 ? PluralCategory::kOne : PluralCategory::kOther;
  }
  if (language == "ru") {
    const int64_t mod10 = i % 10;
    const int64_t mod100 = i % 100;
    if (mod10 == 1 && mod100 != 11) return PluralCategory::kOne;
    if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return PluralCategory::kFew;
    return PluralCategory::kMany;
  }
  return std::nullopt;
}

}  // namespace petitio
