// The Store contract, checked once for every backend (see store_contract.h).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <span>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "domain/search_fold.h"
#include "store_contract.h"

namespace petitio::store_contract {
namespace {

using std::chrono::milliseconds;

// Runs `unit` through Write and returns Write's Status.
Status Apply(Store& store, const Store::WriteUnit& unit) { return store.Write(unit); }

std::vector<int64_t> Ids(const std::vector<Petition>& ps) {
  std::vector<int64_t> ids;
  for (const Petition& p : ps) ids.push_back(p.id);
  return ids;
}

// Blocks the store's writer inside a unit until Release(), so that the units submitted
// meanwhile queue up behind it (and, on a batching store, share the next batch).
class WriterGate {
 public:
  explicit WriterGate(Store& store) {
    thread_ = std::thread([this, &store] {
      status_ = store.Write([this](StoreTx&) {
        entered_ = true;
        for (int i = 0; i < 5000 && !released_; ++i) std::this_thread::sleep_for(milliseconds(1));
        return Status::Ok();
      });
    });
    for (int i = 0; i < 5000 && !entered_; ++i) std::this_thread::sleep_for(milliseconds(1));
  }
  ~WriterGate() { Release(); }
  void Release() {
    released_ = true;
    if (thread_.joinable()) thread_.join();
  }
  const Status& status() const { return status_; }

 private:
  std::atomic<bool> entered_{false};
  std::atomic<bool> released_{false};
  Status status_;
  std::thread thread_;
};

// --- Round trips -----------------------------------------------------------------------------

TEST_P(StoreContractTest, PetitionWithEveryFieldRoundTrips) {
  Petition want = FullPetition("full");
  want.id = InsertPetition(store(), want);
  ASSERT_GT(want.id, 0);

  ExpectSamePetition(want, ReadPetition(store(), want.id));
  Status s = Apply(store(), [&](StoreTx& tx) -> Status {
    Result<Petition> got = tx.GetPetition(want.id);
    if (!got.ok()) return got.status();
    ExpectSamePetition(want, *got);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  Result<std::vector<Petition>> listed = store().ListPetitions({});
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 1u);
  ExpectSamePetition(want, listed->front());
}

TEST_P(StoreContractTest, PetitionWithoutOptionalsRoundTrips) {
  Petition want = MinimalPetition("min");
  want.id = InsertPetition(store(), want);
  ASSERT_GT(want.id, 0);
  const Petition got = ReadPetition(store(), want.id);
  ExpectSamePetition(want, got);
  EXPECT_FALSE(got.opened_at.has_value());
  EXPECT_FALSE(got.closes_at.has_value());
  EXPECT_FALSE(got.closed_at.has_value());
  EXPECT_FALSE(got.moderation.has_value());
}

TEST_P(StoreContractTest, ModerationWithEmptyFieldsStaysPresent) {
  Petition want = MinimalPetition("published");
  want.moderation = ModerationDecision{"publish", "", "", At(7)};
  want.id = InsertPetition(store(), want);
  ExpectSamePetition(want, ReadPetition(store(), want.id));
}

TEST_P(StoreContractTest, UpdatePetitionWritesEveryField) {
  Petition p = MinimalPetition("before");
  p.id = InsertPetition(store(), p);

  Petition full = FullPetition("after");
  full.id = p.id;
  ASSERT_TRUE(UpdatePetition(store(), full).ok());
  ExpectSamePetition(full, ReadPetition(store(), p.id));

  // And back: optionals present before are cleared.
  Petition cleared = MinimalPetition("cleared");
  cleared.id = p.id;
  ASSERT_TRUE(UpdatePetition(store(), cleared).ok());
  ExpectSamePetition(cleared, ReadPetition(store(), p.id));
}

// CachedPetitionState may not know (a shared store says nullopt), but what it says is what is
// stored: after an insert, a whole update, a counts-only update and a unit that failed.
TEST_P(StoreContractTest, ACachedPetitionStateIsWhatIsStored) {
  const auto expect_stored = [this](int64_t id, const char* when) {
    const std::optional<PetitionState> cached = store().CachedPetitionState(id);
    if (cached) {
      EXPECT_EQ(PetitionStateName(*cached), PetitionStateName(ReadPetition(store(), id).state))
          << when;
    }
  };
  Petition p = MinimalPetition("states");
  p.state = PetitionState::kOpen;
  p.id = InsertPetition(store(), p);
  expect_stored(p.id, "inserted");

  p.state = PetitionState::kHidden;
  ASSERT_TRUE(UpdatePetition(store(), p).ok());
  expect_stored(p.id, "hidden");

  Petition counts = MinimalPetition("counts alone");
  counts.id = p.id;
  counts.state = PetitionState::kOpen;  // not written by UpdatePetitionCounts
  counts.signature_count = 5;
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) { return tx.UpdatePetitionCounts(counts); }).ok());
  expect_stored(p.id, "after counts alone");

  const Status failed = Apply(store(), [&](StoreTx& tx) -> Status {
    Petition reopened = p;
    reopened.state = PetitionState::kOpen;
    PETITIO_RETURN_IF_ERROR(tx.UpdatePetition(reopened));
    return Status::Conflict("the unit changed its mind", "test_failure");
  });
  EXPECT_EQ(failed.code(), "test_failure");
  expect_stored(p.id, "after a failed unit");
  EXPECT_FALSE(store().CachedPetitionState(p.id + 1000).has_value()) << "no such petition";
}

TEST_P(StoreContractTest, UpdatePetitionCountsWritesTheCountsAlone) {
  Petition stored = FullPetition("stored");
  stored.id = InsertPetition(store(), stored);

  Petition changed = MinimalPetition("not written");  // every other field differs
  changed.id = stored.id;
  changed.signature_count = stored.signature_count + 41;
  changed.sponsor_count = stored.sponsor_count + 3;
  Status s = Apply(store(), [&](StoreTx& tx) { return tx.UpdatePetitionCounts(changed); });
  ASSERT_TRUE(s.ok()) << s.ToString();

  Petition want = stored;
  want.signature_count = changed.signature_count;
  want.sponsor_count = changed.sponsor_count;
  ExpectSamePetition(want, ReadPetition(store(), stored.id));
  EXPECT_EQ(store().CachedCount(stored.id), changed.signature_count);

  changed.id = stored.id + 1000;
  s = Apply(store(), [&](StoreTx& tx) { return tx.UpdatePetitionCounts(changed); });
  EXPECT_EQ(s.kind(), ErrorKind::kNotFound) << s.ToString();
}

TEST_P(StoreContractTest, UpdateSignatureStateWritesStateTimeAndLogIndexAlone) {
  const int64_t pid = InsertPetition(store(), MinimalPetition("p"));
  Signature stored = MakeSignature(pid, "h", "token");
  stored.id = InsertSignature(store(), stored);

  Signature changed = MakeSignature(pid, "other-h", "other-token");  // not written
  changed.id = stored.id;
  changed.name = "Not written";
  changed.region = "astana";
  changed.ip = "192.0.2.1";
  changed.role = SignerRole::kSponsor;
  changed.created_at = At(9);
  changed.state = SignatureState::kValidated;
  changed.validated_at = At(4000);
  changed.log_index = 17;
  Status s = Apply(store(), [&](StoreTx& tx) { return tx.UpdateSignatureState(changed); });
  ASSERT_TRUE(s.ok()) << s.ToString();

  Signature want = stored;
  want.state = SignatureState::kValidated;
  want.validated_at = At(4000);
  want.log_index = 17;
  Result<Signature> got = store().GetSignature(stored.id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ExpectSameSignature(want, *got);

  // Cleared again; and a signature is found by its petition and id, never moved.
  changed.state = SignatureState::kWithdrawn;
  changed.validated_at.reset();
  changed.log_index.reset();
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) { return tx.UpdateSignatureState(changed); }).ok());
  want.state = SignatureState::kWithdrawn;
  want.validated_at.reset();
  want.log_index.reset();
  ExpectSameSignature(want, store().GetSignature(stored.id).value());
  changed.petition_id = InsertPetition(store(), MinimalPetition("other"));
  s = Apply(store(), [&](StoreTx& tx) { return tx.UpdateSignatureState(changed); });
  EXPECT_EQ(s.kind(), ErrorKind::kNotFound) << s.ToString();
}

