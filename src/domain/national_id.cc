#include "domain/national_id.h"

#include <array>
#include <utility>

#include "domain/text.h"

namespace petitio {
namespace {

constexpr size_t kIinLength = 12;

Status IinError(std::string message) {
  return Status::Invalid(std::move(message), "invalid_national_id");
}

int DigitAt(std::string_view digits, size_t i) { return digits[i] - '0'; }

int TwoDigits(std::string_view digits, size_t i) {
  return DigitAt(digits, i) * 10 + DigitAt(digits, i + 1);
}

// The check digit of the first eleven digits (KZ.md), or -1 when both passes give 10.
int IinCheckDigit(std::string_view digits) {
  static constexpr std::array<int, 11> kFirstWeights = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  static constexpr std::array<int, 11> kSecondWeights = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
  const auto weighted_sum_mod_11 = [digits](const std::array<int, 11>& weights) {
    int sum = 0;
    for (size_t i = 0; i < weights.size(); ++i) sum += DigitAt(digits, i) * weights[i];
    return sum % 11;
  };
  const int first = weighted_sum_mod_11(kFirstWeights);
  if (first != 10) return first;
  const int second = weighted_sum_mod_11(kSecondWeights);
  return second != 10 ? second : -1;
}

}  // namespace

Result<KzIin> ParseKzIin(std::string_view text) {
  const std::string_view digits = Trim(text);
  for (char c : digits) {
    if (c < '0' || c > '9') {
      return IinError(
          "an IIN must contain only the digits 0-9, with no spaces, letters or other characters");
    }
  }
  if (digits.size() != kIinLength) return IinError("an IIN must have exactly 12 digits");

  const int century_digit = DigitAt(digits, 6);
  if (century_digit < 1 || century_digit > 6) {
    return IinError("the seventh digit of an IIN (century of birth and sex) must be from 1 to 6");
  }
  const int century = 1800 + (century_digit - 1) / 2 * 100;
  const Date birth{century + TwoDigits(digits, 0), TwoDigits(digits, 2), TwoDigits(digits, 4)};
  if (!IsValidDate(birth)) {
    return IinError("the first six digits of an IIN (YYMMDD) are not a real date of birth");
  }

  const int check = IinCheckDigit(digits);
  if (check < 0) {
    return IinError(
        "no IIN is issued with these first eleven digits: their check digit cannot be computed");
  }
  if (check != DigitAt(digits, 11)) {
    return IinError(
        "the last digit of an IIN does not match its check digit; the number may be mistyped");
  }
  return KzIin{std::string(digits), birth, century_digit % 2 == 1 ? Sex::kMale : Sex::kFemale};
}

std::optional<std::string> ComposeKzIin(const Date& birth, Sex sex, int serial) {
  if (!IsValidDate(birth) || birth.year < 1800 || birth.year > 2099 || serial < 0 ||
      serial > 9999) {
    return std::nullopt;
  }
  const int century_digit = (birth.year - 1800) / 100 * 2 + (sex == Sex::kMale ? 1 : 2);
  std::string digits;
  for (int v : {birth.year % 100, birth.month, birth.day}) {
    digits += static_cast<char>('0' + v / 10);
    digits += static_cast<char>('0' + v % 10);
  }
  digits += static_cast<char>('0' + century_digit);
  for (int div : {1000, 100, 10, 1}) digits += static_cast<char>('0' + serial / div % 10);
  const int check = IinCheckDigit(digits);
  if (check < 0) return std::nullopt;
  digits += static_cast<char>('0' + check);
  return digits;
}

int AgeOn(const Date& birth, const Date& on) {
  int years = on.year - birth.year;
  int birthday_month = birth.month;
  int birthday_day = birth.day;
  if (birth.month == 2 && birth.day == 29 && DaysInMonth(on.year, 2) == 28) {
    birthday_month = 3;  // a 29 February birthday counts on 1 March in non-leap years
    birthday_day = 1;
  }
  if (on.month < birthday_month || (on.month == birthday_month && on.day < birthday_day)) {
    --years;
  }
  return years;
}

}  // namespace petitio
