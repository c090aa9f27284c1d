// Versioned schema migrations for the SQLite store.
//
// A migration is a (version, SQL script) pair; versions increase. ApplyMigrations records
// each applied version in schema_migrations(version, applied_at) and applies, in version
// order and each inside its own transaction together with its record, only the migrations the
// file has not seen yet, so re-opening an existing file applies only newer ones. applied_at is
// the database's own UTC clock ("2024-06-09T10:00:00.000Z"): an operator's note, not domain
// time.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "domain/result.h"
#include "store/sqlite/connection.h"

namespace petitio::sqlite {

struct Migration {
  int64_t version = 0;
  std::string sql;
};

// The store's migrations, oldest first.
const std::vector<Migration>& StoreMigrations();

// Applies the migrations of `migrations` (ordered by version) that `conn` has not recorded.
// Returns how many it applied.
Result<int> ApplyMigrations(Connection& conn, std::span<const Migration> migrations);

}  // namespace petitio::sqlite