TEST_P(StoreContractTest, SignatureWithEveryFieldRoundTrips) {
  const int64_t pid = InsertPetition(store(), MinimalPetition("p"));
  Signature want = MakeSignature(pid, "email-hash-1", "token-hash-1");
  want.role = SignerRole::kSponsor;
  want.state = SignatureState::kValidated;
  want.validated_at = At(60000);
  want.id = InsertSignature(store(), want);
  ASSERT_GT(want.id, 0);

  Result<Signature> by_id = store().GetSignature(want.id);
  ASSERT_TRUE(by_id.ok()) << by_id.status().ToString();
  ExpectSameSignature(want, *by_id);

  Status s = Apply(store(), [&](StoreTx& tx) -> Status {
    Result<Signature> by_identity = tx.GetSignatureByIdentity(pid, "email-hash-1");
    if (!by_identity.ok()) return by_identity.status();
    ExpectSameSignature(want, *by_identity);
    Result<Signature> tx_id = tx.GetSignature(want.id);
    if (!tx_id.ok()) return tx_id.status();
    ExpectSameSignature(want, *tx_id);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_P(StoreContractTest, SignatureWithoutValidationTimeRoundTrips) {
  const int64_t pid = InsertPetition(store(), MinimalPetition("p"));
  Signature want = MakeSignature(pid, "h", "t");
  want.region = "";
  want.id = InsertSignature(store(), want);
  Result<Signature> got = store().GetSignature(want.id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ExpectSameSignature(want, *got);
  EXPECT_FALSE(got->validated_at.has_value());
}

TEST_P(StoreContractTest, UpdateSignatureWritesEveryField) {
  const int64_t pid = InsertPetition(store(), MinimalPetition("p"));
  Signature sig = MakeSignature(pid, "h", "old-token");
  sig.id = InsertSignature(store(), sig);

  sig.state = SignatureState::kValidated;
  sig.validated_at = At(3000);
  sig.token_hash = "new-token";
  sig.name = "Жанар";
  sig.role = SignerRole::kInitiator;
  Status s = Apply(store(), [&](StoreTx& tx) { return tx.UpdateSignature(sig); });
  ASSERT_TRUE(s.ok()) << s.ToString();

  Result<Signature> got = store().GetSignature(sig.id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ExpectSameSignature(sig, *got);

  // A signature never moves to another petition: the row is found by petition and id.
  const int64_t other = InsertPetition(store(), MinimalPetition("other"));
  Signature moved = sig;
  moved.petition_id = other;
  s = Apply(store(), [&](StoreTx& tx) { return tx.UpdateSignature(moved); });
  EXPECT_EQ(s.kind(), ErrorKind::kNotFound) << s.ToString();
  ExpectSameSignature(sig, store().GetSignature(sig.id).value());

  // Nor to another signer: who signed is what the store keeps one signature per petition of.
  Signature other_signer = sig;
  other_signer.identity_hash = "someone-else";
  s = Apply(store(), [&](StoreTx& tx) { return tx.UpdateSignature(other_signer); });
  EXPECT_EQ(s.kind(), ErrorKind::kNotFound) << s.ToString();
  ExpectSameSignature(sig, store().GetSignature(sig.id).value());
  Status still_found = Apply(store(), [&](StoreTx& tx) -> Status {
    Result<Signature> found = tx.GetSignatureByIdentity(pid, "h");
    if (!found.ok()) return found.status();
    EXPECT_EQ(found->id, sig.id);
    return tx.GetSignatureByIdentity(pid, "someone-else").status().kind() == ErrorKind::kNotFound
               ? Status::Ok()
               : Status::Internal("the other signer was found");
  });
  EXPECT_TRUE(still_found.ok()) << still_found.ToString();
}

TEST_P(StoreContractTest, IdsIncrease) {
  std::vector<int64_t> petitions;
  for (int i = 0; i < 4; ++i) {
    petitions.push_back(InsertPetition(store(), MinimalPetition(std::to_string(i))));
  }
  Status s = Apply(store(), [&](StoreTx& tx) -> Status {
    for (int i = 4; i < 7; ++i) {
      Result<int64_t> id = tx.InsertPetition(MinimalPetition(std::to_string(i)));
      if (!id.ok()) return id.status();
      petitions.push_back(*id);
    }
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_GT(petitions.front(), 0);
  EXPECT_TRUE(std::is_sorted(petitions.begin(), petitions.end(), std::less_equal<>()) &&
              std::adjacent_find(petitions.begin(), petitions.end()) == petitions.end())
      << ::testing::PrintToString(petitions);

  std::vector<int64_t> signatures;
  for (int i = 0; i < 5; ++i) {
    const std::string n = std::to_string(i);
    signatures.push_back(InsertSignature(store(), MakeSignature(petitions[0], "h" + n, "t" + n)));
  }
  EXPECT_GT(signatures.front(), 0);
  EXPECT_TRUE(std::adjacent_find(signatures.begin(), signatures.end(), std::greater_equal<>()) ==
              signatures.end())
      << ::testing::PrintToString(signatures);
}

// --- Uniqueness and rollback -----------------------------------------------------------------

TEST_P(StoreContractTest, DuplicateEmailHashIsAlreadySignedAndLeavesNothing) {
  const int64_t pid = InsertPetition(store(), MinimalPetition("p"));
  const int64_t other = InsertPetition(store(), MinimalPetition("q"));
  ASSERT_GT(InsertSignature(store(), MakeSignature(pid, "same-hash", "t1")), 0);

  Status s = Apply(store(), [&](StoreTx& tx) -> Status {
    PETITIO_RETURN_IF_ERROR(tx.AppendTimeline(pid, {At(), "signed", "before the duplicate"}));
    Result<int64_t> id = tx.InsertSignature(MakeSignature(pid, "same-hash", "t2"));
    return id.ok() ? Status::Ok() : id.status();
  });
  EXPECT_EQ(s.kind(), ErrorKind::kAlreadyExists) << s.ToString();
  EXPECT_EQ(s.code(), "already_signed");

  Status first_kept = Apply(store(), [&](StoreTx& tx) -> Status {
    Result<Signature> kept = tx.GetSignatureByIdentity(pid, "same-hash");
    if (!kept.ok()) return kept.status();
    EXPECT_EQ(kept->token_hash, "t1");
    return Status::Ok();
  });
  EXPECT_TRUE(first_kept.ok()) << first_kept.ToString();
  Result<std::vector<TimelineEvent>> timeline = store().GetTimeline(pid);
  ASSERT_TRUE(timeline.ok());
  EXPECT_TRUE(timeline->empty());
  // Uniqueness is per petition.
  EXPECT_GT(InsertSignature(store(), MakeSignature(other, "same-hash", "t3")), 0);
}

TEST_P(StoreContractTest, IgnoredFailedCallStillRollsTheUnitBack) {
  const int64_t pid = InsertPetition(store(), MinimalPetition("p"));
  ASSERT_GT(InsertSignature(store(), MakeSignature(pid, "dup", "t1")), 0);

  Status s = Apply(store(), [&](StoreTx& tx) -> Status {
    PETITIO_RETURN_IF_ERROR(tx.AppendTimeline(pid, {At(), "note", "written first"}));
    (void)tx.InsertSignature(MakeSignature(pid, "dup", "t2"));  // fails; the unit ignores it
    return Status::Ok();
  });
  EXPECT_EQ(s.code(), "already_signed") << s.ToString();
  Result<std::vector<TimelineEvent>> timeline = store().GetTimeline(pid);
  ASSERT_TRUE(timeline.ok());
  EXPECT_TRUE(timeline->empty());
}

TEST_P(StoreContractTest, ReadThatFindsNothingDoesNotFailTheUnit) {
  const int64_t pid = InsertPetition(store(), MinimalPetition("p"));
  int64_t inserted = 0;
  Status s = Apply(store(), [&](StoreTx& tx) -> Status {
    Result<Signature> existing = tx.GetSignatureByIdentity(pid, "new");
    if (existing.status().kind() != ErrorKind::kNotFound) return Status::Internal("expected none");
    Result<int64_t> id = tx.InsertSignature(MakeSignature(pid, "new", "tok"));
    if (id.ok()) inserted = *id;
    return id.ok() ? Status::Ok() : id.status();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(store().GetSignature(inserted).value().token_hash, "tok");
}

TEST_P(StoreContractTest, FailingUnitRollsBackOnlyItselfInASharedBatch) {
  Petition a = MinimalPetition("a");
  a.id = InsertPetition(store(), a);
  Petition b = MinimalPetition("b");
  b.id = InsertPetition(store(), b);
  ASSERT_EQ(store().CountPetitions().value(), 2);

  Status failed, succeeded;
  int64_t inserted_by_failed = 0;
  int64_t signature_by_failed = 0;
  {
    WriterGate gate(store());
    std::thread failing([&] {
      failed = store().Write([&](StoreTx& tx) -> Status {
        Result<Petition> p = tx.GetPetition(a.id);
        if (!p.ok()) return p.status();
        p->signature_count = 100;
        PETITIO_RETURN_IF_ERROR(tx.UpdatePetition(*p));
        PETITIO_RETURN_IF_ERROR(tx.AppendTimeline(a.id, {At(), "x", "rolled back"}));
        PETITIO_RETURN_IF_ERROR(tx.RecordThresholdCrossing(a.id, {0, 100, At()}));
        Result<int64_t> id = tx.InsertPetition(MinimalPetition("ghost"));
        if (!id.ok()) return id.status();
        inserted_by_failed = *id;
        Result<int64_t> sig = tx.InsertSignature(MakeSignature(a.id, "ghost", "ghost-token"));
        if (!sig.ok()) return sig.status();
        signature_by_failed = *sig;
        return Status::Conflict("the unit changed its mind", "test_failure");
      });
    });
    std::thread succeeding([&] {
      succeeded = store().Write([&](StoreTx& tx) -> Status {
        Result<Petition> p = tx.GetPetition(b.id);
        if (!p.ok()) return p.status();
        p->signature_count = 7;
        PETITIO_RETURN_IF_ERROR(tx.UpdatePetition(*p));
        return tx.AppendTimeline(b.id, {At(), "y", "kept"});
      });
    });
    std::this_thread::sleep_for(milliseconds(50));  // both queue behind the gate
    gate.Release();
    failing.join();
    succeeding.join();
    EXPECT_TRUE(gate.status().ok()) << gate.status().ToString();
  }

  EXPECT_EQ(failed.code(), "test_failure") << failed.ToString();
  EXPECT_TRUE(succeeded.ok()) << succeeded.ToString();

  EXPECT_EQ(ReadPetition(store(), a.id).signature_count, 0);
  EXPECT_EQ(store().CachedCount(a.id), 0);
  EXPECT_TRUE(store().GetTimeline(a.id).value().empty());
  EXPECT_TRUE(store().GetThresholdCrossings(a.id).value().empty());
  ASSERT_GT(signature_by_failed, 0);
  EXPECT_EQ(store().GetSignature(signature_by_failed).status().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(store().CountPetitions().value(), 2);
  EXPECT_FALSE(store().CachedCount(inserted_by_failed).has_value());

  EXPECT_EQ(ReadPetition(store(), b.id).signature_count, 7);
  EXPECT_EQ(store().CachedCount(b.id), 7);
  EXPECT_EQ(store().GetTimeline(b.id).value().size(), 1u);
}

// --- Serial units and visibility ---------------------------------------------------------------

TEST_P(StoreContractTest, ConcurrentReadModifyWriteUnitsLoseNothing) {
  constexpr int kThreads = 16;
  constexpr int kUnitsPerThread = 200;
  const int64_t pid = InsertPetition(store(), MinimalPetition("hot"));

  std::atomic<int> inside{0};
  std::atomic<bool> overlapped{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kUnitsPerThread; ++i) {
        Status s = store().Write([&](StoreTx& tx) -> Status {
          if (inside.fetch_add(1) != 0) overlapped = true;
          Result<Petition> p = tx.GetPetition(pid);
          Status result = p.status();
          if (p.ok()) {
            p->signature_count += 1;
            result = tx.UpdatePetition(*p);
          }
          inside.fetch_sub(1);
          return result;
        });
        if (!s.ok()) failures.fetch_add(1);
      }
    });
  }
  for (std::thread& t : threads) t.join();

  EXPECT_EQ(failures.load(), 0);
  EXPECT_FALSE(overlapped.load()) << "two units ran at the same time";
  EXPECT_EQ(ReadPetition(store(), pid).signature_count, kThreads * kUnitsPerThread);
  EXPECT_EQ(store().CachedCount(pid), kThreads * kUnitsPerThread);
}

// A surge in one batch: each unit signs one petition (reads it, raises its counts, counts a
// region, appends to its log); units 0 (the first), 10, 20 and 41 (the last) rewrite the whole
// row instead of its counts; unit 0 and every third unit then fail. Each unit sees exactly what the
// units before it kept, and the failed ones leave nothing: not in the row, the counts, the region
// counts, the log's leaves or its subtree hashes.
TEST_P(StoreContractTest, UnitsOfOneBatchSeeTheKeptCountersOfTheUnitsBefore) {
  const int64_t pid = InsertPetition(store(), MinimalPetition("surge"));
  constexpr int kUnits = 42;
  const auto fails = [](int i) { return i == 0 || i % 3 == 2; };
  const auto region_of = [](int i) { return std::string(i % 2 == 0 ? "astana" : "almaty"); };
  const auto leaf_of = [](int i) { return "leaf " + std::to_string(i); };
  struct Seen {
    Status status;
    int64_t count = -1;
    std::string title;
    int64_t regions_total = -1;
    uint64_t index = 0;
  };
  std::vector<Seen> seen(kUnits);
  std::atomic<int> answered{0};
  {
    WriterGate gate(store());
    for (int i = 0; i < kUnits; ++i) {
      store().WriteThen(
          [&, i](StoreTx& tx) -> Status {
            Result<Petition> p = tx.GetPetition(pid);
            if (!p.ok()) return p.status();
            seen[i].count = p->signature_count;
            seen[i].title = p->title;
            ++p->signature_count;
            if (i % 4 == 0) ++p->sponsor_count;
            if (i == 0 || i == 10 || i == 20 || i == 41) {
              p->title = "title " + std::to_string(i);
              PETITIO_RETURN_IF_ERROR(tx.UpdatePetition(*p));
            } else {
              PETITIO_RETURN_IF_ERROR(tx.UpdatePetitionCounts(*p));
            }
            PETITIO_RETURN_IF_ERROR(tx.AddToRegionCount(pid, region_of(i), 1));
            Result<std::map<std::string, int64_t>> regions = tx.GetRegionCounts(pid);
            if (!regions.ok()) return regions.status();
            seen[i].regions_total = 0;
            for (const auto& [region, n] : *regions) seen[i].regions_total += n;
            Result<uint64_t> index = tx.AppendLogEntry(pid, leaf_of(i));
            if (!index.ok()) return index.status();
            seen[i].index = *index;
            if (fails(i)) return Status::Conflict("the unit changed its mind", "test_failure");
            return Status::Ok();
          },
          [&, i](Status s) {
            seen[i].status = std::move(s);
            answered.fetch_add(1);
          });
    }
    std::this_thread::sleep_for(milliseconds(50));
    gate.Release();
    for (int i = 0; i < 10000 && answered.load() < kUnits; ++i) {
      std::this_thread::sleep_for(milliseconds(1));
    }
    ASSERT_EQ(answered.load(), kUnits);
  }

  int64_t kept = 0, sponsors = 0;
  std::map<std::string, int64_t> regions;
  std::vector<std::string> leaves;
  std::vector<MerkleHash> hashes;
  const std::string first_title = MinimalPetition("surge").title;
  for (int i = 0; i < kUnits; ++i) {
    EXPECT_EQ(seen[i].count, kept) << "unit " << i;
    EXPECT_EQ(seen[i].title, i > 10 ? "title 10" : first_title) << "unit " << i;
    EXPECT_EQ(seen[i].regions_total, kept + 1) << "unit " << i;
    EXPECT_EQ(seen[i].index, static_cast<uint64_t>(kept)) << "unit " << i;
    if (fails(i)) {
      EXPECT_EQ(seen[i].status.code(), "test_failure") << i;
      continue;
    }
    EXPECT_TRUE(seen[i].status.ok()) << i << ": " << seen[i].status.ToString();
    ++kept;
    if (i % 4 == 0) ++sponsors;
    ++regions[region_of(i)];
    leaves.push_back(leaf_of(i));
    hashes.push_back(LeafHash(leaf_of(i)));
  }
  const Petition p = ReadPetition(store(), pid);
  EXPECT_EQ(p.signature_count, kept);
  EXPECT_EQ(p.sponsor_count, sponsors);
  EXPECT_EQ(p.title, "title 10") << "units 0, 20 and 41 rewrote the row and failed";
  EXPECT_EQ(store().CachedCount(pid), kept);
  EXPECT_EQ(store().GetRegionCounts(pid).value(), regions);
  ASSERT_EQ(store().GetLogSize(pid).value(), static_cast<uint64_t>(kept));
  EXPECT_EQ(store().GetLogEntries(pid, 0, static_cast<uint64_t>(kept) - 1).value(), leaves);
  for (int level = 0; (size_t{1} << level) <= hashes.size(); ++level) {
    const size_t width = size_t{1} << level;
    for (size_t index = 0; (index + 1) * width <= hashes.size(); ++index) {
      EXPECT_EQ(store().GetLogNode(pid, level, index).value(),
                RootOf(std::span(hashes).subspan(index * width, width)))
          << "node " << level << "/" << index;
    }
  }
  // The next batch goes on from what was kept.
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) -> Status {
                Result<uint64_t> index = tx.AppendLogEntry(pid, "after");
                if (!index.ok()) return index.status();
                EXPECT_EQ(*index, static_cast<uint64_t>(kept));
                EXPECT_EQ(tx.GetPetition(pid).value().signature_count, kept);
                return Status::Ok();
              }).ok());
  hashes.push_back(LeafHash("after"));
  EXPECT_EQ(store().GetLogNode(pid, 0, hashes.size() - 1).value(), hashes.back());
}

TEST_P(StoreContractTest, WriteIsVisibleToReadsAsSoonAsItReturns) {
  Petition p = MinimalPetition("v");
  p.id = InsertPetition(store(), p);
  for (int i = 1; i <= 40; ++i) {
    p.title = "version " + std::to_string(i);
    p.signature_count = i;
    ASSERT_TRUE(UpdatePetition(store(), p).ok());
    // Several reads, so that more than one pooled reader (if any) is exercised.
    for (int r = 0; r < 3; ++r) {
      const Petition got = ReadPetition(store(), p.id);
      ASSERT_EQ(got.title, p.title);
      ASSERT_EQ(got.signature_count, i);
    }
    ASSERT_EQ(store().CachedCount(p.id), i);
  }
}

// WriteThen returns without waiting; its continuation gets the unit's Status when the write is
// committed: a read made from the continuation sees it, and a refused unit wrote nothing.
TEST_P(StoreContractTest, WriteThenAnswersWhenTheWriteIsVisible) {
  Petition p = MinimalPetition("then");
  p.id = InsertPetition(store(), p);
  struct Seen {
    Status status;
    std::string title;
  };
  const auto write_then = [this](Store::WriteUnit unit, int64_t id) {
    auto seen = std::make_shared<std::promise<Seen>>();
    std::future<Seen> answer = seen->get_future();
    store().WriteThen(std::move(unit), [this, seen, id](Status s) {
      Result<Petition> now = store().GetPetition(id);
      seen->set_value({std::move(s), now.ok() ? now->title : now.status().ToString()});
    });
    EXPECT_EQ(answer.wait_for(std::chrono::seconds(10)), std::future_status::ready);
    return answer.get();
  };
  Petition changed = p;
  changed.title = "written, then answered";
  const Seen ok = write_then([changed](StoreTx& tx) { return tx.UpdatePetition(changed); }, p.id);
  EXPECT_TRUE(ok.status.ok()) << ok.status.ToString();
  EXPECT_EQ(ok.title, "written, then answered");

  Petition refused = p;
  refused.title = "never written";
  const Seen no = write_then(
      [refused](StoreTx& tx) -> Status {
        PETITIO_RETURN_IF_ERROR(tx.UpdatePetition(refused));
        return Status::Conflict("refused after writing", "refused");
      },
      p.id);
  EXPECT_EQ(no.status.code(), "refused");
  EXPECT_EQ(no.title, "written, then answered");
}

TEST_P(StoreContractTest, WriteIsDurableForANewStoreOnTheSameData) {
  Petition p = FullPetition("durable");
  p.id = InsertPetition(store(), p);
  Signature sig = MakeSignature(p.id, "h", "durable-token");
  sig.id = InsertSignature(store(), sig);
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) {
                return tx.AppendTimeline(p.id, {At(), "created", "durable"});
              }).ok());

  {
    std::unique_ptr<Store> second = OpenSecond();
    ASSERT_NE(second, nullptr);
    ExpectSamePetition(p, ReadPetition(*second, p.id));
    EXPECT_EQ(second->CachedCount(p.id), p.signature_count);
    ASSERT_TRUE(second->GetSignature(sig.id).ok());
  }

  Reopen();
  ExpectSamePetition(p, ReadPetition(store(), p.id));
  Result<Signature> got = store().GetSignature(sig.id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ExpectSameSignature(sig, *got);
  EXPECT_EQ(store().GetTimeline(p.id).value().size(), 1u);
}

// --- CachedCount -----------------------------------------------------------------------------

TEST_P(StoreContractTest, CachedCountFollowsCommitsAndSurvivesReopen) {
  Petition p = MinimalPetition("c");
  p.signature_count = 5;
  p.id = InsertPetition(store(), p);
  EXPECT_EQ(store().CachedCount(p.id), 5);

  p.signature_count = 9;
  ASSERT_TRUE(UpdatePetition(store(), p).ok());
  EXPECT_EQ(store().CachedCount(p.id), 9);

  int64_t ghost = 0;
  Status s = Apply(store(), [&](StoreTx& tx) -> Status {
    Petition changed = p;
    changed.signature_count = 1000;
    PETITIO_RETURN_IF_ERROR(tx.UpdatePetition(changed));
    Petition extra = MinimalPetition("ghost");
    extra.signature_count = 3;
    Result<int64_t> id = tx.InsertPetition(extra);
    if (id.ok()) ghost = *id;
    return Status::Invalid("rolled back", "test_failure");
  });
  EXPECT_EQ(s.code(), "test_failure");
  EXPECT_EQ(store().CachedCount(p.id), 9);
  EXPECT_FALSE(store().CachedCount(ghost).has_value());
  EXPECT_FALSE(store().CachedCount(123456).has_value());

  Reopen();
  EXPECT_EQ(store().CachedCount(p.id), 9);
  EXPECT_FALSE(store().CachedCount(123456).has_value());
}

// --- Timeline and thresholds -----------------------------------------------------------------

TEST_P(StoreContractTest, TimelineKeepsInsertionOrder) {
  const int64_t pid = InsertPetition(store(), MinimalPetition("t"));
  const int64_t other = InsertPetition(store(), MinimalPetition("o"));
  // Times deliberately out of order: the timeline is in insertion order, not time order.
  const std::vector<TimelineEvent> events = {
      {At(3000), "created", "first"},
      {At(1000), "validated", "second"},
      {At(2000), "sponsored", "третье"},
      {At(2000), "published", "fourth"},
  };
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) { return tx.AppendTimeline(pid, events[0]); }).ok());
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) {
                return tx.AppendTimeline(other, {At(), "x", "other"});
              }).ok());
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) -> Status {
                PETITIO_RETURN_IF_ERROR(tx.AppendTimeline(pid, events[1]));
                PETITIO_RETURN_IF_ERROR(tx.AppendTimeline(pid, events[2]));
                return tx.AppendTimeline(pid, events[3]);
              }).ok());

  Result<std::vector<TimelineEvent>> got = store().GetTimeline(pid);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->size(), events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(ToMillis((*got)[i].at), ToMillis(events[i].at)) << i;
    EXPECT_EQ((*got)[i].kind, events[i].kind) << i;
    EXPECT_EQ((*got)[i].detail, events[i].detail) << i;
  }
  EXPECT_EQ(store().GetTimeline(other).value().size(), 1u);
}

