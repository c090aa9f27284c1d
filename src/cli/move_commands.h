// `petitio export` and `petitio import`: moving a store to another store, whatever their
// engines, through the portable archive (store/sql/archive.h).
//
//   petitio export [--data DIR] [--store URL] --to FILE   (FILE must not exist; "-": stdout)
//   petitio import [--data DIR] [--store URL] --from FILE (into an empty store; "-": stdin)
//
// Export reads one snapshot while a server may go on serving; the file appears only once it is
// complete. Import is all or nothing. The server's keys are not in the archive: they stay in
// the data directory (copy secret.key and log.key with it). Exit codes: 0 done, 1 refused
// (a bad archive, a store that is not empty), 2 could not run.
#pragma once

#include <CLI/CLI.hpp>

namespace petitio {

void AddExportCommand(CLI::App& app, int& exit_code);
void AddImportCommand(CLI::App& app, int& exit_code);

}  // namespace petitio
