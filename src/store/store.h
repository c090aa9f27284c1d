// Store: the persistence contract every backend (SQLite now, PostgreSQL later) fulfils, and
// that tests/store_contract checks once for all of them.
//
// Reads (GetPetition, ListPetitions, ...) may run on any thread at any time and never wait for
// a writer; they see every write whose Write() call has returned.
//
// Writes go through Write(unit): the store runs `unit` on its single writer, inside a
// transaction that it may share with other units (group commit). Units run one at a time, in
// arrival order, so a unit may read, decide and write without racing anyone: two requests that
// confirm the same signature cannot both count it. If the unit returns a non-OK Status, or any
// StoreTx call inside it fails, none of that unit's writes happen and Write returns that
// Status; other units in the same batch are unaffected. A failed write call (insert, update,
// append, record) rolls the unit back even if the unit ignores it; a read that finds nothing
// (kNotFound) is an answer, not a failure. GetTimeline and GetThresholdCrossings of an unknown
// petition return empty lists. Write returns only after the unit's
// writes are durable on disk (fsynced). A unit must not call Write or block on other I/O.
// WriteThen(unit, done) is Write without the wait: it returns at once, and `done` gets the
// Status Write would have returned, at the same moment, on the writer's thread (or at once on
// the caller's, when it is refused: the store shut down). `done` must be quick; a Write or
// WriteThen from it (or from a unit) is refused with kInternal, as it would wait for itself.
// It is where a server answers the request the unit came from without holding a thread.
//
// CachedCount answers from memory, updated after each commit; it never touches the database.
// CachedPetitionState too, where this process alone writes the database (SQLite); elsewhere
// (PostgreSQL: other servers change states) it says nullopt, and the caller reads the petition.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "domain/account.h"
#include "domain/consideration.h"
#include "domain/fraud.h"
#include "domain/merkle.h"
#include "domain/petition.h"
#include "domain/queued_mail.h"
#include "domain/result.h"
#include "domain/signature.h"
#include "domain/stage_deadlines.h"
#include "domain/statement.h"
#include "domain/subscription.h"

namespace petitio {

// Operations available to a write unit. Reads through a StoreTx see the unit's own writes and
// those of earlier units in the batch.
class StoreTx {
 public:
  virtual ~StoreTx() = default;

  // Inserts `p` (its id is ignored) and returns the new id; ids are increasing integers.
  virtual Result<int64_t> InsertPetition(const Petition& p) = 0;
  virtual Result<Petition> GetPetition(int64_t id) = 0;
  // Writes every field of `p` over the stored row with the same id.
  virtual Status UpdatePetition(const Petition& p) = 0;
  // Writes only `p`'s signature and sponsor counts, for a signature that changed nothing else:
  // the row's other fields (its text among them) are neither read nor rewritten.
  virtual Status UpdatePetitionCounts(const Petition& p) = 0;

  // Inserts `s` (its id is ignored). Fails with kAlreadyExists, code "already_signed", when
  // the petition already has a signature with the same identity_hash.
  virtual Result<int64_t> InsertSignature(const Signature& s) = 0;
  virtual Result<Signature> GetSignature(int64_t id) = 0;
  // The signature whose token_hash is `token_hash`, among those stored before tokens named their
  // signature (domain/signature_token.h) or imported from an archive; the others are found by
  // their id. kNotFound when none, or when its token was replaced since.
  virtual Result<Signature> GetSignatureByLegacyToken(const std::string& token_hash) = 0;
  virtual Result<Signature> GetSignatureByIdentity(int64_t petition_id,
                                                   const std::string& identity_hash) = 0;
  // Writes every field of `s` but its petition and identity over the row with the same petition,
  // identity and id (a signature never moves to another petition or signer; kNotFound for none).
  virtual Status UpdateSignature(const Signature& s) = 0;
  // Writes only `s`'s state, validated_at and log_index (no indexed column): what counting,
  // withdrawing or invalidating a stored signature changes.
  virtual Status UpdateSignatureState(const Signature& s) = 0;

