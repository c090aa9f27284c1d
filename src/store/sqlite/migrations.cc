#include "store/sqlite/migrations.h"

#include "store/sql/tables.h"

namespace petitio::sqlite {

namespace {

// Version 1: the initial schema. Times are INTEGER milliseconds since the Unix epoch (UTC);
// enums are their text names. Integer primary keys are rowids, so rows stay in insertion
// (time) order on disk.
constexpr const char* kV1 = R"sql(
CREATE TABLE petitions (
  id                     INTEGER PRIMARY KEY,
  profile_id             TEXT    NOT NULL,
  title                  TEXT    NOT NULL,
  text                   TEXT    NOT NULL,
  addressee              TEXT    NOT NULL,
  initiator_name         TEXT    NOT NULL,
  initiator_email        TEXT    NOT NULL,
  sponsor_token          TEXT    NOT NULL,
  state                  TEXT    NOT NULL,
  signature_count        INTEGER NOT NULL,
  sponsor_count          INTEGER NOT NULL,
  created_at             INTEGER NOT NULL,
  opened_at              INTEGER,
  closes_at              INTEGER,
  closed_at              INTEGER,
  moderation_decision    TEXT,
  moderation_ground_code TEXT,
  moderation_reason      TEXT,
  moderation_decided_at  INTEGER
);
CREATE INDEX petitions_by_state ON petitions (state);
CREATE INDEX petitions_open_by_closes_at ON petitions (closes_at) WHERE state = 'open';

CREATE TABLE signatures (
  id           INTEGER PRIMARY KEY,
  petition_id  INTEGER NOT NULL REFERENCES petitions (id),
  role         TEXT    NOT NULL,
  name         TEXT    NOT NULL,
  email        TEXT    NOT NULL,
  email_hash   TEXT    NOT NULL,
  region       TEXT    NOT NULL,
  token_hash   TEXT    NOT NULL,
  state        TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  validated_at INTEGER,
  UNIQUE (petition_id, email_hash)
);
CREATE INDEX signatures_by_token_hash ON signatures (token_hash);

CREATE TABLE timeline (
  petition_id INTEGER NOT NULL REFERENCES petitions (id),
  seq         INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  kind        TEXT    NOT NULL,
  detail      TEXT    NOT NULL,
  PRIMARY KEY (petition_id, seq)
);

CREATE TABLE threshold_crossings (
  petition_id INTEGER NOT NULL REFERENCES petitions (id),
  idx         INTEGER NOT NULL,
  count       INTEGER NOT NULL,
  reached_at  INTEGER NOT NULL,
  PRIMARY KEY (petition_id, idx)
);
)sql";

// Version 2: statutory time. Addressee levels, the start of each pre-publication stage and the
// registration with the addressee, and the extensions officers record on a stage's clock.
constexpr const char* kV2 = R"sql(
ALTER TABLE petitions ADD COLUMN addressee_level TEXT NOT NULL DEFAULT '';
ALTER TABLE petitions ADD COLUMN addressee_region TEXT NOT NULL DEFAULT '';
ALTER TABLE petitions ADD COLUMN moderation_started_at INTEGER;
ALTER TABLE petitions ADD COLUMN sponsors_started_at INTEGER;
ALTER TABLE petitions ADD COLUMN registered_at INTEGER;

CREATE TABLE deadline_extensions (
  petition_id INTEGER NOT NULL REFERENCES petitions (id),
  seq         INTEGER NOT NULL,
  stage       TEXT    NOT NULL,
  amount      INTEGER NOT NULL,
  unit        TEXT    NOT NULL,
  reason      TEXT    NOT NULL,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (petition_id, seq)
);
)sql";

// Version 3: signers are recognised by a hash of whichever identity their profile asks for
// (e-mail or national id), and validated signatures are counted by region as they come.
constexpr const char* kV3 = R"sql(
ALTER TABLE signatures RENAME COLUMN email_hash TO identity_hash;