TEST_P(StoreContractTest, RegionCountsAddUpPerPetitionAndRegion) {
  const int64_t pid = InsertPetition(store(), MinimalPetition("reg"));
  const int64_t other = InsertPetition(store(), MinimalPetition("reg-other"));
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) -> Status {
                PETITIO_RETURN_IF_ERROR(tx.AddToRegionCount(pid, "almaty", 1));
                PETITIO_RETURN_IF_ERROR(tx.AddToRegionCount(pid, "almaty", 2));
                PETITIO_RETURN_IF_ERROR(tx.AddToRegionCount(pid, "", 1));
                Result<std::map<std::string, int64_t>> seen = tx.GetRegionCounts(pid);
                if (!seen.ok()) return seen.status();
                EXPECT_EQ(seen->at("almaty"), 3) << "a unit reads its own counts";
                return tx.AddToRegionCount(other, "astana", 1);
              }).ok());
  ASSERT_TRUE(
      Apply(store(), [&](StoreTx& tx) { return tx.AddToRegionCount(pid, "almaty", -1); }).ok());
  EXPECT_EQ(store().GetRegionCounts(pid).value(),
            (std::map<std::string, int64_t>{{"", 1}, {"almaty", 2}}));
  EXPECT_EQ(store().GetRegionCounts(other).value(),
            (std::map<std::string, int64_t>{{"astana", 1}}));
  EXPECT_TRUE(store().GetRegionCounts(987654).value().empty());
  EXPECT_FALSE(
      Apply(store(), [&](StoreTx& tx) { return tx.AddToRegionCount(987654, "x", 1); }).ok());
}

