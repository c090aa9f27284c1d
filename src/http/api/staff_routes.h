// The staff API (docs/api.md, "Staff"): the first admin's bootstrap, logins and API tokens,
// accounts, moderation locks, authorities, consideration records, statements and replies.
#pragma once

#include "app/context.h"
#include "http/router.h"

namespace petitio::http {

void AddStaffRoutes(Router& router, const AppContext& ctx);

}  // namespace petitio::http
