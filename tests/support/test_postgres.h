// The throwaway PostgreSQL cluster of a test run (scripts/test-postgres, started by ctest as the
// `postgres` fixture): PETITIO_TEST_POSTGRES names the file holding its URL.
//
// FreshDatabaseUrl(name) makes the database `name` (letters, digits and '_'; made once, kept
// until the cluster goes) and returns its URL. On failure it returns "" and says why in *error.
#pragma once

#include <string>

namespace petitio::testing {

// Whether this test run has a PostgreSQL cluster (PETITIO_TEST_POSTGRES is set).
bool HavePostgres();

std::string FreshDatabaseUrl(const std::string& name, std::string* error);

// A database name from any text: lower-case letters, digits and '_', at most 60 bytes, with a
// hash of the whole text so that different texts give different names.
std::string DatabaseNameFor(const std::string& text);

}  // namespace petitio::testing
