-- Migration 17: the fieldwork plan.  The engagement week and the fieldwork
-- weeks as scheduled activities, each with how many people of each kind
-- took part (never their names); evidence records the activity it came
-- from.  Portable SQL.

CREATE TABLE fieldwork_activity (
  id             INTEGER PRIMARY KEY,
  inspection_id  INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  number         INTEGER NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('focus-group', 'interview',
                   'partnership-discussion', 'observation', 'case-discussion',
                   'young-inspectors')),
  held_on        TEXT NOT NULL,
  place          TEXT NOT NULL,
  lead           TEXT NOT NULL,
  agencies       TEXT,
  roles          TEXT,
  staff          INTEGER NOT NULL DEFAULT 0 CHECK (staff >= 0),
  leaders        INTEGER NOT NULL DEFAULT 0 CHECK (leaders >= 0),
  children       INTEGER NOT NULL DEFAULT 0 CHECK (children >= 0),
  young_people   INTEGER NOT NULL DEFAULT 0 CHECK (young_people >= 0),
  parents_carers INTEGER NOT NULL DEFAULT 0 CHECK (parents_carers >= 0),
  status         TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held',
                   'cancelled')),
  cancel_reason  TEXT,
  created_by     TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  UNIQUE (inspection_id, number)
);

-- The activity a piece of evidence was recorded from (NULL: none).
ALTER TABLE evidence ADD COLUMN activity_id INTEGER REFERENCES fieldwork_activity(id);
CREATE INDEX evidence_activity ON evidence(activity_id);

PRAGMA user_version = 17;
