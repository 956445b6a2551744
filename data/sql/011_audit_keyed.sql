-- Migration 10: the audit chain covers hashes of an entry's subject and
-- detail, not the text, and is keyed (issue 18).
--
-- form 1 (every entry written before this migration): hash is the SHA-256
--   of the previous hash and the entry's fields verbatim; such entries keep
--   verifying exactly as before.
-- form 2 (every entry written after it): subject_sha256 and detail_sha256
--   hold the SHA-256 of the subject and detail (NULL when there was none),
--   and hash is an HMAC-SHA256, keyed by the file DATABASE.key beside the
--   database, over the previous hash, the entry's fields and those two
--   hashes.  A purge can then remove the child-level text (subject and
--   detail, redacted = 1) and the chain still proves every entry.
-- Every committed entry's id and hash are also appended to DATABASE.anchor
-- (outside the database), so that deleting the newest entries is found.
-- Portable SQL.
ALTER TABLE audit ADD COLUMN form INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit ADD COLUMN subject_sha256 TEXT;
ALTER TABLE audit ADD COLUMN detail_sha256 TEXT;
ALTER TABLE audit ADD COLUMN redacted INTEGER NOT NULL DEFAULT 0;

PRAGMA user_version = 11;
