-- Migration 23: indexes for the pages of a large inspection (issue 17).
-- Portable SQL: a plain column, its backfill and plain indexes.

-- The inspection of each evidence item's indicator row (the item's own,
-- copied when the row is written), so that the evidence informing one
-- indicator of one inspection is one index range: the evidence balance of a
-- grade or panel page and the evidence log filtered by indicator count
-- through it, whatever other inspections hold and however their items
-- interleave.
ALTER TABLE evidence_qi ADD COLUMN inspection_id INTEGER REFERENCES inspection(id);
UPDATE evidence_qi SET inspection_id =
  (SELECT e.inspection_id FROM evidence e WHERE e.id = evidence_qi.evidence_id);
CREATE INDEX evidence_qi_inspection ON evidence_qi(inspection_id, qi_code, evidence_id);

-- One inspection's audit entries, newest first, a page at a time.
CREATE INDEX audit_inspection ON audit(inspection_id, id);

-- Whether an evidence item is linked to a grade (each row of the evidence log
-- counts its links) without reading every link of every inspection.
CREATE INDEX evaluation_evidence_evidence ON evaluation_evidence(evidence_id);

PRAGMA user_version = 23;
