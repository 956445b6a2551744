-- Migration 18: factual accuracy, the embargo and the media pack (issue 21).
--
-- The partnership's comments on the draft report at the factual accuracy
-- stage, each on one passage named by the report model's section id and
-- the block's number within it (stable while the draft changes elsewhere),
-- and the team's answer: accepted with the text before and after, or not
-- accepted with the reason.  The log is kept whole: nothing is deleted.
CREATE TABLE accuracy_comment (
  id            INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  number        INTEGER NOT NULL,
  section       TEXT NOT NULL,
  paragraph     INTEGER NOT NULL CHECK (paragraph >= 1),
  passage       TEXT NOT NULL,
  comment       TEXT NOT NULL,
  made_by       TEXT NOT NULL,
  made_at       TEXT NOT NULL,
  response      TEXT CHECK (response IN ('accepted', 'not-accepted')),
  before_text   TEXT,
  after_text    TEXT,
  reason        TEXT,
  responded_by  TEXT,
  responded_at  TEXT,
  UNIQUE (inspection_id, number)
);

-- The embargo of an inspection's report and release: the UK time it lifts
-- ("YYYY-MM-DDTHH:MM", as the release states it), the same instant in
-- seconds since 1970 UTC (what the download routes compare with), and the
-- media contact the release and the media pack name.
CREATE TABLE embargo (
  inspection_id INTEGER PRIMARY KEY REFERENCES inspection(id) ON DELETE CASCADE,
  lifts_local   TEXT NOT NULL,
  lifts_utc     INTEGER NOT NULL,
  media_contact TEXT,
  set_by        TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

PRAGMA user_version = 18;