TEST_P(StoreContractTest, AuditCountsComparesStoredCountsWithTheSignatures) {
  Petition p = MinimalPetition("audit");
  p.signature_count = 2;
  p.sponsor_count = 1;
  const int64_t pid = InsertPetition(store(), p);
  const int64_t empty = InsertPetition(store(), MinimalPetition("audit-empty"));
  Signature sponsor = MakeSignature(pid, "h1", "t1");
  sponsor.role = SignerRole::kSponsor;
  sponsor.state = SignatureState::kValidated;
  Signature signer = MakeSignature(pid, "h2", "t2");  // region "almaty"
  signer.state = SignatureState::kValidated;
  Signature pending = MakeSignature(pid, "h3", "t3");
  for (const Signature& s : {sponsor, signer, pending}) InsertSignature(store(), s);
  ASSERT_TRUE(
      Apply(store(), [&](StoreTx& tx) { return tx.AddToRegionCount(pid, "almaty", 2); }).ok());

  Result<std::vector<CountAudit>> audit = store().AuditCounts();
  ASSERT_TRUE(audit.ok()) << audit.status().ToString();
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ((*audit)[0].petition_id, pid);
  EXPECT_EQ((*audit)[0].validated, 2);
  EXPECT_EQ((*audit)[0].validated_sponsors, 1);
  EXPECT_TRUE((*audit)[0].ok());
  EXPECT_EQ((*audit)[1].petition_id, empty);
  EXPECT_TRUE((*audit)[1].ok());

  // A drifted count and a region count that no signature backs are reported.
  p.id = pid;
  p.signature_count = 5;
  ASSERT_TRUE(UpdatePetition(store(), p).ok());
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) -> Status {
                PETITIO_RETURN_IF_ERROR(tx.AddToRegionCount(pid, "almaty", 1));
                return tx.AddToRegionCount(pid, "astana", 1);
              }).ok());
  audit = store().AuditCounts();
  ASSERT_TRUE(audit.ok());
  const CountAudit& a = (*audit)[0];
  EXPECT_FALSE(a.ok());
  EXPECT_EQ(a.signature_count, 5);
  EXPECT_EQ(a.validated, 2);
  EXPECT_EQ(a.regions.at("almaty"), (std::pair<int64_t, int64_t>{3, 2}));
  EXPECT_EQ(a.regions.at("astana"), (std::pair<int64_t, int64_t>{1, 0}));
  EXPECT_EQ(a.regions.size(), 2u);
}

TEST_P(StoreContractTest, MatchingInvalidationsAndTrending) {
  const int64_t pid = InsertPetition(store(), MinimalPetition("fraud"));
  const int64_t other = InsertPetition(store(), MinimalPetition("fraud-other"));
  auto add = [&](int64_t petition, const char* hash, const char* ip, const char* domain,
                 SignatureState state, int64_t at_ms) {
    Signature s = MakeSignature(petition, hash, std::string("t-") + hash);
    s.ip = ip;
    s.subnet = std::string(ip).substr(0, std::string(ip).rfind('.')) + ".0/24";
    s.email_domain = domain;
    s.state = state;
    s.created_at = At(at_ms);
    return InsertSignature(store(), s);
  };
  const int64_t a = add(pid, "a", "192.0.2.1", "spam.example", SignatureState::kValidated, 0);
  const int64_t b = add(pid, "b", "192.0.2.1", "spam.example", SignatureState::kPending, 10);
  add(pid, "c", "192.0.2.1", "spam.example", SignatureState::kFraudulent, 20);
  const int64_t d = add(pid, "d", "192.0.2.9", "ok.example", SignatureState::kValidated, 30);
  add(other, "e", "192.0.2.1", "spam.example", SignatureState::kValidated, 40);

  auto ids = [&](const SignatureMatch& m) {
    std::vector<int64_t> out;
    EXPECT_TRUE(Apply(store(), [&](StoreTx& tx) -> Status {
                  Result<std::vector<Signature>> r = tx.ListSignaturesMatching(pid, m);
                  if (!r.ok()) return r.status();
                  for (const Signature& s : *r) out.push_back(s.id);
                  return Status::Ok();
                }).ok());
    return out;
  };
  EXPECT_EQ(ids({MatchField::kIp, "192.0.2.1", {}, {}}), (std::vector<int64_t>{a, b}))
      << "pending and validated only, this petition only";
  EXPECT_EQ(ids({MatchField::kSubnet, "192.0.2.0/24", {}, {}}), (std::vector<int64_t>{a, b, d}));
  EXPECT_EQ(ids({MatchField::kEmailDomain, "ok.example", {}, {}}), (std::vector<int64_t>{d}));
  EXPECT_EQ(ids({MatchField::kNone, "", At(5), At(31)}), (std::vector<int64_t>{b, d}));
  EXPECT_TRUE(ids({MatchField::kRegion, "astana", {}, {}}).empty());

  const Invalidation inv{At(50), "domain", "spam.example", 2, "Scripted burst"};
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) { return tx.RecordInvalidation(pid, inv); }).ok());
  Result<std::vector<Invalidation>> record = store().GetInvalidations(pid);
  ASSERT_TRUE(record.ok());
  ASSERT_EQ(record->size(), 1u);
  EXPECT_EQ((*record)[0].matched_by, "domain");
  EXPECT_EQ((*record)[0].detail, "spam.example");
  EXPECT_EQ((*record)[0].count, 2);
  EXPECT_EQ((*record)[0].reason, "Scripted burst");
  EXPECT_EQ(ToMillis((*record)[0].at), ToMillis(At(50)));
  EXPECT_TRUE(store().GetInvalidations(other).value().empty());

  Result<Trending> t = store().GetTrending(pid, At(0), 10);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->ips.size(), 2u);
  EXPECT_EQ(t->ips[0].key, "192.0.2.1");
  EXPECT_EQ(t->ips[0].signatures, 3) << "every signature, held back or not";
  EXPECT_EQ(t->subnets[0].signatures, 4);
  EXPECT_EQ(t->domains[0].key, "spam.example");
  EXPECT_EQ(store().GetTrending(pid, At(25), 10)->ips.size(), 1u) << "only since";
}

