-- Migration 25: when each account last signed in and when each API token
-- was last used, for the accounts API (issue 17).  Both start empty (never);
-- UTC, YYYY-MM-DDTHH:MM:SSZ, as the rows' created_at.

ALTER TABLE account ADD COLUMN last_signin_at TEXT;
ALTER TABLE api_token ADD COLUMN last_used_at TEXT;

PRAGMA user_version = 25;
