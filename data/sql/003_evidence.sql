-- Migration 3: the inspection's working life.  The team and its roles,
-- stage moves, the evidence log with its history and attached files,
-- links from grades to evidence, grade history, the Quality and
-- Consistency Panel's reviews and sign-offs.
-- Portable SQL: plain types, no SQLite-only syntax.

-- Who is on an inspection's team and in what role (app/role.h).
CREATE TABLE team_member (
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  person        TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('lead', 'depute', 'inspector', 'associate',
                  'young-inspector', 'panel', 'partnership-coordinator', 'local-reader')),
  agency        TEXT,
  added_at      TEXT NOT NULL,
  added_by      TEXT NOT NULL,
  PRIMARY KEY (inspection_id, person)
);

-- Every stage move: the latest row (highest id) is the current stage; an
-- inspection without rows is at its programme's first stage.
CREATE TABLE stage_move (
  id            INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  stage         TEXT NOT NULL,
  moved_on      TEXT NOT NULL,
  moved_by      TEXT NOT NULL,
  recorded_at   TEXT NOT NULL
);
CREATE INDEX stage_move_inspection ON stage_move(inspection_id);

-- An attached file, stored once by its SHA-256 in the files directory
-- beside the database (DB.files/HASH).  The original name is metadata only.
CREATE TABLE evidence_file (
  sha256      TEXT PRIMARY KEY,
  size        INTEGER NOT NULL,
  stored_at   TEXT NOT NULL
);

-- The evidence log.  number counts from 1 within an inspection.
CREATE TABLE evidence (
  id              INTEGER PRIMARY KEY,
  inspection_id   INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  number          INTEGER NOT NULL,
  source          TEXT NOT NULL,
  text            TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('no-concern', 'uncertainty', 'concern',
                    'strength', 'improvement')),
  participants    TEXT,
  gathered_on     TEXT,
  recorded_by     TEXT NOT NULL,
  young_inspector INTEGER NOT NULL DEFAULT 0 CHECK (young_inspector IN (0, 1)),
  file_sha256     TEXT REFERENCES evidence_file(sha256),
  file_name       TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (inspection_id, number)
);

CREATE TABLE evidence_qi (
  evidence_id INTEGER NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
  qi_code     TEXT NOT NULL,
  PRIMARY KEY (evidence_id, qi_code)
);

-- Every change to a piece of evidence: who, when, which field, old -> new.
CREATE TABLE evidence_history (
  id          INTEGER PRIMARY KEY,
  evidence_id INTEGER NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  field       TEXT NOT NULL,
  old_value   TEXT,
  new_value   TEXT
);
CREATE INDEX evidence_history_evidence ON evidence_history(evidence_id);

-- The evidence a grade rests on.
CREATE TABLE evaluation_evidence (
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  qi_code       TEXT NOT NULL,
  evidence_id   INTEGER NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
  PRIMARY KEY (inspection_id, qi_code, evidence_id)
);

-- Every grade the team or the panel gave, in order: kind 'team' or 'panel'.
-- evidence is the linked evidence numbers as text ("1,4,7").
CREATE TABLE evaluation_history (
  id            INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  qi_code       TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('team', 'panel')),
  grade         INTEGER NOT NULL,
  rationale     TEXT,
  evidence      TEXT,
  actor         TEXT NOT NULL,
  at            TEXT NOT NULL
);
CREATE INDEX evaluation_history_inspection ON evaluation_history(inspection_id, qi_code);

-- The Quality and Consistency Panel's view of a grade; the final grade is
-- the panel's where it differs from the team's (which is kept).
CREATE TABLE panel_review (
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  qi_code       TEXT NOT NULL,
  grade         INTEGER NOT NULL,
  reason        TEXT NOT NULL,
  reviewer      TEXT NOT NULL,
  reviewed_at   TEXT NOT NULL,
  PRIMARY KEY (inspection_id, qi_code)
);

-- Panel sign-offs.  A sign-off stands until voided by a later change to a
-- grade, a rationale or linked evidence (voided_at, voided_by, void_reason).
CREATE TABLE panel_signoff (
  id            INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  signed_by     TEXT NOT NULL,
  signed_at     TEXT NOT NULL,
  voided_at     TEXT,
  voided_by     TEXT,
  void_reason   TEXT
);
CREATE INDEX panel_signoff_inspection ON panel_signoff(inspection_id);

PRAGMA user_version = 3;
