#include "cli/backup_command.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "cli/store_choice.h"
#include "store/sqlite/backup.h"

namespace petitio {

namespace {

namespace fs = std::filesystem;

int RunBackup(const std::string& data_dir, const StoreChoice& store, const std::string& to) {
  if (!store.url.empty()) {
    std::fprintf(stderr,
                 "petitio backup: copies SQLite stores only; back up %s with the database's "
                 "own tools (pg_dump, pg_basebackup) or move it with petitio export\n",
                 DescribeStore(store, data_dir).c_str());
    return 2;
  }
  std::error_code ec;
  if (fs::exists(to, ec)) {
    std::fprintf(stderr, "petitio backup: %s exists already; a backup never overwrites\n",
                 to.c_str());
    return 2;
  }
  if (!fs::create_directories(to, ec) || ec) {
    std::fprintf(stderr, "petitio backup: cannot create %s: %s\n", to.c_str(),
                 ec.message().c_str());
    return 2;
  }
  fs::permissions(to, fs::perms::owner_all, ec);
  const auto fail = [&](const std::string& why) {
    std::fprintf(stderr, "petitio backup: %s\n", why.c_str());
    fs::remove_all(to, ec);
    return 2;
  };
  const Status copied = BackupSqliteStore(data_dir + "/petitio.db", to + "/petitio.db");
  if (!copied.ok()) return fail(copied.message());
  for (const char* key : {"secret.key", "log.key"}) {
    const fs::path from = fs::path(data_dir) / key;
    if (!fs::exists(from, ec)) continue;  // a store that never served has no log key yet
    if (!fs::copy_file(from, fs::path(to) / key, ec) || ec) {
      return fail(std::string("cannot copy ") + key + ": " + ec.message());
    }
    fs::permissions(fs::path(to) / key, fs::perms::owner_read | fs::perms::owner_write, ec);
  }
  std::printf(
      "petitio backup: %s/petitio.db copied to %s/petitio.db (%ju bytes, checked) with "
      "the server's keys\n",
      data_dir.c_str(), to.c_str(),
      static_cast<uintmax_t>(fs::file_size(fs::path(to) / "petitio.db", ec)));
  return 0;
}

}  // namespace

void AddBackupCommand(CLI::App& app, int& exit_code) {
  auto data_dir = std::make_shared<std::string>("data");
  auto to = std::make_shared<std::string>();
  auto store = std::make_shared<StoreChoice>();
  CLI::App* backup = app.add_subcommand(
      "backup", "Copy a data directory consistently while the server runs (store and keys)");
  backup->add_option("--data", *data_dir, "Data directory holding petitio.db")
      ->capture_default_str();
  backup->add_option("--to", *to, "New directory for the copy (must not exist)")->required();
  AddStoreOptions(backup, *store);
  backup->callback(
      [data_dir, store, to, &exit_code] { exit_code = RunBackup(*data_dir, *store, *to); });
}

}  // namespace petitio
