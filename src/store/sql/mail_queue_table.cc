// mail_queue: mail waiting for the relay (domain/queued_mail.h).
#include "store/sql/tables.h"

namespace petitio::sql {

Result<int64_t> InsertMailRow(Connection& conn, const QueuedMail& m) {
  Result<Query> q = conn.Prepare(
      "INSERT INTO mail_queue (sender, to_name, to_address, subject, body, created_at, attempts,"
      " next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
  if (!q.ok()) return q.status();
  q->BindText(1, m.sender).BindText(2, m.to_name).BindText(3, m.to_address);
  q->BindText(4, m.subject).BindText(5, m.body).BindInt(6, ToMillis(m.created_at));
  q->BindInt(7, m.attempts).BindInt(8, ToMillis(m.next_attempt_at));
  return InsertedId(*q);
}

Status DeleteMailRow(Connection& conn, int64_t id) {
  Result<Query> q = conn.Prepare("DELETE FROM mail_queue WHERE id = ?1");
  if (!q.ok()) return q.status();
  q->BindInt(1, id);
  return q->Run();
}

Status PostponeMailRow(Connection& conn, int64_t id, const std::string& sender, int attempts,
                       TimePoint next_attempt_at) {
  Result<Query> q = conn.Prepare(
      "UPDATE mail_queue SET sender = ?2, attempts = ?3, next_attempt_at = ?4 WHERE id = ?1");
  if (!q.ok()) return q.status();
  q->BindInt(1, id).BindText(2, sender).BindInt(3, attempts).BindInt(4, ToMillis(next_attempt_at));
  return q->Run();
}

Result<std::vector<QueuedMail>> SelectDueMail(Connection& conn, const std::string& sender,
                                              TimePoint now, std::optional<TimePoint> others_due_by,
                                              int limit) {
  // Without others_due_by, the second condition matches nothing: no due time is below 0.
  Result<Query> q = conn.Prepare(
      "SELECT id, sender, to_name, to_address, subject, body, created_at, attempts,"
      " next_attempt_at FROM mail_queue WHERE next_attempt_at <= ?2"
      " AND (sender = ?1 OR next_attempt_at <= ?3) ORDER BY next_attempt_at, id LIMIT ?4");
  if (!q.ok()) return q.status();
  q->BindText(1, sender).BindInt(2, ToMillis(now));
  q->BindInt(3, others_due_by ? ToMillis(*others_due_by) : -1).BindInt(4, limit);
  std::vector<QueuedMail> out;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back({q->Int(0), q->Text(1), q->Text(2), q->Text(3), q->Text(4), q->Text(5),
                   FromMillis(q->Int(6)), static_cast<int>(q->Int(7)), FromMillis(q->Int(8))});
  }
}

Result<int64_t> CountMailRows(Connection& conn) {
  Result<Query> q = conn.Prepare("SELECT COUNT(*) FROM mail_queue");
  if (!q.ok()) return q.status();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  return *row ? q->Int(0) : 0;
}

}  // namespace petitio::sql
