#include "store/sql/store_tx.h"

#include <utility>

#include "store/sql/tables.h"

namespace petitio::sql {

Status SqlStoreTx::NoteWrite(Status s) {
  if (!s.ok() && first_failure_.ok()) first_failure_ = s;
  return s;
}

Result<int64_t> SqlStoreTx::InsertPetition(const Petition& p) {
  Result<int64_t> id = NoteWrite(InsertPetitionRow(conn_, p));
  if (id.ok()) {
    count_changes_[*id] = p.signature_count;
    state_changes_[*id] = p.state;
  }
  return id;
}

Result<Petition> SqlStoreTx::GetPetition(int64_t id) { return NoteRead(batch_.Get(conn_, id)); }

Status SqlStoreTx::UpdatePetition(const Petition& p) {
  Status s = NoteWrite(UpdatePetitionRow(conn_, p));
  if (s.ok()) {
    batch_.Wrote(p);
    count_changes_[p.id] = p.signature_count;
    state_changes_[p.id] = p.state;
  }
  return s;
}

Status SqlStoreTx::UpdatePetitionCounts(const Petition& p) {
  // Written with the batch when the batch holds the petition; at once when it does not.
  Status s = batch_.SetCounts(p) ? Status::Ok() : NoteWrite(UpdatePetitionCountsRow(conn_, p));
  if (s.ok()) count_changes_[p.id] = p.signature_count;
  return s;
}

Result<int64_t> SqlStoreTx::InsertSignature(const Signature& s) {
  return NoteWrite(InsertSignatureRow(conn_, s, identities_));
}

Result<Signature> SqlStoreTx::GetSignature(int64_t id) {
  return NoteRead(SelectSignature(conn_, id));
}

Result<Signature> SqlStoreTx::GetSignatureByLegacyToken(const std::string& token_hash) {
  return NoteRead(SelectSignatureByLegacyToken(conn_, token_hash));
}

Result<Signature> SqlStoreTx::GetSignatureByIdentity(int64_t petition_id,
                                                     const std::string& identity_hash) {
  return NoteRead(SelectSignatureByIdentity(conn_, petition_id, identity_hash, identities_));
}

Status SqlStoreTx::UpdateSignature(const Signature& s) {
  return NoteWrite(UpdateSignatureRow(conn_, s));
}

Status SqlStoreTx::UpdateSignatureState(const Signature& s) {
  return NoteWrite(UpdateSignatureStateRow(conn_, s));
}

Result<std::vector<Signature>> SqlStoreTx::ListSignaturesMatching(int64_t petition_id,
                                                                  const SignatureMatch& m) {
  return SelectSignaturesMatching(conn_, petition_id, m);
}

Result<uint64_t> SqlStoreTx::AppendLogEntry(int64_t petition_id, const std::string& leaf) {
  Result<uint64_t> size = NoteWrite(batch_.LogSize(conn_, petition_id));
  if (!size.ok()) return size.status();
  const MerkleNodeReader read = [this, petition_id](int level, uint64_t index) {
    return batch_.LogNode(conn_, petition_id, level, index);
  };
  Result<std::vector<MerkleNode>> nodes = NoteWrite(NodesForAppend(read, *size, LeafHash(leaf)));
  if (!nodes.ok()) return nodes.status();
  PETITIO_RETURN_IF_ERROR(NoteWrite(InsertLogRows(conn_, petition_id, *size, leaf, *nodes)));
  batch_.Appended(petition_id, *nodes);
  return *size;
}

Result<std::string> SqlStoreTx::GetLogEntry(int64_t petition_id, uint64_t index) {
  Result<std::vector<std::string>> leaves =
      NoteRead(SelectLogEntries(conn_, petition_id, index, index));
  if (!leaves.ok()) return leaves.status();
  if (leaves->empty()) return Status::NotFound("no such log entry", "log_entry_not_found");
  return std::move(leaves->front());
}

Result<int64_t> SqlStoreTx::InsertAccount(const Account& a) {
  return NoteWrite(InsertAccountRow(conn_, a));
}

Result<Account> SqlStoreTx::GetAccountByEmail(const std::string& email) {
  return NoteRead(SelectAccountByEmail(conn_, email));
}

Result<int64_t> SqlStoreTx::CountAccounts() { return NoteRead(CountAccountRows(conn_)); }

Status SqlStoreTx::InsertSession(const Session& s) { return NoteWrite(InsertSessionRow(conn_, s)); }

Status SqlStoreTx::DeleteSession(const std::string& token_hash) {
  return NoteWrite(DeleteSessionRow(conn_, token_hash));
}

Result<int64_t> SqlStoreTx::DeleteExpiredSessions(TimePoint now) {
  return NoteWrite(DeleteExpiredSessionRows(conn_, now));
}

Status SqlStoreTx::InsertApiToken(const ApiToken& t) {
  return NoteWrite(InsertApiTokenRow(conn_, t));
}

Result<ModerationLock> SqlStoreTx::GetModerationLock(int64_t petition_id) {
  Result<std::vector<ModerationLock>> locks = NoteRead(SelectModerationLocks(conn_, petition_id));
  if (!locks.ok()) return locks.status();
  if (locks->empty()) return Status::NotFound("no lock", "lock_not_found");
  return locks->front();
}

Status SqlStoreTx::PutModerationLock(const ModerationLock& lock) {
  return NoteWrite(PutModerationLockRow(conn_, lock));
}

Status SqlStoreTx::DeleteModerationLock(int64_t petition_id) {
  return NoteWrite(DeleteModerationLockRow(conn_, petition_id));
}

Result<int64_t> SqlStoreTx::InsertConsiderationRecord(const ConsiderationRecord& r) {
  return NoteWrite(InsertConsiderationRow(conn_, r));
}

Result<int64_t> SqlStoreTx::InsertStatement(const Statement& s) {
  return NoteWrite(InsertStatementRow(conn_, s));
}

Result<Statement> SqlStoreTx::GetStatement(int64_t id) {
  Result<std::vector<Statement>> found = NoteRead(SelectStatements(conn_, id, std::nullopt));
  if (!found.ok()) return found.status();
  if (found->empty()) return Status::NotFound("no such statement", "statement_not_found");
  return found->front();
}

Status SqlStoreTx::UpdateStatementReply(const Statement& s) {
  return NoteWrite(UpdateStatementReplyRow(conn_, s));
}

Result<int64_t> SqlStoreTx::InsertSubscription(const Subscription& s) {
  return NoteWrite(InsertSubscriptionRow(conn_, s));
}

Result<Subscription> SqlStoreTx::GetSubscription(int64_t id) {
  return NoteRead(SelectSubscription(conn_, id));
}

Status SqlStoreTx::UpdateSubscription(const Subscription& s) {
  return NoteWrite(UpdateSubscriptionRow(conn_, s));
}

Status SqlStoreTx::ConfirmSubscriptionOf(int64_t petition_id, const std::string& email) {
  return NoteWrite(ConfirmSubscriptionRow(conn_, petition_id, email));
}

Status SqlStoreTx::DeleteSubscriptions(int64_t petition_id) {
  return NoteWrite(DeleteSubscriptionRows(conn_, petition_id));
}

Result<int64_t> SqlStoreTx::InsertNotification(const Notification& n) {
  return NoteWrite(InsertNotificationRow(conn_, n));
}

Status SqlStoreTx::UpdateNotification(const Notification& n) {
  return NoteWrite(UpdateNotificationRow(conn_, n));
}

Status SqlStoreTx::EraseSignatureContacts(int64_t petition_id) {
  return NoteWrite(EraseSignatureContactRows(conn_, petition_id));
}

Status SqlStoreTx::RecordInvalidation(int64_t petition_id, const Invalidation& inv) {
  return NoteWrite(InsertInvalidationRow(conn_, petition_id, inv));
}

Status SqlStoreTx::AddToRegionCount(int64_t petition_id, const std::string& region, int64_t delta) {
  if (batch_.AddToRegion(petition_id, region, delta)) return Status::Ok();
  return NoteWrite(AddRegionCountRow(conn_, petition_id, region, delta));
}

Result<std::map<std::string, int64_t>> SqlStoreTx::GetRegionCounts(int64_t petition_id) {
  Result<std::map<std::string, int64_t>> stored = SelectRegionCounts(conn_, petition_id);
  if (!stored.ok()) return stored.status();
  return batch_.WithRegionChanges(petition_id, std::move(*stored));
}

Status SqlStoreTx::RecordExtension(int64_t petition_id, const DeadlineExtension& e) {
  return NoteWrite(InsertExtensionRow(conn_, petition_id, e));
}

Result<std::vector<DeadlineExtension>> SqlStoreTx::GetExtensions(int64_t petition_id) {
  return SelectExtensions(conn_, petition_id);
}

Status SqlStoreTx::AppendTimeline(int64_t petition_id, const TimelineEvent& e) {
  return NoteWrite(InsertTimelineRow(conn_, petition_id, e));
}

Status SqlStoreTx::RecordThresholdCrossing(int64_t petition_id, const ThresholdCrossing& c) {
  return NoteWrite(InsertThresholdCrossingRow(conn_, petition_id, c));
}

Result<std::vector<int64_t>> SqlStoreTx::ListOpenPetitionsClosingBy(TimePoint now) {
  return NoteRead(SelectOpenPetitionsClosingBy(conn_, now));
}

Result<bool> SqlStoreTx::ClaimLease(const std::string& job, const std::string& holder,
                                    TimePoint now, TimePoint until) {
  return NoteWrite(ClaimLeaseRow(conn_, job, holder, now, until));
}

Result<int64_t> SqlStoreTx::QueueMail(const QueuedMail& m) {
  return NoteWrite(InsertMailRow(conn_, m));
}

Status SqlStoreTx::DeleteMail(int64_t id) { return NoteWrite(DeleteMailRow(conn_, id)); }

Status SqlStoreTx::PostponeMail(int64_t id, const std::string& sender, int attempts,
                                TimePoint next_attempt_at) {
  return NoteWrite(PostponeMailRow(conn_, id, sender, attempts, next_attempt_at));
}

}  // namespace petitio::sql
