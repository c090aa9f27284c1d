// Demo data for `petitio serve --demo`: neutral example petitions under several profiles, in
// every stage a visitor should be able to see (open with signatures, awaiting moderation,
// gathering sponsors, rejected with a cited ground).
//
// Everything is created through the real use cases, with signers at example.org addresses;
// their mail is read for the confirmation links and then dropped (nobody is there to read
// it). Seeding is skipped when the store already holds petitions, so restarts keep data.
// With the petitions come four staff accounts, one per role (admin, moderator, an officer of
// the authority "demo-ministry", an organisation), all with kDemoPassword: a demo on
// loopback only, never a site people use.
#pragma once

#include "app/context.h"
#include "domain/result.h"

namespace petitio {

inline constexpr const char* kDemoPassword = "petitio-demo-password";

Status SeedDemoData(const AppContext& ctx);

}  // namespace petitio
