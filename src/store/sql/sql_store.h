// SqlStore: the Store contract (store/store.h) over any engine's connections
// (store/sql/connection.h): reads lease a connection of a ReadPool, writes go through the one
// Writer and its group commit, CachedCount answers from the CountCache and CachedPetitionState
// from the StateCache (which the SQLite adapter fills: one process alone writes its file). The
// engine's adapter (store/sqlite/, store/postgres/) opens the connections, brings the schema up to
// date and gives the writer its BatchHooks; it may derive from SqlStore to own more (a listener).
//
// Destroying the store finishes every queued write unit first.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/sql/connection.h"
#include "store/sql/count_cache.h"
#include "store/sql/read_pool.h"
#include "store/sql/state_cache.h"
#include "store/sql/tables.h"
#include "store/sql/writer.h"
#include "store/store.h"

namespace petitio::sql {

// What else differs between engines.
struct StoreHooks {
  // Opens a read-only transaction that sees one snapshot until COMMIT.
  std::string snapshot_begin;
  // Runs after an archive's rows are in, inside the same transaction (PostgreSQL: moves each
  // id sequence past the imported ids). May be empty.
  std::function<Status(Connection&)> after_import = {};
};

class SqlStore : public Store {
 public:
  SqlStore(std::vector<std::unique_ptr<Connection>> readers, std::unique_ptr<Connection> writer,
           BatchHooks hooks, WriterOptions options, StoreHooks store_hooks)
      : readers_(std::move(readers)),
        writer_(std::move(writer), counts_, states_, std::move(hooks), options),
        hooks_(std::move(store_hooks)) {}
  ~SqlStore() override { writer_.Stop(); }

  CountCache& counts() { return counts_; }
  StateCache& states() { return states_; }
  Writer& writer() { return writer_; }

  Status Write(WriteUnit unit) override { return writer_.Submit(std::move(unit)); }
  void WriteThen(WriteUnit unit, WriteDone done) override {
    writer_.SubmitThen(std::move(unit), std::move(done));
  }

  Result<Petition> GetPetition(int64_t id) override {
    auto lease = readers_.Acquire();
    return SelectPetition(lease.conn(), id);
  }
  Result<std::vector<Petition>> ListPetitions(const PetitionQuery& q) override {
    auto lease = readers_.Acquire();
    return SelectPetitions(lease.conn(), q);
  }
  Result<int64_t> CountPetitions() override {
    auto lease = readers_.Acquire();
    return CountPetitionRows(lease.conn());
  }
  Result<std::vector<TimelineEvent>> GetTimeline(int64_t petition_id) override {
    auto lease = readers_.Acquire();
    return SelectTimeline(lease.conn(), petition_id);
  }

