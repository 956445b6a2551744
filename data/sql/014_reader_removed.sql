-- A reader removed from an inspection's reader list (issue 17).  The row
-- stays, so submitted readings keep their reader; the pairs it was in
-- name the reader who took over its records.
ALTER TABLE reader ADD COLUMN removed_at TEXT;

PRAGMA user_version = 14;
