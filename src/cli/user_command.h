// `petitio user add --data DIR --role R --email E [--name N] [--authority CODE]
// [--organisation NAME]` creates a staff account in the store of DIR; the password is read from
// the PETITIO_PASSWORD environment variable, else from the first line of standard input.
// `petitio user token --data DIR --email E [--label L]` prints a new API token for that account
// (shown once; the store keeps its hash). Exit 0 on success, 1 when refused, 2 on I/O failure.
#pragma once

#include <CLI/CLI.hpp>

namespace petitio {

void AddUserCommand(CLI::App& app, int& exit_code);

}  // namespace petitio
