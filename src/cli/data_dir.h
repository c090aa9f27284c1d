// The data directory given by --data: it holds the SQLite database (petitio.db), the server's
// secret key (secret.key), the transparency logs' Ed25519 signing key (log.key) — both created
// at first start, mode 0600 — the mail outbox (outbox/), the couriers' names
// (courier-N.name) and, on SQLite, the running server's lock (serve.lock).
#pragma once

#include <memory>
#include <string>

#include "domain/crypto.h"
#include "domain/result.h"
#include "domain/tree_head.h"

namespace petitio {

// Creates the directory (and parents) if missing.
Status EnsureDataDir(const std::string& dir);
// Reads DIR/secret.key, or creates it with fresh random bytes when absent.
Result<SecretKey> LoadOrCreateSecret(const std::string& dir);
// Reads DIR/log.key (64 bytes), or creates it with a fresh Ed25519 key when absent.
Result<LogKey> LoadOrCreateLogKey(const std::string& dir);

// The name a server's courier sends queued mail under (app/mail_queue.h), the same across
// restarts: DIR/courier-N.name holds a random name, and the server holds an exclusive lock on
// the first file no running server holds, for as long as `lock` is open. So a server restarted
// after a crash sends the mail it had queued at once, and servers sharing a directory never share
// a name.
struct CourierName {
  std::string name;
  std::shared_ptr<void> lock;  // closes the locked file when the last copy goes
};
Result<CourierName> ClaimCourierName(const std::string& dir);

// On SQLite one server owns the store: it keeps counts, petition states and petitions' public
// JSON in memory, up to date with its own commits only (docs/scaling.md). While the returned
// lock is held (an exclusive lock on DIR/serve.lock, let go when the process ends, a crash
// included), a second server on DIR is refused (kConflict, saying so); the CLI's other commands
// do not take it. Several servers need PostgreSQL.
Result<std::shared_ptr<void>> ClaimSqliteServer(const std::string& dir);

}  // namespace petitio