TEST_P(StoreContractTest, EraseSignatureContactsKeepsEverythingElse) {
  const int64_t pid = InsertPetition(store(), MinimalPetition("erase"));
  const int64_t other = InsertPetition(store(), MinimalPetition("erase-other"));
  Signature s = MakeSignature(pid, "h", "t");
  s.id = InsertSignature(store(), s);
  Signature kept = MakeSignature(other, "h2", "t2");
  kept.id = InsertSignature(store(), kept);
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) { return tx.EraseSignatureContacts(pid); }).ok());
  Signature want = s;
  want.email.clear();
  want.ip.clear();
  ExpectSameSignature(want, store().GetSignature(s.id).value());
  EXPECT_EQ(store().GetSignature(kept.id).value().email, kept.email);
}

TEST_P(StoreContractTest, TheLogAppendsLeavesAndKeepsItsSubtreeHashes) {
  const int64_t pid = InsertPetition(store(), MinimalPetition("log"));
  const int64_t other = InsertPetition(store(), MinimalPetition("log-other"));
  std::vector<MerkleHash> hashes;
  for (int i = 0; i < 11; ++i) {
    const std::string leaf = std::string("leaf\0", 5) + std::to_string(i);  // binary-safe
    ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) -> Status {
                  Result<uint64_t> index = tx.AppendLogEntry(pid, leaf);
                  if (!index.ok()) return index.status();
                  EXPECT_EQ(*index, static_cast<uint64_t>(i));
                  return Status::Ok();
                }).ok());
    hashes.push_back(LeafHash(leaf));
  }
  EXPECT_EQ(store().GetLogSize(pid).value(), 11u);
  EXPECT_EQ(store().GetLogSize(other).value(), 0u);
  const std::vector<std::string> entries = store().GetLogEntries(pid, 3, 4).value();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0], std::string("leaf\0", 5) + "3");
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) -> Status {
                EXPECT_EQ(tx.GetLogEntry(pid, 10).value(), std::string("leaf\0", 5) + "10");
                EXPECT_EQ(tx.GetLogEntry(pid, 11).status().kind(), ErrorKind::kNotFound);
                EXPECT_EQ(tx.GetLogEntry(other, 0).status().kind(), ErrorKind::kNotFound);
                return Status::Ok();
              }).ok());
  EXPECT_EQ(store().GetLogNode(pid, 0, 7).value(), hashes[7]);
  EXPECT_EQ(store().GetLogNode(pid, 3, 0).value(), RootOf(std::span(hashes).first(8)));
  EXPECT_FALSE(store().GetLogNode(pid, 3, 1).ok()) << "leaves 8..15 are not all there";
  EXPECT_FALSE(Apply(store(), [&](StoreTx& tx) -> Status {
                 Result<uint64_t> index = tx.AppendLogEntry(987654, "x");
                 return index.ok() ? Status::Ok() : index.status();
               }).ok());
  // A unit that fails after appending leaves no trace.
  EXPECT_FALSE(Apply(store(), [&](StoreTx& tx) -> Status {
                 Result<uint64_t> index = tx.AppendLogEntry(pid, "rolled back");
                 if (!index.ok()) return index.status();
                 return Status::Invalid("changed my mind");
               }).ok());
  EXPECT_EQ(store().GetLogSize(pid).value(), 11u);
  // Two entries in one unit take the next two places.
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) -> Status {
                Result<uint64_t> first = tx.AppendLogEntry(pid, "twelfth");
                if (!first.ok()) return first.status();
                Result<uint64_t> second = tx.AppendLogEntry(pid, "thirteenth");
                if (!second.ok()) return second.status();
                EXPECT_EQ(*first, 11u);
                EXPECT_EQ(*second, 12u);
                return Status::Ok();
              }).ok());
  EXPECT_EQ(store().GetLogSize(pid).value(), 13u);
  EXPECT_EQ(store().GetLogEntries(pid, 11, 12).value(),
            (std::vector<std::string>{"twelfth", "thirteenth"}));
}

TEST_P(StoreContractTest, ExtensionsKeepTheirOrderPerPetition) {
  const int64_t pid = InsertPetition(store(), MinimalPetition("ext"));
  const int64_t other = InsertPetition(store(), MinimalPetition("ext-other"));
  const std::vector<DeadlineExtension> want = {
      {Stage::kConsideration, {10, DurationUnit::kWorkingDays}, "рабочая группа", At(3000)},
      {Stage::kAnswer, {1, DurationUnit::kMonths}, "second", At(1000)},
  };
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) { return tx.RecordExtension(pid, want[0]); }).ok());
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) -> Status {
                Result<std::vector<DeadlineExtension>> seen = tx.GetExtensions(pid);
                if (!seen.ok()) return seen.status();
                EXPECT_EQ(seen->size(), 1u) << "a unit reads earlier extensions";
                return tx.RecordExtension(pid, want[1]);
              }).ok());
  Result<std::vector<DeadlineExtension>> got = store().GetExtensions(pid);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->size(), 2u);
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ((*got)[i].stage, want[i].stage) << i;
    EXPECT_EQ((*got)[i].duration, want[i].duration) << i;
    EXPECT_EQ((*got)[i].reason, want[i].reason) << i;
    EXPECT_EQ(ToMillis((*got)[i].recorded_at), ToMillis(want[i].recorded_at)) << i;
  }
  EXPECT_TRUE(store().GetExtensions(other).value().empty());
  EXPECT_TRUE(store().GetExtensions(987654).value().empty());
  EXPECT_FALSE(
      Apply(store(), [&](StoreTx& tx) { return tx.RecordExtension(987654, want[0]); }).ok())
      << "an extension of no petition is refused";
}

TEST_P(StoreContractTest, ThresholdCrossingIsRecordedOnce) {
  const int64_t pid = InsertPetition(store(), MinimalPetition("th"));
  auto record = [&](const ThresholdCrossing& c) {
    return Apply(store(), [&](StoreTx& tx) { return tx.RecordThresholdCrossing(pid, c); });
  };
  ASSERT_TRUE(record({0, 10000, At(100)}).ok());
  Status again = record({0, 10007, At(200)});
  EXPECT_TRUE(again.ok()) << again.ToString();
  ASSERT_TRUE(record({1, 100000, At(300)}).ok());

  Result<std::vector<ThresholdCrossing>> got = store().GetThresholdCrossings(pid);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->size(), 2u);
  EXPECT_EQ((*got)[0].index, 0);
  EXPECT_EQ((*got)[0].count, 10000);
  EXPECT_EQ(ToMillis((*got)[0].reached_at), ToMillis(At(100)));
  EXPECT_EQ((*got)[1].index, 1);
  EXPECT_EQ((*got)[1].count, 100000);
  EXPECT_EQ(ToMillis((*got)[1].reached_at), ToMillis(At(300)));
}

// --- Listing ---------------------------------------------------------------------------------

// Six petitions, p[0] < p[1] < ... by id; see the comments for state, count and creation time.
std::vector<int64_t> AddListingPetitions(Store& store) {
  struct Row {
    PetitionState state;
    int64_t count;
    int64_t created_s;
  };
  const Row rows[] = {
      {PetitionState::kOpen, 10, 1},     // p[0]
      {PetitionState::kOpen, 30, 2},     // p[1]
      {PetitionState::kClosed, 30, 3},   // p[2]
      {PetitionState::kPending, 0, 3},   // p[3]: created with p[2]
      {PetitionState::kRejected, 5, 0},  // p[4]
      {PetitionState::kHidden, 100, 5},  // p[5]
  };
  std::vector<int64_t> ids;
  for (const Row& row : rows) {
    Petition x = MinimalPetition(std::to_string(ids.size()));
    x.state = row.state;
    x.signature_count = row.count;
    x.created_at = At(row.created_s * 1000);
    ids.push_back(InsertPetition(store, x));
  }
  return ids;
}

std::vector<int64_t> List(Store& store, const PetitionQuery& q) {
  Result<std::vector<Petition>> r = store.ListPetitions(q);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? Ids(*r) : std::vector<int64_t>{};
}

TEST_P(StoreContractTest, ListOrdersByMostSignedThenId) {
  const std::vector<int64_t> p = AddListingPetitions(store());
  EXPECT_EQ(List(store(), {}), (std::vector<int64_t>{p[5], p[1], p[2], p[0], p[4], p[3]}));
}

TEST_P(StoreContractTest, ListOrdersByNewestThenIdDescending) {
  const std::vector<int64_t> p = AddListingPetitions(store());
  PetitionQuery q;
  q.order = PetitionQuery::Order::kNewest;
  EXPECT_EQ(List(store(), q), (std::vector<int64_t>{p[5], p[3], p[2], p[1], p[0], p[4]}));
}

TEST_P(StoreContractTest, ListOrdersByOldestThenIdAscending) {
  const std::vector<int64_t> p = AddListingPetitions(store());
  PetitionQuery q;
  q.order = PetitionQuery::Order::kOldest;
  EXPECT_EQ(List(store(), q), (std::vector<int64_t>{p[4], p[0], p[1], p[2], p[3], p[5]}));
}

TEST_P(StoreContractTest, ListFiltersByProfilesAndStates) {
  Petition uk = MinimalPetition("uk");
  uk.state = PetitionState::kValidated;
  Petition kz = MinimalPetition("kz");
  kz.profile_id = "kz";
  kz.state = PetitionState::kValidated;
  Petition kz_open = kz;
  kz_open.state = PetitionState::kOpen;
  const int64_t a = InsertPetition(store(), uk);
  const int64_t b = InsertPetition(store(), kz);
  const int64_t c = InsertPetition(store(), kz_open);
  PetitionQuery q;
  q.order = PetitionQuery::Order::kOldest;
  q.profiles = {"kz"};
  EXPECT_EQ(List(store(), q), (std::vector<int64_t>{b, c}));
  q.states = {PetitionState::kValidated};
  EXPECT_EQ(List(store(), q), (std::vector<int64_t>{b}));
  q.profiles = {"kz", "UK", "kz"};
  EXPECT_EQ(List(store(), q), (std::vector<int64_t>{a, b}));
  q.profiles = {"de-bt"};
  EXPECT_TRUE(List(store(), q).empty());
}