CREATE TABLE region_counts (
  petition_id INTEGER NOT NULL REFERENCES petitions (id),
  region      TEXT    NOT NULL,
  count       INTEGER NOT NULL,
  PRIMARY KEY (petition_id, region)
);
INSERT INTO region_counts (petition_id, region, count)
  SELECT petition_id, region, COUNT(*) FROM signatures WHERE state = 'validated'
  GROUP BY petition_id, region;
)sql";

// Version 4: fraud controls. Where a signature came from (moderators only) and its e-mail
// domain, for trending views and bulk invalidation; and the public record of invalidations.
constexpr const char* kV4 = R"sql(
ALTER TABLE signatures ADD COLUMN ip TEXT NOT NULL DEFAULT '';
ALTER TABLE signatures ADD COLUMN subnet TEXT NOT NULL DEFAULT '';
ALTER TABLE signatures ADD COLUMN email_domain TEXT NOT NULL DEFAULT '';
CREATE INDEX signatures_by_petition_time ON signatures (petition_id, created_at);

CREATE TABLE invalidations (
  petition_id INTEGER NOT NULL REFERENCES petitions (id),
  seq         INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  matched_by  TEXT    NOT NULL,
  detail      TEXT    NOT NULL,
  count       INTEGER NOT NULL,
  reason      TEXT    NOT NULL,
  PRIMARY KEY (petition_id, seq)
);
)sql";

// Version 5: when a petition's contact data (e-mail and signing addresses) was erased.
constexpr const char* kV5 = R"sql(
ALTER TABLE petitions ADD COLUMN contact_erased_at INTEGER;
)sql";

// Version 6: the transparency log of each petition (docs/transparency-log.md): its leaves,
// the hashes of its perfect subtrees (level 0 = leaf hashes), its size, and which entry each
// counted signature is.
constexpr const char* kV6 = R"sql(
ALTER TABLE petitions ADD COLUMN log_size INTEGER NOT NULL DEFAULT 0;
ALTER TABLE signatures ADD COLUMN log_index INTEGER;
CREATE TABLE log_entries (
  petition_id INTEGER NOT NULL REFERENCES petitions (id),
  idx         INTEGER NOT NULL,
  leaf        BLOB    NOT NULL,
  PRIMARY KEY (petition_id, idx)
);
CREATE TABLE log_nodes (
  petition_id INTEGER NOT NULL REFERENCES petitions (id),
  level       INTEGER NOT NULL,
  idx         INTEGER NOT NULL,
  hash        BLOB    NOT NULL,
  PRIMARY KEY (petition_id, level, idx)
);
)sql";

