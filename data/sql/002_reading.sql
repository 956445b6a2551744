-- Migration 2: records reading.  The population (sampling frame) returned
-- by the partnership, the stratified sample drawn from it, the readers and
-- their pairs, reading templates, readings with their history, resolutions
-- of double-read differences and matters of concern.  Portable SQL.

-- One population per inspection; its rows are replaced only while no
-- sample has been drawn.
CREATE TABLE population (
  inspection_id INTEGER PRIMARY KEY REFERENCES inspection(id) ON DELETE CASCADE,
  source        TEXT NOT NULL,
  nrows         INTEGER NOT NULL,
  checksum      TEXT NOT NULL,
  imported_at   TEXT NOT NULL
);

-- The attribute columns of a population (every column but ref), in file order.
CREATE TABLE population_column (
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  name          TEXT NOT NULL,
  PRIMARY KEY (inspection_id, position)
);

-- The children, in blocks of up to 1000 in file order (one table row per
-- child would make a million-row import ten times slower).  Each line of
-- body is one child: the pseudonymous ref, a tab, the attribute values as
-- a JSON array of strings in population_column order, and a newline.
-- Written and read by Cairn only; refs never contain control characters.
CREATE TABLE population_block (
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  first_row     INTEGER NOT NULL,
  nrows         INTEGER NOT NULL,
  body          TEXT NOT NULL,
  PRIMARY KEY (inspection_id, position)
);

-- The sample drawn for an inspection, with everything needed to draw it again.
CREATE TABLE sample (
  inspection_id    INTEGER PRIMARY KEY REFERENCES inspection(id) ON DELETE CASCADE,
  size             INTEGER NOT NULL,
  seed             TEXT NOT NULL,
  strata           TEXT NOT NULL,
  min_per_stratum  INTEGER NOT NULL,
  reserve          INTEGER NOT NULL,
  double_read_pct  INTEGER NOT NULL,
  generator        TEXT NOT NULL,
  population_size  INTEGER NOT NULL,
  population_checksum TEXT NOT NULL,
  drawn_at         TEXT NOT NULL
);

-- The strata of a sample: key is a JSON object {column: value}.
CREATE TABLE sample_stratum (
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  stratum_key   TEXT NOT NULL,
  population    INTEGER NOT NULL,
  allocated     INTEGER NOT NULL,
  PRIMARY KEY (inspection_id, position)
);

-- A sampled child.  status: selected (to be read), reserve (not yet used),
-- replaced (was selected; could not be read).
CREATE TABLE sample_member (
  id             INTEGER PRIMARY KEY,
  inspection_id  INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  ref            TEXT NOT NULL,
  stratum        INTEGER NOT NULL,
  draw_order     INTEGER NOT NULL,
  reserve        INTEGER NOT NULL CHECK (reserve IN (0, 1)),
  double_read    INTEGER NOT NULL CHECK (double_read IN (0, 1)),
  status         TEXT NOT NULL CHECK (status IN ('selected', 'reserve', 'replaced')),
  replaced_by    INTEGER REFERENCES sample_member(id),
  replace_reason TEXT,
  UNIQUE (inspection_id, ref)
);

-- Readers: inspectors and the partnership's local readers.
CREATE TABLE reader (
  id            INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('inspector', 'local')),
  agency        TEXT,
  added_at      TEXT NOT NULL,
  UNIQUE (inspection_id, name)
);

-- Reading pairs: a local reader with an inspector.
CREATE TABLE reader_pair (
  id            INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  inspector_id  INTEGER NOT NULL REFERENCES reader(id),
  local_id      INTEGER NOT NULL REFERENCES reader(id),
  UNIQUE (inspection_id, position)
);

-- Which pair reads which sampled child: round 1 is the first reading,
-- round 2 the independent second reading of a double-read record.
CREATE TABLE assignment (
  member_id   INTEGER NOT NULL REFERENCES sample_member(id) ON DELETE CASCADE,
  round       INTEGER NOT NULL CHECK (round IN (1, 2)),
  pair_id     INTEGER NOT NULL REFERENCES reader_pair(id),
  assigned_at TEXT NOT NULL,
  PRIMARY KEY (member_id, round)
);

-- Every reassignment, with its reason.
CREATE TABLE assignment_change (
  id          INTEGER PRIMARY KEY,
  member_id   INTEGER NOT NULL REFERENCES sample_member(id) ON DELETE CASCADE,
  round       INTEGER NOT NULL,
  from_pair   INTEGER REFERENCES reader_pair(id),
  to_pair     INTEGER NOT NULL REFERENCES reader_pair(id),
  reason      TEXT NOT NULL,
  actor       TEXT NOT NULL,
  changed_at  TEXT NOT NULL
);

-- User reading templates (the shipped ones are compiled in): the JSON text
-- as imported, validated on import.
CREATE TABLE reading_template (
  code           TEXT PRIMARY KEY,
  framework_code TEXT NOT NULL,
  body           TEXT NOT NULL,
  imported_at    TEXT NOT NULL
);

-- The template an inspection reads with (the framework's shipped one when absent).
CREATE TABLE inspection_template (
  inspection_id INTEGER PRIMARY KEY REFERENCES inspection(id) ON DELETE CASCADE,
  template_code TEXT NOT NULL
);

-- One reader's reading of one sampled child's records.
CREATE TABLE reading (
  id           INTEGER PRIMARY KEY,
  member_id    INTEGER NOT NULL REFERENCES sample_member(id) ON DELETE CASCADE,
  reader_id    INTEGER NOT NULL REFERENCES reader(id),
  status       TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
  agencies     TEXT,
  created_at   TEXT NOT NULL,
  submitted_at TEXT,
  UNIQUE (member_id, reader_id)
);

-- One answer; agency is '' for items answered once for the child.
CREATE TABLE reading_answer (
  reading_id INTEGER NOT NULL REFERENCES reading(id) ON DELETE CASCADE,
  item_code  TEXT NOT NULL,
  agency     TEXT NOT NULL,
  answer     TEXT NOT NULL,
  note       TEXT,
  PRIMARY KEY (reading_id, item_code, agency)
);

-- Changes to answers of submitted readings, with the reason.
CREATE TABLE reading_answer_change (
  id         INTEGER PRIMARY KEY,
  reading_id INTEGER NOT NULL REFERENCES reading(id) ON DELETE CASCADE,
  item_code  TEXT NOT NULL,
  agency     TEXT NOT NULL,
  old_answer TEXT,
  new_answer TEXT NOT NULL,
  reason     TEXT NOT NULL,
  actor      TEXT NOT NULL,
  changed_at TEXT NOT NULL
);

-- The agreed answer for a double-read item; neither reading is changed.
CREATE TABLE resolution (
  member_id   INTEGER NOT NULL REFERENCES sample_member(id) ON DELETE CASCADE,
  item_code   TEXT NOT NULL,
  agency      TEXT NOT NULL,
  answer      TEXT NOT NULL,
  note        TEXT NOT NULL,
  actor       TEXT NOT NULL,
  resolved_at TEXT NOT NULL,
  PRIMARY KEY (member_id, item_code, agency)
);

-- Matters of concern about a child raised during reading.
CREATE TABLE concern (
  id          INTEGER PRIMARY KEY,
  member_id   INTEGER NOT NULL REFERENCES sample_member(id) ON DELETE CASCADE,
  text        TEXT NOT NULL,
  raised_by   TEXT NOT NULL,
  raised_at   TEXT NOT NULL,
  closed_by   TEXT,
  closed_at   TEXT,
  close_note  TEXT
);

PRAGMA user_version = 2;
