// Runs the Store contract suite on the PostgreSQL adapter, each test in a database of its own
// on the test run's cluster (tests/support/test_postgres.h).
#include <memory>
#include <string>
#include <utility>

#include "store/postgres/postgres_store.h"
#include "store_contract.h"
#include "test_postgres.h"

namespace petitio::store_contract {
namespace {

std::unique_ptr<Store> OpenPostgres(const std::string& dir) {
  std::string error;
  const std::string url =
      petitio::testing::FreshDatabaseUrl(petitio::testing::DatabaseNameFor(dir), &error);
  if (url.empty()) {
    ADD_FAILURE() << error;
    return nullptr;
  }
  PostgresStoreOptions options;
  options.conninfo = url;
  options.read_connections = 2;
  Result<std::unique_ptr<Store>> store = OpenPostgresStore(options);
  if (!store.ok()) {
    ADD_FAILURE() << "OpenPostgresStore: " << store.status().ToString();
    return nullptr;
  }
  return std::move(store).value();
}

INSTANTIATE_TEST_SUITE_P(Postgres, StoreContractTest,
                         ::testing::Values(StoreBackend{"postgres", &OpenPostgres}), BackendName);

}  // namespace
}  // namespace petitio::store_contract
