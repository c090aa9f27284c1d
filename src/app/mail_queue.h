// The durable mail queue, as the use cases see it: a mail is queued inside the write unit that
// causes it (so it goes out if and only if that unit commits, and survives a crash right after),
// and is sent afterwards by the courier (app/notifications.h) at the relay's pace, many mails
// per connection. Delivery is at least once: a crash between the relay's "accepted" and the
// queue's delete sends that mail again.
//
// Each server sends the mail it queued at once. Mail another server queued (or this server
// before a restart) is taken over only by the courier lease's holder, and, on a store that
// servers share, only once it has been due for kMailTakeover, as the server that queued it may
// still be sending it. A failed mail is tried again later (10 s, doubling, at most an hour apart)
// and dropped, with a line on stderr, after kMaxMailAttempts.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "app/context.h"
#include "mail/mailer.h"
#include "store/store.h"

namespace petitio {

inline constexpr std::chrono::seconds kMailTakeover{60};
inline constexpr int kMaxMailAttempts = 12;

// Who sends the mail a use case queues: this server's courier (its name), or, without a courier,
// the calling thread, whose NotifyCourier then sends exactly what it queued (callers on other
// threads neither wait for it nor send it twice). Taken before the write unit, which runs on
// the store's writer thread.
std::string MailSender(const AppContext& ctx);
// Queues `message` in the unit `tx`, to be sent by `sender` (MailSender).
Status QueueMail(StoreTx& tx, const std::string& sender, const MailMessage& message, TimePoint now);

// Sends up to `max_mails` queued mails due now: this server's, and, when `others_after` is given,
// other senders' that have been due for that long. Returns how many it tried.
Result<int> DeliverQueuedMail(const AppContext& ctx,
                              std::optional<std::chrono::milliseconds> others_after, int max_mails);

}  // namespace petitio
