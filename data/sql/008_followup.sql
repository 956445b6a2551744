-- Migration 8: follow-up and the national picture.
--   * published results of earlier inspections (cairn history import), kept
--     per indicator where the indicator is known and as counts per level
--     where only counts were published;
--   * joint action plans against the areas for improvement (cairn action);
--   * progress reviews with progress judgements and re-evaluations
--     (cairn review).
-- Portable SQL: plain types, no SQLite-only syntax.

-- One published grade of one indicator.  published is as precise as the
-- source allows: YYYY, YYYY-MM or YYYY-MM-DD.  basis 'inferred' marks a
-- grade deduced (e.g. by elimination) rather than read in the source.
CREATE TABLE history_grade (
  id            INTEGER PRIMARY KEY,
  partnership   TEXT NOT NULL,
  published     TEXT NOT NULL,
  framework_id  INTEGER NOT NULL REFERENCES framework(id),
  qi_code       TEXT NOT NULL,
  grade         INTEGER NOT NULL,
  basis         TEXT NOT NULL CHECK (basis IN ('stated', 'inferred')),
  source        TEXT NOT NULL,
  imported_at   TEXT NOT NULL,
  UNIQUE (partnership, published, framework_id, qi_code)
);

-- Grades published only as counts: indicator_count indicators of this
-- publication were graded at level grade, and which indicators they were
-- is not known.  Grades whose indicator is known are in history_grade and
-- are not counted again here.
CREATE TABLE history_count (
  id               INTEGER PRIMARY KEY,
  partnership      TEXT NOT NULL,
  published        TEXT NOT NULL,
  framework_id     INTEGER NOT NULL REFERENCES framework(id),
  grade            INTEGER NOT NULL,
  indicator_count  INTEGER NOT NULL CHECK (indicator_count > 0),
  source           TEXT NOT NULL,
  imported_at      TEXT NOT NULL,
  UNIQUE (partnership, published, framework_id, grade)
);

CREATE INDEX history_grade_framework ON history_grade(framework_id, qi_code);
CREATE INDEX history_count_framework ON history_count(framework_id);

-- An action of a partnership's joint action plan, against one area for
-- improvement (a finding of kind 'improvement').
CREATE TABLE plan_action (
  id             INTEGER PRIMARY KEY,
  inspection_id  INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  finding_id     INTEGER NOT NULL REFERENCES finding(id) ON DELETE CASCADE,
  text           TEXT NOT NULL,
  owner          TEXT NOT NULL,
  agency         TEXT,
  due            TEXT NOT NULL,
  status         TEXT NOT NULL
                 CHECK (status IN ('planned', 'in-progress', 'done', 'dropped')),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);

CREATE INDEX plan_action_inspection ON plan_action(inspection_id);

-- Every change to an action, oldest first: its creation, each change of
-- status or due date, with the note and evidence given.
CREATE TABLE plan_action_event (
  id         INTEGER PRIMARY KEY,
  action_id  INTEGER NOT NULL REFERENCES plan_action(id) ON DELETE CASCADE,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  status     TEXT NOT NULL,
  due        TEXT NOT NULL,
  change     TEXT NOT NULL,
  note       TEXT,
  evidence   TEXT
);

-- The agreement of an inspection's action plan (one row once agreed).
CREATE TABLE plan_agreement (
  inspection_id  INTEGER PRIMARY KEY REFERENCES inspection(id) ON DELETE CASCADE,
  agreed_at      TEXT NOT NULL,
  agreed_by      TEXT NOT NULL
);

-- A progress review of an inspection; seq numbers the reviews of one
-- inspection from 1.  further is the decision on whether further review
-- is needed ('needed' or 'not-needed'), NULL until decided.
CREATE TABLE review (
  id             INTEGER PRIMARY KEY,
  inspection_id  INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  seq            INTEGER NOT NULL,
  review_date    TEXT NOT NULL,
  further        TEXT CHECK (further IN ('needed', 'not-needed')),
  decision_text  TEXT,
  created_at     TEXT NOT NULL,
  UNIQUE (inspection_id, seq)
);

-- The progress judged at a review on one area for improvement.
CREATE TABLE review_progress (
  review_id   INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
  finding_id  INTEGER NOT NULL REFERENCES finding(id) ON DELETE CASCADE,
  judgement   TEXT NOT NULL CHECK (judgement IN ('significant', 'some', 'limited', 'none')),
  text        TEXT NOT NULL,
  evidence    TEXT,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (review_id, finding_id)
);

-- A re-evaluation of an indicator at a review, on the framework's scale.
CREATE TABLE review_grade (
  review_id   INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
  qi_code     TEXT NOT NULL,
  grade       INTEGER NOT NULL,
  rationale   TEXT,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (review_id, qi_code)
);

PRAGMA user_version = 8;
