// Runs the Store contract suite on the SQLite adapter.
#include <memory>
#include <string>
#include <utility>

#include "store/sqlite/sqlite_store.h"
#include "store_contract.h"

namespace petitio::store_contract {
namespace {

std::unique_ptr<Store> OpenSqlite(const std::string& dir) {
  SqliteStoreOptions options;
  options.path = dir + "/petitio.db";
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(options);
  if (!store.ok()) {
    ADD_FAILURE() << "OpenSqliteStore: " << store.status().ToString();
    return nullptr;
  }
  return std::move(store).value();
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContractTest,
                         ::testing::Values(StoreBackend{"sqlite", &OpenSqlite}), BackendName);

}  // namespace
}  // namespace petitio::store_contract
