-- A candidate's rank days and lists of facts, and a result's failed rules
-- and points, are JSON documents in TEXT columns, which SQLite has held
-- them in since 0004_promotion; PostgreSQL's 0009 moves its JSONB columns
-- to TEXT. Nothing changes here but the record that this version is
-- applied: the dialects' migrations keep the same numbers.
SELECT 1;
