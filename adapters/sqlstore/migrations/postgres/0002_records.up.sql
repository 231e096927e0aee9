-- records: employee files, their histories, correction requests and issued
-- statements. Keys and dates compare in byte order (COLLATE "C") whatever the
-- database's collation, as the Store contract orders by ID in byte order.
-- Nested values always read and written whole are JSONB documents.
CREATE TABLE employees (
	id                TEXT COLLATE "C" PRIMARY KEY,
	national_id       TEXT COLLATE "C" NOT NULL,
	agency_id         TEXT COLLATE "C" NOT NULL,  -- job->agency->id, for filters
	employment_system TEXT NOT NULL,
	service_end       TEXT COLLATE "C",           -- ISO Hijri date; NULL while in service
	name              JSONB NOT NULL,
	birth_date        TEXT COLLATE "C",           -- ISO Hijri date
	gender            TEXT NOT NULL,
	nationality       TEXT NOT NULL,
	contact           JSONB NOT NULL,
	job               JSONB NOT NULL,
	qualifications    JSONB NOT NULL,
	version           BIGINT NOT NULL,
	created_at        TIMESTAMPTZ NOT NULL,
	updated_at        TIMESTAMPTZ NOT NULL,
	CONSTRAINT employees_national_id_key UNIQUE (national_id)
);
CREATE INDEX employees_list ON employees (created_at, id);
CREATE INDEX employees_agency ON employees (agency_id, created_at, id);

CREATE TABLE history_events (
	id          TEXT COLLATE "C" PRIMARY KEY,
	employee_id TEXT COLLATE "C" NOT NULL REFERENCES employees (id),
	start_date  TEXT COLLATE "C" NOT NULL,        -- ISO Hijri date
	kind        TEXT NOT NULL,
	end_date    TEXT COLLATE "C",                 -- ISO Hijri date; NULL: none or ongoing
	details     JSONB NOT NULL                    -- the other fields of the event
);
CREATE INDEX history_events_employee ON history_events (employee_id, start_date, id);

CREATE TABLE corrections (
	id                 TEXT COLLATE "C" PRIMARY KEY,
	employee_id        TEXT COLLATE "C" NOT NULL REFERENCES employees (id),
	agency_id          TEXT COLLATE "C" NOT NULL,
	status             TEXT COLLATE "C" NOT NULL,
	changes            JSONB NOT NULL,
	add_qualifications JSONB NOT NULL,
	documents          JSONB NOT NULL,
	justification      TEXT NOT NULL,
	terms_version      TEXT NOT NULL,
	terms_accepted_at  TIMESTAMPTZ,
	requested_by       TEXT NOT NULL,
	decided_by         TEXT NOT NULL,
	decided_at         TIMESTAMPTZ,
	decision_note      TEXT NOT NULL,
	version            BIGINT NOT NULL,
	created_at         TIMESTAMPTZ NOT NULL,
	updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX corrections_list ON corrections (created_at, id);
CREATE INDEX corrections_agency ON corrections (agency_id, status, created_at, id);
CREATE INDEX corrections_status ON corrections (status, created_at, id);
CREATE INDEX corrections_employee ON corrections (employee_id, created_at, id);

CREATE TABLE statements (
	id          TEXT COLLATE "C" PRIMARY KEY,
	code        TEXT COLLATE "C" NOT NULL,
	employee_id TEXT COLLATE "C" NOT NULL REFERENCES employees (id),
	issued_at   TIMESTAMPTZ,
	body        JSONB NOT NULL,                   -- the whole statement, as issued
	CONSTRAINT statements_code_key UNIQUE (code)
);
CREATE INDEX statements_employee ON statements (employee_id);
