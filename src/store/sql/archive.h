// The portable archive of a store (Store::Export / Store::Import), the same for every engine.
//
// JSON Lines, UTF-8, one JSON value per line:
//   {"format":"petitio-archive","version":1}
//   {"table":"petitions","columns":["id","profile_id",...]}
//   [1,"kz",...]                                   one array per row, in key order
//   ...                                            the next table's header, its rows...
//   {"end":true,"rows":N}                          N: rows in the whole archive
// Values are JSON integers, strings and null; byte strings (transparency-log leaves and subtree
// hashes) are base64. The tables are the durable records, parents first: accounts, api_tokens,
// petitions, signatures (with their pseudonyms: identity and token hashes), the transparency
// log (entries and subtree hashes, so every root survives bit for bit), timeline, threshold
// crossings, extensions, region counts, invalidations, consideration records, statements,
// subscriptions, notifications. Sessions, moderation locks, leases and engine bookkeeping stay
// behind, as do the server's keys (they live in the data directory). Rows keep their ids.
// Exporting the same records from any engine gives the same bytes (on PostgreSQL when the
// database's collation is C or C.UTF-8; another orders the rows of text keys otherwise, which
// changes no record).
#pragma once

#include <cstdint>
#include <istream>
#include <ostream>

#include "domain/result.h"
#include "store/sql/connection.h"
#include "store/sql/count_cache.h"
#include "store/store.h"

namespace petitio::sql {

// Writes every archived table of `conn`; the caller holds one snapshot for the whole run.
Status WriteArchive(Connection& conn, std::ostream& out);

// Inserts every row of the archive through `conn` (inside the caller's transaction), after
// checking that the store has no petitions and no accounts. A malformed or truncated archive,
// or one from another schema, is kInvalidArgument and the caller rolls back. `counts` receives
// every imported petition's signature_count.
Result<ImportSummary> ReadArchive(Connection& conn, std::istream& in, CountChanges& counts);

}  // namespace petitio::sql
