#include "app/notifications.h"

#include <charconv>

#include "app/mail_queue.h"
#include "app/mail_texts.h"
#include "app/validation.h"
#include "domain/crypto.h"
#include "domain/text.h"
#include "domain/time.h"

namespace petitio {

namespace {

std::string LinkQuery(const AppContext& ctx, const std::string& purpose, int64_t id) {
  return "?s=" + std::to_string(id) + "&t=" + SubscriptionToken(ctx, purpose, id);
}

// The notice's values as the reader's language writes them: days and instants in its words,
// an outcome by its name there.
MessageArgs ArgsIn(const Catalogue& t, const Petition& p, const Notification& n) {
  MessageArgs out;
  for (const auto& [name, value] : n.args) {
    if (name == "date") {
      const std::optional<Date> d = ParseDate(value);
      out.emplace_back("date", d ? t.FormatDate(*d) : value);
    } else if (name == "outcome") {
      out.emplace_back("outcome", t.Text("outcome." + value));
    } else if (int64_t count = 0;
               name == "count" &&
               std::from_chars(value.data(), value.data() + value.size(), count).ec ==
                   std::errc()) {
      out.emplace_back("count", t.Number(count));
    } else {
      out.emplace_back(name, value);
    }
  }
  if (n.kind == "published" && p.closes_at) {
    out.emplace_back("until", t.FormatDateTime(*p.closes_at));
  }
  return out;
}

// A notice in the subscriber's language: what happened and its details in the catalogue's
// words ("mail.notice.KIND", "mail.notice.KIND_text"). A notice queued before notices carried
// their values keeps the English words it was queued with.
MailMessage NoticeMail(const AppContext& ctx, const Petition& p, const Notification& n,
                       const Subscription& s) {
  const Catalogue& t = MailTexts(s.language);
  const std::string key = "mail.notice." + n.kind;
  const bool own_words = t.Has(key + "_text") && (!n.args.empty() || n.kind == "published");
  const std::string subject = own_words ? t.Text(key) : n.subject;
  const std::string what = own_words ? t.Text(key + "_text", ArgsIn(t, p, n)) : n.body;
  std::string body = t.Text("mail.dear", {{"name", s.name}}) + "\n\n" + what + "\n\n" + p.title +
                     "\n" + PetitionUrl(ctx, p.id) + "\n\n" +
                     t.Text("mail.notice.reason_" + std::string(SubscriberKindName(s.kind))) + " " +
                     t.Text("mail.notice.stop") + "\n" + ctx.public_url + "/unsubscribe" +
                     LinkQuery(ctx, "unsubscribe", s.id) + "\n";
  return {s.name, s.email, subject + ": " + p.title, body};
}

}  // namespace

Status QueueNotification(StoreTx& tx, int64_t petition_id, const std::string& kind,
                         const std::string& phrase, const std::string& body, TimePoint now,
                         std::vector<std::pair<std::string, std::string>> args) {
  Notification n;
  n.petition_id = petition_id;
  n.kind = kind;
  n.subject = phrase;
  n.body = body;
  n.created_at = now;
  n.args = std::move(args);
  Result<int64_t> id = tx.InsertNotification(n);
  return id.ok() ? Status::Ok() : id.status();
}

void WakeCourier(const AppContext& ctx) {
  if (ctx.courier != nullptr) ctx.courier->Wake();
}

void NotifyCourier(const AppContext& ctx) {
  if (ctx.courier != nullptr) {
    ctx.courier->Wake();
    return;
  }
  while (true) {
    Result<int> mail = DeliverQueuedMail(ctx, std::nullopt, 1000);  // what this thread queued
    Result<int> sent = DeliverNotifications(ctx, 1000);
    if ((!mail.ok() || *mail == 0) && (!sent.ok() || *sent == 0)) return;
  }
}

Result<bool> ClaimCourierLease(const AppContext& ctx, const std::string& holder) {
  const TimePoint now = ctx.clock.Now();
  bool held = false;
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    Result<bool> r = tx.ClaimLease("courier", holder, now, now + kCourierLease);
    if (!r.ok()) return r.status();
    held = *r;
    return Status::Ok();
  }));
  return held;
}

