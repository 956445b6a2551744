-- Migration 10: model packs (data/models/, docs/architecture.md).  Each
-- pack loaded (shipped or imported) with its version and manifest, the
-- files of an imported pack, and the pack and version each inspection was
-- created under.  Portable SQL.

CREATE TABLE model_pack (
  code       TEXT PRIMARY KEY,
  version    TEXT NOT NULL,
  title      TEXT NOT NULL,
  builtin    INTEGER NOT NULL,
  manifest   TEXT NOT NULL,
  loaded_at  TEXT NOT NULL
);

-- The files of an imported pack (framework.json, stages.json, ...), as read.
CREATE TABLE model_file (
  pack  TEXT NOT NULL REFERENCES model_pack(code),
  name  TEXT NOT NULL,
  body  TEXT NOT NULL,
  PRIMARY KEY (pack, name)
);

-- The pack and its version an inspection was created under.  Inspections
-- made before packs existed are recorded as version 1 of their framework's
-- pack (the version shipped until then).
CREATE TABLE inspection_model (
  inspection_id INTEGER PRIMARY KEY REFERENCES inspection(id) ON DELETE CASCADE,
  pack          TEXT NOT NULL,
  version       TEXT NOT NULL
);

INSERT INTO inspection_model (inspection_id, pack, version)
  SELECT i.id, f.code, '1' FROM inspection i JOIN framework f ON f.id = i.framework_id;

PRAGMA user_version = 13;
