-- Job-data audit (package jobaudit): job variables under four eyes and
-- qualification documentation requests. Each aggregate is one JSON
-- document read and written whole, with the columns the lists filter on
-- beside it; keys compare in byte order, and every list pages by id on an
-- index ending in id.
CREATE TABLE jobaudit_variables (
	id          TEXT COLLATE "C" PRIMARY KEY,
	employee_id TEXT COLLATE "C" NOT NULL,
	agency_id   TEXT COLLATE "C" NOT NULL,
	maker       TEXT COLLATE "C" NOT NULL,
	state       TEXT COLLATE "C" NOT NULL,
	created_at  TIMESTAMPTZ NOT NULL,
	doc         JSONB NOT NULL,
	version     BIGINT NOT NULL
);
CREATE INDEX jobaudit_variables_agency ON jobaudit_variables (agency_id, id);
CREATE INDEX jobaudit_variables_agency_state ON jobaudit_variables (agency_id, state, id);
CREATE INDEX jobaudit_variables_employee ON jobaudit_variables (employee_id, id);
CREATE INDEX jobaudit_variables_maker ON jobaudit_variables (maker, id);
CREATE INDEX jobaudit_variables_state ON jobaudit_variables (state, id);

CREATE TABLE jobaudit_requests (
	id          TEXT COLLATE "C" PRIMARY KEY,
	employee_id TEXT COLLATE "C" NOT NULL,
	agency_id   TEXT COLLATE "C" NOT NULL,
	state       TEXT COLLATE "C" NOT NULL,
	created_at  TIMESTAMPTZ NOT NULL,
	doc         JSONB NOT NULL,
	version     BIGINT NOT NULL
);
CREATE INDEX jobaudit_requests_agency ON jobaudit_requests (agency_id, id);
CREATE INDEX jobaudit_requests_agency_state ON jobaudit_requests (agency_id, state, id);
CREATE INDEX jobaudit_requests_employee ON jobaudit_requests (employee_id, id);
CREATE INDEX jobaudit_requests_state ON jobaudit_requests (state, id);
