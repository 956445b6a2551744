-- Migration 19: matters of concern as a procedure.  Each concern has a kind
-- (child protection, about a child, about practice, or a request for a
-- management or learning review) and the last step it has reached; every
-- step made is a row of concern_step (who, when, the date it happened, the
-- reasons or response, the senior officer, the local referral's date).
-- The panel records whether a progress review is needed, when and on what.
-- Existing concerns become "raised" (open) or "closed".  Portable SQL.

ALTER TABLE concern ADD COLUMN kind TEXT NOT NULL DEFAULT 'child'
  CHECK (kind IN ('child-protection', 'child', 'practice', 'review'));
ALTER TABLE concern ADD COLUMN step TEXT NOT NULL DEFAULT 'raised'
  CHECK (step IN ('raised', 'escalated', 'not-escalated', 'passed', 'responded', 'closed'));
ALTER TABLE concern ADD COLUMN step_on TEXT;

CREATE TABLE concern_step (
  id            INTEGER PRIMARY KEY,
  concern_id    INTEGER NOT NULL REFERENCES concern(id) ON DELETE CASCADE,
  step          TEXT NOT NULL
                  CHECK (step IN ('raised', 'escalated', 'not-escalated', 'passed',
                                  'responded', 'closed')),
  actor         TEXT NOT NULL,
  at            TEXT NOT NULL,
  on_date       TEXT NOT NULL,
  note          TEXT,
  officer       TEXT,
  referral_date TEXT
);
CREATE INDEX concern_step_concern ON concern_step(concern_id, id);

-- What was there: every concern was raised; a closed one was closed.
INSERT INTO concern_step (concern_id, step, actor, at, on_date)
  SELECT id, 'raised', raised_by, raised_at, substr(raised_at, 1, 10) FROM concern;
INSERT INTO concern_step (concern_id, step, actor, at, on_date, note)
  SELECT id, 'closed', closed_by, closed_at, substr(closed_at, 1, 10), close_note FROM concern
  WHERE closed_at IS NOT NULL;
UPDATE concern SET step = 'closed', step_on = substr(closed_at, 1, 10)
  WHERE closed_at IS NOT NULL;
UPDATE concern SET step_on = substr(raised_at, 1, 10) WHERE step_on IS NULL;

-- The panel's decision on a progress review (one per inspection).
CREATE TABLE progress_review_need (
  inspection_id INTEGER PRIMARY KEY REFERENCES inspection(id) ON DELETE CASCADE,
  needed        INTEGER NOT NULL CHECK (needed IN (0, 1)),
  due           TEXT,
  focus         TEXT,
  actor         TEXT NOT NULL,
  at            TEXT NOT NULL
);

PRAGMA user_version = 19;
