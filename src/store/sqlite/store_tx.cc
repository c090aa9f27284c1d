#include "store/sqlite/store_tx.h"

#include <utility>

#include "store/sqlite/tables.h"

namespace petitio::sqlite {

Status SqliteStoreTx::NoteWrite(Status s) {
  if (!s.ok() && first_failure_.ok()) first_failure_ = s;
  return s;
}

Result<int64_t> SqliteStoreTx::InsertPetition(const Petition& p) {
  Result<int64_t> id = NoteWrite(InsertPetitionRow(conn_, p));
  if (id.ok()) count_changes_[*id] = p.signature_count;
  return id;
}

Result<Petition> SqliteStoreTx::GetPetition(int64_t id) {
  return NoteRead(SelectPetition(conn_, id));
}

Status SqliteStoreTx::UpdatePetition(const Petition& p) {
  Status s = NoteWrite(UpdatePetitionRow(conn_, p));
  if (s.ok()) count_changes_[p.id] = p.signature_count;
  return s;
}

Result<int64_t> SqliteStoreTx::InsertSignature(const Signature& s) {
  return NoteWrite(InsertSignatureRow(conn_, s));
}

Result<Signature> SqliteStoreTx::GetSignatureByToken(const std::string& token_hash) {
  return NoteRead(SelectSignatureByToken(conn_, token_hash));
}

Result<Signature> SqliteStoreTx::GetSignatureByIdentity(int64_t petition_id,
                                                        const std::string& identity_hash) {
  return NoteRead(SelectSignatureByIdentity(conn_, petition_id, identity_hash));
}

Status SqliteStoreTx::UpdateSignature(const Signature& s) {
  return NoteWrite(UpdateSignatureRow(conn_, s));
}

Result<std::vector<Signature>> SqliteStoreTx::ListSignaturesMatching(int64_t petition_id,
                                                                     const SignatureMatch& m) {
  return SelectSignaturesMatching(conn_, petition_id, m);
}

Result<uint64_t> SqliteStoreTx::AppendLogEntry(int64_t petition_id, const std::string& leaf) {
  return NoteWrite(AppendLogRow(conn_, petition_id, leaf));
}

Result<std::string> SqliteStoreTx::GetLogEntry(int64_t petition_id, uint64_t index) {
  Result<std::vector<std::string>> leaves =
      NoteRead(SelectLogEntries(conn_, petition_id, index, index));
  if (!leaves.ok()) return leaves.status();
  if (leaves->empty()) return Status::NotFound("no such log entry", "log_entry_not_found");
  return std::move(leaves->front());
}

Result<int64_t> SqliteStoreTx::InsertAccount(const Account& a) {
  return NoteWrite(InsertAccountRow(conn_, a));
}

Result<Account> SqliteStoreTx::GetAccountByEmail(const std::string& email) {
  return NoteRead(SelectAccountByEmail(conn_, email));
}

Result<int64_t> SqliteStoreTx::CountAccounts() { return NoteRead(CountAccountRows(conn_)); }

Status SqliteStoreTx::InsertSession(const Session& s) {
  return NoteWrite(InsertSessionRow(conn_, s));
}

Status SqliteStoreTx::DeleteSession(const std::string& token_hash) {
  return NoteWrite(DeleteSessionRow(conn_, token_hash));
}

Result<int64_t> SqliteStoreTx::DeleteExpiredSessions(TimePoint now) {
  return NoteWrite(DeleteExpiredSessionRows(conn_, now));
}

Status SqliteStoreTx::InsertApiToken(const ApiToken& t) {
  return NoteWrite(InsertApiTokenRow(conn_, t));
}

Result<ModerationLock> SqliteStoreTx::GetModerationLock(int64_t petition_id) {
  Result<std::vector<ModerationLock>> locks = NoteRead(SelectModerationLocks(conn_, petition_id));
  if (!locks.ok()) return locks.status();
  if (locks->empty()) return Status::NotFound("no lock", "lock_not_found");
  return locks->front();
}

Status SqliteStoreTx::PutModerationLock(const ModerationLock& lock) {
  return NoteWrite(PutModerationLockRow(conn_, lock));
}

Status SqliteStoreTx::DeleteModerationLock(int64_t petition_id) {
  return NoteWrite(DeleteModerationLockRow(conn_, petition_id));
}

Result<int64_t> SqliteStoreTx::InsertConsiderationRecord(const ConsiderationRecord& r) {
  return NoteWrite(InsertConsiderationRow(conn_, r));
}

Result<int64_t> SqliteStoreTx::InsertStatement(const Statement& s) {
  return NoteWrite(InsertStatementRow(conn_, s));
}

Result<Statement> SqliteStoreTx::GetStatement(int64_t id) {
  Result<std::vector<Statement>> found = NoteRead(SelectStatements(conn_, id, std::nullopt));
  if (!found.ok()) return found.status();
  if (found->empty()) return Status::NotFound("no such statement", "statement_not_found");
  return found->front();
}

Status SqliteStoreTx::UpdateStatementReply(const Statement& s) {
  return NoteWrite(UpdateStatementReplyRow(conn_, s));
}

Result<int64_t> SqliteStoreTx::InsertSubscription(const Subscription& s) {
  return NoteWrite(InsertSubscriptionRow(conn_, s));
}

Result<Subscription> SqliteStoreTx::GetSubscription(int64_t id) {
  return NoteRead(SelectSubscription(conn_, id));
}

Status SqliteStoreTx::UpdateSubscription(const Subscription& s) {
  return NoteWrite(UpdateSubscriptionRow(conn_, s));
}

Status SqliteStoreTx::ConfirmSubscriptionOf(int64_t petition_id, const std::string& email) {
  return NoteWrite(ConfirmSubscriptionRow(conn_, petition_id, email));
}

Status SqliteStoreTx::DeleteSubscriptions(int64_t petition_id) {
  return NoteWrite(DeleteSubscriptionRows(conn_, petition_id));
}

Result<int64_t> SqliteStoreTx::InsertNotification(const Notification& n) {
  return NoteWrite(InsertNotificationRow(conn_, n));
}

Status SqliteStoreTx::UpdateNotification(const Notification& n) {
  return NoteWrite(UpdateNotificationRow(conn_, n));
}

Status SqliteStoreTx::EraseSignatureContacts(int64_t petition_id) {
  return NoteWrite(EraseSignatureContactRows(conn_, petition_id));
}

Status SqliteStoreTx::RecordInvalidation(int64_t petition_id, const Invalidation& inv) {
  return NoteWrite(InsertInvalidationRow(conn_, petition_id, inv));
}

Status SqliteStoreTx::AddToRegionCount(int64_t petition_id, const std::string& region,
                                       int64_t delta) {
  return NoteWrite(AddRegionCountRow(conn_, petition_id, region, delta));
}

Result<std::map<std::string, int64_t>> SqliteStoreTx::GetRegionCounts(int64_t petition_id) {
  return SelectRegionCounts(conn_, petition_id);
}

Status SqliteStoreTx::RecordExtension(int64_t petition_id, const DeadlineExtension& e) {
  return NoteWrite(InsertExtensionRow(conn_, petition_id, e));
}

Result<std::vector<DeadlineExtension>> SqliteStoreTx::GetExtensions(int64_t petition_id) {
  return SelectExtensions(conn_, petition_id);
}

Status SqliteStoreTx::AppendTimeline(int64_t petition_id, const TimelineEvent& e) {
  return NoteWrite(InsertTimelineRow(conn_, petition_id, e));
}

Status SqliteStoreTx::RecordThresholdCrossing(int64_t petition_id, const ThresholdCrossing& c) {
  return NoteWrite(InsertThresholdCrossingRow(conn_, petition_id, c));
}

Result<std::vector<int64_t>> SqliteStoreTx::ListOpenPetitionsClosingBy(TimePoint now) {
  return NoteRead(SelectOpenPetitionsClosingBy(conn_, now));
}

}  // namespace petitio::sqlite
