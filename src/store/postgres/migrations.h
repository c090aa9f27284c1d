// The PostgreSQL store's schema migrations, applied by store/sql/migrations.h's
// ApplyMigrations with kPostgresBegin (a plain BEGIN: no table lock, which not every engine
// that speaks PostgreSQL's protocol has; two servers starting at once race, and the loser finds
// the migration applied).
//
// The schema is the SQLite store's, typed for PostgreSQL (BIGINT integers, BYTEA bytes, identity
// ids) and kept within what Citus (tables distributed by petition id, staff tables as reference
// tables) and YugabyteDB accept: every primary and unique key of a petition's rows starts with
// petition_id, and petitio_fold is a plain IMMUTABLE translate() equal to domain/search_fold.h's
// FoldForSearch. writer_batches holds the one row that the servers' writers lock in turn, with
// the number of the last batch.
#pragma once

#include <string>
#include <vector>

#include "store/sql/migrations.h"

namespace petitio::postgres {

inline constexpr const char* kPostgresBegin = "BEGIN";

const std::vector<sql::Migration>& StoreMigrations();

// The petitio_fold function's definition: translate() with FoldForSearch's letter pairs.
std::string FoldFunctionSql();

}  // namespace petitio::postgres
