// Open data at stable addresses (docs/api.md, "Open data"):
//   GET /petitions.csv        every public petition, one row each (RFC 4180);
//   GET /petitions.json       public petitions in the shape of the UK e-petitions site's list
//                             (data[].attributes…; ?state=open|closed|rejected, ?page=N of 50);
//   GET /petitions/{id}.json  one petition in the shape of the UK site's petition JSON
//                             (data.attributes.signature_count, signatures_by_country,
//                             signatures_by_region, …), so tools written for that site read it.
// The full native JSON stays at /api/v1/petitions/{id}.
#pragma once

#include "app/context.h"
#include "http/router.h"

namespace petitio::http {

// Registered before the petition pages: "/petitions/{id}.json" must win over "/petitions/{id}".
void AddOpenDataRoutes(Router& router, const AppContext& ctx);

}  // namespace petitio::http
