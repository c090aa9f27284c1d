#include "app/mail_queue.h"

#include <algorithm>
#include <atomic>
#include <cstdio>

namespace petitio {

namespace {

// When a mail that failed `attempts` times is tried again.
TimePoint NextAttempt(TimePoint now, int attempts) {
  const auto wait = std::chrono::seconds(10) * (int64_t{1} << std::min(attempts - 1, 10));
  return now + std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::min<std::chrono::seconds>(wait, std::chrono::hours(1)));
}

}  // namespace

std::string MailSender(const AppContext& ctx) {
  static std::atomic<int64_t> threads{0};
  thread_local const std::string kThisThread = "inline-" + std::to_string(++threads);
  return ctx.courier != nullptr ? ctx.courier->name() : kThisThread;
}

Status QueueMail(StoreTx& tx, const std::string& sender, const MailMessage& message,
                 TimePoint now) {
  QueuedMail m;
  m.sender = sender;
  m.to_name = message.to_name;
  m.to_address = message.to_address;
  m.subject = message.subject;
  m.body = message.body;
  m.created_at = now;
  m.next_attempt_at = now;
  Result<int64_t> id = tx.QueueMail(m);
  return id.ok() ? Status::Ok() : id.status();
}

Result<int> DeliverQueuedMail(const AppContext& ctx,
                              std::optional<std::chrono::milliseconds> others_after,
                              int max_mails) {
  const TimePoint now = ctx.clock.Now();
  const std::string sender = MailSender(ctx);
  Result<std::vector<QueuedMail>> due = ctx.store.GetDueMail(
      sender, now, others_after ? std::optional<TimePoint>(now - *others_after) : std::nullopt,
      max_mails);
  if (!due.ok()) return due.status();
  if (due->empty()) return 0;
  std::vector<MailMessage> messages;
  messages.reserve(due->size());
  for (const QueuedMail& m : *due) messages.push_back({m.to_name, m.to_address, m.subject, m.body});
  const std::vector<Status> sent = ctx.mailer.SendAll(messages);
  const TimePoint after = ctx.clock.Now();
  PETITIO_RETURN_IF_ERROR(ctx.store.Write([&](StoreTx& tx) -> Status {
    for (size_t i = 0; i < due->size(); ++i) {
      const QueuedMail& m = (*due)[i];
      const int attempts = m.attempts + 1;
      const bool hopeless = sent[i].kind() == ErrorKind::kInvalidArgument;
      if (sent[i].ok() || hopeless || attempts >= kMaxMailAttempts) {
        if (!sent[i].ok()) {
          std::fprintf(stderr, "petitio: queued mail %lld dropped after %d attempts: %s\n",
                       static_cast<long long>(m.id), attempts, sent[i].ToString().c_str());
        }
        PETITIO_RETURN_IF_ERROR(tx.DeleteMail(m.id));
      } else {
        PETITIO_RETURN_IF_ERROR(
            tx.PostponeMail(m.id, sender, attempts, NextAttempt(after, attempts)));
      }
    }
    return Status::Ok();
  }));
  return static_cast<int>(due->size());
}

}  // namespace petitio