  Result<std::vector<DeadlineExtension>> GetExtensions(int64_t petition_id) override {
    auto lease = readers_.Acquire();
    return SelectExtensions(lease.conn(), petition_id);
  }
  Result<uint64_t> GetLogSize(int64_t petition_id) override {
    auto lease = readers_.Acquire();
    return SelectLogSize(lease.conn(), petition_id);
  }
  Result<std::vector<std::string>> GetLogEntries(int64_t petition_id, uint64_t start,
                                                 uint64_t end) override {
    auto lease = readers_.Acquire();
    return SelectLogEntries(lease.conn(), petition_id, start, end);
  }
  Result<MerkleHash> GetLogNode(int64_t petition_id, int level, uint64_t index) override {
    auto lease = readers_.Acquire();
    return SelectLogNode(lease.conn(), petition_id, level, index);
  }
  Result<std::vector<QueuedMail>> GetDueMail(const std::string& sender, TimePoint now,
                                             std::optional<TimePoint> others_due_by,
                                             int limit) override {
    auto lease = readers_.Acquire();
    return SelectDueMail(lease.conn(), sender, now, others_due_by, limit);
  }
  Result<int64_t> CountQueuedMail() override {
    auto lease = readers_.Acquire();
    return CountMailRows(lease.conn());
  }
  Result<std::vector<Notification>> GetPendingNotifications(int limit) override {
    auto lease = readers_.Acquire();
    return SelectPendingNotifications(lease.conn(), limit);
  }
  Result<std::vector<Subscription>> ListSubscribers(int64_t petition_id, int64_t after_id,
                                                    int limit) override {
    auto lease = readers_.Acquire();
    return SelectSubscribers(lease.conn(), petition_id, after_id, limit);
  }
  Result<Account> GetAccount(int64_t id) override {
    auto lease = readers_.Acquire();
    return SelectAccount(lease.conn(), id);
  }
  Result<Account> ReadAccountByEmail(const std::string& email) override {
    auto lease = readers_.Acquire();
    return SelectAccountByEmail(lease.conn(), email);
  }
  Result<Session> GetSession(const std::string& token_hash) override {
    auto lease = readers_.Acquire();
    return SelectSession(lease.conn(), token_hash);
  }
  Result<ApiToken> GetApiToken(const std::string& token_hash) override {
    auto lease = readers_.Acquire();
    return SelectApiToken(lease.conn(), token_hash);
  }
  Result<std::vector<ModerationLock>> GetModerationLocks() override {
    auto lease = readers_.Acquire();
    return SelectModerationLocks(lease.conn(), std::nullopt);
  }
  Result<std::vector<ConsiderationRecord>> GetConsiderationRecords(int64_t petition_id) override {
    auto lease = readers_.Acquire();
    return SelectConsiderationRecords(lease.conn(), petition_id);
  }
  Result<std::vector<Statement>> GetStatements(int64_t petition_id) override {
    auto lease = readers_.Acquire();
    return SelectStatements(lease.conn(), std::nullopt, petition_id);
  }
  Result<std::vector<Invalidation>> GetInvalidations(int64_t petition_id) override {
    auto lease = readers_.Acquire();
    return SelectInvalidations(lease.conn(), petition_id);
  }
  Result<Trending> GetTrending(int64_t petition_id, TimePoint since, int limit) override {
    auto lease = readers_.Acquire();
    return SelectTrending(lease.conn(), petition_id, since, limit);
  }
  Result<std::vector<CountAudit>> AuditCounts() override {
    auto lease = readers_.Acquire();
    return SelectCountAudits(lease.conn());
  }
  Result<std::vector<std::pair<TimePoint, int64_t>>> GetValidationSeries(
      int64_t petition_id, std::chrono::milliseconds bucket,
      std::chrono::milliseconds offset) override {
    auto lease = readers_.Acquire();
    return SelectValidationSeries(lease.conn(), petition_id, bucket, offset);
  }
  Result<std::map<std::string, int64_t>> GetRegionCounts(int64_t petition_id) override {
    auto lease = readers_.Acquire();
    return SelectRegionCounts(lease.conn(), petition_id);
  }
  Result<std::vector<ThresholdCrossing>> GetThresholdCrossings(int64_t petition_id) override {
    auto lease = readers_.Acquire();
    return SelectThresholdCrossings(lease.conn(), petition_id);
  }
  Result<Signature> GetSignature(int64_t id) override {
    auto lease = readers_.Acquire();
    return SelectSignature(lease.conn(), id);
  }
  Result<Signature> GetSignatureByLegacyToken(const std::string& token_hash) override {
    auto lease = readers_.Acquire();
    return SelectSignatureByLegacyToken(lease.conn(), token_hash);
  }
  std::optional<int64_t> CachedCount(int64_t petition_id) override {
    return counts_.Get(petition_id);
  }
  std::optional<PetitionState> CachedPetitionState(int64_t petition_id) override {
    return states_.Get(petition_id);
  }
  std::optional<int64_t> CommitSequence() override {
    if (!states_.filled()) return std::nullopt;  // other processes write too
    return writer_.commits();
  }
  Status Export(std::ostream& out) override;
  Result<ImportSummary> Import(std::istream& in) override;

 private:
  // Declaration order is destruction order in reverse: the writer goes first.
  CountCache counts_;
  StateCache states_;
  ReadPool readers_;
  Writer writer_;
  const StoreHooks hooks_;
};

}  // namespace petitio::sql
