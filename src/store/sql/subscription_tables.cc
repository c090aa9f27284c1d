// Subscriptions and notifications (migration 8).
#include "store/sql/tables.h"

namespace petitio::sql {

namespace {

constexpr const char* kSubscriptionColumns =
    "id, petition_id, email, name, kind, confirmed, created_at, unsubscribed_at, language";

Result<Subscription> ReadSubscription(const Query& q) {
  Subscription s;
  s.id = q.Int(0);
  s.petition_id = q.Int(1);
  s.email = q.Text(2);
  s.name = q.Text(3);
  const std::optional<SubscriberKind> kind = ParseSubscriberKind(q.Text(4));
  if (!kind) return Status::Internal("subscription " + std::to_string(s.id) + " is malformed");
  s.kind = *kind;
  s.confirmed = q.Int(5) != 0;
  s.created_at = FromMillis(q.Int(6));
  if (std::optional<int64_t> at = q.OptInt(7)) s.unsubscribed_at = FromMillis(*at);
  s.language = q.Text(8);
  return s;
}

Result<std::vector<Subscription>> ReadSubscriptions(Query& q) {
  std::vector<Subscription> out;
  for (;;) {
    Result<bool> row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    Result<Subscription> s = ReadSubscription(q);
    if (!s.ok()) return s.status();
    out.push_back(std::move(*s));
  }
}

}  // namespace

Result<int64_t> InsertSubscriptionRow(Connection& conn, const Subscription& s) {
  Result<Query> q = conn.Prepare(
      "INSERT INTO subscriptions (petition_id, email, name, kind, confirmed, created_at,"
      " language) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (petition_id, email) DO NOTHING");
  if (!q.ok()) return q.status();
  q->BindInt(1, s.petition_id).BindText(2, s.email).BindText(3, s.name);
  q->BindText(4, SubscriberKindName(s.kind)).BindInt(5, s.confirmed ? 1 : 0);
  q->BindInt(6, ToMillis(s.created_at)).BindText(7, s.language);
  Status run = q->Run();
  if (!run.ok()) return ForeignKeyAsNotFound(conn, std::move(run), s.petition_id);
  Result<Query> id =
      conn.Prepare("SELECT id FROM subscriptions WHERE petition_id = ?1 AND email = ?2");
  if (!id.ok()) return id.status();
  id->BindInt(1, s.petition_id).BindText(2, s.email);
  Result<bool> row = id->Step();
  if (!row.ok()) return row.status();
  return id->Int(0);
}

Result<Subscription> SelectSubscription(Connection& conn, int64_t id) {
  Result<Query> q = conn.Prepare(std::string("SELECT ") + kSubscriptionColumns +
                                 " FROM subscriptions WHERE id = ?1");
  if (!q.ok()) return q.status();
  q->BindInt(1, id);
  Result<std::vector<Subscription>> found = ReadSubscriptions(*q);
  if (!found.ok()) return found.status();
  if (found->empty()) return Status::NotFound("no such subscription", "subscription_not_found");
  return found->front();
}

Status UpdateSubscriptionRow(Connection& conn, const Subscription& s) {
  Result<Query> q = conn.Prepare(
      "UPDATE subscriptions SET confirmed = ?1, unsubscribed_at = ?2"
      " WHERE petition_id = ?4 AND id = ?3");
  if (!q.ok()) return q.status();
  q->BindInt(1, s.confirmed ? 1 : 0);
  q->BindOptInt(
      2, s.unsubscribed_at ? std::optional<int64_t>(ToMillis(*s.unsubscribed_at)) : std::nullopt);
  q->BindInt(3, s.id).BindInt(4, s.petition_id);
  PETITIO_RETURN_IF_ERROR(q->Run());
  if (conn.Changes() == 0)
    return Status::NotFound("no such subscription", "subscription_not_found");
  return Status::Ok();
}

Status ConfirmSubscriptionRow(Connection& conn, int64_t petition_id, const std::string& email) {
  Result<Query> q = conn.Prepare(
      "UPDATE subscriptions SET confirmed = 1 WHERE petition_id = ?1 AND email = ?2"
      " AND confirmed = 0");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id).BindText(2, email);
  return q->Run();
}

Status DeleteSubscriptionRows(Connection& conn, int64_t petition_id) {
  Result<Query> q = conn.Prepare("DELETE FROM subscriptions WHERE petition_id = ?1");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id);
  return q->Run();
}

Result<std::vector<Subscription>> SelectSubscribers(Connection& conn, int64_t petition_id,
                                                    int64_t after_id, int limit) {
  Result<Query> q = conn.Prepare(std::string("SELECT ") + kSubscriptionColumns +
                                 " FROM subscriptions WHERE petition_id = ?1 AND id > ?2"
                                 " AND confirmed = 1 AND unsubscribed_at IS NULL"
                                 " ORDER BY id LIMIT ?3");
  if (!q.ok()) return q.status();
  q->BindInt(1, petition_id).BindInt(2, after_id).BindInt(3, limit);
  return ReadSubscriptions(*q);
}

Result<int64_t> InsertNotificationRow(Connection& conn, const Notification& n) {
  Result<Query> q = conn.Prepare(
      "INSERT INTO notifications (petition_id, kind, subject, body, created_at, args)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id");
  if (!q.ok()) return q.status();
  q->BindInt(1, n.petition_id).BindText(2, n.kind).BindText(3, n.subject).BindText(4, n.body);
  q->BindInt(5, ToMillis(n.created_at)).BindText(6, EncodePairs(n.args));
  Result<int64_t> id = InsertedId(*q);
  if (!id.ok()) return ForeignKeyAsNotFound(conn, id.status(), n.petition_id);
  return id;
}

Status UpdateNotificationRow(Connection& conn, const Notification& n) {
  Result<Query> q = conn.Prepare(
      "UPDATE notifications SET cursor = ?1, done = ?2 WHERE petition_id = ?4 AND id = ?3");
  if (!q.ok()) return q.status();
  q->BindInt(1, n.cursor).BindInt(2, n.done ? 1 : 0).BindInt(3, n.id).BindInt(4, n.petition_id);
  return q->Run();
}

Result<std::vector<Notification>> SelectPendingNotifications(Connection& conn, int limit) {
  Result<Query> q = conn.Prepare(
      "SELECT id, petition_id, kind, subject, body, created_at, cursor, args FROM notifications"
      " WHERE done = 0 ORDER BY id LIMIT ?1");
  if (!q.ok()) return q.status();
  q->BindInt(1, limit);
  std::vector<Notification> out;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    Notification n{q->Int(0), q->Int(1), q->Text(2), q->Text(3), q->Text(4), FromMillis(q->Int(5)),
                   q->Int(6), false};
    Result<std::vector<std::pair<std::string, std::string>>> args = DecodePairs(q->Text(7));
    if (!args.ok())
      return Status::Internal("notification " + std::to_string(n.id) + ": " +
                              args.status().message());
    n.args = std::move(*args);
    out.push_back(std::move(n));
  }
}

}  // namespace petitio::sql
