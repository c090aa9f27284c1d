#include "cli/idp_file.h"

#include <toml++/toml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace petitio {

namespace {

Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return Status::Invalid("cannot read " + path.string());
  return text.str();
}

}  // namespace

Result<IdTokenVerifier> LoadIdentityProvider(const std::string& path) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  toml::table t;
  try {
    t = toml::parse(*text, path);
  } catch (const toml::parse_error& e) {
    return Status::Invalid(path + ": not valid TOML: " + std::string(e.description()));
  }
  for (const auto& [key, node] : t) {
    const std::string_view k = key.str();
    if (k != "id" && k != "issuer" && k != "audience" && k != "public_key_file" &&
        k != "national_id_claim") {
      return Status::Invalid(path + ": " + std::string(k) + ": unknown key");
    }
  }
  IdentityProvider p;
  for (auto [key, out] : {std::pair{"id", &p.id}, std::pair{"issuer", &p.issuer},
                          std::pair{"audience", &p.audience}}) {
    const std::optional<std::string> v = t[key].value<std::string>();
    if (!v || v->empty()) return Status::Invalid(path + ": " + key + ": missing");
    *out = *v;
  }
  if (std::optional<std::string> claim = t["national_id_claim"].value<std::string>()) {
    p.national_id_claim = *claim;
  }
  const std::optional<std::string> key_file = t["public_key_file"].value<std::string>();
  if (!key_file) return Status::Invalid(path + ": public_key_file: missing");
  const std::filesystem::path key_path =
      std::filesystem::path(path).parent_path() / std::filesystem::path(*key_file);
  Result<std::string> pem = ReadFile(key_path);
  if (!pem.ok()) return Status::Invalid(path + ": public_key_file: " + pem.status().message());
  p.public_key_pem = *pem;
  return IdTokenVerifier::Create(std::move(p));
}

}  // namespace petitio
