-- Grievances, issue 13. Tracking numbers become unique nationally: one
-- sequence per Hijri year shared by every agency (grievance_year_counters,
-- bumped in the filing's transaction), seeded past every number already
-- issued, and a unique index on (tn_year, tn_seq). Numbers issued before
-- this migration were per agency: if two agencies already hold the same
-- number, the unique index cannot be built and the migration fails, having
-- changed nothing; renumber the later grievance (and tell its filer) first.
CREATE TABLE grievance_year_counters (
	year INTEGER PRIMARY KEY,
	seq  BIGINT NOT NULL
);
INSERT INTO grievance_year_counters (year, seq)
	SELECT tn_year, MAX(tn_seq) FROM grievances GROUP BY tn_year;
DROP INDEX grievances_tracking_number;
CREATE UNIQUE INDEX grievances_tracking_number ON grievances (tn_year, tn_seq);
DROP TABLE grievance_counters;

-- A late filing's claim of an exception to its limitation (BoG Procedure
-- Law art 8(1)) and, once recorded, the exception; NULL for a timely filing.
ALTER TABLE grievances ADD COLUMN limitation JSONB;
