#include "cli/store_choice.h"

#include <sys/stat.h>

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace petitio {

void AddStoreOptions(CLI::App* command, StoreChoice& choice) {
  command
      ->add_option("--store", choice.url,
                   "PostgreSQL database, postgresql://USER@HOST:PORT/DB (default: the SQLite "
                   "file DATA/petitio.db)")
      ->envname("PETITIO_STORE");
  command->add_option("--store-pool", choice.pool, "Read connections to the store (default 4)")
      ->check(CLI::Range(1, 256));
}

bool IsPostgresUrl(const std::string& url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

Result<std::unique_ptr<Store>> OpenChosenStore(const StoreChoice& choice,
                                               const std::string& data_dir, bool must_exist) {
  if (IsPostgresUrl(choice.url)) {
    PostgresStoreOptions options;
    options.conninfo = choice.url;
    if (choice.pool > 0) options.read_connections = choice.pool;
    options.create = !must_exist;
    return OpenPostgresStore(options);
  }
  if (!choice.url.empty()) {
    return Status::Invalid("--store takes postgresql://USER@HOST:PORT/DB, not '" +
                               RedactedPostgresUrl(choice.url) + "'",
                           "bad_store_url");
  }
  SqliteStoreOptions options;
  options.path = data_dir + "/petitio.db";
  if (choice.pool > 0) options.read_connections = choice.pool;
  struct stat st;
  if (must_exist && ::stat(options.path.c_str(), &st) != 0) {
    return Status::NotFound("no store at " + options.path);
  }
  return OpenSqliteStore(options);
}

std::string DescribeStore(const StoreChoice& choice, const std::string& data_dir) {
  if (choice.url.empty()) return "SQLite " + data_dir + "/petitio.db";
  return RedactedPostgresUrl(choice.url);
}

}  // namespace petitio