  virtual Status AppendTimeline(int64_t petition_id, const TimelineEvent& e) = 0;
  // Appends `leaf` to the petition's transparency log and returns its index (the size before).
  virtual Result<uint64_t> AppendLogEntry(int64_t petition_id, const std::string& leaf) = 0;
  // The leaf at `index` of the petition's log; kNotFound past its end.
  virtual Result<std::string> GetLogEntry(int64_t petition_id, uint64_t index) = 0;
  // Staff (domain/account.h). InsertAccount fails with kAlreadyExists, code "account_exists",
  // for an e-mail already taken.
  virtual Result<int64_t> InsertAccount(const Account& a) = 0;
  virtual Result<Account> GetAccountByEmail(const std::string& email) = 0;
  virtual Result<int64_t> CountAccounts() = 0;
  virtual Status InsertSession(const Session& s) = 0;
  virtual Status DeleteSession(const std::string& token_hash) = 0;
  // Deletes every session that expired before `now`; returns how many.
  virtual Result<int64_t> DeleteExpiredSessions(TimePoint now) = 0;
  virtual Status InsertApiToken(const ApiToken& t) = 0;
  // The lock on a petition (kNotFound when none, expired or not); Put replaces it.
  virtual Result<ModerationLock> GetModerationLock(int64_t petition_id) = 0;
  virtual Status PutModerationLock(const ModerationLock& lock) = 0;
  virtual Status DeleteModerationLock(int64_t petition_id) = 0;
  // The authority's records and organisations' statements; Insert returns the new id.
  virtual Result<int64_t> InsertConsiderationRecord(const ConsiderationRecord& r) = 0;
  virtual Result<int64_t> InsertStatement(const Statement& s) = 0;
  virtual Result<Statement> GetStatement(int64_t id) = 0;
  // Writes the reply of statement `s` (the only part that changes; found by petition and id).
  virtual Status UpdateStatementReply(const Statement& s) = 0;
  // Subscriptions (domain/subscription.h). Insert returns the id of the petition's existing
  // subscription for that e-mail instead of adding a second one (and changes nothing of it).
  virtual Result<int64_t> InsertSubscription(const Subscription& s) = 0;
  virtual Result<Subscription> GetSubscription(int64_t id) = 0;
  // Writes `confirmed` and `unsubscribed_at` of subscription `s.id` of petition `s.petition_id`.
  virtual Status UpdateSubscription(const Subscription& s) = 0;
  // Confirms the petition's unconfirmed subscription of `email`, if any.
  virtual Status ConfirmSubscriptionOf(int64_t petition_id, const std::string& email) = 0;
  virtual Status DeleteSubscriptions(int64_t petition_id) = 0;
  virtual Result<int64_t> InsertNotification(const Notification& n) = 0;
  // Writes `cursor` and `done` of notification `n.id` of petition `n.petition_id`.
  virtual Status UpdateNotification(const Notification& n) = 0;
  // Erases the e-mail and signing addresses of every signature of a petition.
  virtual Status EraseSignatureContacts(int64_t petition_id) = 0;
  // Pending and validated signatures of a petition that `m` matches, oldest first.
  virtual Result<std::vector<Signature>> ListSignaturesMatching(int64_t petition_id,
                                                                const SignatureMatch& m) = 0;
  // Appends the public record of a bulk invalidation.
  virtual Status RecordInvalidation(int64_t petition_id, const Invalidation& inv) = 0;
  // Adds `delta` to the count of validated signatures of `petition_id` in `region` ("" for
  // none); a region's count starts at 0.
  virtual Status AddToRegionCount(int64_t petition_id, const std::string& region,
                                  int64_t delta) = 0;
  virtual Result<std::map<std::string, int64_t>> GetRegionCounts(int64_t petition_id) = 0;
  // Appends an extension of a stage clock; a petition's extensions keep their order.
  virtual Status RecordExtension(int64_t petition_id, const DeadlineExtension& e) = 0;
  virtual Result<std::vector<DeadlineExtension>> GetExtensions(int64_t petition_id) = 0;
  // Records a crossing once; recording the same (petition, index) again is a no-op.
  virtual Status RecordThresholdCrossing(int64_t petition_id, const ThresholdCrossing& c) = 0;
  // Ids of open petitions whose closes_at is at or before `now`.
  virtual Result<std::vector<int64_t>> ListOpenPetitionsClosingBy(TimePoint now) = 0;
  // Work that one server at a time does (sending notices): gives the lease on `job` to `holder`
  // until `until` when it is free, expired at `now`, or `holder`'s already; returns whether
  // `holder` holds it now.
  virtual Result<bool> ClaimLease(const std::string& job, const std::string& holder, TimePoint now,
                                  TimePoint until) = 0;
  // The durable mail queue (domain/queued_mail.h): a mail queued in a unit goes out only if the
  // unit commits. Sent mail is deleted; a failed attempt is postponed, taken over by `sender`.
  virtual Result<int64_t> QueueMail(const QueuedMail& m) = 0;
  virtual Status DeleteMail(int64_t id) = 0;
  virtual Status PostponeMail(int64_t id, const std::string& sender, int attempts,
                              TimePoint next_attempt_at) = 0;
};

// One petition's counts as stored beside the same counts recomputed from its signatures.
struct CountAudit {
  int64_t petition_id = 0;
  int64_t signature_count = 0;  // stored on the petition
  int64_t validated = 0;        // validated signatures
  int64_t sponsor_count = 0;    // stored on the petition
  int64_t validated_sponsors = 0;
  // Regions whose stored count differs from the validated signatures naming them:
  // region -> (stored, recounted).
  std::map<std::string, std::pair<int64_t, int64_t>> regions;
  bool ok() const {
    return signature_count == validated && sponsor_count == validated_sponsors && regions.empty();
  }
};

// What Store::Import read.
struct ImportSummary {
  int64_t rows = 0;
  int64_t petitions = 0;
  int64_t signatures = 0;
  int64_t log_entries = 0;
};

struct PetitionQuery {
  std::vector<PetitionState> states;  // empty: any state
  std::vector<std::string> profiles;  // profile ids; empty: any profile
  std::string authority = {};         // the authority's code; empty: any (or none)
  std::string addressee_level = {};   // a profile addressee code; empty: any
  // Words to find in the title, text or addressee, compared folded (domain/search_fold.h):
  // already folded; empty: no text condition.
  std::string text = {};
  // kMostSigned: signature_count descending, then id; kNewest: created_at descending, then id
  // descending; kOldest: created_at ascending, then id ascending; kClosingSoon: closes_at
  // ascending (none last), then id.
  enum class Order { kMostSigned, kNewest, kOldest, kClosingSoon } order = Order::kMostSigned;
  int limit = 50;
  int offset = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  using WriteUnit = std::function<Status(StoreTx&)>;
  using WriteDone = std::function<void(Status)>;
  virtual Status Write(WriteUnit unit) = 0;
  virtual void WriteThen(WriteUnit unit, WriteDone done) = 0;

