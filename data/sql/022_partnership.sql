-- Migration 22: the partnership's side of an inspection (issue 21).  Its
-- inspection and participation co-ordinators (staff, named as text), the
-- notification letter frozen as Markdown with its hash, the pre-inspection
-- return as returned (each sheet's rows, all or nothing), the position
-- statement's versions with their sections, supporting documents and
-- their versions, the statement's claims with the documents they cite, and
-- the inspectors' tests of each claim against an indicator.  Portable SQL.

CREATE TABLE partnership_contact (
  inspection_id  INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  kind           TEXT NOT NULL CHECK (kind IN ('inspection-coordinator',
                   'participation-coordinator')),
  name           TEXT NOT NULL,
  job            TEXT,
  updated_by     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  PRIMARY KEY (inspection_id, kind)
);

CREATE TABLE notification (
  id             INTEGER PRIMARY KEY,
  inspection_id  INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  number         INTEGER NOT NULL,
  dated          TEXT NOT NULL,
  body           TEXT NOT NULL,
  sha256         TEXT NOT NULL,
  created_by     TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  UNIQUE (inspection_id, number)
);

CREATE TABLE preret_return (
  id             INTEGER PRIMARY KEY,
  inspection_id  INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  version        INTEGER NOT NULL,
  allowed        TEXT,
  sha256         TEXT NOT NULL,
  returned_by    TEXT NOT NULL,
  returned_at    TEXT NOT NULL,
  UNIQUE (inspection_id, version)
);

-- One sheet of a return: its rows as a JSON array of arrays of text.
CREATE TABLE preret_sheet (
  return_id      INTEGER NOT NULL REFERENCES preret_return(id) ON DELETE CASCADE,
  sheet          TEXT NOT NULL,
  nrows          INTEGER NOT NULL CHECK (nrows >= 0),
  body           TEXT NOT NULL,
  PRIMARY KEY (return_id, sheet)
);

CREATE TABLE position_statement (
  id             INTEGER PRIMARY KEY,
  inspection_id  INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  version        INTEGER NOT NULL,
  words          INTEGER NOT NULL CHECK (words >= 0),
  sha256         TEXT NOT NULL,
  submitted_by   TEXT NOT NULL,
  submitted_at   TEXT NOT NULL,
  UNIQUE (inspection_id, version)
);

CREATE TABLE position_section (
  statement_id   INTEGER NOT NULL REFERENCES position_statement(id) ON DELETE CASCADE,
  code           TEXT NOT NULL,
  body           TEXT NOT NULL,
  PRIMARY KEY (statement_id, code)
);

CREATE TABLE partnership_document (
  id             INTEGER PRIMARY KEY,
  inspection_id  INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  number         INTEGER NOT NULL,
  title          TEXT NOT NULL,
  created_by     TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  UNIQUE (inspection_id, number)
);

CREATE TABLE partnership_document_version (
  document_id    INTEGER NOT NULL REFERENCES partnership_document(id) ON DELETE CASCADE,
  version        INTEGER NOT NULL,
  filename       TEXT NOT NULL,
  size           INTEGER NOT NULL CHECK (size >= 0),
  sha256         TEXT NOT NULL,
  body           BLOB NOT NULL,
  uploaded_by    TEXT NOT NULL,
  uploaded_at    TEXT NOT NULL,
  PRIMARY KEY (document_id, version)
);

CREATE TABLE position_claim (
  id             INTEGER PRIMARY KEY,
  inspection_id  INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  number         INTEGER NOT NULL,
  section        TEXT NOT NULL,
  body           TEXT NOT NULL,
  created_by     TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  UNIQUE (inspection_id, number)
);

CREATE TABLE claim_document (
  claim_id       INTEGER NOT NULL REFERENCES position_claim(id) ON DELETE CASCADE,
  document_id    INTEGER NOT NULL REFERENCES partnership_document(id) ON DELETE CASCADE,
  PRIMARY KEY (claim_id, document_id)
);

-- An inspector's test of a claim against one indicator and the evidence.
CREATE TABLE claim_test (
  claim_id       INTEGER NOT NULL REFERENCES position_claim(id) ON DELETE CASCADE,
  qi             TEXT NOT NULL,
  verdict        TEXT CHECK (verdict IN ('confirmed', 'qualified', 'contradicted')),
  evidence       INTEGER,
  note           TEXT,
  tested_by      TEXT NOT NULL,
  tested_at      TEXT NOT NULL,
  PRIMARY KEY (claim_id, qi)
);
CREATE INDEX claim_test_qi ON claim_test(qi);

PRAGMA user_version = 22;
