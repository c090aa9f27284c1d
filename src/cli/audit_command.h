// `petitio audit counts --data DIR`: recomputes every petition's counts from its signatures
// (all validated signatures, validated sponsors, validated signatures by region) and reports
// each difference from the stored counts. Exit status 0 when everything agrees, 1 when any
// count differs, 2 when the store cannot be read. Safe beside a running server (it only reads).
#pragma once

#include <CLI/CLI.hpp>

namespace petitio {

void AddAuditCommand(CLI::App& app, int& exit_code);

}  // namespace petitio
