-- Leaves (package leave): leaves, received medical reports, expiry
-- extensions and the accrued annual balances. Keys and dates compare in
-- byte order (COLLATE "C"), as the contract's orders require; civil dates
-- are ISO Hijri text (Hijri dates are not PostgreSQL dates); a companion
-- leave's split and a report's reasons are JSONB documents read and
-- written whole.
CREATE TABLE leaves (
	id            TEXT COLLATE "C" PRIMARY KEY,
	employee_id   TEXT COLLATE "C" NOT NULL,
	national_id   TEXT COLLATE "C",
	agency_id     TEXT COLLATE "C" NOT NULL,  -- the file's agency when the leave was requested
	kind          TEXT NOT NULL,
	from_date     TEXT COLLATE "C",           -- ISO Hijri date
	to_date       TEXT COLLATE "C",           -- ISO Hijri date
	days          INTEGER NOT NULL,
	status        TEXT COLLATE "C" NOT NULL,
	note          TEXT NOT NULL,
	category      TEXT NOT NULL,
	report_number TEXT COLLATE "C" NOT NULL,  -- '' unless the leave came from a medical report
	split         JSONB NOT NULL,
	decided_by    TEXT,
	decided_at    TIMESTAMPTZ,
	reason        TEXT NOT NULL,
	deferred_from TEXT,                       -- ISO Hijri date
	recalled_on   TEXT,                       -- ISO Hijri date
	event_id      TEXT NOT NULL,
	created_at    TIMESTAMPTZ NOT NULL,
	updated_at    TIMESTAMPTZ,
	version       BIGINT NOT NULL
);
CREATE UNIQUE INDEX leaves_report_number ON leaves (report_number) WHERE report_number <> '';
CREATE INDEX leaves_list ON leaves (created_at, id);
CREATE INDEX leaves_employee ON leaves (employee_id, created_at, id);
CREATE INDEX leaves_agency ON leaves (agency_id, created_at, id);
CREATE INDEX leaves_agency_status ON leaves (agency_id, status, created_at, id);

CREATE TABLE medical_reports (
	number      TEXT COLLATE "C" PRIMARY KEY,
	facility    TEXT NOT NULL,
	patient     TEXT,
	companion   TEXT,
	from_date   TEXT,                         -- ISO Hijri date
	to_date     TEXT,                         -- ISO Hijri date
	days        INTEGER NOT NULL,
	category    TEXT NOT NULL,
	certifier   TEXT NOT NULL,
	abroad      BOOLEAN NOT NULL,
	attested    BOOLEAN NOT NULL,
	status      TEXT COLLATE "C" NOT NULL,
	reasons     JSONB NOT NULL,
	employee_id TEXT COLLATE "C" NOT NULL,    -- the matched file's; '' when none matched
	agency_id   TEXT COLLATE "C" NOT NULL,
	leave_id    TEXT NOT NULL,
	received_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX medical_reports_list ON medical_reports (received_at, number);
CREATE INDEX medical_reports_employee ON medical_reports (employee_id, received_at, number);
CREATE INDEX medical_reports_agency ON medical_reports (agency_id, received_at, number);
CREATE INDEX medical_reports_agency_status ON medical_reports (agency_id, status, received_at, number);
CREATE INDEX medical_reports_status ON medical_reports (status, received_at, number);

CREATE TABLE leave_extensions (
	employee_id TEXT COLLATE "C" NOT NULL,
	year        INTEGER NOT NULL,              -- the service year, 1 for the first
	extended_by TEXT,
	extended_at TIMESTAMPTZ,
	reason      TEXT NOT NULL,
	PRIMARY KEY (employee_id, year)
);

CREATE TABLE leave_balances (
	employee_id TEXT COLLATE "C" NOT NULL,
	as_of       TEXT COLLATE "C" NOT NULL,      -- ISO Hijri date
	years       INTEGER NOT NULL,
	entitled    INTEGER NOT NULL,
	taken       INTEGER NOT NULL,
	expired     INTEGER NOT NULL,
	available   INTEGER NOT NULL,
	computed_at TIMESTAMPTZ,
	PRIMARY KEY (employee_id, as_of)
);
