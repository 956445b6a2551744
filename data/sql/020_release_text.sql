-- Migration 20: the news release's stored text (issue 20).
--
-- The chief executive's quote, attributed ("Jackie Irvine, Chief Executive
-- of the Care Inspectorate"), and the address the published report will
-- have; both typed by the team, so the release never invents them.  The
-- counts and named indicators in the release still come from the grades.
CREATE TABLE release_text (
  inspection_id INTEGER PRIMARY KEY REFERENCES inspection(id) ON DELETE CASCADE,
  quote         TEXT,
  quote_by      TEXT,
  report_url    TEXT,
  updated_at    TEXT NOT NULL
);

PRAGMA user_version = 20;
