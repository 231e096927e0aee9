-- End of service (package separation): the cases and the computed
-- statutory retirement dates the forecast reads. Keys and dates are TEXT
-- compared in byte order (BINARY), civil dates ISO Hijri text, instants
-- fixed-width UTC TEXT; a case's grounds, entitlements, settlement and
-- documents are JSON TEXT read and written whole.
CREATE TABLE separation_cases (
	id              TEXT PRIMARY KEY,
	employee_id     TEXT NOT NULL,
	national_id     TEXT,
	agency_id       TEXT NOT NULL,  -- the file's agency when the case was opened
	cause           TEXT NOT NULL,
	state           TEXT NOT NULL,
	filed           TEXT,           -- ISO Hijri date
	opened_by       TEXT,
	created_at      TEXT NOT NULL,
	requested       TEXT,                       -- ISO Hijri date
	grounds         TEXT NOT NULL,
	postponed_to    TEXT,                       -- ISO Hijri date
	last_day        TEXT,           -- ISO Hijri date, set on acceptance
	deemed          INTEGER NOT NULL,
	decision_number TEXT NOT NULL,
	decision_date   TEXT,                       -- ISO Hijri date
	approval        TEXT NOT NULL,
	reason          TEXT NOT NULL,
	note            TEXT NOT NULL,
	entitlements    TEXT NOT NULL,
	settlement      TEXT,                      -- NULL until the case ends
	event_id        TEXT NOT NULL,
	documents       TEXT NOT NULL,
	decided_by      TEXT,
	ended_at        TEXT,
	updated_at      TEXT,
	version         INTEGER NOT NULL
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
-- agency's by (last_day, employee_id) on separation_retirements_forecast.
CREATE TABLE separation_retirements (
	employee_id          TEXT PRIMARY KEY,
	national_id          TEXT,
	agency_id            TEXT NOT NULL,
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
	last_day             TEXT NOT NULL, -- ISO Hijri date ('' for none)
	computed_at          TEXT
);
CREATE INDEX separation_retirements_forecast ON separation_retirements (agency_id, last_day, employee_id);
