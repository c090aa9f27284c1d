// SqlStoreTx: the StoreTx handed to one write unit, over the writer's connection inside the
// unit's savepoint, and over the batch's petitions (store/sql/batch_petitions.h): the petition
// rows, counts, region counts and log sizes that the batch's units read and change in memory.
//
// It remembers the first failure of any call that writes, and of any read that failed for a
// reason other than "not found" (a read that finds nothing is an answer, which units act on),
// so the writer can roll the unit back even if the unit ignored that failure. It also keeps
// the signature_count of every petition the unit inserted or updated, for the count cache
// once the batch commits.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/sql/batch_petitions.h"
#include "store/sql/connection.h"
#include "store/sql/count_cache.h"
#include "store/sql/state_cache.h"
#include "store/sql/tables.h"
#include "store/store.h"

namespace petitio::sql {

class SqlStoreTx final : public StoreTx {
 public:
  SqlStoreTx(Connection& conn, BatchPetitions& batch,
             IdentityIndex identities = IdentityIndex::kSignaturesTable)
      : conn_(conn), batch_(batch), identities_(identities) {}

  Result<int64_t> InsertPetition(const Petition& p) override;
  Result<Petition> GetPetition(int64_t id) override;
  Status UpdatePetition(const Petition& p) override;
  Status UpdatePetitionCounts(const Petition& p) override;
  Result<int64_t> InsertSignature(const Signature& s) override;
  Result<Signature> GetSignature(int64_t id) override;
  Result<Signature> GetSignatureByLegacyToken(const std::string& token_hash) override;
  Result<Signature> GetSignatureByIdentity(int64_t petition_id,
                                           const std::string& identity_hash) override;
  Status UpdateSignature(const Signature& s) override;
  Status UpdateSignatureState(const Signature& s) override;
  Status AppendTimeline(int64_t petition_id, const TimelineEvent& e) override;
  Status RecordExtension(int64_t petition_id, const DeadlineExtension& e) override;
  Result<std::vector<Signature>> ListSignaturesMatching(int64_t petition_id,
                                                        const SignatureMatch& m) override;
  Status RecordInvalidation(int64_t petition_id, const Invalidation& inv) override;
  Status EraseSignatureContacts(int64_t petition_id) override;
  Result<uint64_t> AppendLogEntry(int64_t petition_id, const std::string& leaf) override;
  Result<std::string> GetLogEntry(int64_t petition_id, uint64_t index) override;
  Result<int64_t> InsertAccount(const Account& a) override;
  Result<Account> GetAccountByEmail(const std::string& email) override;
  Result<int64_t> CountAccounts() override;
  Status InsertSession(const Session& s) override;
  Status DeleteSession(const std::string& token_hash) override;
  Result<int64_t> DeleteExpiredSessions(TimePoint now) override;
  Status InsertApiToken(const ApiToken& t) override;
  Result<ModerationLock> GetModerationLock(int64_t petition_id) override;
  Status PutModerationLock(const ModerationLock& lock) override;
  Status DeleteModerationLock(int64_t petition_id) override;
  Result<int64_t> InsertConsiderationRecord(const ConsiderationRecord& r) override;
  Result<int64_t> InsertStatement(const Statement& s) override;
  Result<Statement> GetStatement(int64_t id) override;
  Status UpdateStatementReply(const Statement& s) override;
  Result<int64_t> InsertSubscription(const Subscription& s) override;
  Result<Subscription> GetSubscription(int64_t id) override;
  Status UpdateSubscription(const Subscription& s) override;
  Status ConfirmSubscriptionOf(int64_t petition_id, const std::string& email) override;
  Status DeleteSubscriptions(int64_t petition_id) override;
  Result<int64_t> InsertNotification(const Notification& n) override;
  Status UpdateNotification(const Notification& n) override;
  Status AddToRegionCount(int64_t petition_id, const std::string& region, int64_t delta) override;
  Result<std::map<std::string, int64_t>> GetRegionCounts(int64_t petition_id) override;
  Result<std::vector<DeadlineExtension>> GetExtensions(int64_t petition_id) override;
  Status RecordThresholdCrossing(int64_t petition_id, const ThresholdCrossing& c) override;
  Result<std::vector<int64_t>> ListOpenPetitionsClosingBy(TimePoint now) override;
  Result<bool> ClaimLease(const std::string& job, const std::string& holder, TimePoint now,
                          TimePoint until) override;
  Result<int64_t> QueueMail(const QueuedMail& m) override;
  Status DeleteMail(int64_t id) override;
  Status PostponeMail(int64_t id, const std::string& sender, int attempts,
                      TimePoint next_attempt_at) override;

  // OK, or the first failure the unit may have ignored.
  const Status& first_failure() const { return first_failure_; }
  CountChanges& count_changes() { return count_changes_; }
  // The states of the petitions the unit inserted or updated whole (not those of an archive's
  // import, which leaves them unknown to the StateCache: read from the database).
  const StateChanges& state_changes() const { return state_changes_; }
  // The unit's connection, for work below the StoreTx calls (importing an archive, which needs a
  // store without petitions, so that no petition's counters wait in the batch).
  Connection& connection() { return conn_; }

 private:
  Status NoteWrite(Status s);
  template <typename T>
  Result<T> NoteWrite(Result<T> r) {
    (void)NoteWrite(r.status());
    return r;
  }
  template <typename T>
  Result<T> NoteRead(Result<T> r) {
    if (!r.ok() && r.status().kind() != ErrorKind::kNotFound) (void)NoteWrite(r.status());
    return r;
  }

  Connection& conn_;
  BatchPetitions& batch_;
  IdentityIndex identities_;
  Status first_failure_;
  CountChanges count_changes_;
  StateChanges state_changes_;
};

}  // namespace petitio::sql