// Version 7: staff accounts, their sessions and API tokens; moderation locks; the authority's
// consideration records; organisations' statements; the petition's authority, registration
// number and decision.
constexpr const char* kV7 = R"sql(
ALTER TABLE petitions ADD COLUMN authority TEXT NOT NULL DEFAULT '';
ALTER TABLE petitions ADD COLUMN registration_number TEXT NOT NULL DEFAULT '';
ALTER TABLE petitions ADD COLUMN decided_at INTEGER;
ALTER TABLE petitions ADD COLUMN decision TEXT NOT NULL DEFAULT '';
CREATE TABLE accounts (
  id            INTEGER PRIMARY KEY,
  email         TEXT    NOT NULL UNIQUE,
  name          TEXT    NOT NULL,
  role          TEXT    NOT NULL,
  authority     TEXT    NOT NULL,
  organisation  TEXT    NOT NULL,
  password_hash TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sessions (
  token_hash TEXT    PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  csrf       TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE api_tokens (
  token_hash TEXT    PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  label      TEXT    NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE moderation_locks (
  petition_id INTEGER PRIMARY KEY REFERENCES petitions (id),
  account_id  INTEGER NOT NULL REFERENCES accounts (id),
  locked_at   INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
);
CREATE TABLE consideration_records (
  id           INTEGER PRIMARY KEY,
  petition_id  INTEGER NOT NULL REFERENCES petitions (id),
  kind         TEXT    NOT NULL,
  date         TEXT    NOT NULL,
  recorded_at  INTEGER NOT NULL,
  recorded_by  INTEGER NOT NULL REFERENCES accounts (id),
  number       TEXT    NOT NULL,
  members      TEXT    NOT NULL,
  place        TEXT    NOT NULL,
  agenda       TEXT    NOT NULL,
  participants TEXT    NOT NULL,
  minutes      TEXT    NOT NULL,
  summary      TEXT    NOT NULL,
  attachments  TEXT    NOT NULL,
  outcome      TEXT    NOT NULL,
  answer       TEXT    NOT NULL,
  measures     TEXT    NOT NULL
);
CREATE INDEX consideration_by_petition ON consideration_records (petition_id, id);
CREATE TABLE statements (
  id                   INTEGER PRIMARY KEY,
  petition_id          INTEGER NOT NULL REFERENCES petitions (id),
  organisation_account INTEGER NOT NULL REFERENCES accounts (id),
  organisation         TEXT    NOT NULL,
  position             TEXT    NOT NULL,
  text                 TEXT    NOT NULL,
  refs                 TEXT    NOT NULL,
  filed_at             INTEGER NOT NULL,
  reply_text           TEXT,
  reply_at             INTEGER,
  reply_by             INTEGER REFERENCES accounts (id)
);
CREATE INDEX statements_by_petition ON statements (petition_id, id);
)sql";

// Version 8: who hears about a petition by mail, and the notices still to send.
constexpr const char* kV8 = R"sql(
CREATE TABLE subscriptions (
  id              INTEGER PRIMARY KEY,
  petition_id     INTEGER NOT NULL REFERENCES petitions (id),
  email           TEXT    NOT NULL,
  name            TEXT    NOT NULL,
  kind            TEXT    NOT NULL,
  confirmed       INTEGER NOT NULL,
  created_at      INTEGER NOT NULL,
  unsubscribed_at INTEGER,
  UNIQUE (petition_id, email)
);
CREATE TABLE notifications (
  id          INTEGER PRIMARY KEY,
  petition_id INTEGER NOT NULL REFERENCES petitions (id),
  kind        TEXT    NOT NULL,
  subject     TEXT    NOT NULL,
  body        TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  cursor      INTEGER NOT NULL DEFAULT 0,
  done        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX notifications_pending ON notifications (id) WHERE done = 0;
)sql";

// 9: languages. A petition's text keeps the language it was written in; a subscriber gets mail
// in the language of the page they subscribed on.
constexpr const char* kV9 = R"sql(
ALTER TABLE petitions ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE subscriptions ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
)sql";

// 10: a notice's values by name, so each subscriber reads it in their own language.
constexpr const char* kV10 = R"sql(
ALTER TABLE notifications ADD COLUMN args TEXT NOT NULL DEFAULT '';
)sql";

// 11: leases on background work, so that servers sharing a store take turns sending notices.
constexpr const char* kV11 = R"sql(
CREATE TABLE job_leases (
  job        TEXT    PRIMARY KEY,
  holder     TEXT    NOT NULL,
  expires_at INTEGER NOT NULL
);
)sql";

// 12: mail waiting for the relay, written with what it tells and deleted once sent
// (domain/queued_mail.h).
constexpr const char* kV12 = R"sql(
CREATE TABLE mail_queue (
  id              INTEGER PRIMARY KEY,
  sender          TEXT    NOT NULL,
  to_name         TEXT    NOT NULL,
  to_address      TEXT    NOT NULL,
  subject         TEXT    NOT NULL,
  body            TEXT    NOT NULL,
  created_at      INTEGER NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL
);
CREATE INDEX mail_queue_due ON mail_queue (next_attempt_at);
)sql";

// 13: the queue is read in the order it falls due, straight from its index: a backlog of a
// million mails after a relay outage is not sorted for every batch.
constexpr const char* kV13 = R"sql(
DROP INDEX mail_queue_due;
CREATE INDEX mail_queue_due ON mail_queue (next_attempt_at, id);
)sql";

// 14: a signature's link token names the signature (domain/signature_token.h), which is found by
// its id: the index of token hashes, one random B-tree page written per signature, goes. The
// tokens already mailed are still found, through a table of the hashes stored until now.
constexpr const char* kV14 = R"sql(
CREATE TABLE legacy_signature_tokens (
  token_hash   TEXT    PRIMARY KEY,
  signature_id INTEGER NOT NULL
);
DROP INDEX signatures_by_token_hash;
)sql";

