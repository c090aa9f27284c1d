// GET /api/v1/petitions/{id}/events: the petition's count as Server-Sent Events (event
// "count", data {"signature_count": N}), sent at once and then whenever it changes, so that a
// page shows the count live without anyone reloading it. Counts come from the store's memory
// (Store::CachedCount): watching costs the database nothing.
#pragma once

#include "app/context.h"
#include "http/router.h"

namespace petitio::http {

void AddLiveRoutes(Router& router, const AppContext& ctx);

}  // namespace petitio::http
