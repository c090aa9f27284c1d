#include "domain/plural.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "shipped_files.h"

namespace petitio {
namespace {

// Every case of tests/cases/plurals/cldr.txt (sourced there from the CLDR chart).
TEST(Plural, CldrCasesForEnglishRussianAndKazakh) {
  std::istringstream in(testing::ReadSourceFile("tests/cases/plurals/cldr.txt"));
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string language, category;
    int64_t n = 0;
    ASSERT_TRUE(fields >> language >> n >> category) << line;
    const std::optional<PluralCategory> got = PluralOf(language, n);
    ASSERT_TRUE(got.has_value()) << line;
    EXPECT_EQ(PluralCategoryName(*got), category) << line;
    ++cases;
  }
  EXPECT_GE(cases, 30);
}

TEST(Plural, UnknownLanguagesHaveNoRules) {
  EXPECT_FALSE(PluralOf("de", 1).has_value());
  EXPECT_EQ(PluralOf("ru", -21), PluralCategory::kOne) << "the absolute value counts";
}

}  // namespace
}  // namespace petitio
