// Row-level SQL of the store, written once for every engine (store/sql/connection.h), shared by
// the writer (through SqlStoreTx) and the readers (through the pool). Each function runs on the
// connection it is given and nothing else; none starts or ends a transaction.
//
// Errors: a missing row is kNotFound; a duplicate (petition_id, identity_hash) is kAlreadyExists
// with code "already_signed"; a reference to a missing petition is kNotFound; any other SQLite
// failure is kInternal with the engine's message.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/merkle.h"
#include "domain/merkle_nodes.h"
#include "domain/petition.h"
#include "domain/queued_mail.h"
#include "domain/result.h"
#include "domain/signature.h"
#include "store/sql/connection.h"
#include "store/store.h"

namespace petitio::sql {

// Runs an INSERT ... RETURNING id and returns the id.
inline Result<int64_t> InsertedId(Query& q) {
  Result<bool> row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("an insert returned no id");
  const int64_t id = q.Int(0);
  PETITIO_RETURN_IF_ERROR(q.Run());
  return id;
}

// petition_table.cc
Result<int64_t> InsertPetitionRow(Connection& conn, const Petition& p);
Result<Petition> SelectPetition(Connection& conn, int64_t id);
Status UpdatePetitionRow(Connection& conn, const Petition& p);
Status UpdatePetitionCountsRow(Connection& conn, const Petition& p);
Result<std::vector<Petition>> SelectPetitions(Connection& conn, const PetitionQuery& q);
Result<int64_t> CountPetitionRows(Connection& conn);
Result<std::vector<int64_t>> SelectOpenPetitionsClosingBy(Connection& conn, TimePoint now);
// Every petition's signature_count, for the count cache.
Result<std::vector<std::pair<int64_t, int64_t>>> SelectAllCounts(Connection& conn);
// Every petition's state, by id.
Result<std::unordered_map<int64_t, PetitionState>> SelectAllStates(Connection& conn);

// signature_table.cc
// Enters every signature's token hash in legacy_signature_tokens (the first signature of a hash
// wins); both engines' migrations run it once, and imports after their rows.
inline constexpr const char* kIndexLegacySignatureTokensSql =
    "INSERT INTO legacy_signature_tokens (token_hash, signature_id)"
    " SELECT token_hash, id FROM signatures WHERE true ORDER BY id"
    " ON CONFLICT (token_hash) DO NOTHING";
// Where the store finds a signature by its signer's identity, which also keeps one identity from
// signing a petition twice. kSignaturesTable: the signatures table's UNIQUE (petition_id,
// identity_hash) (PostgreSQL). kIdentityTable: identities.signature_identities, a table the
// SQLite store keeps in a file of its own (store/sqlite/identity_file.h), written beside each
// signature row; a lookup there joins the signature and checks its identity.
enum class IdentityIndex { kSignaturesTable, kIdentityTable };
Result<int64_t> InsertSignatureRow(Connection& conn, const Signature& s,
                                   IdentityIndex index = IdentityIndex::kSignaturesTable);
Result<Signature> SelectSignature(Connection& conn, int64_t id);
// Through legacy_signature_tokens (the migration that dropped the index of token hashes).
Result<Signature> SelectSignatureByLegacyToken(Connection& conn, const std::string& token_hash);
// Makes every stored signature's token findable by GetSignatureByLegacyToken (after an import:
// an archive's tokens may be of either form).
Status IndexLegacySignatureTokens(Connection& conn);
Result<Signature> SelectSignatureByIdentity(Connection& conn, int64_t petition_id,
                                            const std::string& identity_hash,
                                            IdentityIndex index = IdentityIndex::kSignaturesTable);
// Every field but the petition and the identity, which a signature keeps for its life: the row is
// found by both and its id (kNotFound when they name none).
Status UpdateSignatureRow(Connection& conn, const Signature& s);
Status UpdateSignatureStateRow(Connection& conn, const Signature& s);

// history_table.cc: the timeline and threshold crossings.
Status InsertTimelineRow(Connection& conn, int64_t petition_id, const TimelineEvent& e);
Result<std::vector<TimelineEvent>> SelectTimeline(Connection& conn, int64_t petition_id);
Result<std::vector<CountAudit>> SelectCountAudits(Connection& conn);
Result<uint64_t> SelectLogSize(Connection& conn, int64_t petition_id);
Result<MerkleHash> SelectLogNode(Connection& conn, int64_t petition_id, int level, uint64_t index);
// The rows of leaf `index` of a petition's log and of the subtree hashes its append made
// (NodesForAppend); the log's size on the petition is the caller's to raise (UpdateLogSizeRow).
Status InsertLogRows(Connection& conn, int64_t petition_id, uint64_t index, const std::string& leaf,
                     const std::vector<MerkleNode>& nodes);
Status UpdateLogSizeRow(Connection& conn, int64_t petition_id, uint64_t size);
Result<std::vector<std::string>> SelectLogEntries(Connection& conn, int64_t petition_id,
                                                  uint64_t start, uint64_t end);
Status EraseSignatureContactRows(Connection& conn, int64_t petition_id);
Result<std::vector<Signature>> SelectSignaturesMatching(Connection& conn, int64_t petition_id,
                                                        const SignatureMatch& m);
Status InsertInvalidationRow(Connection& conn, int64_t petition_id, const Invalidation& inv);
Result<std::vector<Invalidation>> SelectInvalidations(Connection& conn, int64_t petition_id);
Result<Trending> SelectTrending(Connection& conn, int64_t petition_id, TimePoint since, int limit);
Status AddRegionCountRow(Connection& conn, int64_t petition_id, const std::string& region,
                         int64_t delta);
Result<std::map<std::string, int64_t>> SelectRegionCounts(Connection& conn, int64_t petition_id);
Result<std::vector<std::pair<TimePoint, int64_t>>> SelectValidationSeries(
    Connection& conn, int64_t petition_id, std::chrono::milliseconds bucket,
    std::chrono::milliseconds offset);
Status InsertExtensionRow(Connection& conn, int64_t petition_id, const DeadlineExtension& e);
Result<std::vector<DeadlineExtension>> SelectExtensions(Connection& conn, int64_t petition_id);
Status InsertThresholdCrossingRow(Connection& conn, int64_t petition_id,
                                  const ThresholdCrossing& c);
Result<std::vector<ThresholdCrossing>> SelectThresholdCrossings(Connection& conn,
                                                                int64_t petition_id);

// staff_tables.cc: accounts, sessions, API tokens, moderation locks.
Result<int64_t> InsertAccountRow(Connection& conn, const Account& a);
Result<Account> SelectAccount(Connection& conn, int64_t id);
Result<Account> SelectAccountByEmail(Connection& conn, const std::string& email);
Result<int64_t> CountAccountRows(Connection& conn);
Status InsertSessionRow(Connection& conn, const Session& s);
Status DeleteSessionRow(Connection& conn, const std::string& token_hash);
Result<int64_t> DeleteExpiredSessionRows(Connection& conn, TimePoint now);
Result<Session> SelectSession(Connection& conn, const std::string& token_hash);
Status InsertApiTokenRow(Connection& conn, const ApiToken& t);
Result<ApiToken> SelectApiToken(Connection& conn, const std::string& token_hash);
// Every lock, or the one of `petition_id`.
Result<std::vector<ModerationLock>> SelectModerationLocks(Connection& conn,
                                                          std::optional<int64_t> petition_id);
Status PutModerationLockRow(Connection& conn, const ModerationLock& lock);
Status DeleteModerationLockRow(Connection& conn, int64_t petition_id);

// consideration_tables.cc: consideration records and statements; and the stored form of a list
// of pairs (EncodeStrings of a, b, a, b...), which notifications use for their values too.
std::string EncodePairs(const std::vector<std::pair<std::string, std::string>>& pairs);
Result<std::vector<std::pair<std::string, std::string>>> DecodePairs(std::string_view text);
Result<int64_t> InsertConsiderationRow(Connection& conn, const ConsiderationRecord& r);
Result<std::vector<ConsiderationRecord>> SelectConsiderationRecords(Connection& conn,
                                                                    int64_t petition_id);
Result<int64_t> InsertStatementRow(Connection& conn, const Statement& s);
// Statements by id, by petition, or both.
Result<std::vector<Statement>> SelectStatements(Connection& conn, std::optional<int64_t> id,
                                                std::optional<int64_t> petition_id);
Status UpdateStatementReplyRow(Connection& conn, const Statement& s);

// subscription_tables.cc: subscriptions and notifications.
Result<int64_t> InsertSubscriptionRow(Connection& conn, const Subscription& s);
Result<Subscription> SelectSubscription(Connection& conn, int64_t id);
Status UpdateSubscriptionRow(Connection& conn, const Subscription& s);
Status ConfirmSubscriptionRow(Connection& conn, int64_t petition_id, const std::string& email);
Status DeleteSubscriptionRows(Connection& conn, int64_t petition_id);
Result<std::vector<Subscription>> SelectSubscribers(Connection& conn, int64_t petition_id,
                                                    int64_t after_id, int limit);
Result<int64_t> InsertNotificationRow(Connection& conn, const Notification& n);
Status UpdateNotificationRow(Connection& conn, const Notification& n);
Result<std::vector<Notification>> SelectPendingNotifications(Connection& conn, int limit);

// lease_table.cc: leases on background work (StoreTx::ClaimLease).
Result<bool> ClaimLeaseRow(Connection& conn, const std::string& job, const std::string& holder,
                           TimePoint now, TimePoint until);

// mail_queue_table.cc: mail waiting for the relay (Store::GetDueMail, StoreTx::QueueMail).
Result<int64_t> InsertMailRow(Connection& conn, const QueuedMail& m);
Status DeleteMailRow(Connection& conn, int64_t id);
Status PostponeMailRow(Connection& conn, int64_t id, const std::string& sender, int attempts,
                       TimePoint next_attempt_at);
Result<std::vector<QueuedMail>> SelectDueMail(Connection& conn, const std::string& sender,
                                              TimePoint now, std::optional<TimePoint> others_due_by,
                                              int limit);
Result<int64_t> CountMailRows(Connection& conn);

// Maps a failed write that may have broken a constraint: foreign key -> kNotFound, anything
// else stays as it is.
Status ForeignKeyAsNotFound(const Connection& conn, Status s, int64_t petition_id);

}  // namespace petitio::sql
