-- Grievances (package grievance). Tracking numbers come from
-- grievance_counters, one row per agency and Hijri year, bumped in the
-- filing's transaction. Civil dates are ISO text (1447-03-10: Hijri dates
-- are not PostgreSQL dates), IDs compare byte by byte (COLLATE "C"),
-- attachments and history are JSONB documents read and written whole.
CREATE TABLE grievance_counters (
	agency TEXT NOT NULL,
	year   INTEGER NOT NULL,
	seq    BIGINT NOT NULL,
	PRIMARY KEY (agency, year)
);

CREATE TABLE grievances (
	id                 TEXT COLLATE "C" PRIMARY KEY,
	agency             TEXT NOT NULL,
	tn_year            INTEGER NOT NULL,
	tn_seq             BIGINT NOT NULL,
	kind               TEXT NOT NULL,
	filer              TEXT,
	decision_number    TEXT NOT NULL,
	decision_date      TEXT,
	decision_learnt_on TEXT,
	subject            TEXT NOT NULL,
	sub_subject        TEXT NOT NULL,
	description        TEXT NOT NULL,
	attachments        JSONB NOT NULL,
	status             TEXT NOT NULL,
	outcome            TEXT NOT NULL,
	response           TEXT NOT NULL,
	route              TEXT NOT NULL,
	filed_on           TEXT,
	filing_due         TEXT,
	answer_due         TEXT COLLATE "C",
	escalation_due     TEXT,
	closed_on          TEXT,
	reopens            INTEGER NOT NULL,
	filed_at           TIMESTAMPTZ NOT NULL,
	updated_at         TIMESTAMPTZ,
	history            JSONB NOT NULL,
	version            BIGINT NOT NULL
);
CREATE UNIQUE INDEX grievances_tracking_number ON grievances (agency, tn_year, tn_seq);
CREATE INDEX grievances_filed_at ON grievances (filed_at, id);
CREATE INDEX grievances_agency ON grievances (agency, filed_at, id);
CREATE INDEX grievances_agency_status ON grievances (agency, status, filed_at, id);
CREATE INDEX grievances_filer ON grievances (filer, filed_at, id);
CREATE INDEX grievances_status_answer_due ON grievances (status, answer_due);
