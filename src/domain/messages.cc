#include "domain/messages.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "domain/plural.h"

namespace petitio {

namespace {

constexpr std::string_view kCategories[] = {"one", "few", "many", "other"};

bool IsCategory(std::string_view k) {
  return std::find(std::begin(kCategories), std::end(kCategories), k) != std::end(kCategories);
}

bool IsPluralTable(const toml::table& t) {
  if (!t.contains("other")) return false;
  for (const auto& [k, v] : t) {
    if (!IsCategory(k.str()) || !v.is_string()) return false;
  }
  return true;
}

// The categories `language` uses for whole numbers (those PluralOf can answer).
std::set<std::string> CategoriesOf(std::string_view language) {
  std::set<std::string> out;
  for (int64_t n = 0; n < 200; ++n) {
    if (auto c = PluralOf(language, n)) out.emplace(PluralCategoryName(*c));
  }
  return out;
}

std::string Fill(std::string_view text, const MessageArgs& args) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find('{', pos);
    if (open == std::string_view::npos) break;
    const size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    const std::string_view name = text.substr(open + 1, close - open - 1);
    const auto it =
        std::find_if(args.begin(), args.end(), [&](const auto& a) { return a.first == name; });
    if (it != args.end()) {
      out += it->second;
    } else {
      out.append(text.substr(open, close - open + 1));
    }
    pos = close + 1;
  }
  out.append(text.substr(std::min(pos, text.size())));
  return out;
}

Status Flatten(const toml::table& t, const std::string& prefix, const std::string& origin,
               std::map<std::string, std::string, std::less<>>* texts,
               std::map<std::string, std::map<std::string, std::string>, std::less<>>* plurals) {
  for (const auto& [k, v] : t) {
    const std::string key =
        prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const auto* s = v.as_string()) {
      texts->emplace(key, s->get());
    } else if (const auto* sub = v.as_table()) {
      if (IsPluralTable(*sub)) {
        auto& forms = (*plurals)[key];
        for (const auto& [c, f] : *sub)
          forms.emplace(std::string(c.str()), *f.value<std::string>());
      } else {
        PETITIO_RETURN_IF_ERROR(Flatten(*sub, key, origin, texts, plurals));
      }
    } else {
      return Status::Invalid(origin + ": " + key + ": must be a text or a table");
    }
  }
  return Status::Ok();
}

}  // namespace

bool IsSupportedLanguage(std::string_view code) {
  return std::find(std::begin(kLanguages), std::end(kLanguages), code) != std::end(kLanguages);
}

Result<Catalogue> Catalogue::Parse(std::string_view language, std::string_view toml_text) {
  const std::string origin = "messages/" + std::string(language) + ".toml";
  toml::table root;
  try {
    root = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& e) {
    return Status::Invalid(origin + ": " + std::string(e.description()));
  }
  Catalogue c;
  c.language_ = std::string(language);
  PETITIO_RETURN_IF_ERROR(Flatten(root, "", origin, &c.texts_, &c.plurals_));
  const std::set<std::string> needed = CategoriesOf(language);
  for (const auto& [key, forms] : c.plurals_) {
    for (const std::string& cat : needed) {
      if (!forms.count(cat)) {
        return Status::Invalid(origin + ": " + key + ": needs the plural form \"" + cat + "\"");
      }
    }
  }
  for (int m = 1; m <= 12; ++m) {
    if (!c.Has("date.month." + std::to_string(m))) {
      return Status::Invalid(origin + ": date.month." + std::to_string(m) + " is missing");
    }
  }
  for (const char* k : {"date.format", "date.time_format", "number.group_separator"}) {
    if (!c.Has(k)) return Status::Invalid(origin + ": " + k + " is missing");
  }
  return c;
}

bool Catalogue::Has(std::string_view key) const {
  return texts_.find(key) != texts_.end() || plurals_.find(key) != plurals_.end();
}

