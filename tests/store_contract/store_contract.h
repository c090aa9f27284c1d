// The Store contract suite: one set of tests (store_contract_tests.cc) that every Store
// backend passes. A backend runs it by instantiating StoreContractTest with a StoreBackend:
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContractTest,
//                            ::testing::Values(StoreBackend{"sqlite", &OpenMySqlite}),
//                            BackendName);
//
// StoreBackend::open(dir) returns a store whose data lives in (or is named by) the directory
// `dir`: given a fresh empty directory it returns an empty store; given a directory it was
// given before it returns a store over the same data, also while another store over that data
// is still open. On failure it reports through ADD_FAILURE and returns nullptr.
//
// Each test gets a fresh directory under $TMPDIR (or the system temporary directory), removed
// when the test ends.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "domain/petition.h"
#include "domain/signature.h"
#include "store/store.h"
#include "temp_dir.h"

namespace petitio::store_contract {

using StoreFactory = std::function<std::unique_ptr<Store>(const std::string& dir)>;

struct StoreBackend {
  std::string name;  // a gtest name: letters, digits, underscores
  StoreFactory open;
};

// Prints a backend as its name in test listings.
void PrintTo(const StoreBackend& backend, std::ostream* os);

// For INSTANTIATE_TEST_SUITE_P: names each instantiation after its backend.
std::string BackendName(const ::testing::TestParamInfo<StoreBackend>& info);

class StoreContractTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  Store& store() { return *store_; }
  const std::string& dir() const { return dir_->path(); }
  // Destroys the store, then opens the same data again.
  void Reopen();
  // Opens another store over the same data while the current one stays open.
  std::unique_ptr<Store> OpenSecond();

 private:
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<Store> store_;
};

// A fixed instant, 2024-06-09T10:00:00.123Z, plus `ms` milliseconds.
TimePoint At(int64_t ms = 0);

// A petition with every field set, including optional times and a moderation decision, and
// Kazakh and Russian text. `tag` goes into the title, e-mail and sponsor token.
Petition FullPetition(const std::string& tag);
// A pending petition with only the required fields set; every optional is absent.
Petition MinimalPetition(const std::string& tag);
// A pending signer's signature on `petition_id` with the given hashes.
Signature MakeSignature(int64_t petition_id, const std::string& identity_hash,
                        const std::string& token_hash);

// Insert through a one-call write unit; a failure is reported and 0 returned.
int64_t InsertPetition(Store& store, const Petition& p);
int64_t InsertSignature(Store& store, const Signature& s);
// Read through the store; a failure is reported and a default value returned.
Petition ReadPetition(Store& store, int64_t id);
// Writes `p` over its row through a write unit.
Status UpdatePetition(Store& store, const Petition& p);

// Field-by-field comparisons, with readable failure messages.
void ExpectSamePetition(const Petition& want, const Petition& got);
void ExpectSameSignature(const Signature& want, const Signature& got);

}  // namespace petitio::store_contract
