// LocalizedText: a text in several languages, keyed by language code ("en", "ru", "kk").
// Get falls back to English, then to any language present, then to an empty string.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace petitio {

struct LocalizedText {
  std::map<std::string, std::string> by_language;
  const std::string& Get(std::string_view language = "en") const;
  bool empty() const { return by_language.empty(); }
};

}  // namespace petitio
