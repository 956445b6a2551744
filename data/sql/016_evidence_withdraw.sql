-- Migration 16: withdrawing evidence, with its history kept.  A withdrawn
-- item stays in the evidence log (marked, with who withdrew it, when and
-- why) but counts nowhere: not in the evidence balance, the grade pages,
-- counts or any output.  Reinstating clears the three columns; both
-- changes are also kept in evidence_history.  The reason is child-level
-- text: a purge replaces it.  Portable SQL.

ALTER TABLE evidence ADD COLUMN withdrawn_at TEXT;
ALTER TABLE evidence ADD COLUMN withdrawn_by TEXT;
ALTER TABLE evidence ADD COLUMN withdrawn_reason TEXT;

PRAGMA user_version = 16;
