#include "store/sqlite/backup.h"

#include <sys/stat.h>

#include <memory>

#include "store/sqlite/connection.h"

namespace petitio {

Status BackupSqliteStore(const std::string& source, const std::string& destination) {
  struct stat st;
  if (::stat(source.c_str(), &st) != 0) return Status::NotFound("no store at " + source);
  if (::stat(destination.c_str(), &st) == 0) {
    return Status::Invalid(destination + " exists already; a backup never overwrites",
                           "backup_exists");
  }
  Result<std::unique_ptr<sqlite::SqliteConnection>> from =
      sqlite::SqliteConnection::Open(source, sqlite::SqliteConnection::Mode::kReadOnly, 10'000);
  if (!from.ok()) return from.status();
  Result<sql::Query> copy = (*from)->Prepare("VACUUM INTO ?1");
  if (!copy.ok()) return copy.status();
  copy->BindText(1, destination);
  PETITIO_RETURN_IF_ERROR(copy->Run());

  Result<std::unique_ptr<sqlite::SqliteConnection>> to = sqlite::SqliteConnection::Open(
      destination, sqlite::SqliteConnection::Mode::kReadOnly, 10'000);
  if (!to.ok()) return to.status();
  Result<sql::Query> check = (*to)->Prepare("PRAGMA integrity_check");
  if (!check.ok()) return check.status();
  Result<bool> row = check->Step();
  if (!row.ok()) return row.status();
  if (!*row || check->Text(0) != "ok") {
    return Status::Internal("the copy at " + destination + " fails its integrity check");
  }
  return Status::Ok();
}

}  // namespace petitio