TEST_P(StoreContractTest, ListFiltersByStates) {
  const std::vector<int64_t> p = AddListingPetitions(store());
  PetitionQuery q;
  q.states = {PetitionState::kOpen};
  EXPECT_EQ(List(store(), q), (std::vector<int64_t>{p[1], p[0]}));
  q.states = {PetitionState::kOpen, PetitionState::kOpen};
  EXPECT_EQ(List(store(), q), (std::vector<int64_t>{p[1], p[0]}));
  q.states = {PetitionState::kRejected, PetitionState::kOpen, PetitionState::kClosed};
  EXPECT_EQ(List(store(), q), (std::vector<int64_t>{p[1], p[2], p[0], p[4]}));
  q.order = PetitionQuery::Order::kNewest;
  EXPECT_EQ(List(store(), q), (std::vector<int64_t>{p[2], p[1], p[0], p[4]}));
  q.states = {PetitionState::kSponsored};
  EXPECT_TRUE(List(store(), q).empty());
  EXPECT_EQ(store().CountPetitions().value(), 6);
}

// Text search compares folded words (domain/search_fold.h) in the title, text and addressee:
// Latin, Cyrillic with Kazakh letters, "ё" as "е", and LIKE's wildcards taken literally.
TEST_P(StoreContractTest, ListFindsFoldedWordsInAnyLetterCase) {
  Petition kk = MinimalPetition("kk");
  kk.title = "ҚАЛАДАҒЫ ағаштарды сақтаңыз";
  kk.text = "Ёлки и берёзы";
  const int64_t kk_id = InsertPetition(store(), kk);
  Petition en = MinimalPetition("en");
  en.title = "Save 100% of the TREES";
  en.addressee = "Ministry of Ecology";
  const int64_t en_id = InsertPetition(store(), en);
  PetitionQuery q;
  q.order = PetitionQuery::Order::kOldest;
  for (const auto& [words, want] : std::vector<std::pair<std::string, std::vector<int64_t>>>{
           {"қаладағы", {kk_id}},
           {"елки и березы", {kk_id}},
           {"trees", {en_id}},
           {"100%", {en_id}},
           {"0%", {en_id}},
           {"1_0", {}},
           {"ecology", {en_id}},
           {"a", {kk_id, en_id}},
           {"pine", {}},
       }) {
    q.text = FoldForSearch(words);
    EXPECT_EQ(List(store(), q), want) << words;
  }
}

TEST_P(StoreContractTest, ALeaseIsHeldByOneHolderUntilItExpires) {
  auto claim = [this](const std::string& job, const std::string& holder, int64_t now_ms,
                      int64_t until_ms) {
    bool held = false;
    EXPECT_TRUE(store()
                    .Write([&](StoreTx& tx) -> Status {
                      Result<bool> r = tx.ClaimLease(job, holder, At(now_ms), At(until_ms));
                      if (!r.ok()) return r.status();
                      held = *r;
                      return Status::Ok();
                    })
                    .ok());
    return held;
  };
  EXPECT_TRUE(claim("courier", "a", 0, 1000));      // free
  EXPECT_FALSE(claim("courier", "b", 500, 1500));   // a's until 1000
  EXPECT_TRUE(claim("other", "b", 500, 1500));      // another job is another lease
  EXPECT_TRUE(claim("courier", "a", 900, 2000));    // a renews
  EXPECT_FALSE(claim("courier", "b", 1999, 3000));  // still a's
  EXPECT_TRUE(claim("courier", "b", 2000, 3000));   // expired: b takes it
  EXPECT_FALSE(claim("courier", "a", 2500, 3500));
  Reopen();
  EXPECT_FALSE(claim("courier", "a", 2999, 4000)) << "a lease outlives the store object";
}

TEST_P(StoreContractTest, QueuedMailIsDueToItsSenderAndToOthersOnlyLater) {
  auto queue = [this](const std::string& sender, int64_t due_ms) {
    int64_t id = 0;
    EXPECT_TRUE(Apply(store(), [&](StoreTx& tx) -> Status {
                  Result<int64_t> r = tx.QueueMail({0, sender, "Åsa Öberg", "asa@example.org",
                                                    "Bekräfta", "Hej\nlänk", At(0), 0, At(due_ms)});
                  if (!r.ok()) return r.status();
                  id = *r;
                  return Status::Ok();
                }).ok());
    return id;
  };
  auto due = [this](const std::string& sender, int64_t now_ms,
                    std::optional<int64_t> others_due_by_ms, int limit = 10) {
    Result<std::vector<QueuedMail>> r = store().GetDueMail(
        sender, At(now_ms),
        others_due_by_ms ? std::optional<TimePoint>(At(*others_due_by_ms)) : std::nullopt, limit);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<int64_t> ids;
    for (const QueuedMail& m : r.value()) ids.push_back(m.id);
    return ids;
  };
  const int64_t a1 = queue("a", 100);
  const int64_t b1 = queue("b", 100);
  const int64_t a2 = queue("a", 5000);
  EXPECT_EQ(store().CountQueuedMail().value(), 3);
  EXPECT_EQ(due("a", 99, std::nullopt), std::vector<int64_t>{}) << "not yet due";
  EXPECT_EQ(due("a", 100, std::nullopt), std::vector<int64_t>{a1}) << "only a's own";
  EXPECT_EQ(due("a", 100, 99), std::vector<int64_t>{a1}) << "b's not due long enough";
  EXPECT_EQ(due("a", 6000, 100), (std::vector<int64_t>{a1, b1, a2})) << "oldest first";
  EXPECT_EQ(due("a", 6000, 100, 2), (std::vector<int64_t>{a1, b1}));
  EXPECT_EQ(due("c", 6000, std::nullopt), std::vector<int64_t>{});

  // Every field comes back as written.
  const QueuedMail m = store().GetDueMail("b", At(100), std::nullopt, 1).value().at(0);
  EXPECT_EQ(m.sender, "b");
  EXPECT_EQ(m.to_name, "Åsa Öberg");
  EXPECT_EQ(m.to_address, "asa@example.org");
  EXPECT_EQ(m.subject, "Bekräfta");
  EXPECT_EQ(m.body, "Hej\nlänk");
  EXPECT_EQ(m.created_at, At(0));
  EXPECT_EQ(m.attempts, 0);
  EXPECT_EQ(m.next_attempt_at, At(100));

  // Sent: gone. Failed: later, and now the trier's.
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) -> Status {
                PETITIO_RETURN_IF_ERROR(tx.DeleteMail(a1));
                return tx.PostponeMail(b1, "a", 1, At(200));
              }).ok());
  EXPECT_EQ(store().CountQueuedMail().value(), 2);
  EXPECT_EQ(due("a", 150, std::nullopt), std::vector<int64_t>{});
  EXPECT_EQ(due("b", 300, std::nullopt), std::vector<int64_t>{}) << "b1 is a's now";
  EXPECT_EQ(due("a", 300, std::nullopt), std::vector<int64_t>{b1});
  EXPECT_EQ(store().GetDueMail("a", At(300), std::nullopt, 1).value().at(0).attempts, 1);

  // A unit that fails takes its mail with it.
  EXPECT_FALSE(
      Apply(store(), [&](StoreTx& tx) -> Status {
        PETITIO_RETURN_IF_ERROR(
            tx.QueueMail({0, "a", "", "x@example.org", "s", "b", At(0), 0, At(0)}).status());
        return Status::Conflict("changed my mind", "test");
      }).ok());
  EXPECT_EQ(store().CountQueuedMail().value(), 2);
  Reopen();
  EXPECT_EQ(due("a", 6000, std::nullopt), (std::vector<int64_t>{b1, a2})) << "durable";
}

TEST_P(StoreContractTest, ListAppliesLimitAndOffset) {
  const std::vector<int64_t> p = AddListingPetitions(store());
  PetitionQuery q;
  q.limit = 2;
  q.offset = 1;
  EXPECT_EQ(List(store(), q), (std::vector<int64_t>{p[1], p[2]}));
  q.offset = 5;
  EXPECT_EQ(List(store(), q), (std::vector<int64_t>{p[3]}));
  q.offset = 6;
  EXPECT_TRUE(List(store(), q).empty());
  q.offset = -3;  // clamped to 0
  EXPECT_EQ(List(store(), q), (std::vector<int64_t>{p[5], p[1]}));
  q.offset = 0;
  q.limit = 0;  // clamped to 1
  EXPECT_EQ(List(store(), q), (std::vector<int64_t>{p[5]}));
  q.limit = -7;
  EXPECT_EQ(List(store(), q), (std::vector<int64_t>{p[5]}));
}

TEST_P(StoreContractTest, ListLimitIsAtMost500) {
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) -> Status {
                for (int i = 0; i < 501; ++i) {
                  Result<int64_t> id = tx.InsertPetition(MinimalPetition(std::to_string(i)));
                  if (!id.ok()) return id.status();
                }
                return Status::Ok();
              }).ok());
  PetitionQuery q;
  q.limit = 100000;
  Result<std::vector<Petition>> r = store().ListPetitions(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->size(), 500u);
  EXPECT_EQ(store().CountPetitions().value(), 501);
}

