-- Migration 10: the population's stratum index.  A cell is one distinct
-- row of attribute values (the JSON array a block line holds after its
-- tab); a child's stratum, for any choice of stratum columns, is its
-- cell's.  nrows counts the cell's children, so the size of every stratum
-- comes from these few rows; before holds, for each block of the
-- population in order, how many of the cell's children come in the blocks
-- before it (4-byte little-endian unsigned integers), so the i-th child of
-- a stratum is found in one block, read directly.  Written with the
-- population at import, and by the population check for a population
-- imported before this migration (until then a draw reads every child, as
-- before).  A population with more than 4096 distinct rows has no cells:
-- its draws read every child.
CREATE TABLE population_cell (
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  cell          INTEGER NOT NULL,
  attrs         TEXT NOT NULL,
  nrows         INTEGER NOT NULL,
  before        BLOB NOT NULL,
  PRIMARY KEY (inspection_id, cell)
);

PRAGMA user_version = 10;
