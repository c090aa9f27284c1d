#include "domain/localized_text.h"

namespace petitio {

const std::string& LocalizedText::Get(std::string_view language) const {
  static const std::string kEmpty;
  if (auto it = by_language.find(std::string(language)); it != by_language.end()) {
    return it->second;
  }
  if (auto it = by_language.find("en"); it != by_language.end()) return it->second;
  if (!by_language.empty()) return by_language.begin()->second;
  return kEmpty;
}

}  // namespace petitio