TEST_P(StoreContractTest, ListsOpenPetitionsClosingBy) {
  const TimePoint now = At(1000000);
  auto add = [&](PetitionState state, std::optional<TimePoint> closes_at) {
    Petition x = MinimalPetition("c");
    x.state = state;
    x.closes_at = closes_at;
    return InsertPetition(store(), x);
  };
  const int64_t before = add(PetitionState::kOpen, now - milliseconds(1));
  const int64_t at = add(PetitionState::kOpen, now);
  add(PetitionState::kOpen, now + milliseconds(1));
  add(PetitionState::kOpen, std::nullopt);
  add(PetitionState::kClosed, now - milliseconds(10));
  add(PetitionState::kSponsored, now - milliseconds(10));

  std::vector<int64_t> ids;
  Status s = Apply(store(), [&](StoreTx& tx) -> Status {
    Result<std::vector<int64_t>> r = tx.ListOpenPetitionsClosingBy(now);
    if (!r.ok()) return r.status();
    ids = *r;
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<int64_t>{before, at}));
}

// --- Not found -------------------------------------------------------------------------------

TEST_P(StoreContractTest, MissingRowsAreNotFound) {
  const int64_t pid = InsertPetition(store(), MinimalPetition("p"));
  constexpr int64_t kMissing = 987654;
  EXPECT_EQ(store().GetPetition(kMissing).status().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(store().GetSignature(kMissing).status().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(store().GetSignatureByLegacyToken("absent").status().kind(), ErrorKind::kNotFound);
  EXPECT_FALSE(store().CachedCount(kMissing).has_value());

  auto unit_status = [&](const Store::WriteUnit& unit) { return Apply(store(), unit); };
  EXPECT_EQ(unit_status([&](StoreTx& tx) { return tx.GetPetition(kMissing).status(); }).kind(),
            ErrorKind::kNotFound);
  EXPECT_EQ(unit_status([&](StoreTx& tx) {
              return tx.GetSignatureByIdentity(pid, "absent").status();
            }).kind(),
            ErrorKind::kNotFound);
  EXPECT_EQ(unit_status([&](StoreTx& tx) { return tx.GetSignature(kMissing).status(); }).kind(),
            ErrorKind::kNotFound);
  EXPECT_EQ(unit_status([&](StoreTx& tx) {
              return tx.GetSignatureByLegacyToken("absent").status();
            }).kind(),
            ErrorKind::kNotFound);

  Petition ghost = MinimalPetition("ghost");
  ghost.id = kMissing;
  EXPECT_EQ(unit_status([&](StoreTx& tx) { return tx.UpdatePetition(ghost); }).kind(),
            ErrorKind::kNotFound);
  Signature ghost_sig = MakeSignature(pid, "h", "t");
  ghost_sig.id = kMissing;
  EXPECT_EQ(unit_status([&](StoreTx& tx) { return tx.UpdateSignature(ghost_sig); }).kind(),
            ErrorKind::kNotFound);
  EXPECT_EQ(store().CountPetitions().value(), 1);
}

TEST_P(StoreContractTest, AccountsSessionsAndTokens) {
  Account a;
  a.email = "officer@mcs.example";
  a.name = "Officer";
  a.role = Role::kOfficer;
  a.authority = "kz-mcs";
  a.password_hash = "$argon2id$stub";
  a.created_at = At(5);
  int64_t id = 0;
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) -> Status {
                Result<int64_t> n = tx.CountAccounts();
                EXPECT_EQ(n.value(), 0);
                Result<int64_t> made = tx.InsertAccount(a);
                if (!made.ok()) return made.status();
                id = *made;
                return Status::Ok();
              }).ok());
  EXPECT_EQ(Apply(store(), [&](StoreTx& tx) { return tx.InsertAccount(a).status(); }).code(),
            "account_exists");
  const Account got = store().GetAccount(id).value();
  EXPECT_EQ(got.email, a.email);
  EXPECT_EQ(got.role, Role::kOfficer);
  EXPECT_EQ(got.authority, "kz-mcs");
  EXPECT_EQ(got.password_hash, a.password_hash);
  EXPECT_EQ(got.created_at, a.created_at);
  EXPECT_EQ(store().ReadAccountByEmail("officer@mcs.example").value().id, id);
  EXPECT_EQ(store().GetAccount(id + 1).status().kind(), ErrorKind::kNotFound);

  const Session s{"session-hash", id, "csrf", At(10), At(20)};
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) { return tx.InsertSession(s); }).ok());
  EXPECT_EQ(store().GetSession("session-hash").value().csrf, "csrf");
  EXPECT_EQ(store().GetSession("session-hash").value().expires_at, At(20));
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) { return tx.DeleteSession("session-hash"); }).ok());
  EXPECT_EQ(store().GetSession("session-hash").status().kind(), ErrorKind::kNotFound);
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) -> Status {
                PETITIO_RETURN_IF_ERROR(tx.InsertSession({"old", id, "c", At(0), At(20)}));
                PETITIO_RETURN_IF_ERROR(tx.InsertSession({"new", id, "c", At(0), At(40)}));
                EXPECT_EQ(tx.DeleteExpiredSessions(At(20)).value(), 1);
                return Status::Ok();
              }).ok());
  EXPECT_EQ(store().GetSession("old").status().kind(), ErrorKind::kNotFound);
  EXPECT_TRUE(store().GetSession("new").ok());

  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) {
                return tx.InsertApiToken({"tok", id, "ci", At(3)});
              }).ok());
  EXPECT_EQ(store().GetApiToken("tok").value().account_id, id);
  EXPECT_EQ(store().GetApiToken("other").status().kind(), ErrorKind::kNotFound);
}

TEST_P(StoreContractTest, LocksRecordsAndStatements) {
  const int64_t pid = InsertPetition(store(), MinimalPetition("staff"));
  Account a;
  a.email = "m@example.org";
  a.name = "M";
  a.created_at = At(1);
  int64_t account = 0;
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) -> Status {
                Result<int64_t> made = tx.InsertAccount(a);
                if (!made.ok()) return made.status();
                account = *made;
                return tx.PutModerationLock({pid, account, At(10), At(20)});
              }).ok());
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) -> Status {
                EXPECT_EQ(tx.GetModerationLock(pid).value().expires_at, At(20));
                return tx.PutModerationLock({pid, account, At(30), At(40)});  // renewed
              }).ok());
  ASSERT_EQ(store().GetModerationLocks().value().size(), 1u);
  EXPECT_EQ(store().GetModerationLocks().value()[0].locked_at, At(30));
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) { return tx.DeleteModerationLock(pid); }).ok());
  EXPECT_TRUE(store().GetModerationLocks().value().empty());

  ConsiderationRecord meeting;
  meeting.petition_id = pid;
  meeting.kind = RecordKind::kMeeting;
  meeting.date = {2024, 7, 10};
  meeting.recorded_at = At(50);
  meeting.recorded_by = account;
  meeting.place = "Astana";
  meeting.agenda = "Draft";
  meeting.participants = {"A", "Б"};
  meeting.minutes = "Heard: 1:2";
  meeting.attachments = {{"Opinion", "Text"}};
  ConsiderationRecord group;
  group.petition_id = pid;
  group.kind = RecordKind::kWorkingGroup;
  group.date = {2024, 6, 14};
  group.recorded_at = At(40);
  group.recorded_by = account;
  group.members = {{"A", "Ministry"}, {"B", "Mazhilis"}};
  ConsiderationRecord decision = group;
  decision.kind = RecordKind::kDecision;
  decision.members.clear();
  decision.outcome = DecisionOutcome::kRejected;
  decision.answer = "No.";
  for (ConsiderationRecord* r : {&meeting, &group, &decision}) {
    ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) -> Status {
                  Result<int64_t> id = tx.InsertConsiderationRecord(*r);
                  if (!id.ok()) return id.status();
                  r->id = *id;
                  return Status::Ok();
                }).ok());
  }
  const std::vector<ConsiderationRecord> got = store().GetConsiderationRecords(pid).value();
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].participants, meeting.participants) << "in the order recorded";
  EXPECT_EQ(got[0].attachments, meeting.attachments);
  EXPECT_EQ(got[0].minutes, meeting.minutes);
  EXPECT_EQ(got[0].date, meeting.date);
  EXPECT_EQ(got[1].members, group.members);
  EXPECT_EQ(got[2].outcome, DecisionOutcome::kRejected);
  EXPECT_EQ(got[2].answer, "No.");
  ConsiderationRecord orphan = meeting;
  orphan.petition_id = 987654;
  EXPECT_EQ(
      Apply(store(), [&](StoreTx& tx) { return tx.InsertConsiderationRecord(orphan).status(); })
          .kind(),
      ErrorKind::kNotFound);

  Statement st;
  st.petition_id = pid;
  st.organisation_account = account;
  st.organisation = "Bureau";
  st.position = Position::kCallForRejection;
  st.text = "Reject.";
  st.references = {"ICCPR, art. 20(2)", "ICCPR, art. 26"};
  st.filed_at = At(60);
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) -> Status {
                Result<int64_t> id = tx.InsertStatement(st);
                if (!id.ok()) return id.status();
                st.id = *id;
                return Status::Ok();
              }).ok());
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) -> Status {
                Result<Statement> s = tx.GetStatement(st.id);
                if (!s.ok()) return s.status();
                EXPECT_FALSE(s->reply.has_value());
                s->reply = StatementReply{"Noted.", At(70), account};
                return tx.UpdateStatementReply(*s);
              }).ok());
  const std::vector<Statement> statements = store().GetStatements(pid).value();
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_EQ(statements[0].references, st.references);
  EXPECT_EQ(statements[0].position, Position::kCallForRejection);
  ASSERT_TRUE(statements[0].reply.has_value());
  EXPECT_EQ(statements[0].reply->text, "Noted.");
  EXPECT_EQ(statements[0].reply->at, At(70));
}

