#include "domain/toml_reader.h"

#include <algorithm>
#include <sstream>
#include <utility>

namespace petitio::toml_reader {

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsId(std::string_view s) {
  return !s.empty() && IsLower(s[0]) && std::all_of(s.begin(), s.end(), [](char c) {
    return IsLower(c) || IsDigit(c) || c == '-';
  });
}

bool IsCode(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return IsLower(c) || IsDigit(c) || c == '_'; });
}

bool IsLanguage(std::string_view s) {
  return (s.size() == 2 || s.size() == 3) && std::all_of(s.begin(), s.end(), IsLower);
}

std::string Join(std::string_view prefix, std::string_view key) {
  if (prefix.empty()) return std::string(key);
  std::string path(prefix);
  path += '.';
  path += key;
  return path;
}

std::string Indexed(std::string_view key, size_t i) {
  return std::string(key) + "[" + std::to_string(i) + "]";
}

Status TomlReader::Fail(std::string_view key, std::string_view problem) const {
  std::string message = origin_;
  message += ": ";
  message += key;
  message += ": ";
  message += problem;
  return Status::Invalid(std::move(message), code_);
}

Result<toml::table> TomlReader::Parse(std::string_view text) const {
  try {
    return toml::parse(text, origin_);
  } catch (const toml::parse_error& e) {
    std::ostringstream where;
    where << "line " << e.source().begin.line << ", column " << e.source().begin.column;
    return Fail(where.str(), "not valid TOML: " + std::string(e.description()));
  }
}

Status TomlReader::CheckKeys(const toml::table& t, std::string_view prefix,
                             std::initializer_list<std::string_view> allowed) const {
  for (const auto& [key, node] : t) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end()) {
      return Fail(Join(prefix, key.str()), "unknown key");
    }
  }
  return Status::Ok();
}

Status TomlReader::String(const toml::table& t, std::string_view prefix, std::string_view key,
                          std::string* out) const {
  if (t.get(key) == nullptr) return Fail(Join(prefix, key), "missing");
  return OptionalString(t, prefix, key, out);
}

Status TomlReader::OptionalString(const toml::table& t, std::string_view prefix,
                                  std::string_view key, std::string* out) const {
  const toml::node* node = t.get(key);
  if (node == nullptr) return Status::Ok();
  const auto* s = node->as_string();
  if (s == nullptr) return Fail(Join(prefix, key), "must be a string");
  if (s->get().empty()) return Fail(Join(prefix, key), "must not be empty");
  *out = s->get();
  return Status::Ok();
}

Status TomlReader::Integer(const toml::table& t, std::string_view prefix, std::string_view key,
                           int64_t min, int64_t max, int64_t* out) const {
  const toml::node* node = t.get(key);
  if (node == nullptr) return Fail(Join(prefix, key), "missing");
  const auto* i = node->as_integer();
  if (i == nullptr) return Fail(Join(prefix, key), "must be an integer");
  if (i->get() < min || i->get() > max) {
    return Fail(Join(prefix, key), "must be between " + std::to_string(min) + " and " +
                                       std::to_string(max) + ", got " + std::to_string(i->get()));
  }
  *out = i->get();
  return Status::Ok();
}

Status TomlReader::Boolean(const toml::table& t, std::string_view prefix, std::string_view key,
                           bool* out) const {
  const toml::node* node = t.get(key);
  if (node == nullptr) return Status::Ok();
  const auto* b = node->as_boolean();
  if (b == nullptr) return Fail(Join(prefix, key), "must be true or false");
  *out = b->get();
  return Status::Ok();
}

Status TomlReader::Localized(const toml::table& t, std::string_view prefix, std::string_view key,
                             bool required, LocalizedText* out) const {
  const std::string path = Join(prefix, key);
  const toml::node* node = t.get(key);
  if (node == nullptr) return required ? Fail(path, "missing") : Status::Ok();
  const auto* texts = node->as_table();
  if (texts == nullptr) return Fail(path, "must be a table of language = \"text\"");
  for (const auto& [lang, value] : *texts) {
    const std::string lang_path = Join(path, lang.str());
    if (!IsLanguage(lang.str())) return Fail(lang_path, "not a language code like \"en\"");
    const auto* s = value.as_string();
    if (s == nullptr) return Fail(lang_path, "must be a string");
    if (s->get().empty()) return Fail(lang_path, "must not be empty");
    out->by_language.emplace(std::string(lang.str()), s->get());
  }
  if (!out->by_language.contains("en")) {
    return Fail(Join(path, "en"), "missing (English is required)");
  }
  return Status::Ok();
}

Status TomlReader::Tables(const toml::table& t, std::string_view prefix, std::string_view key,
                          bool required, std::vector<const toml::table*>* out) const {
  const std::string path = Join(prefix, key);
  const toml::node* node = t.get(key);
  if (node == nullptr) return required ? Fail(path, "missing") : Status::Ok();
  const auto* array = node->as_array();
  if (array == nullptr) return Fail(path, "must be an array of tables ([[" + path + "]])");
  for (size_t i = 0; i < array->size(); ++i) {
    const auto* table = array->get(i)->as_table();
    if (table == nullptr) return Fail(Indexed(path, i), "must be a table");
    out->push_back(table);
  }
  if (required && out->empty()) return Fail(path, "must not be empty");
  return Status::Ok();
}

Status TomlReader::Table(const toml::table& t, std::string_view prefix, std::string_view key,
                         const toml::table** out) const {
  *out = nullptr;
  const toml::node* node = t.get(key);
  if (node == nullptr) return Status::Ok();
  *out = node->as_table();
  if (*out == nullptr) return Fail(Join(prefix, key), "must be a table");
  return Status::Ok();
}

Status TomlReader::Code(const toml::table& row, std::string_view path,
                        std::set<std::string, std::less<>>* seen, std::string* out) const {
  PETITIO_RETURN_IF_ERROR(String(row, path, "code", out));
  if (!IsCode(*out)) {
    return Fail(Join(path, "code"), "must match ^[a-z0-9_]+$, got \"" + *out + "\"");
  }
  if (!seen->insert(*out).second) {
    return Fail(Join(path, "code"), "duplicate code \"" + *out + "\"");
  }
  return Status::Ok();
}

}  // namespace petitio::toml_reader
