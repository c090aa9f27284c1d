#include "test_store.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "harness.h"
#include "test_postgres.h"

namespace petitio::testing {

namespace {

using Rows = std::vector<std::vector<std::string>>;

bool SqliteRun(const std::string& data_dir, const std::string& sql, Rows* rows) {
  sqlite3* db = nullptr;
  const std::string path = data_dir + "/petitio.db";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << path;
    sqlite3_close(db);
    return false;
  }
  sqlite3_busy_timeout(db, 5000);
  char* error = nullptr;
  const int rc = sqlite3_exec(
      db, sql.c_str(),
      [](void* out, int n, char** v, char**) {
        if (out == nullptr) return 0;
        std::vector<std::string> row;
        for (int i = 0; i < n; ++i) row.emplace_back(v[i] != nullptr ? v[i] : "NULL");
        static_cast<Rows*>(out)->push_back(std::move(row));
        return 0;
      },
      rows, &error);
  if (rc != SQLITE_OK) ADD_FAILURE() << sql << ": " << (error != nullptr ? error : "failed");
  sqlite3_free(error);
  sqlite3_close(db);
  return rc == SQLITE_OK;
}

bool PostgresRun(const std::string& data_dir, const std::string& sql, Rows* rows) {
  const std::string url = TestStoreUrl(data_dir);
  if (url.empty()) return false;
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    ADD_FAILURE() << "cannot connect to " << url << ": " << PQerrorMessage(conn);
    PQfinish(conn);
    return false;
  }
  PGresult* r = PQexec(conn, sql.c_str());
  const ExecStatusType status = PQresultStatus(r);
  const bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
  if (!ok) ADD_FAILURE() << sql << ": " << PQerrorMessage(conn);
  if (ok && rows != nullptr) {
    for (int i = 0; i < PQntuples(r); ++i) {
      std::vector<std::string> row;
      for (int j = 0; j < PQnfields(r); ++j) {
        row.emplace_back(PQgetisnull(r, i, j) ? "NULL" : PQgetvalue(r, i, j));
      }
      rows->push_back(std::move(row));
    }
  }
  PQclear(r);
  PQfinish(conn);
  return ok;
}

bool Run(const std::string& data_dir, const std::string& sql, Rows* rows) {
  return HavePostgres() ? PostgresRun(data_dir, sql, rows) : SqliteRun(data_dir, sql, rows);
}

}  // namespace

std::string TestStoreUrl(const std::string& data_dir) {
  if (!HavePostgres()) return "";
  std::error_code ec;
  const std::string absolute = std::filesystem::absolute(data_dir, ec).lexically_normal();
  std::string error;
  const std::string url = FreshDatabaseUrl(DatabaseNameFor(absolute), &error);
  if (url.empty()) ADD_FAILURE() << error;
  return url;
}

std::vector<std::string> WithTestStore(std::vector<std::string> args) {
  static const std::set<std::string> kStoreCommands = {"serve", "audit", "user", "backup"};
  if (!HavePostgres() || args.empty() || kStoreCommands.count(args[0]) == 0) return args;
  std::string data_dir;
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--store") return args;
    if (args[i] == "--data") data_dir = args[i + 1];
  }
  if (data_dir.empty()) return args;
  args.push_back("--store");
  args.push_back(TestStoreUrl(data_dir));
  return args;
}

bool ExecStoreSql(const std::string& data_dir, const std::string& sql) {
  return Run(data_dir, sql, nullptr);
}

std::vector<std::vector<std::string>> QueryStore(const std::string& data_dir,
                                                 const std::string& sql) {
  Rows rows;
  Run(data_dir, sql, &rows);
  return rows;
}

std::vector<std::string> SentMail(const std::string& data_dir, int wait_ms) {
  // Mail queued from now on has higher ids: wait only for what is queued already.
  const Rows last = QueryStore(data_dir, "SELECT COALESCE(MAX(id), 0) FROM mail_queue");
  const std::string queued = "SELECT COUNT(*) FROM mail_queue WHERE id <= " +
                             (last.size() == 1 ? last[0][0] : std::string("0"));
  for (int waited = 0;; waited += 10) {
    const Rows rows = QueryStore(data_dir, queued);
    if (rows.size() == 1 && rows[0][0] == "0") break;
    if (waited >= wait_ms) {
      ADD_FAILURE() << "mail still queued after " << wait_ms << " ms";
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return ReadOutbox(data_dir);
}

std::string StoreSnapshot(const std::string& data_dir) {
  const bool pg = HavePostgres();
  const Rows tables =
      QueryStore(data_dir, pg ? "SELECT table_name FROM information_schema.tables"
                                " WHERE table_schema = 'public' ORDER BY 1"
                              : "SELECT name, sql LIKE '%WITHOUT ROWID%' FROM sqlite_master"
                                " WHERE type = 'table' ORDER BY name");
  std::string out;
  for (const auto& t : tables) {
    out += "[" + t[0] + "]\n";
    std::string select = "SELECT * FROM \"" + t[0] + "\"";
    if (pg) {
      select = "SELECT r::text FROM \"" + t[0] + "\" r ORDER BY 1";
    } else if (t[1] != "1") {
      select += " ORDER BY rowid";  // a table without rowids is scanned in its key's order
    }
    for (const auto& row : QueryStore(data_dir, select)) {
      for (const std::string& v : row) out += v + "|";
      out += "\n";
    }
  }
  return out;
}

}  // namespace petitio::testing
