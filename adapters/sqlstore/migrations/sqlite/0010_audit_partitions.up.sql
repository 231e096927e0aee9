-- The audit trail partitioned by month (issue 14) is PostgreSQL's: SQLite
-- keeps its one audit_entries table, whose primary key is the entry's ID.
-- What both dialects share is the record of exported months, so that a
-- month of the trail is deleted (Store.DropAuditPartition) only once it was
-- exported, its digest is given, and its entries still hash to it.
CREATE TABLE audit_exports (
	month       TEXT PRIMARY KEY,
	entries     INTEGER NOT NULL,
	sha256      TEXT NOT NULL,
	exported_at TEXT NOT NULL,
	dropped_at  TEXT
);
