-- Migration 6: the web application's accounts, sessions, sign-in
-- throttling and API tokens.  Passwords are stored only as libsodium
-- Argon2id strings; sessions and tokens only as SHA-256 hashes of the
-- random values the client holds, so that a copy of the database cannot
-- be used to sign in.  Times are Unix seconds (UTC).

CREATE TABLE account (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  full_name     TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  is_admin      INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at    TEXT NOT NULL
);

CREATE TABLE web_session (
  id_hash       TEXT PRIMARY KEY,
  account_id    INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  csrf          TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  last_seen     INTEGER NOT NULL,
  address       TEXT NOT NULL
);

CREATE INDEX web_session_account ON web_session(account_id);

CREATE TABLE signin_failure (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL,
  address       TEXT NOT NULL,
  at            INTEGER NOT NULL
);

CREATE INDEX signin_failure_username ON signin_failure(username, at);
CREATE INDEX signin_failure_address ON signin_failure(address, at);

CREATE TABLE api_token (
  id            INTEGER PRIMARY KEY,
  token_hash    TEXT NOT NULL UNIQUE,
  account_id    INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  label         TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  revoked       INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
);

PRAGMA user_version = 6;