std::string Catalogue::Text(std::string_view key, const MessageArgs& args) const {
  const auto it = texts_.find(key);
  if (it == texts_.end()) return "[" + std::string(key) + "]";
  return args.empty() ? it->second : Fill(it->second, args);
}

std::string Catalogue::Plural(std::string_view key, int64_t count, const MessageArgs& args) const {
  const auto it = plurals_.find(key);
  if (it == plurals_.end()) return "[" + std::string(key) + "]";
  const auto category = PluralOf(language_, count);
  auto form = it->second.find(category ? std::string(PluralCategoryName(*category)) : "other");
  if (form == it->second.end()) form = it->second.find("other");
  MessageArgs all = args;
  all.emplace_back("count", Number(count));
  return Fill(form->second, all);
}

std::string Catalogue::Number(int64_t n) const {
  const std::string digits = std::to_string(n < 0 ? -n : n);
  const std::string& sep = texts_.find("number.group_separator")->second;
  std::string out = n < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += sep;
    out += digits[i];
  }
  return out;
}

std::string Catalogue::FormatDate(petitio::Date d) const {
  return Fill(texts_.find("date.format")->second,
              {{"day", std::to_string(d.day)},
               {"month", Text("date.month." + std::to_string(d.month))},
               {"year", std::to_string(d.year)}});
}

std::string Catalogue::FormatDay(TimePoint t) const { return FormatDate(petitio::DateOf(t)); }

std::string Catalogue::FormatDateTime(TimePoint t) const {
  const int64_t ms_of_day = ((ToMillis(t) % 86'400'000) + 86'400'000) % 86'400'000;
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d:%02d", static_cast<int>(ms_of_day / 3'600'000),
                static_cast<int>(ms_of_day / 60'000 % 60));
  return Fill(texts_.find("date.time_format")->second, {{"date", FormatDay(t)}, {"time", hm}});
}

std::vector<std::string> Catalogue::Keys() const {
  std::vector<std::string> keys;
  for (const auto& [k, v] : texts_) keys.push_back(k);
  for (const auto& [k, forms] : plurals_) {
    for (const auto& [cat, f] : forms) keys.push_back(k + "." + cat);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

Result<Messages> Messages::Parse(const std::map<std::string, std::string_view>& files) {
  Messages m;
  for (std::string_view lang : kLanguages) {
    const auto it = files.find(std::string(lang));
    if (it == files.end())
      return Status::Invalid("messages/" + std::string(lang) + ".toml is missing");
    Result<Catalogue> c = Catalogue::Parse(lang, it->second);
    if (!c.ok()) return c.status();
    m.catalogues_.emplace(std::string(lang), std::move(*c));
  }
  // Every catalogue must say what English says: the same texts and the same plural messages.
  const Catalogue& en = m.catalogues_.at("en");
  std::set<std::string> en_keys;
  for (const auto& [k, v] : en.texts_) en_keys.insert(k);
  for (const auto& [k, v] : en.plurals_) en_keys.insert(k);
  for (const auto& [lang, c] : m.catalogues_) {
    std::set<std::string> keys;
    for (const auto& [k, v] : c.texts_) keys.insert(k);
    for (const auto& [k, v] : c.plurals_) keys.insert(k);
    for (const std::string& k : en_keys) {
      if (!keys.count(k))
        return Status::Invalid("messages/" + lang + ".toml: " + k + " is missing");
    }
    for (const std::string& k : keys) {
      if (!en_keys.count(k)) {
        return Status::Invalid("messages/" + lang + ".toml: " + k + " is not in en.toml");
      }
    }
    for (const auto& [k, v] : c.plurals_) {
      if (!en.plurals_.count(k)) {
        return Status::Invalid("messages/" + lang + ".toml: " + k + " is plural only here");
      }
    }
  }
  return m;
}

const Catalogue& Messages::For(std::string_view language) const {
  const auto it = catalogues_.find(language);
  return it != catalogues_.end() ? it->second : catalogues_.find("en")->second;
}

}  // namespace petitio
