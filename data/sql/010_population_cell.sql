-- Migration 10: the population's stratum index.  For col 0 a cell is one
-- distinct row of attribute values (the JSON array a block line holds
-- after its tab), so a child's stratum, for any choice of stratum columns,
-- is its cell's; for col N (from 1) a cell is one distinct value of the
-- N-th attribute column (attrs: its JSON string as stored), the stratum of
-- a draw on that column alone.  nrows counts the cell's children, so the
-- size of every stratum comes from these few rows; before holds, for each
-- block of the
-- population in order, how many of the cell's children come in the blocks
-- before it (4-byte little-endian unsigned integers), so the i-th child of
-- a stratum is found in one block, read directly.  Written with the
-- population at import, and by the population check for a population
-- imported before this migration (until then a draw reads every child, as
-- before).  A table of more than 4096 cells is not kept (a column of that
-- many values, or more distinct rows than that): a draw that would need
-- it reads every child.
CREATE TABLE population_cell (
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  col           INTEGER NOT NULL,
  cell          INTEGER NOT NULL,
  attrs         TEXT NOT NULL,
  nrows         INTEGER NOT NULL,
  before        BLOB NOT NULL,
  PRIMARY KEY (inspection_id, col, cell)
);

PRAGMA user_version = 10;
