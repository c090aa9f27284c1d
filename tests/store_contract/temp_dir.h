// TempDir: a fresh directory under $TMPDIR (or the system temporary directory), removed with
// everything in it when the TempDir goes away. path() is empty if it could not be created.
#pragma once

#include <string>

namespace petitio::store_contract {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace petitio::store_contract
