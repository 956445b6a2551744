-- Migration 1: frameworks, inspections, evaluations, findings.
-- Portable SQL: plain types, no SQLite-only syntax, so that the planned
-- PostgreSQL backend can run the same statements.

CREATE TABLE framework (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  title       TEXT NOT NULL,
  programme   TEXT NOT NULL,
  note        TEXT,
  scale_code  TEXT NOT NULL,
  scale_name  TEXT NOT NULL,
  builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1))
);

CREATE TABLE scale_level (
  framework_id INTEGER NOT NULL REFERENCES framework(id) ON DELETE CASCADE,
  value        INTEGER NOT NULL,
  label        TEXT NOT NULL,
  short_desc   TEXT NOT NULL,
  description  TEXT NOT NULL,
  PRIMARY KEY (framework_id, value)
);

CREATE TABLE key_question (
  framework_id INTEGER NOT NULL REFERENCES framework(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  code         TEXT NOT NULL,
  title        TEXT NOT NULL,
  PRIMARY KEY (framework_id, code)
);

CREATE TABLE quality_indicator (
  framework_id INTEGER NOT NULL REFERENCES framework(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  code         TEXT NOT NULL,
  title        TEXT NOT NULL,
  kq_code      TEXT NOT NULL,
  evaluated    INTEGER NOT NULL CHECK (evaluated IN (0, 1)),
  uncertain    INTEGER NOT NULL CHECK (uncertain IN (0, 1)),
  note         TEXT,
  PRIMARY KEY (framework_id, code),
  FOREIGN KEY (framework_id, kq_code) REFERENCES key_question(framework_id, code)
);

CREATE TABLE inspection (
  id               INTEGER PRIMARY KEY,
  partnership      TEXT NOT NULL,
  title            TEXT NOT NULL,
  framework_id     INTEGER NOT NULL REFERENCES framework(id),
  notified         TEXT,
  fieldwork_from   TEXT,
  fieldwork_to     TEXT,
  published        TEXT,
  context          TEXT,
  confidence       TEXT,
  confidence_text  TEXT,
  created_at       TEXT NOT NULL
);

CREATE TABLE inspection_agency (
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  name          TEXT NOT NULL,
  PRIMARY KEY (inspection_id, position)
);

CREATE TABLE inspection_method (
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  text          TEXT NOT NULL,
  PRIMARY KEY (inspection_id, position)
);

CREATE TABLE evaluation (
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  qi_code       TEXT NOT NULL,
  grade         INTEGER NOT NULL,
  rationale     TEXT,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (inspection_id, qi_code)
);

CREATE TABLE finding (
  id            INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK (kind IN ('strength', 'improvement')),
  text          TEXT NOT NULL,
  created_at    TEXT NOT NULL
);

CREATE TABLE finding_qi (
  finding_id INTEGER NOT NULL REFERENCES finding(id) ON DELETE CASCADE,
  qi_code    TEXT NOT NULL,
  PRIMARY KEY (finding_id, qi_code)
);

CREATE INDEX finding_inspection ON finding(inspection_id);

-- The audit log: every change, view of child-level data and export, with
-- who, when, what and from where.  Each entry's hash covers the previous
-- entry's hash, so an edited or deleted entry breaks the chain
-- (cairn audit verify).
CREATE TABLE audit (
  id            INTEGER PRIMARY KEY,
  at            TEXT NOT NULL,
  actor         TEXT NOT NULL,
  origin        TEXT NOT NULL,
  action        TEXT NOT NULL,
  inspection_id INTEGER,
  subject       TEXT,
  detail        TEXT,
  prev_hash     TEXT NOT NULL,
  hash          TEXT NOT NULL
);

PRAGMA user_version = 1;
