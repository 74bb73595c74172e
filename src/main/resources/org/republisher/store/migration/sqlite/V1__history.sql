-- The history store, version 1 (SQLite). One logical schema with postgresql/V1__history.sql:
-- instants are epoch seconds, JSON is text, lists are JSON arrays.

-- Every article ever seen, in the order first seen (seq only grows: AUTOINCREMENT never reuses).
CREATE TABLE article (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  article_key     TEXT    NOT NULL UNIQUE,
  id              TEXT    NOT NULL,
  source_id       TEXT    NOT NULL,
  first_seen      BIGINT  NOT NULL,
  published       BIGINT  NOT NULL,
  updated         BIGINT  NOT NULL,
  hash            TEXT    NOT NULL,
  publication     TEXT,
  language        TEXT,
  categories      TEXT    NOT NULL,
  article_json    TEXT    NOT NULL,
  normalized_json TEXT    NOT NULL,
  normalized_with TEXT    NOT NULL
);

-- What each source gave last time: article key to the hash of its version.
CREATE TABLE sighting (
  source_id   TEXT NOT NULL,
  article_key TEXT NOT NULL,
  hash        TEXT NOT NULL,
  PRIMARY KEY (source_id, article_key)
) WITHOUT ROWID;

-- The fetch state of each source, and who holds its lease.
CREATE TABLE source (
  source_id     TEXT    NOT NULL PRIMARY KEY,
  etag          TEXT,
  last_modified TEXT,
  body_hash     TEXT,
  last_attempt  BIGINT,
  last_success  BIGINT,
  failures      INTEGER NOT NULL DEFAULT 0,
  next_fetch    BIGINT,
  last_status   INTEGER NOT NULL DEFAULT -1,
  last_error    TEXT,
  lease_owner   TEXT,
  lease_until   BIGINT
);

CREATE INDEX source_next_fetch ON source (next_fetch);
