-- Migration 24: the population's value codes, so that a draw on strata of
-- several columns finds every stratum without reading every child, however
-- many distinct rows the whole attribute tuple has.  For col N (from 1, the
-- N-th attribute column, as in population_cell) and each stored block in
-- order, codes holds one code per child of the block, in the block's
-- order: the number, from 0, of the child's value among the column's cells
-- of population_cell (cell - 1), in width bytes (1 or 2, little-endian,
-- the fewest that hold every code of the block).  A joint stratum's size
-- and its children's places are counted from the codes of its columns
-- alone (1 or 2 bytes a child a column, never the children's text).
-- Written with the stratum index, in the same transaction, at import and
-- by the population check; a column without cells (more values than the
-- index keeps) has no codes, and a population imported before this
-- migration has none until it is checked: a draw that would need them
-- reads every child, as before.
CREATE TABLE population_code (
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  col           INTEGER NOT NULL,
  block         INTEGER NOT NULL,
  width         INTEGER NOT NULL,
  codes         BLOB NOT NULL,
  PRIMARY KEY (inspection_id, col, block)
);

PRAGMA user_version = 24;
