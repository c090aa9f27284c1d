#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "store/sqlite/connection.h"
#include "store/sqlite/count_cache.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/read_pool.h"
#include "store/sqlite/tables.h"
#include "store/sqlite/writer.h"

namespace petitio {

namespace {

using sqlite::Connection;

constexpr int kBusyTimeoutMs = 5000;

class SqliteStore final : public Store {
 public:
  SqliteStore(std::vector<std::unique_ptr<Connection>> readers, std::unique_ptr<Connection> writer,
              sqlite::WriterOptions options)
      : readers_(std::move(readers)), writer_(std::move(writer), counts_, options) {}
  ~SqliteStore() override { writer_.Stop(); }

  sqlite::CountCache& counts() { return counts_; }
  sqlite::Writer& writer() { return writer_; }

  Status Write(WriteUnit unit) override { return writer_.Submit(std::move(unit)); }

  Result<Petition> GetPetition(int64_t id) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectPetition(lease.conn(), id);
  }
  Result<std::vector<Petition>> ListPetitions(const PetitionQuery& q) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectPetitions(lease.conn(), q);
  }
  Result<int64_t> CountPetitions() override {
    auto lease = readers_.Acquire();
    return sqlite::CountPetitionRows(lease.conn());
  }
  Result<std::vector<TimelineEvent>> GetTimeline(int64_t petition_id) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectTimeline(lease.conn(), petition_id);
  }

  Result<std::vector<DeadlineExtension>> GetExtensions(int64_t petition_id) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectExtensions(lease.conn(), petition_id);
  }
  Result<uint64_t> GetLogSize(int64_t petition_id) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectLogSize(lease.conn(), petition_id);
  }
  Result<std::vector<std::string>> GetLogEntries(int64_t petition_id, uint64_t start,
                                                 uint64_t end) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectLogEntries(lease.conn(), petition_id, start, end);
  }
  Result<MerkleHash> GetLogNode(int64_t petition_id, int level, uint64_t index) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectLogNode(lease.conn(), petition_id, level, index);
  }
  Result<std::vector<Notification>> GetPendingNotifications(int limit) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectPendingNotifications(lease.conn(), limit);
  }
  Result<std::vector<Subscription>> ListSubscribers(int64_t petition_id, int64_t after_id,
                                                    int limit) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectSubscribers(lease.conn(), petition_id, after_id, limit);
  }
  Result<Account> GetAccount(int64_t id) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectAccount(lease.conn(), id);
  }
  Result<Account> ReadAccountByEmail(const std::string& email) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectAccountByEmail(lease.conn(), email);
  }
  Result<Session> GetSession(const std::string& token_hash) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectSession(lease.conn(), token_hash);
  }
  Result<ApiToken> GetApiToken(const std::string& token_hash) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectApiToken(lease.conn(), token_hash);
  }
  Result<std::vector<ModerationLock>> GetModerationLocks() override {
    auto lease = readers_.Acquire();
    return sqlite::SelectModerationLocks(lease.conn(), std::nullopt);
  }
  Result<std::vector<ConsiderationRecord>> GetConsiderationRecords(int64_t petition_id) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectConsiderationRecords(lease.conn(), petition_id);
  }
  Result<std::vector<Statement>> GetStatements(int64_t petition_id) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectStatements(lease.conn(), std::nullopt, petition_id);
  }
  Result<std::vector<Invalidation>> GetInvalidations(int64_t petition_id) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectInvalidations(lease.conn(), petition_id);
  }
  Result<Trending> GetTrending(int64_t petition_id, TimePoint since, int limit) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectTrending(lease.conn(), petition_id, since, limit);
  }
  Result<std::vector<CountAudit>> AuditCounts() override {
    auto lease = readers_.Acquire();
    return sqlite::SelectCountAudits(lease.conn());
  }
  Result<std::vector<std::pair<TimePoint, int64_t>>> GetValidationSeries(
      int64_t petition_id, std::chrono::milliseconds bucket,
      std::chrono::milliseconds offset) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectValidationSeries(lease.conn(), petition_id, bucket, offset);
  }
  Result<std::map<std::string, int64_t>> GetRegionCounts(int64_t petition_id) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectRegionCounts(lease.conn(), petition_id);
  }
  Result<std::vector<ThresholdCrossing>> GetThresholdCrossings(int64_t petition_id) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectThresholdCrossings(lease.conn(), petition_id);
  }
  Result<Signature> GetSignatureByToken(const std::string& token_hash) override {
    auto lease = readers_.Acquire();
    return sqlite::SelectSignatureByToken(lease.conn(), token_hash);
  }
  std::optional<int64_t> CachedCount(int64_t petition_id) override {
    return counts_.Get(petition_id);
  }

 private:
  // Declaration order is destruction order in reverse: the writer goes first.
  sqlite::CountCache counts_;
  sqlite::ReadPool readers_;
  sqlite::Writer writer_;
};

// Runs a pragma and returns its first result column as text.
Result<std::string> Pragma(Connection& conn, const std::string& sql) {
  Result<sqlite::Query> q = conn.Prepare(sql);
  if (!q.ok()) return q.status();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  return *row ? q->Text(0) : std::string();
}

Result<std::unique_ptr<Connection>> OpenWriteConnection(const std::string& path) {
  Result<std::unique_ptr<Connection>> conn =
      Connection::Open(path, Connection::Mode::kReadWrite, kBusyTimeoutMs);
  if (!conn.ok()) return conn.status();
  Connection& c = **conn;
  Result<std::string> mode = Pragma(c, "PRAGMA journal_mode = WAL");
  if (!mode.ok()) return mode.status();
  if (*mode != "wal") {
    return Status::Invalid("cannot use WAL mode for " + path + " (got '" + *mode + "')");
  }
  PETITIO_RETURN_IF_ERROR(c.ExecScript("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON"));
  return conn;
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteStoreOptions& options) {
  if (options.path.empty()) return Status::Invalid("the SQLite store needs a file path");

  Result<std::unique_ptr<Connection>> write_conn = OpenWriteConnection(options.path);
  if (!write_conn.ok()) return write_conn.status();
  Result<int> migrated = sqlite::ApplyMigrations(**write_conn, sqlite::StoreMigrations());
  if (!migrated.ok()) return migrated.status();
  Result<std::vector<std::pair<int64_t, int64_t>>> counts = sqlite::SelectAllCounts(**write_conn);
  if (!counts.ok()) return counts.status();

  std::vector<std::unique_ptr<Connection>> readers;
  for (int i = 0; i < std::max(options.read_connections, 1); ++i) {
    Result<std::unique_ptr<Connection>> r =
        Connection::Open(options.path, Connection::Mode::kReadOnly, kBusyTimeoutMs);
    if (!r.ok()) return r.status();
    readers.push_back(std::move(r).value());
  }

  auto store = std::make_unique<SqliteStore>(
      std::move(readers), std::move(write_conn).value(),
      sqlite::WriterOptions{options.max_batch, options.max_batch_delay});
  sqlite::CountChanges initial(counts->begin(), counts->end());
  store->counts().Apply(initial);
  PETITIO_RETURN_IF_ERROR(store->writer().Start());
  return std::unique_ptr<Store>(std::move(store));
}

std::optional<SqliteStoreStats> GetSqliteStoreStats(Store& store) {
  auto* sqlite_store = dynamic_cast<SqliteStore*>(&store);
  if (sqlite_store == nullptr) return std::nullopt;
  const sqlite::WriterStats s = sqlite_store->writer().stats();
  return SqliteStoreStats{s.batches, s.units};
}

}  // namespace petitio
