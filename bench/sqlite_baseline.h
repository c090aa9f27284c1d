// The raw SQLite insert rate of signature rows, in transactions of `batch` rows, in a new file
// in WAL mode with synchronous=FULL: what the disk and SQLite allow before any server work.
#pragma once

#include <cstdint>
#include <string>

namespace petitio::bench {

struct InsertRate {
  int64_t rows = 0;
  double seconds = 0;
  double per_second() const { return seconds > 0 ? static_cast<double>(rows) / seconds : 0; }
};

// Inserts `rows` rows (a multiple of `batch`) into `path` (created; must not exist).
InsertRate SqliteInsertRate(const std::string& path, int64_t rows, int batch);

}  // namespace petitio::bench
