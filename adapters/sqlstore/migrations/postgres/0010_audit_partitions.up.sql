-- The audit trail partitioned by month (issue 14): every read of a file is an
-- entry, so a ministry's trail reaches billions of rows. audit_entries becomes
-- a table partitioned by RANGE on at, one partition per UTC calendar month
-- (audit_entries_yYYYYmMM), plus a DEFAULT partition so that an insert never
-- fails for want of its month. Partitions are created here for every month
-- holding entries and for the current month and the three after it; the
-- maintenance call Store.EnsureAuditPartitions creates later ones (and moves
-- rows the default partition caught into their month).
--
-- A partitioned table's unique keys must include the partition key, so the
-- primary key is (at, id), which is also the trail's order. The uniqueness of
-- an entry's ID on its own, which the audit contract requires, is kept by
-- audit_entry_ids (one row per entry, with its instant, which also resolves a
-- page cursor to its position); dropping a month deletes its IDs.
--
-- Existing entries are copied into the partitions in this migration's
-- transaction (a trail of N rows costs about N inserts: run it in a
-- maintenance window if the trail is large).
--
-- audit_exports records each month exported (entry count and SHA-256 of the
-- JSON Lines export); Store.DropAuditPartition drops only a month exported,
-- whose digest the caller gives, and whose entries still hash to it.
DROP INDEX audit_entries_at;
DROP INDEX audit_entries_subject;
DROP INDEX audit_entries_actor;
DROP INDEX audit_entries_agency;
ALTER TABLE audit_entries RENAME TO audit_entries_unpartitioned;
ALTER TABLE audit_entries_unpartitioned RENAME CONSTRAINT audit_entries_pkey TO audit_entries_unpartitioned_pkey;

CREATE TABLE audit_entries (
	id             TEXT COLLATE "C" NOT NULL,
	at             TIMESTAMPTZ NOT NULL,
	actor          TEXT NOT NULL,
	actor_masked   TEXT NOT NULL,
	actor_roles    JSONB NOT NULL,
	actor_agency   TEXT NOT NULL,
	action         TEXT NOT NULL,
	subject        TEXT NOT NULL,
	subject_masked TEXT NOT NULL,
	agency         TEXT NOT NULL,
	resource       TEXT NOT NULL,
	outcome        TEXT NOT NULL,
	code           TEXT NOT NULL,
	changes        JSONB NOT NULL,
	PRIMARY KEY (at, id)
) PARTITION BY RANGE (at);
CREATE INDEX audit_entries_subject ON audit_entries (subject, at, id);
CREATE INDEX audit_entries_actor ON audit_entries (actor, at, id);
CREATE INDEX audit_entries_agency ON audit_entries (agency, at, id);
CREATE TABLE audit_entries_default PARTITION OF audit_entries DEFAULT;

CREATE TABLE audit_entry_ids (
	id TEXT COLLATE "C" PRIMARY KEY,
	at TIMESTAMPTZ NOT NULL
);

CREATE TABLE audit_exports (
	month       TIMESTAMPTZ PRIMARY KEY,
	entries     BIGINT NOT NULL,
	sha256      TEXT NOT NULL,
	exported_at TIMESTAMPTZ NOT NULL,
	dropped_at  TIMESTAMPTZ
);

DO $$
DECLARE
	first timestamptz;
	m     timestamptz;
BEGIN
	SELECT date_trunc('month', min(at), 'UTC') INTO first FROM audit_entries_unpartitioned;
	m := least(coalesce(first, 'infinity'), date_trunc('month', now(), 'UTC'));
	WHILE m < (date_trunc('month', now(), 'UTC') AT TIME ZONE 'UTC' + interval '4 months') AT TIME ZONE 'UTC' LOOP
		EXECUTE format('CREATE TABLE %I PARTITION OF audit_entries FOR VALUES FROM (%L) TO (%L)',
			'audit_entries_' || to_char(m AT TIME ZONE 'UTC', '"y"YYYY"m"MM'), m,
			(m AT TIME ZONE 'UTC' + interval '1 month') AT TIME ZONE 'UTC');
		m := (m AT TIME ZONE 'UTC' + interval '1 month') AT TIME ZONE 'UTC';
	END LOOP;
END
$$;

INSERT INTO audit_entries SELECT * FROM audit_entries_unpartitioned;
INSERT INTO audit_entry_ids (id, at) SELECT id, at FROM audit_entries_unpartitioned;
DROP TABLE audit_entries_unpartitioned;

-- Grievance filings (issue 14): a filing inserts its grievance under a
-- provisional, negative tracking number from this sequence, then takes its
-- number from grievance_year_counters as its last statement, so that the
-- counter row is locked for the shortest time. The sequence only keeps
-- provisional numbers apart; they never outlive the filing's transaction.
CREATE SEQUENCE grievance_provisional_numbers;