// 15: the transparency log's tables keep their rows in their primary key's order, without a
// rowid: an entry or a node was written to two B-trees (the rowid table and the key's index),
// three to six rows for each signature counted; now to one. Their rows move once.
constexpr const char* kV15 = R"sql(
CREATE TABLE log_entries_by_key (
  petition_id INTEGER NOT NULL REFERENCES petitions (id),
  idx         INTEGER NOT NULL,
  leaf        BLOB    NOT NULL,
  PRIMARY KEY (petition_id, idx)
) WITHOUT ROWID;
INSERT INTO log_entries_by_key (petition_id, idx, leaf)
  SELECT petition_id, idx, leaf FROM log_entries ORDER BY petition_id, idx;
DROP TABLE log_entries;
ALTER TABLE log_entries_by_key RENAME TO log_entries;

CREATE TABLE log_nodes_by_key (
  petition_id INTEGER NOT NULL REFERENCES petitions (id),
  level       INTEGER NOT NULL,
  idx         INTEGER NOT NULL,
  hash        BLOB    NOT NULL,
  PRIMARY KEY (petition_id, level, idx)
) WITHOUT ROWID;
INSERT INTO log_nodes_by_key (petition_id, level, idx, hash)
  SELECT petition_id, level, idx, hash FROM log_nodes ORDER BY petition_id, level, idx;
DROP TABLE log_nodes;
ALTER TABLE log_nodes_by_key RENAME TO log_nodes;
)sql";

// 16: who signed is found through the identity file (store/sqlite/identity_file.h), a table of its
// own kept beside the database, not through a unique index of this file: that index put one
// random page of an index as large as the petition into every signature's commit, written to
// the WAL, copied back and synced at each checkpoint. SQLite cannot drop a table's UNIQUE
// constraint, so the table is rebuilt without it, its rows in the same order. The database gets a
// random key of its own, which the identity file records: a file from another database (a
// backup of another store copied in) is never taken for this one's.
constexpr const char* kV16 = R"sql(
CREATE TABLE signatures_without_unique (
  id            INTEGER PRIMARY KEY,
  petition_id   INTEGER NOT NULL REFERENCES petitions (id),
  role          TEXT    NOT NULL,
  name          TEXT    NOT NULL,
  email         TEXT    NOT NULL,
  identity_hash TEXT    NOT NULL,
  region        TEXT    NOT NULL,
  token_hash    TEXT    NOT NULL,
  state         TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  validated_at  INTEGER,
  ip            TEXT    NOT NULL DEFAULT '',
  subnet        TEXT    NOT NULL DEFAULT '',
  email_domain  TEXT    NOT NULL DEFAULT '',
  log_index     INTEGER
);
INSERT INTO signatures_without_unique (id, petition_id, role, name, email, identity_hash, region,
    token_hash, state, created_at, validated_at, ip, subnet, email_domain, log_index)
  SELECT id, petition_id, role, name, email, identity_hash, region, token_hash, state, created_at,
    validated_at, ip, subnet, email_domain, log_index FROM signatures ORDER BY id;
DROP TABLE signatures;
ALTER TABLE signatures_without_unique RENAME TO signatures;
CREATE INDEX signatures_by_petition_time ON signatures (petition_id, created_at);
CREATE TABLE database_key (key TEXT NOT NULL);
INSERT INTO database_key (key) VALUES (lower(hex(randomblob(16))));
)sql";

}  // namespace

const std::vector<Migration>& StoreMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1, kV1},   {2, kV2},
      {3, kV3},   {4, kV4},
      {5, kV5},   {6, kV6},
      {7, kV7},   {8, kV8},
      {9, kV9},   {10, kV10},
      {11, kV11}, {12, kV12},
      {13, kV13}, {14, std::string(kV14) + sql::kIndexLegacySignatureTokensSql + ";"},
      {15, kV15}, {16, kV16},
  };
  return kMigrations;
}

}  // namespace petitio::sqlite
