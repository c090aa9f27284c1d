#include "test_postgres.h"

#include <libpq-fe.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>

namespace petitio::testing {

namespace {

std::string AdminUrl(std::string* error) {
  const char* file = std::getenv("PETITIO_TEST_POSTGRES");
  if (file == nullptr || *file == '\0') {
    *error = "PETITIO_TEST_POSTGRES is not set";
    return "";
  }
  std::ifstream in(file);
  std::string url;
  if (!std::getline(in, url) || url.empty()) {
    *error = std::string("no PostgreSQL URL in ") + file + " (is the postgres fixture running?)";
    return "";
  }
  return url;
}

}  // namespace

bool HavePostgres() {
  const char* file = std::getenv("PETITIO_TEST_POSTGRES");
  return file != nullptr && *file != '\0';
}

std::string DatabaseNameFor(const std::string& text) {
  std::string out = "t_";
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += '_';
    }
  }
  const uint64_t h = std::hash<std::string>{}(text);
  const std::string suffix = "_" + std::to_string(h % 1000000007ULL);
  if (out.size() + suffix.size() > 60) out = out.substr(out.size() + suffix.size() - 60);
  if (!out.empty() && out[0] >= '0' && out[0] <= '9') out = "t" + out.substr(1);
  return out + suffix;
}

std::string FreshDatabaseUrl(const std::string& name, std::string* error) {
  const std::string admin = AdminUrl(error);
  if (admin.empty()) return "";
  PGconn* conn = PQconnectdb(admin.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    *error = std::string("cannot connect to ") + admin + ": " + PQerrorMessage(conn);
    PQfinish(conn);
    return "";
  }
  const char* params[] = {name.c_str()};
  PGresult* found = PQexecParams(conn, "SELECT 1 FROM pg_database WHERE datname = $1", 1, nullptr,
                                 params, nullptr, nullptr, 0);
  const bool exists = PQresultStatus(found) == PGRES_TUPLES_OK && PQntuples(found) == 1;
  PQclear(found);
  if (!exists) {
    PGresult* made = PQexec(conn, ("CREATE DATABASE \"" + name + "\"").c_str());
    const bool ok = PQresultStatus(made) == PGRES_COMMAND_OK;
    if (!ok) *error = std::string("CREATE DATABASE ") + name + ": " + PQerrorMessage(conn);
    PQclear(made);
    if (!ok) {
      PQfinish(conn);
      return "";
    }
  }
  PQfinish(conn);
  const size_t slash = admin.rfind('/');
  return admin.substr(0, slash + 1) + name;
}

}  // namespace petitio::testing
