-- Migration 23: indexes for the pages of a large inspection (issue 17).
-- Portable SQL: plain indexes.

-- The evidence informing one indicator, in id order: the evidence balance of
-- a grade or panel page and the evidence log filtered by indicator count
-- through it instead of reading every item of the inspection.
CREATE INDEX evidence_qi_code ON evidence_qi(qi_code, evidence_id);

-- The range of ids of one inspection's evidence (its first and last), which
-- bounds the search above to that inspection's items.
CREATE INDEX evidence_inspection_id ON evidence(inspection_id, id);

-- One inspection's audit entries, newest first, a page at a time.
CREATE INDEX audit_inspection ON audit(inspection_id, id);

-- Whether an evidence item is linked to a grade (each row of the evidence log
-- counts its links) without reading every link of every inspection.
CREATE INDEX evaluation_evidence_evidence ON evaluation_evidence(evidence_id);

PRAGMA user_version = 23;
