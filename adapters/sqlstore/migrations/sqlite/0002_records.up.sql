-- records: employee files, their histories, correction requests and issued
-- statements. Keys and dates are TEXT compared in byte order (BINARY), instants
-- fixed-width UTC TEXT, nested values always read and written whole JSON TEXT.
CREATE TABLE employees (
	id                TEXT PRIMARY KEY,
	national_id       TEXT NOT NULL,
	agency_id         TEXT NOT NULL,  -- job->agency->id, for filters
	employment_system TEXT NOT NULL,
	service_end       TEXT,           -- ISO Hijri date; NULL while in service
	name              TEXT NOT NULL,
	birth_date        TEXT,           -- ISO Hijri date
	gender            TEXT NOT NULL,
	nationality       TEXT NOT NULL,
	contact           TEXT NOT NULL,
	job               TEXT NOT NULL,
	qualifications    TEXT NOT NULL,
	version           INTEGER NOT NULL,
	created_at        TEXT NOT NULL,
	updated_at        TEXT NOT NULL,
	CONSTRAINT employees_national_id_key UNIQUE (national_id)
);
CREATE INDEX employees_list ON employees (created_at, id);
CREATE INDEX employees_agency ON employees (agency_id, created_at, id);

CREATE TABLE history_events (
	id          TEXT PRIMARY KEY,
	employee_id TEXT NOT NULL REFERENCES employees (id),
	start_date  TEXT NOT NULL,        -- ISO Hijri date
	kind        TEXT NOT NULL,
	end_date    TEXT,                 -- ISO Hijri date; NULL: none or ongoing
	details     TEXT NOT NULL                    -- the other fields of the event
);
CREATE INDEX history_events_employee ON history_events (employee_id, start_date, id);

CREATE TABLE corrections (
	id                 TEXT PRIMARY KEY,
	employee_id        TEXT NOT NULL REFERENCES employees (id),
	agency_id          TEXT NOT NULL,
	status             TEXT NOT NULL,
	changes            TEXT NOT NULL,
	add_qualifications TEXT NOT NULL,
	documents          TEXT NOT NULL,
	justification      TEXT NOT NULL,
	terms_version      TEXT NOT NULL,
	terms_accepted_at  TEXT,
	requested_by       TEXT NOT NULL,
	decided_by         TEXT NOT NULL,
	decided_at         TEXT,
	decision_note      TEXT NOT NULL,
	version            INTEGER NOT NULL,
	created_at         TEXT NOT NULL,
	updated_at         TEXT NOT NULL
);
CREATE INDEX corrections_list ON corrections (created_at, id);
CREATE INDEX corrections_agency ON corrections (agency_id, status, created_at, id);
CREATE INDEX corrections_status ON corrections (status, created_at, id);
CREATE INDEX corrections_employee ON corrections (employee_id, created_at, id);

CREATE TABLE statements (
	id          TEXT PRIMARY KEY,
	code        TEXT NOT NULL,
	employee_id TEXT NOT NULL REFERENCES employees (id),
	issued_at   TEXT,
	body        TEXT NOT NULL,                   -- the whole statement, as issued
	CONSTRAINT statements_code_key UNIQUE (code)
);
CREATE INDEX statements_employee ON statements (employee_id);
