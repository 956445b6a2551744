-- Migration 9: retention of child-level data.  How long after publication
-- an inspection's child-level data is kept, and a record of each purge
-- (the audit log holds the entry too).  Portable SQL.

-- The retention period in days after the first publication.  inspection_id
-- 0 holds the default for every inspection; a row for an inspection
-- overrides it.  With no row at all the period is 730 days.
CREATE TABLE retention_setting (
  inspection_id INTEGER PRIMARY KEY,
  days          INTEGER NOT NULL CHECK (days >= 0)
);

-- One row per purged inspection: when, by whom, under which period, and
-- how much was removed.
CREATE TABLE purge (
  inspection_id   INTEGER PRIMARY KEY REFERENCES inspection(id),
  purged_at       TEXT NOT NULL,
  actor           TEXT NOT NULL,
  retention_days  INTEGER NOT NULL,
  population_rows INTEGER NOT NULL,
  members         INTEGER NOT NULL,
  notes           INTEGER NOT NULL,
  attachments     INTEGER NOT NULL
);

PRAGMA user_version = 9;