Result<int> DeliverNotifications(const AppContext& ctx, int max_mails) {
  constexpr int kBatch = 200;
  int sent = 0;
  Result<std::vector<Notification>> pending = ctx.store.GetPendingNotifications(20);
  if (!pending.ok()) return pending.status();
  for (Notification& n : *pending) {
    Result<Petition> p = ctx.store.GetPetition(n.petition_id);
    if (!p.ok()) return p.status();
    while (!n.done && sent < max_mails) {
      Result<std::vector<Subscription>> batch =
          ctx.store.ListSubscribers(n.petition_id, n.cursor, std::min(kBatch, max_mails - sent));
      if (!batch.ok()) return batch.status();
      std::vector<MailMessage> mails;
      mails.reserve(batch->size());
      for (const Subscription& s : *batch) mails.push_back(NoticeMail(ctx, *p, n, s));
      // A mail the relay did not take goes into the durable queue, with the notice's progress,
      // to be tried again as other mail is (later, with growing pauses); the notice goes on.
      const std::vector<Status> went = ctx.mailer.SendAll(mails);
      if (!batch->empty()) n.cursor = batch->back().id;
      sent += static_cast<int>(batch->size());
      n.done = batch->empty();
      const std::string sender = MailSender(ctx);
      const TimePoint now = ctx.clock.Now();
      PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
        for (size_t i = 0; i < mails.size() && i < went.size(); ++i) {
          if (went[i].ok() || went[i].kind() == ErrorKind::kInvalidArgument) continue;
          PETITIO_RETURN_IF_ERROR(QueueMail(tx, sender, mails[i], now));
        }
        return tx.UpdateNotification(n);
      }));
    }
    if (sent >= max_mails) break;
  }
  return sent;
}

std::string SubscriptionToken(const AppContext& ctx, const std::string& purpose,
                              int64_t subscription_id) {
  return KeyedHashHex(ctx.secret, "subscription:" + purpose + ":" + std::to_string(subscription_id))
      .substr(0, 32);
}

Status FollowPetition(const AppContext& ctx, int64_t petition_id, const std::string& email,
                      const std::string& name, const std::string& language) {
  const std::string address = NormalizeEmail(email);
  if (!IsPlausibleEmail(address)) {
    return Status::Invalid("give an e-mail address to follow the petition", "invalid_email");
  }
  std::string clean_name(Trim(name));
  if (clean_name.empty()) clean_name = "follower";
  PETITIO_RETURN_IF_ERROR(CheckText("name", clean_name, 200));
  Petition petition;
  Subscription s{0,     petition_id,    address, clean_name, SubscriberKind::kFollower,
                 false, ctx.clock.Now()};
  s.language = IsSupportedLanguage(language) ? language : "en";
  bool already = false;
  const std::string sender = MailSender(ctx);
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    Result<Petition> p = tx.GetPetition(petition_id);
    if (!p.ok()) return PetitionLookupError(p.status());
    if (!IsVisible(p->state)) return Status::NotFound("no such petition", "petition_not_found");
    petition = *p;
    Result<int64_t> id = tx.InsertSubscription(s);
    if (!id.ok()) return id.status();
    Result<Subscription> existing = tx.GetSubscription(*id);
    if (!existing.ok()) return existing.status();
    already = existing->confirmed && !existing->unsubscribed_at;
    if (existing->unsubscribed_at) {  // following again after leaving: confirm again
      existing->unsubscribed_at.reset();
      existing->confirmed = false;
      PETITIO_RETURN_IF_ERROR(tx.UpdateSubscription(*existing));
    }
    s = *existing;
    if (already) return Status::Ok();  // no mail to an address that already follows
    const Catalogue& t = MailTexts(s.language);
    std::string body = t.Text("mail.dear", {{"name", s.name}}) + "\n\n" +
                       t.Text("mail.follow.asked", {{"title", petition.title}}) + "\n" +
                       ctx.public_url + "/follow" + LinkQuery(ctx, "follow", s.id) + "\n\n" +
                       t.Text("mail.follow.not_you") + "\n";
    return QueueMail(
        tx, sender,
        {s.name, s.email, t.Text("mail.follow.subject", {{"title", petition.title}}), body},
        ctx.clock.Now());
  }));
  if (already) return Status::Ok();
  NotifyCourier(ctx);
  return Status::Ok();
}

Result<Subscription> SubscriptionOfLink(const AppContext& ctx, const std::string& purpose,
                                        int64_t subscription_id, const std::string& token) {
  if (!TokensEqual(token, SubscriptionToken(ctx, purpose, subscription_id))) {
    return Status::NotFound("the link is incomplete or wrong", "unknown_link");
  }
  Subscription out;
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    Result<Subscription> s = tx.GetSubscription(subscription_id);
    if (!s.ok()) return s.status();
    out = *s;
    return Status::Ok();
  }));
  return out;
}

Status ConfirmFollow(const AppContext& ctx, int64_t subscription_id, const std::string& token) {
  Result<Subscription> s = SubscriptionOfLink(ctx, "follow", subscription_id, token);
  if (!s.ok()) return s.status();
  if (s->confirmed) return Status::Ok();
  s->confirmed = true;
  return ctx.store.Write([&](StoreTx& tx) { return tx.UpdateSubscription(*s); });
}

Status Unsubscribe(const AppContext& ctx, int64_t subscription_id, const std::string& token) {
  Result<Subscription> s = SubscriptionOfLink(ctx, "unsubscribe", subscription_id, token);
  if (!s.ok()) return s.status();
  if (s->unsubscribed_at) return Status::Ok();
  s->unsubscribed_at = ctx.clock.Now();
  return ctx.store.Write([&](StoreTx& tx) { return tx.UpdateSubscription(*s); });
}

}  // namespace petitio
