// The form text is compared in when people search petitions: lower case for the scripts of
// Petitio's jurisdictions (ASCII, Latin-1 and Latin Extended-A, Cyrillic with the Kazakh and
// Ukrainian letters), and "ё" read as "е", as Russian readers do. Anything else (and invalid
// UTF-8) passes through unchanged, so folding never loses text. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace petitio {

std::string FoldForSearch(std::string_view utf8);

// A LIKE pattern that finds `query` (already folded) anywhere, with '%', '_' and '\' escaped
// for ESCAPE '\'.
std::string ContainsPattern(std::string_view folded_query);

}  // namespace petitio
