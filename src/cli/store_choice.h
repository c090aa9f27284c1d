// The store a command opens: `--store URL` (or PETITIO_STORE) names a PostgreSQL database,
// postgresql://USER@HOST:PORT/DB (postgres:// too; any libpq URI); without one, the command
// uses the SQLite file DATA/petitio.db. `--store-pool N` sizes the pool of read connections.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "domain/result.h"
#include "store/store.h"

namespace petitio {

struct StoreChoice {
  std::string url;  // empty: SQLite under the data directory
  int pool = 0;     // read connections; 0: the store's default
};

// Adds --store (PETITIO_STORE) and --store-pool to `command`.
void AddStoreOptions(CLI::App* command, StoreChoice& choice);

// Whether the choice names a PostgreSQL database.
bool IsPostgresUrl(const std::string& url);

// Opens the chosen store. With `must_exist`, a missing SQLite file (or a PostgreSQL database
// without Petitio's tables) is kNotFound instead of a new empty store.
Result<std::unique_ptr<Store>> OpenChosenStore(const StoreChoice& choice,
                                               const std::string& data_dir, bool must_exist);

// "SQLite DATA/petitio.db" or the PostgreSQL URL without its password: for messages.
std::string DescribeStore(const StoreChoice& choice, const std::string& data_dir);

}  // namespace petitio
