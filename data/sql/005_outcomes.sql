-- Migration 5: outcome indicators by deprivation group, for measuring
-- outcome gaps (SII, RII, PAR, ranges and their trend).
-- Portable SQL: plain types, no SQLite-only syntax.

-- What an indicator is: its measure decides how group values and their
-- intervals are computed; its polarity how a gap is read.
CREATE TABLE outcome_indicator (
  code      TEXT PRIMARY KEY,
  title     TEXT NOT NULL,
  measure   TEXT NOT NULL CHECK (measure IN ('proportion', 'rate', 'count')),
  per       INTEGER NOT NULL DEFAULT 1 CHECK (per >= 1),   -- rate per N (100 for a percentage)
  polarity  TEXT NOT NULL CHECK (polarity IN ('higher-better', 'higher-worse', 'none')),
  source    TEXT,
  updated_at TEXT NOT NULL
);

-- One import of a file: how its deprivation groups were coded is stated
-- on import and kept, with the SIMD version.
CREATE TABLE outcome_import (
  id          INTEGER PRIMARY KEY,
  file_name   TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('aggregate', 'child-level')),
  q1          TEXT NOT NULL CHECK (q1 IN ('most-deprived', 'least-deprived')),
  simd        TEXT NOT NULL CHECK (simd IN ('2016', '2020')),
  rows_read   INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL
);

-- Numerator and denominator of one indicator in one deprivation group of
-- one area and period.  grp is always 1 = most deprived (normalised on
-- import); grp_given is the group as the file coded it.  ngroups is 5
-- (quintiles) or 10 (deciles).  A later import replaces the same cell.
CREATE TABLE outcome_value (
  indicator    TEXT NOT NULL REFERENCES outcome_indicator(code),
  area_code    TEXT NOT NULL,
  area_name    TEXT NOT NULL,
  period       TEXT NOT NULL,
  ngroups      INTEGER NOT NULL CHECK (ngroups IN (5, 10)),
  grp          INTEGER NOT NULL CHECK (grp >= 1 AND grp <= ngroups),
  grp_given    INTEGER NOT NULL,
  numerator    DOUBLE PRECISION NOT NULL CHECK (numerator >= 0),
  denominator  DOUBLE PRECISION NOT NULL CHECK (denominator > 0),
  import_id    INTEGER NOT NULL REFERENCES outcome_import(id),
  PRIMARY KEY (indicator, area_code, period, ngroups, grp)
);
CREATE INDEX outcome_value_area ON outcome_value(area_name);

PRAGMA user_version = 5;
