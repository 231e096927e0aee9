-- End of service (package separation): the cases and the computed
-- statutory retirement dates the forecast reads. Keys and dates compare in
-- byte order (COLLATE "C"), as the contract's orders require; civil dates
-- are ISO Hijri text (Hijri dates are not PostgreSQL dates); a case's
-- grounds, entitlements, settlement and documents are JSONB documents read
-- and written whole.
CREATE TABLE separation_cases (
	id              TEXT COLLATE "C" PRIMARY KEY,
	employee_id     TEXT COLLATE "C" NOT NULL,
	national_id     TEXT COLLATE "C",
	agency_id       TEXT COLLATE "C" NOT NULL,  -- the file's agency when the case was opened
	cause           TEXT COLLATE "C" NOT NULL,
	state           TEXT COLLATE "C" NOT NULL,
	filed           TEXT COLLATE "C",           -- ISO Hijri date
	opened_by       TEXT,
	created_at      TIMESTAMPTZ NOT NULL,
	requested       TEXT,                       -- ISO Hijri date
	grounds         JSONB NOT NULL,
	postponed_to    TEXT,                       -- ISO Hijri date
	last_day        TEXT COLLATE "C",           -- ISO Hijri date, set on acceptance
	deemed          BOOLEAN NOT NULL,
	decision_number TEXT NOT NULL,
	decision_date   TEXT,                       -- ISO Hijri date
	approval        TEXT NOT NULL,
	reason          TEXT NOT NULL,
	note            TEXT NOT NULL,
	entitlements    JSONB NOT NULL,
	settlement      JSONB,                      -- NULL until the case ends
	event_id        TEXT NOT NULL,
	documents       JSONB NOT NULL,
	decided_by      TEXT,
	ended_at        TIMESTAMPTZ,
	updated_at      TIMESTAMPTZ,
	version         BIGINT NOT NULL
);
-- At most one open case per employee, under concurrent writers too.
CREATE UNIQUE INDEX separation_cases_open ON separation_cases (employee_id)
	WHERE state IN ('submitted', 'postponed', 'accepted');
CREATE INDEX separation_cases_list ON separation_cases (created_at, id);
CREATE INDEX separation_cases_employee ON separation_cases (employee_id, created_at, id);
CREATE INDEX separation_cases_agency ON separation_cases (agency_id, created_at, id);
CREATE INDEX separation_cases_agency_state ON separation_cases (agency_id, state, created_at, id);
CREATE INDEX separation_cases_state ON separation_cases (state, created_at, id);

-- One computed retirement date per employee; the forecast pages an
-- agency's by (last_day, employee_id) on separation_retirements_forecast,
-- which INCLUDEs every other column, so that a page is an index-only scan
-- (once VACUUM, or autovacuum after the inserts, has set the visibility
-- map) instead of a heap page read per row.
CREATE TABLE separation_retirements (
	employee_id          TEXT COLLATE "C" PRIMARY KEY,
	national_id          TEXT COLLATE "C",
	agency_id            TEXT COLLATE "C" NOT NULL,
	birth_date           TEXT,                  -- ISO Hijri date
	regime               TEXT NOT NULL,
	age_years            INTEGER NOT NULL,
	age_months           INTEGER NOT NULL,
	age_calendar         TEXT NOT NULL,
	retirement_date      TEXT,                  -- ISO Hijri date: the day the age is completed
	statutory_last_day   TEXT,                  -- ISO Hijri date
	extension_to         TEXT,                  -- ISO Hijri date; NULL: no extension
	extension_number     TEXT NOT NULL,
	extension_date       TEXT,                  -- ISO Hijri date
	last_day             TEXT COLLATE "C" NOT NULL, -- ISO Hijri date ('' for none)
	computed_at          TIMESTAMPTZ
);
CREATE INDEX separation_retirements_forecast ON separation_retirements (agency_id, last_day, employee_id)
	INCLUDE (national_id, birth_date, regime, age_years, age_months, age_calendar, retirement_date,
		statutory_last_day, extension_to, extension_number, extension_date, computed_at);
