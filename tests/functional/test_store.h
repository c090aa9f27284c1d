// The store behind a test server's data directory, for the few tests that look at or tamper
// with rows directly: the SQLite file DATA/petitio.db, or, in a PostgreSQL test run
// (tests/support/test_postgres.h), the database made for that directory.
//
// The harness gives every `petitio serve|audit|user|backup --data DIR` of a PostgreSQL run the
// same database through --store (WithTestStore), so restarting a server on DIR finds its data.
// SQL given here must read the same on both engines.
#pragma once

#include <string>
#include <vector>

namespace petitio::testing {

// "" in an SQLite run; else the URL of DIR's database (made on first use).
std::string TestStoreUrl(const std::string& data_dir);

// `args` with "--store URL" added when it is a store command with --data in a PostgreSQL run.
std::vector<std::string> WithTestStore(std::vector<std::string> args);

// Runs statements that return nothing; a failure is reported (ADD_FAILURE) and false returned.
bool ExecStoreSql(const std::string& data_dir, const std::string& sql);
// The rows of one query, each column as text ("NULL" for null).
std::vector<std::vector<std::string>> QueryStore(const std::string& data_dir,
                                                 const std::string& sql);
// The mail the server on `data_dir` has sent: waits (up to `wait_ms`) until every mail its store
// has queued so far is sent, then reads the outbox (ReadOutbox). Mail is queued with what it tells
// and sent right after, so a test reads it here rather than straight from the outbox.
std::vector<std::string> SentMail(const std::string& data_dir, int wait_ms = 30'000);
// Every row of every table, as text: equal snapshots mean an unchanged database.
std::string StoreSnapshot(const std::string& data_dir);

}  // namespace petitio::testing
