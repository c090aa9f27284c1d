// Versioned schema migrations, for any engine.
//
// A migration is a (version, SQL script) pair; versions increase. ApplyMigrations records
// each applied version in schema_migrations(version, applied_at) and applies, in version
// order and each inside its own transaction together with its record, only the migrations the
// database has not seen yet, so re-opening an existing database applies only newer ones.
// `begin` opens each migration's transaction (SQLite: BEGIN IMMEDIATE, so two processes opening
// the same file take turns). Where two processes still race (PostgreSQL: the loser's CREATE
// TABLE fails once the winner commits), a migration that fails but is found applied afterwards
// counts as applied by the other.
// applied_at is the applying machine's UTC clock ("2024-06-09T10:00:00.000Z"): an operator's
// note, not domain time.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "domain/result.h"
#include "store/sql/connection.h"

namespace petitio::sql {

struct Migration {
  int64_t version = 0;
  std::string sql;
};

// Applies the migrations of `migrations` (ordered by version) that `conn` has not recorded.
// Returns how many it applied.
Result<int> ApplyMigrations(Connection& conn, std::span<const Migration> migrations,
                            const std::string& begin);

}  // namespace petitio::sql
