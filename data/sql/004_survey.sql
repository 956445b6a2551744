-- Migration 4: surveys of staff, of children and young people, and of
-- parents and carers: their response scales (copied from data/scales/ when
-- the survey is made, so later changes to a shipped scale never re-read
-- stored answers), statements mapped to quality indicators, respondents with
-- their attributes, answers, and free-text comments (internal only) with
-- their tags.  Portable SQL.

CREATE TABLE survey (
  id            INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('staff', 'cyp', 'parents')),
  scale_code    TEXT NOT NULL,
  scale_name    TEXT NOT NULL,
  invited       INTEGER CHECK (invited IS NULL OR invited > 0),
  created_at    TEXT NOT NULL,
  UNIQUE (inspection_id, name)
);

-- The levels of the survey's response scale, in the order shown to
-- respondents.  positive levels count as agreeing; the dont_know level is
-- excluded from the share and counted separately.
CREATE TABLE survey_level (
  survey_id INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  label     TEXT NOT NULL,
  positive  INTEGER NOT NULL CHECK (positive IN (0, 1)),
  dont_know INTEGER NOT NULL CHECK (dont_know IN (0, 1)),
  PRIMARY KEY (survey_id, position)
);

-- Other spellings of a level accepted on import ("Don't know", "Dont know").
CREATE TABLE survey_level_alias (
  survey_id INTEGER NOT NULL,
  position  INTEGER NOT NULL,
  alias     TEXT NOT NULL,
  PRIMARY KEY (survey_id, position, alias),
  FOREIGN KEY (survey_id, position) REFERENCES survey_level(survey_id, position)
    ON DELETE CASCADE
);

CREATE TABLE survey_statement (
  survey_id INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  code      TEXT NOT NULL,
  text      TEXT NOT NULL,
  PRIMARY KEY (survey_id, position),
  UNIQUE (survey_id, code)
);

CREATE TABLE survey_statement_qi (
  survey_id INTEGER NOT NULL,
  position  INTEGER NOT NULL,
  qi_code   TEXT NOT NULL,
  PRIMARY KEY (survey_id, position, qi_code),
  FOREIGN KEY (survey_id, position) REFERENCES survey_statement(survey_id, position)
    ON DELETE CASCADE
);

-- Attributes to break results down by (for staff: agency, service, role).
CREATE TABLE survey_attribute (
  survey_id INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  name      TEXT NOT NULL,
  PRIMARY KEY (survey_id, position),
  UNIQUE (survey_id, name)
);

CREATE TABLE survey_respondent (
  id        INTEGER PRIMARY KEY,
  survey_id INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  ext_id    TEXT NOT NULL,
  UNIQUE (survey_id, ext_id)
);

CREATE TABLE survey_respondent_attribute (
  respondent_id INTEGER NOT NULL REFERENCES survey_respondent(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  value         TEXT NOT NULL,
  PRIMARY KEY (respondent_id, position)
);

-- One answer; level is a survey_level position.  A blank answer is not
-- stored.
CREATE TABLE survey_answer (
  respondent_id INTEGER NOT NULL REFERENCES survey_respondent(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  level         INTEGER NOT NULL,
  PRIMARY KEY (respondent_id, position)
);

-- A free-text comment: internal only, never published.  number is the
-- comment's number within its survey (from 1), used to tag it; kind is
-- 'strength' or 'improvement' once tagged, and evidence_id the item it
-- became in the evidence log (migration 3).
CREATE TABLE survey_comment (
  id            INTEGER PRIMARY KEY,
  survey_id     INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  number        INTEGER NOT NULL,
  respondent_id INTEGER NOT NULL REFERENCES survey_respondent(id) ON DELETE CASCADE,
  question      TEXT NOT NULL,
  text          TEXT NOT NULL,
  kind          TEXT CHECK (kind IS NULL OR kind IN ('strength', 'improvement')),
  tagged_at     TEXT,
  evidence_id   INTEGER REFERENCES evidence(id) ON DELETE SET NULL,
  UNIQUE (survey_id, number)
);

CREATE TABLE survey_comment_qi (
  comment_id INTEGER NOT NULL REFERENCES survey_comment(id) ON DELETE CASCADE,
  qi_code    TEXT NOT NULL,
  PRIMARY KEY (comment_id, qi_code)
);

CREATE INDEX survey_respondent_survey ON survey_respondent(survey_id);
CREATE INDEX survey_comment_survey ON survey_comment(survey_id);

PRAGMA user_version = 4;
