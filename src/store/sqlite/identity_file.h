// The identity file: the SQLite store's index of who signed, kept in a file of its own beside the
// database (`<database>-identities`) and attached to the writer's connection as `identities`.
//
// Its table, identities.signature_identities, holds one row (petition_id, identity_hash,
// signature_id) per signature, keyed by (petition_id, identity_hash): the writer inserts one
// beside each signature, in the same transaction, and a second signer with the same identity on
// one petition breaks its key (sql::IdentityIndex::kIdentityTable, store/sql/tables.h).
//
// Why a file of its own: identity hashes are random, so each signature's entry lands on a random
// page of an index as large as the petition. In the database file (synchronous = FULL) that page
// went into the signature's commit, was copied back and synced by a checkpoint: a random page
// written twice and synced for every signature. The identity file is written with
// synchronous = OFF: its commits and checkpoints never wait for the disk, and the operating
// system writes its pages back at its own pace.
//
// What it promises, and why that is safe: nothing in it is primary. Every row is derived from
// the signatures table, which is synced with every commit, and the file records which
// signatures it covers (every id up to `upto`), on which boot of the machine it was written, and
// the random key of the database it indexes (table database_key, migration 16).
// - A process that is killed loses nothing the operating system was given, and SQLite commits
//   the database file before the attached one, so the identity file is at worst a batch behind:
//   AttachIdentityFile adds the signatures after `upto`.
// - After the machine restarts (a crash or power loss may have torn a write that was never
//   synced), when the file is missing or unreadable, when it belongs to another database, or
//   when it covers more than the table holds (the database was replaced by an older copy),
//   AttachIdentityFile builds it again from the signatures table.
// - Lookups (sql::SelectSignatureByIdentity) join the signature row and check its identity, so
//   a row that names another signature is never an answer.
#pragma once

#include <cstdint>
#include <string>

#include "domain/result.h"
#include "store/sql/connection.h"
#include "store/sqlite/connection.h"

namespace petitio::sqlite {

// The identity file of the database at `db_path` (":memory:" for an in-memory database).
std::string IdentityFilePath(const std::string& db_path);

// This boot of the machine (Linux: /proc/sys/kernel/random/boot_id); empty when unknown, which
// makes every open rebuild the file.
std::string CurrentBootId();

// What AttachIdentityFile did.
struct IdentityFileReport {
  bool rebuilt = false;  // built again from the signatures table
  int64_t added = 0;     // signatures indexed at the open (all of them when rebuilt)
};

// Attaches the identity file at `path` to `conn` (the writer's connection, outside any
// transaction) as `identities`, creating it, and brings it up to date with the signatures
// table as the header says, for a machine whose boot is `boot_id`.
Result<IdentityFileReport> AttachIdentityFile(SqliteConnection& conn, const std::string& path,
                                              const std::string& boot_id);

// Builds identities.signature_identities again from the signatures table, inside the caller's
// transaction (after an archive is imported); kAlreadyExists if two signatures of a petition
// have the same identity.
Status RebuildIdentities(sql::Connection& conn);

// Records that the identity table covers every signature now in the table; the writer runs it
// in each batch's transaction, just before COMMIT.
Status MarkIdentitiesCovered(sql::Connection& conn);

}  // namespace petitio::sqlite
