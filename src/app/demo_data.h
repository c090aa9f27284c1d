// Demo data for `petitio serve --demo`: neutral example petitions under several profiles, in
// every stage a visitor should be able to see (open with signatures, awaiting moderation,
// gathering sponsors, rejected with a cited ground).
//
// Everything is created through the real use cases, with signers at example.org addresses;
// their mail is read for the confirmation links and then dropped (nobody is there to read
// it). Seeding is skipped when the store already holds petitions, so restarts keep data.
#pragma once

#include "app/context.h"
#include "domain/result.h"

namespace petitio {

Status SeedDemoData(const AppContext& ctx);

}  // namespace petitio
