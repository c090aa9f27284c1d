// AppContext: what every use case is given: the store, the clock, the mailer, the profiles,
// the server's secret key, the site's public address, and the signing rate limiter. Use cases are
// free functions taking an AppContext; they are the only code that sequences domain rules and store
// writes.
//
// The referenced objects must outlive the context. Use cases are safe to call concurrently:
// all their writes go through Store::Write units.
#pragma once

#include <string>

#include "app/rate_limiter.h"
#include "domain/clock.h"
#include "domain/crypto.h"
#include "domain/profile.h"
#include "domain/tree_head.h"
#include "identity/id_token.h"
#include "mail/mailer.h"
#include "store/store.h"

namespace petitio {

class SeriesCache;  // app/series_cache.h

// Sends queued mail and notifications in the background (app/mail_queue.h,
// app/notifications.h); Wake says there is work. `name` tells this server's queued mail apart
// from other servers' sharing the store.
class Courier {
 public:
  virtual ~Courier() = default;
  virtual void Wake() = 0;
  virtual const std::string& name() const = 0;
};

struct AppContext {
  Store& store;
  const Clock& clock;
  Mailer& mailer;
  const ProfileRegistry& profiles;
  SecretKey secret;
  std::string public_url;                // "http://127.0.0.1:8080", no trailing slash
  std::string admin_token;               // empty: moderation disabled
  RateLimiter* limiter = nullptr;        // null: signing is not rate-limited
  const IdTokenVerifier* idp = nullptr;  // null: no identity provider configured
  const LogKey* log_key = nullptr;       // signs tree heads; null: heads are not served
  Courier* courier = nullptr;            // null: queued mail is delivered in the request
  SeriesCache* series_cache = nullptr;   // null: signature series computed on every request
};

}  // namespace petitio
