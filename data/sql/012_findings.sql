-- Migration 10: findings in the team's order, linked to evidence.
--
-- position orders an inspection's findings (strengths and areas for
-- improvement each in their own sequence when shown); the action plan
-- numbers its areas for improvement 1, 2, ... in this order.
ALTER TABLE finding ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
UPDATE finding SET position = id;

-- The evidence a finding rests on, by its number in the inspection's
-- evidence log.
CREATE TABLE finding_evidence (
  finding_id      INTEGER NOT NULL REFERENCES finding(id) ON DELETE CASCADE,
  evidence_number INTEGER NOT NULL,
  PRIMARY KEY (finding_id, evidence_number)
);

PRAGMA user_version = 12;
