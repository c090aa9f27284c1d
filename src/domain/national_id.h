// National identity numbers. Pure functions, no clock, no I/O.
//
// ParseKzIin accepts a Kazakhstan IIN (individual identification number, jurisdictions/KZ.md):
// exactly 12 ASCII digits once surrounding whitespace is trimmed, whose first six digits YYMMDD
// are a real date in the century given by the seventh digit (1/2 = 1800s, 3/4 = 1900s,
// 5/6 = 2000s; odd = male, even = female) and whose twelfth digit is the check digit of the
// first eleven (weights 1..11 mod 11; if that is 10, weights 3..11,1,2 mod 11; if that is 10
// again, no such IIN is issued). Anything else is Status::Invalid with code
// "invalid_national_id" and a message naming the first problem found, checked in this order:
// characters, length, century digit, date, check digit. No message ever contains the number or
// any part of it: an IIN is personal data (store only its keyed hash, see domain/crypto.h).
// With no clock, a birth date in the future is not refused here; AgeOn makes it visible.
//
// AgeOn gives full years of age; a 29 February birthday counts on 1 March in non-leap years.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/result.h"
#include "domain/time.h"

namespace petitio {

enum class Sex { kMale, kFemale };

struct KzIin {
  std::string digits;  // the 12 digits, trimmed
  Date birth_date;
  Sex sex = Sex::kMale;
};

Result<KzIin> ParseKzIin(std::string_view text);

// The IIN of someone born on `birth` (1800-2099) with `sex` and a 4-digit `serial`
// (0..9999), with its check digit; nullopt when no IIN can be issued for those digits. For
// demo data and tests: real IINs are issued by the state.
std::optional<std::string> ComposeKzIin(const Date& birth, Sex sex, int serial);

// Full years of age on `on` for someone born on `birth` (both valid dates). Negative when `on`
// is before `birth`.
int AgeOn(const Date& birth, const Date& on);

}  // namespace petitio
