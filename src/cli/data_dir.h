// The data directory given by --data: it holds the SQLite database (petitio.db), the server's
// secret key (secret.key), the transparency logs' Ed25519 signing key (log.key) — both created
// at first start, mode 0600 — and the mail outbox (outbox/).
#pragma once

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

}  // namespace petitio
