// GET /api/v1/petitions/{id}/events: the petition's count as Server-Sent Events (event
// "count", data {"signature_count": N}), sent at once and then whenever it changes, so that a
// page shows the count live without anyone reloading it. Counts come from the store's memory
// (Store::CachedCount): watching costs the database nothing.
//
// Each open stream is polled for a change at the live-count cadence, which stretches with the
// audience so that all of them together get at most kLiveCountEventsPerSecond events a second:
// a quarter of a second up to 1,000 watchers, a second at 4,000, 15 s at 60,000 and no slower
// past that (a count that moves once a minute is no longer live: so many watchers want more
// servers). So a viral petition's watchers cost the server a bounded share of it, and each still
// gets the count at once when it connects.
#pragma once

#include <chrono>
#include <cstdint>

#include "app/context.h"
#include "http/router.h"

namespace petitio::http {

inline constexpr int64_t kLiveCountEventsPerSecond = 4000;

// How long each of `watchers` open streams waits between polls.
std::chrono::milliseconds LiveCountCadence(int64_t watchers);

void AddLiveRoutes(Router& router, const AppContext& ctx);

}  // namespace petitio::http
