// `petitio deadline`: when a statutory period ends under a profile's calendar and counting.
//
//   petitio deadline --profile kz --from 2024-06-09 --working-days 40      prints 2024-08-05
//   ... --calendar-days N | --weeks N | --months N                         likewise
//   --explain   also lists every non-working day skipped, with its reason and source
//   --json      prints the same as one JSON object
// A date beyond the calendar's covered years is refused (exit status 1) with the reason.
#pragma once

#include <CLI/CLI.hpp>

namespace petitio {

void AddDeadlineCommand(CLI::App& app, int& exit_code);

}  // namespace petitio
