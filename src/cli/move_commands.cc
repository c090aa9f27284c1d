#include "cli/move_commands.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <system_error>

#include "cli/store_choice.h"

namespace petitio {

namespace {

namespace fs = std::filesystem;

struct MoveOptions {
  std::string data_dir = "data";
  StoreChoice store;
  std::string file;
};

int RunExport(const MoveOptions& o) {
  std::error_code ec;
  if (o.file != "-" && fs::exists(o.file, ec)) {
    std::fprintf(stderr, "petitio export: %s exists already; an export never overwrites\n",
                 o.file.c_str());
    return 2;
  }
  Result<std::unique_ptr<Store>> store = OpenChosenStore(o.store, o.data_dir, true);
  if (!store.ok()) {
    std::fprintf(stderr, "petitio export: %s\n", store.status().message().c_str());
    return 2;
  }
  if (o.file == "-") {
    const Status s = (*store)->Export(std::cout);
    if (!s.ok()) std::fprintf(stderr, "petitio export: %s\n", s.message().c_str());
    return s.ok() ? 0 : 2;
  }
  const std::string temp = o.file + ".partial";
  Status s;
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    s = out ? (*store)->Export(out) : Status::Internal("cannot write " + temp);
  }
  if (s.ok() && ::rename(temp.c_str(), o.file.c_str()) != 0) {
    s = Status::Internal("cannot rename " + temp + " to " + o.file);
  }
  if (!s.ok()) {
    fs::remove(temp, ec);
    std::fprintf(stderr, "petitio export: %s\n", s.message().c_str());
    return 2;
  }
  std::printf("petitio export: %s written to %s (%ju bytes)\n",
              DescribeStore(o.store, o.data_dir).c_str(), o.file.c_str(),
              static_cast<uintmax_t>(fs::file_size(o.file, ec)));
  return 0;
}

int RunImport(const MoveOptions& o) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (o.file != "-") {
    file.open(o.file, std::ios::binary);
    if (!file) {
      std::fprintf(stderr, "petitio import: cannot read %s\n", o.file.c_str());
      return 2;
    }
    in = &file;
  }
  std::error_code ec;
  if (o.store.url.empty()) fs::create_directories(o.data_dir, ec);
  Result<std::unique_ptr<Store>> store = OpenChosenStore(o.store, o.data_dir, false);
  if (!store.ok()) {
    std::fprintf(stderr, "petitio import: %s\n", store.status().message().c_str());
    return 2;
  }
  Result<ImportSummary> done = (*store)->Import(*in);
  if (!done.ok()) {
    std::fprintf(stderr, "petitio import: %s (%s); nothing was imported\n",
                 done.status().message().c_str(), done.status().code().c_str());
    return done.status().kind() == ErrorKind::kInvalidArgument ? 1 : 2;
  }
  std::printf(
      "petitio import: %lld petitions, %lld signatures, %lld log entries (%lld rows) into %s\n",
      static_cast<long long>(done->petitions), static_cast<long long>(done->signatures),
      static_cast<long long>(done->log_entries), static_cast<long long>(done->rows),
      DescribeStore(o.store, o.data_dir).c_str());
  return 0;
}

}  // namespace

void AddExportCommand(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<MoveOptions>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Write the store's records to a portable archive (any engine reads it back)");
  cmd->add_option("--data", o->data_dir, "Data directory holding petitio.db")
      ->capture_default_str();
  AddStoreOptions(cmd, o->store);
  cmd->add_option("--to", o->file, "The archive to write (must not exist; - for stdout)")
      ->required();
  cmd->callback([o, &exit_code] { exit_code = RunExport(*o); });
}

void AddImportCommand(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<MoveOptions>();
  CLI::App* cmd = app.add_subcommand("import", "Read an archive into an empty store");
  cmd->add_option("--data", o->data_dir, "Data directory (the SQLite store is made there)")
      ->capture_default_str();
  AddStoreOptions(cmd, o->store);
  cmd->add_option("--from", o->file, "The archive to read (- for stdin)")->required();
  cmd->callback([o, &exit_code] { exit_code = RunImport(*o); });
}

}  // namespace petitio
