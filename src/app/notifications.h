// Mail to the people who asked to hear about a petition: its initiator, signers who opted in,
// and followers (who confirm their address first). Events queue a notification inside the write
// unit that caused them; a courier sends it to every subscription afterwards, in batches,
// resuming where it stopped, so a petition with a million subscribers never holds a request.
// A notice's mail that the relay does not take goes into the durable mail queue (mail_queue.h)
// and is tried again from there, as any other mail.
// Every mail carries its own one-click unsubscribe link (a page whose button POSTs).
#pragma once

#include <chrono>
#include <string>

#include "app/context.h"
#include "domain/petition.h"
#include "domain/subscription.h"
#include "store/store.h"

namespace petitio {

// Queues `body` for every subscription of the petition; `phrase` becomes the subject, with the
// petition's title. `args` are the notice's values by name, for the catalogues' words
// ("mail.notice.KIND_text"); a notice in English without them keeps `body`.
Status QueueNotification(StoreTx& tx, int64_t petition_id, const std::string& kind,
                         const std::string& phrase, const std::string& body, TimePoint now,
                         std::vector<std::pair<std::string, std::string>> args = {});

// After a unit that queued mail or notifications committed: wakes the courier (ctx.courier),
// or, when there is none (tests, tools, demo data), delivers them now, before returning.
void NotifyCourier(const AppContext& ctx);
// The part of NotifyCourier that never blocks, for a write's continuation on the writer's thread:
// wakes the courier if there is one. Without one, the blocking form of the use case (which
// waits for the continuation) delivers with NotifyCourier on its own thread.
void WakeCourier(const AppContext& ctx);

// Whether the server `holder` may send notices now: claims, or renews, the store's "courier"
// lease for kCourierLease. Servers sharing a store take turns this way, so none sends a notice
// another is sending; if the holder stops, another takes over once its lease has run out.
inline constexpr std::chrono::seconds kCourierLease{90};
Result<bool> ClaimCourierLease(const AppContext& ctx, const std::string& holder);

// Sends up to `max_mails` mails of pending notifications; returns how many it sent.
Result<int> DeliverNotifications(const AppContext& ctx, int max_mails);

// The secret of a subscription's links: HMAC of its id and the purpose ("follow" confirms,
// "unsubscribe" ends it) under the server's secret.
std::string SubscriptionToken(const AppContext& ctx, const std::string& purpose,
                              int64_t subscription_id);

// Anyone follows a public petition by e-mail: a mail with a confirmation link; nothing is sent
// to the address before it is confirmed. Following again is harmless.
// `language` is the mails' ("kk", "ru", "en").
Status FollowPetition(const AppContext& ctx, int64_t petition_id, const std::string& email,
                      const std::string& name, const std::string& language = "en");
// The subscription a link names, when its token is right (kNotFound otherwise).
Result<Subscription> SubscriptionOfLink(const AppContext& ctx, const std::string& purpose,
                                        int64_t subscription_id, const std::string& token);
Status ConfirmFollow(const AppContext& ctx, int64_t subscription_id, const std::string& token);
Status Unsubscribe(const AppContext& ctx, int64_t subscription_id, const std::string& token);

}  // namespace petitio
