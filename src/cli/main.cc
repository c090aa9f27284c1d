// petitio: the command-line entry point and composition root.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/allocator.h"
#include "cli/audit_command.h"
#include "cli/backup_command.h"
#include "cli/deadline_command.h"
#include "cli/move_commands.h"
#include "cli/serve_command.h"
#include "cli/user_command.h"
#include "cli/verify_command.h"

#ifndef PETITIO_VERSION
#define PETITIO_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
  CLI::App app{"Petitio: public e-petitions, from draft to decision"};
  app.require_subcommand(1);
  int exit_code = 0;

  petitio::ServeOptions serve_options;
  petitio::AddServeCommand(app, serve_options, exit_code);
  petitio::AddDeadlineCommand(app, exit_code);
  petitio::AddAuditCommand(app, exit_code);
  petitio::AddBackupCommand(app, exit_code);
  petitio::AddVerifyCommand(app, exit_code);
  petitio::AddUserCommand(app, exit_code);
  petitio::AddExportCommand(app, exit_code);
  petitio::AddImportCommand(app, exit_code);

  app.add_subcommand("version", "Print the version")->callback([] {
    std::printf("petitio %s\nallocator: %s\n", PETITIO_VERSION, petitio::AllocatorName().c_str());
  });

  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
