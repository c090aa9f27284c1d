// The transparency-log API (docs/api.md, docs/transparency-log.md), in Certificate
// Transparency's shapes: the log key, a petition's signed tree head, its entries, and inclusion
// and consistency proofs.
#pragma once

#include "app/context.h"
#include "http/router.h"

namespace petitio::http {

void AddLogRoutes(Router& router, const AppContext& ctx);

}  // namespace petitio::http
