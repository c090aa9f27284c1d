#include "sqlite_baseline.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdio>

namespace petitio::bench {

InsertRate SqliteInsertRate(const std::string& path, int64_t rows, int batch) {
  InsertRate out;
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return out;
  sqlite3_exec(db,
               "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
               "CREATE TABLE signatures (id INTEGER PRIMARY KEY, petition_id INTEGER NOT NULL,"
               " role TEXT NOT NULL, name TEXT NOT NULL, email TEXT NOT NULL,"
               " identity_hash TEXT NOT NULL, region TEXT NOT NULL, token_hash TEXT NOT NULL,"
               " state TEXT NOT NULL, created_at INTEGER NOT NULL, validated_at INTEGER,"
               " UNIQUE (petition_id, identity_hash));"
               "CREATE INDEX signatures_by_token_hash ON signatures (token_hash);",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO signatures (petition_id, role, name, email, identity_hash,"
                     " region, token_hash, state, created_at, validated_at)"
                     " VALUES (1, 'signer', 'Isla', ?1, ?2, '', ?3, 'validated', ?4, ?4)",
                     -1, &insert, nullptr);
  char email[64];
  char hash[72];
  char token[72];
  const auto start = std::chrono::steady_clock::now();
  for (int64_t done = 0; done < rows;) {
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (int i = 0; i < batch && done < rows; ++i, ++done) {
      std::snprintf(email, sizeof email, "signer%lld@example.org", static_cast<long long>(done));
      std::snprintf(hash, sizeof hash, "%064llx", static_cast<unsigned long long>(done * 7919));
      std::snprintf(token, sizeof token, "%064llx", static_cast<unsigned long long>(done * 104729));
      sqlite3_bind_text(insert, 1, email, -1, nullptr);
      sqlite3_bind_text(insert, 2, hash, -1, nullptr);
      sqlite3_bind_text(insert, 3, token, -1, nullptr);
      sqlite3_bind_int64(insert, 4, 1700000000000 + done);
      sqlite3_step(insert);
      sqlite3_reset(insert);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out.rows = rows;
  sqlite3_finalize(insert);
  sqlite3_close(db);
  return out;
}

}  // namespace petitio::bench