  virtual Result<Petition> GetPetition(int64_t id) = 0;
  virtual Result<std::vector<Petition>> ListPetitions(const PetitionQuery& q) = 0;
  virtual Result<int64_t> CountPetitions() = 0;
  virtual Result<std::vector<TimelineEvent>> GetTimeline(int64_t petition_id) = 0;
  virtual Result<std::vector<ThresholdCrossing>> GetThresholdCrossings(int64_t petition_id) = 0;
  // The transparency log: its size, leaves [start, end] (inclusive), and the hash of the
  // perfect subtree (level, index) — what roots and proofs are computed from.
  virtual Result<uint64_t> GetLogSize(int64_t petition_id) = 0;
  virtual Result<std::vector<std::string>> GetLogEntries(int64_t petition_id, uint64_t start,
                                                         uint64_t end) = 0;
  virtual Result<MerkleHash> GetLogNode(int64_t petition_id, int level, uint64_t index) = 0;
  // Queued mail due by `now` that `sender` queued (or last tried), and, when `others_due_by` is
  // given, any other sender's mail due by then; in the order they fell due (then as queued).
  virtual Result<std::vector<QueuedMail>> GetDueMail(const std::string& sender, TimePoint now,
                                                     std::optional<TimePoint> others_due_by,
                                                     int limit) = 0;
  virtual Result<int64_t> CountQueuedMail() = 0;
  // Notifications not yet sent to every subscription, oldest first.
  virtual Result<std::vector<Notification>> GetPendingNotifications(int limit) = 0;
  // Confirmed, not unsubscribed subscriptions of a petition with id > after_id, by id.
  virtual Result<std::vector<Subscription>> ListSubscribers(int64_t petition_id, int64_t after_id,
                                                            int limit) = 0;
  virtual Result<Account> GetAccount(int64_t id) = 0;
  virtual Result<Account> ReadAccountByEmail(const std::string& email) = 0;
  // A session or API token by the SHA-256 of its secret; kNotFound when unknown.
  virtual Result<Session> GetSession(const std::string& token_hash) = 0;
  virtual Result<ApiToken> GetApiToken(const std::string& token_hash) = 0;
  // Every moderation lock, expired or not.
  virtual Result<std::vector<ModerationLock>> GetModerationLocks() = 0;
  // A petition's consideration records and statements, in the order they were recorded.
  virtual Result<std::vector<ConsiderationRecord>> GetConsiderationRecords(int64_t petition_id) = 0;
  virtual Result<std::vector<Statement>> GetStatements(int64_t petition_id) = 0;
  // The public records of a petition's bulk invalidations, in order.
  virtual Result<std::vector<Invalidation>> GetInvalidations(int64_t petition_id) = 0;
  // The signing addresses, subnets and domains with most signatures of a petition created at or
  // after `since`, at most `limit` of each, most first.
  virtual Result<Trending> GetTrending(int64_t petition_id, TimePoint since, int limit) = 0;
  // Validated signatures by region code ("" for none given); empty for an unknown petition.
  virtual Result<std::map<std::string, int64_t>> GetRegionCounts(int64_t petition_id) = 0;
  // Validated signatures of a petition by the time they were validated, in buckets of `bucket`
  // starting at multiples of it shifted by `offset` (a time zone): (bucket start, count), in
  // order, empty buckets left out.
  virtual Result<std::vector<std::pair<TimePoint, int64_t>>> GetValidationSeries(
      int64_t petition_id, std::chrono::milliseconds bucket, std::chrono::milliseconds offset) = 0;
  // A petition's deadline extensions in the order recorded; empty for an unknown petition.
  virtual Result<std::vector<DeadlineExtension>> GetExtensions(int64_t petition_id) = 0;
  virtual Result<Signature> GetSignature(int64_t id) = 0;
  virtual Result<Signature> GetSignatureByLegacyToken(const std::string& token_hash) = 0;
  virtual std::optional<int64_t> CachedCount(int64_t petition_id) = 0;
  // The petition's state, from memory; nullopt when this store cannot know it without reading
  // (the petition does not exist, was imported from an archive, or the store is shared).
  virtual std::optional<PetitionState> CachedPetitionState(int64_t petition_id) = 0;
  // A number that changes with every commit, before the commit's units are answered: what was
  // read while it did not change is still what is stored. nullopt where this process does not
  // see every commit (PostgreSQL: other servers write too).
  virtual std::optional<int64_t> CommitSequence() = 0;
  // Every petition's stored counts beside the counts of its signatures, by id. Reads the whole
  // signatures table: an operator's check, not a request path.
  virtual Result<std::vector<CountAudit>> AuditCounts() = 0;

  // Moving between stores, whatever their engines (the archive: store/sql/archive.h). Export
  // writes every durable record, read in one snapshot while the store goes on serving. Import
  // reads an archive into this store, which must hold no petitions and no accounts: all of it,
  // keeping ids, counts and the transparency log bit for bit, or nothing (kInvalidArgument for a
  // bad archive, code "bad_archive"; "store_not_empty").
  virtual Status Export(std::ostream& out) = 0;
  virtual Result<ImportSummary> Import(std::istream& in) = 0;
};

}  // namespace petitio
