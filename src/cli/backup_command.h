// `petitio backup --data DIR --to NEW_DIR`: a consistent copy of a data directory while the
// server keeps running — the SQLite store copied in one read transaction
// (store/sqlite/backup.h) and the server's two keys (secret.key, log.key; mode 0600), without
// which the copy's tokens and tree heads could not be checked. The mail outbox is not copied.
// NEW_DIR must not exist. `petitio serve --data NEW_DIR` serves the copy. Exit status 0 when
// the copy is made and checked, 2 otherwise (and NEW_DIR is removed again).
#pragma once

#include <CLI/CLI.hpp>

namespace petitio {

void AddBackupCommand(CLI::App& app, int& exit_code);

}  // namespace petitio
