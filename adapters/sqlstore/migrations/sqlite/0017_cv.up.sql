-- The CV (package cv): every version of the sections an employee writes,
-- and the shares by verification code. Keys are TEXT compared in byte order
-- (BINARY), instants fixed-width UTC TEXT; a version's sections are one
-- JSON TEXT document read and written whole.
CREATE TABLE cv_profiles (
	employee_id TEXT NOT NULL,
	version     INTEGER NOT NULL,
	body        TEXT NOT NULL,  -- summary, skills, languages, experience, certificates
	updated_by  TEXT NOT NULL,
	updated_at  TEXT,
	PRIMARY KEY (employee_id, version)
);

-- A share stores the HMAC of its code, never the code.
CREATE TABLE cv_shares (
	id              TEXT PRIMARY KEY,
	code_hash       TEXT NOT NULL UNIQUE,
	employee_id     TEXT NOT NULL,
	profile_version INTEGER NOT NULL,
	parts           TEXT NOT NULL,  -- JSON array of identity parts
	note            TEXT NOT NULL,
	created_by      TEXT NOT NULL,
	expires_at      TEXT NOT NULL,
	created_at      TEXT NOT NULL,
	revoked_at      TEXT,
	version         INTEGER NOT NULL
);
CREATE INDEX cv_shares_employee ON cv_shares (employee_id, created_at, id);
