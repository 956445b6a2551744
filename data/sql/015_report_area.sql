-- Migration 15 (issue 17): the report settings gain "area", the council
-- area an inspection's partnership matches (chosen from the open data's
-- areas on the report settings page).  The name's CHECK is widened by
-- rebuilding the table; every row is kept.  Portable SQL.

CREATE TABLE publication_setting_new (
  inspection_id INTEGER NOT NULL,
  name          TEXT NOT NULL CHECK (name IN ('organisation', 'logo', 'threshold', 'area')),
  value         TEXT NOT NULL,
  PRIMARY KEY (inspection_id, name)
);
INSERT INTO publication_setting_new (inspection_id, name, value)
  SELECT inspection_id, name, value FROM publication_setting;
DROP TABLE publication_setting;
ALTER TABLE publication_setting_new RENAME TO publication_setting;

PRAGMA user_version = 15;