TEST_P(StoreContractTest, ValidationSeriesCountsValidatedSignaturesByBucket) {
  const int64_t pid = InsertPetition(store(), MinimalPetition("series"));
  const int64_t day = 24 * 3600 * 1000;
  const int64_t five_hours = 5 * 3600 * 1000;
  // Validated (days since 1970) at 20:00 and 23:00 UTC on day 10 and at 01:00 UTC on day 11; one
  // pending.
  const std::vector<std::pair<std::string, std::optional<int64_t>>> signers = {
      {"a", 10 * day + 20 * 3600 * 1000},
      {"b", 10 * day + 23 * 3600 * 1000},
      {"c", 11 * day + 1 * 3600 * 1000},
      {"d", std::nullopt}};
  for (const auto& [who, validated] : signers) {
    Signature s = MakeSignature(pid, who, "token-" + who);
    if (validated) {
      s.state = SignatureState::kValidated;
      s.validated_at = FromMillis(*validated);
    }
    InsertSignature(store(), s);
  }
  using std::chrono::milliseconds;
  const auto utc = store().GetValidationSeries(pid, milliseconds(day), milliseconds(0)).value();
  ASSERT_EQ(utc.size(), 2u);
  EXPECT_EQ(utc[0], std::make_pair(FromMillis(10 * day), int64_t{2}));
  EXPECT_EQ(utc[1], std::make_pair(FromMillis(11 * day), int64_t{1}));
  // At UTC+5 all three fall on the local day that starts at 19:00 UTC of day 10.
  const auto local =
      store().GetValidationSeries(pid, milliseconds(day), milliseconds(five_hours)).value();
  ASSERT_EQ(local.size(), 1u);
  EXPECT_EQ(local[0], std::make_pair(FromMillis(11 * day - five_hours), int64_t{3}));
  EXPECT_TRUE(store().GetValidationSeries(987654, milliseconds(day), milliseconds(0))->empty());
}

TEST_P(StoreContractTest, SubscriptionsAndNotificationsKeepTheirLanguageAndValues) {
  const int64_t pid = InsertPetition(store(), MinimalPetition("news"));
  Subscription follower{0, pid, "f@example.org", "Фёдор", SubscriberKind::kFollower, false, At(1)};
  follower.language = "ru";
  int64_t sid = 0;
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) -> Status {
                Result<int64_t> id = tx.InsertSubscription(follower);
                if (!id.ok()) return id.status();
                sid = *id;
                Result<int64_t> again = tx.InsertSubscription(follower);  // the same address
                EXPECT_EQ(again.value(), sid);
                return tx.ConfirmSubscriptionOf(pid, "f@example.org");
              }).ok());
  Result<std::vector<Subscription>> subscribers = store().ListSubscribers(pid, 0, 10);
  ASSERT_TRUE(subscribers.ok()) << subscribers.status().ToString();
  ASSERT_EQ(subscribers->size(), 1u);
  EXPECT_EQ((*subscribers)[0].language, "ru");
  EXPECT_EQ((*subscribers)[0].name, "Фёдор");
  EXPECT_TRUE((*subscribers)[0].confirmed);

  Notification n;
  n.petition_id = pid;
  n.kind = "meeting";
  n.subject = "A meeting on the petition";
  n.body = "The working group meets";
  n.created_at = At(2);
  n.args = {{"date", "2024-06-21"}, {"place", "Room 5: east wing"}, {"agenda", ""}};
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) { return tx.InsertNotification(n).status(); }).ok());
  Result<std::vector<Notification>> pending = store().GetPendingNotifications(10);
  ASSERT_TRUE(pending.ok()) << pending.status().ToString();
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].args, n.args) << "names and values as given, empty ones too";
  EXPECT_EQ((*pending)[0].kind, "meeting");
  Notification done = (*pending)[0];
  done.cursor = sid;
  done.done = true;
  ASSERT_TRUE(Apply(store(), [&](StoreTx& tx) { return tx.UpdateNotification(done); }).ok());
  EXPECT_TRUE(store().GetPendingNotifications(10).value().empty());
}

TEST_P(StoreContractTest, EmptyStoreHasNothing) {
  EXPECT_EQ(store().CountPetitions().value(), 0);
  Result<std::vector<Petition>> all = store().ListPetitions({});
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->empty());
}

// A store with one of everything an archive carries, for the export and import tests.
void FillForArchive(Store& store) {
  const int64_t pid = InsertPetition(store, FullPetition("archive"));
  InsertPetition(store, MinimalPetition("archive-2"));
  ASSERT_TRUE(Apply(store, [&](StoreTx& tx) -> Status {
                Account a;
                a.email = "officer@example.org";
                a.name = "Officer";
                a.created_at = At(1);
                Result<int64_t> account = tx.InsertAccount(a);
                if (!account.ok()) return account.status();
                for (int i = 0; i < 5; ++i) {
                  Signature s = MakeSignature(pid, "identity-" + std::to_string(i),
                                              "token-" + std::to_string(i));
                  s.region = i % 2 == 0 ? "almaty" : "";
                  Result<int64_t> sid = tx.InsertSignature(s);
                  if (!sid.ok()) return sid.status();
                  Result<uint64_t> at =
                      tx.AppendLogEntry(pid, std::string("leaf\0", 5) + std::to_string(i));
                  if (!at.ok()) return at.status();
                  PETITIO_RETURN_IF_ERROR(tx.AddToRegionCount(pid, s.region, 1));
                }
                PETITIO_RETURN_IF_ERROR(tx.AppendTimeline(pid, {At(2), "published", "Ёлки"}));
                PETITIO_RETURN_IF_ERROR(tx.RecordThresholdCrossing(pid, {0, 5, At(3)}));
                ConsiderationRecord r;
                r.petition_id = pid;
                r.kind = RecordKind::kMeeting;
                r.date = {2024, 7, 10};
                r.recorded_at = At(4);
                r.recorded_by = *account;
                r.place = "Астана";
                Result<int64_t> rid = tx.InsertConsiderationRecord(r);
                if (!rid.ok()) return rid.status();
                Result<int64_t> mail = tx.QueueMail({0, "server-a", "Айгерим", "a@example.org",
                                                     "Тема", "Текст\nссылка", At(5), 2, At(6)});
                return mail.ok() ? Status::Ok() : mail.status();
              }).ok());
}

std::string ExportOf(Store& store) {
  std::ostringstream out;
  EXPECT_TRUE(store.Export(out).ok());
  return out.str();
}

TEST_P(StoreContractTest, AnExportImportedElsewhereKeepsEveryRecordAndLogRoot) {
  FillForArchive(store());
  const int64_t pid = 1;
  const std::string archive = ExportOf(store());
  EXPECT_EQ(archive.rfind("{\"format\":\"petitio-archive\",\"version\":1}\n", 0), 0u);

  TempDir elsewhere;
  std::unique_ptr<Store> copy = GetParam().open(elsewhere.path());
  ASSERT_NE(copy, nullptr);
  std::istringstream in(archive);
  Result<ImportSummary> summary = copy->Import(in);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->petitions, 2);
  EXPECT_EQ(summary->signatures, 5);
  EXPECT_EQ(summary->log_entries, 5);
  EXPECT_EQ(ExportOf(*copy), archive) << "the same records give the same archive";

  ExpectSamePetition(ReadPetition(store(), pid), ReadPetition(*copy, pid));
  EXPECT_EQ(copy->CachedCount(pid), store().CachedCount(pid));
  EXPECT_EQ(copy->GetLogSize(pid).value(), 5u);
  EXPECT_EQ(copy->GetLogNode(pid, 2, 0).value(), store().GetLogNode(pid, 2, 0).value());
  EXPECT_EQ(copy->GetRegionCounts(pid).value(), store().GetRegionCounts(pid).value());
  EXPECT_EQ(copy->GetTimeline(pid).value().size(), store().GetTimeline(pid).value().size());
  EXPECT_EQ(copy->ReadAccountByEmail("officer@example.org").value().id,
            store().ReadAccountByEmail("officer@example.org").value().id);
  // New rows after an import get new ids, after the imported ones.
  EXPECT_EQ(InsertPetition(*copy, MinimalPetition("after")), 3);
  // The archive does not say which tokens were mailed in the old form: each is found by its
  // hash in the copy, as by its signature's id.
  Result<Signature> legacy = copy->GetSignatureByLegacyToken("token-2");
  ASSERT_TRUE(legacy.ok()) << legacy.status().ToString();
  ExpectSameSignature(store().GetSignature(legacy->id).value(), *legacy);
}

TEST_P(StoreContractTest, NewSignaturesAreFoundByIdNotByLegacyToken) {
  const int64_t pid = InsertPetition(store(), MinimalPetition("p"));
  Signature s = MakeSignature(pid, "h", "hash-of-a-new-token");
  s.id = InsertSignature(store(), s);
  ExpectSameSignature(s, store().GetSignature(s.id).value());
  // Written after the index of token hashes went, nowhere else to find it from.
  EXPECT_EQ(store().GetSignatureByLegacyToken("hash-of-a-new-token").status().kind(),
            ErrorKind::kNotFound);
}

TEST_P(StoreContractTest, ImportTakesAllOrNothing) {
  FillForArchive(store());
  const std::string archive = ExportOf(store());
  TempDir elsewhere;
  std::unique_ptr<Store> copy = GetParam().open(elsewhere.path());
  ASSERT_NE(copy, nullptr);
  const auto import = [&](const std::string& text) {
    std::istringstream in(text);
    return copy->Import(in).status();
  };
  // Cut short, a value of the wrong type, not an archive: refused, and nothing stays.
  const std::string cut = archive.substr(0, archive.rfind("{\"end\""));
  EXPECT_EQ(import(cut).code(), "bad_archive");
  std::string wrong = archive;
  wrong.replace(wrong.find("\"officer@example.org\""), 21, "42");
  EXPECT_EQ(import(wrong).code(), "bad_archive");
  EXPECT_EQ(import("{\"format\":\"something else\"}\n").code(), "bad_archive");
  EXPECT_EQ(import("").code(), "bad_archive");
  EXPECT_EQ(copy->CountPetitions().value(), 0);
  EXPECT_FALSE(copy->ReadAccountByEmail("officer@example.org").ok());
  // Whole, it goes in once; a second time the store is no longer empty.
  EXPECT_TRUE(import(archive).ok());
  EXPECT_EQ(import(archive).code(), "store_not_empty");
  EXPECT_EQ(copy->CountPetitions().value(), 2);
}

}  // namespace
}  // namespace petitio::store_contract
