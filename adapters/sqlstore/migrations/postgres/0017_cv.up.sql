-- The CV (package cv): every version of the sections an employee writes,
-- and the shares by verification code. Keys compare in byte order
-- (COLLATE "C"), as the contract's orders require; a version's sections
-- are one JSONB document read and written whole.
CREATE TABLE cv_profiles (
	employee_id TEXT COLLATE "C" NOT NULL,
	version     BIGINT NOT NULL,
	body        JSONB NOT NULL,  -- summary, skills, languages, experience, certificates
	updated_by  TEXT NOT NULL,
	updated_at  TIMESTAMPTZ,
	PRIMARY KEY (employee_id, version)
);

-- A share stores the HMAC of its code, never the code.
CREATE TABLE cv_shares (
	id              TEXT COLLATE "C" PRIMARY KEY,
	code_hash       TEXT COLLATE "C" NOT NULL UNIQUE,
	employee_id     TEXT COLLATE "C" NOT NULL,
	profile_version BIGINT NOT NULL,
	parts           JSONB NOT NULL,  -- array of identity parts
	note            TEXT NOT NULL,
	created_by      TEXT NOT NULL,
	expires_at      TIMESTAMPTZ NOT NULL,
	created_at      TIMESTAMPTZ NOT NULL,
	revoked_at      TIMESTAMPTZ,
	version         BIGINT NOT NULL
);
CREATE INDEX cv_shares_employee ON cv_shares (employee_id, created_at, id);
