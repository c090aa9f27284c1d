// The SQLite store's schema migrations (applied by store/sql/migrations.h's ApplyMigrations
// with kSqliteBegin) and its writer's BatchHooks (BEGIN IMMEDIATE; batches numbered in memory).
#pragma once

#include <vector>

#include "store/sql/migrations.h"
#include "store/sql/writer.h"

namespace petitio::sqlite {

using sql::Migration;

inline constexpr const char* kSqliteBegin = "BEGIN IMMEDIATE";

// The store's migrations, oldest first.
const std::vector<Migration>& StoreMigrations();

sql::BatchHooks SqliteBatchHooks();

}  // namespace petitio::sqlite
