-- A candidate's rank days and lists of facts, and a result's failed rules
-- and points, are documents the Store writes and reads whole and never
-- queries inside: kept as TEXT holding the same JSON (as in SQLite) rather
-- than JSONB, they skip the JSONB parse on every row written and the JSONB
-- rendering on every row read, for every candidate of a round ranked. The
-- stored JSONB text converts as it is (the Store reads both forms).
ALTER TABLE promotion_candidates
	ALTER COLUMN rank_days TYPE TEXT USING rank_days::text,
	ALTER COLUMN facts TYPE TEXT USING facts::text;
ALTER TABLE promotion_results
	ALTER COLUMN failed TYPE TEXT USING failed::text,
	ALTER COLUMN points TYPE TEXT USING points::text;
