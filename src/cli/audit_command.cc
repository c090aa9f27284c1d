#include "cli/audit_command.h"

#include <cstdio>
#include <memory>
#include <string>

#include "cli/store_choice.h"

namespace petitio {

namespace {

int RunAuditCounts(const std::string& data_dir, StoreChoice choice) {
  choice.pool = 1;
  Result<std::unique_ptr<Store>> store = OpenChosenStore(choice, data_dir, true);
  if (!store.ok()) {
    std::fprintf(stderr, "petitio audit: %s\n", store.status().message().c_str());
    return 2;
  }
  Result<std::vector<CountAudit>> audit = (*store)->AuditCounts();
  if (!audit.ok()) {
    std::fprintf(stderr, "petitio audit: %s\n", audit.status().message().c_str());
    return 2;
  }
  int differ = 0;
  for (const CountAudit& a : *audit) {
    if (a.ok()) continue;
    ++differ;
    std::printf("petition %lld:", static_cast<long long>(a.petition_id));
    if (a.signature_count != a.validated) {
      std::printf(" signature_count %lld, validated signatures %lld;",
                  static_cast<long long>(a.signature_count), static_cast<long long>(a.validated));
    }
    if (a.sponsor_count != a.validated_sponsors) {
      std::printf(" sponsor_count %lld, validated sponsors %lld;",
                  static_cast<long long>(a.sponsor_count),
                  static_cast<long long>(a.validated_sponsors));
    }
    for (const auto& [region, counts] : a.regions) {
      std::printf(" region \"%s\" %lld, validated %lld;", region.c_str(),
                  static_cast<long long>(counts.first), static_cast<long long>(counts.second));
    }
    std::printf("\n");
  }
  std::printf("%zu petitions checked; %d with counts that differ from their signatures\n",
              audit->size(), differ);
  return differ == 0 ? 0 : 1;
}

}  // namespace

void AddAuditCommand(CLI::App& app, int& exit_code) {
  CLI::App* audit = app.add_subcommand("audit", "Check the store against its own records");
  audit->require_subcommand(1);
  auto data_dir = std::make_shared<std::string>("data");
  auto store = std::make_shared<StoreChoice>();
  CLI::App* counts = audit->add_subcommand(
      "counts", "Recompute every petition's counts from its signatures and report differences");
  counts->add_option("--data", *data_dir, "Data directory holding petitio.db")
      ->capture_default_str();
  AddStoreOptions(counts, *store);
  counts->callback(
      [data_dir, store, &exit_code] { exit_code = RunAuditCounts(*data_dir, *store); });
}

}  // namespace petitio
