// A consistent online copy of an SQLite store: BackupSqliteStore copies the database at
// `source` into a new file `destination` with one read transaction (VACUUM INTO), so the copy
// holds every transaction committed before it started and none after, whatever the running
// server writes meanwhile, and never blocks that server's writer. The copy is compacted and
// checked (PRAGMA integrity_check) before this returns. `destination` must not exist yet.
#pragma once

#include <string>

#include "domain/result.h"

namespace petitio {

Status BackupSqliteStore(const std::string& source, const std::string& destination);

}  // namespace petitio
