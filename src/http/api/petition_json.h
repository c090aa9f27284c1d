// JSON shapes of the API (docs/api.md documents them): petitions in full and in lists,
// profiles. Times are RFC 3339 UTC strings; absent times are null.
#pragma once

#include <string>
#include <vector>

#include "app/queries.h"
#include "domain/petition.h"
#include "domain/profile.h"

namespace petitio::http {

// Moderators' view of where recent signatures come from.
std::string TrendingJson(const Trending& t, int window_minutes);

std::string PetitionJson(const PetitionView& view, const std::string& public_url);
std::string PetitionListJson(const std::vector<Petition>& petitions, const std::string& public_url);
// The moderation queue: each petition's list fields, `moderation_deadline` (as in `deadlines`)
// and `lock: {account_id, locked_by, expires_at}` or null.
std::string ModerationQueueJson(const std::vector<QueueItem>& items, const std::string& public_url);
std::string ProfilesJson(const std::vector<const Profile*>& profiles);

}  // namespace petitio::http
