#include "temp_dir.h"

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace petitio::store_contract {

TempDir::TempDir() {
  const char* env = std::getenv("TMPDIR");
  std::error_code ec;
  std::filesystem::path base = env != nullptr && *env != '\0'
                                   ? std::filesystem::path(env)
                                   : std::filesystem::temp_directory_path(ec);
  if (base.empty()) base = "/tmp";
  std::string pattern = (base / "petitio-store-XXXXXX").string();
  if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
}

TempDir::~TempDir() {
  if (path_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace petitio::store_contract
