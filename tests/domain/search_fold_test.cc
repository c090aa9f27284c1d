#include "domain/search_fold.h"

#include <gtest/gtest.h>

namespace petitio {
namespace {

struct Case {
  const char* in;
  const char* folded;
  const char* why;
};

// Expected forms from the Unicode character database's simple lowercase mappings (UnicodeData.txt,
// field 13), and "ё" -> "е" as Russian search treats them.
const Case kCases[] = {
    {"Plant MORE Trees", "plant more trees", "ASCII"},
    {"ÄÖÜ Straße", "äöü straße", "German: ß has no single capital here"},
    {"ŁÓDŹ ŻÓŁW", "łódź żółw", "Polish, Latin Extended-A"},
    {"ОСВЕТИТЬ Переходы", "осветить переходы", "Russian"},
    {"Ёлка ЁЖ", "елка еж", "ё reads as е"},
    {"ӘЛЕУМЕТТІК ҚОЛДАУ", "әлеуметтік қолдау", "Kazakh Ә, І, Қ"},
    {"ҒҰМЫР ҮЙ ҢӨҺ", "ғұмыр үй ңөһ", "Kazakh Ғ, Ұ, Ү, Ң, Ө, Һ"},
    {"ЇЖАК ЄВРОПА ҐАНОК", "їжак європа ґанок", "Ukrainian Ї, Є, Ґ"},
    {"×÷", "×÷", "Latin-1 signs are not letters"},
    {"日本 🌳", "日本 🌳", "other scripts pass through"},
};

TEST(SearchFold, FoldsTheLettersOfPetitiosLanguages) {
  for (const Case& c : kCases) EXPECT_EQ(FoldForSearch(c.in), c.folded) << c.why;
}

TEST(SearchFold, InvalidUtf8PassesThrough) {
  const std::string bad = std::string("A\xC3") + "B\xFF";
  EXPECT_EQ(FoldForSearch(bad), std::string("a\xC3") + "b\xFF");
}

TEST(SearchFold, PatternsEscapeLikeWildcards) {
  EXPECT_EQ(ContainsPattern("50%_off\\"), "%50\\%\\_off\\\\%");
  EXPECT_EQ(ContainsPattern(""), "%%");
}

}  // namespace
}  // namespace petitio
