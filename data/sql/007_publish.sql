-- Migration 7: publication settings and frozen report versions.
-- Portable SQL: plain types, no SQLite-only syntax.

-- Settings for published outputs.  inspection_id 0 holds the defaults for
-- every inspection (the inspectorate's name, its logo file); a row for an
-- inspection overrides them (e.g. its disclosure threshold).
CREATE TABLE publication_setting (
  inspection_id INTEGER NOT NULL,
  name          TEXT NOT NULL CHECK (name IN ('organisation', 'logo', 'threshold')),
  value         TEXT NOT NULL,
  PRIMARY KEY (inspection_id, name)
);

-- A published version of an inspection's report.  Rows are only ever
-- inserted: a published report is never changed, only superseded by a new
-- version that names the one it replaces and why.
CREATE TABLE publication (
  id            INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspection(id),
  version       INTEGER NOT NULL,
  published_at  TEXT NOT NULL,
  actor         TEXT NOT NULL,
  supersedes    INTEGER REFERENCES publication(id),
  reason        TEXT,
  UNIQUE (inspection_id, version)
);

-- The files of a published version, with their SHA-256 and contents.
CREATE TABLE publication_file (
  publication_id INTEGER NOT NULL REFERENCES publication(id),
  name           TEXT NOT NULL,
  sha256         TEXT NOT NULL,
  size           INTEGER NOT NULL,
  content        BLOB NOT NULL,
  PRIMARY KEY (publication_id, name)
);

PRAGMA user_version = 7;
