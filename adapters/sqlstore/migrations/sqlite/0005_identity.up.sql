-- Identity (package identity): registrations with their OTP state, pending
-- sign-ins, and consents. Hashes are BLOBs; instants fixed-width UTC text,
-- NULL when not set; consent parts a JSON array read and written whole.
CREATE TABLE identity_registrations (
	id                     TEXT PRIMARY KEY,
	national_id            TEXT NOT NULL,
	birth_date             TEXT,
	mobile                 TEXT,
	email                  TEXT,
	status                 TEXT NOT NULL,
	mobile_confirmed_at    TEXT,
	email_confirmed_at     TEXT,
	activated_at           TEXT,
	otp_hash               BLOB,
	otp_sent_at            TEXT,
	otp_expires_at         TEXT,
	otp_attempts           INTEGER NOT NULL,
	otp_sends              INTEGER NOT NULL,
	otp_locked_until       TEXT,
	email_token_hash       BLOB,
	email_token_expires_at TEXT,
	created_at             TEXT,
	updated_at             TEXT,
	version                INTEGER NOT NULL
);
CREATE UNIQUE INDEX identity_registrations_national_id ON identity_registrations (national_id);
CREATE INDEX identity_registrations_email_token ON identity_registrations (email_token_hash);

CREATE TABLE identity_sign_ins (
	trans_id    TEXT PRIMARY KEY,
	request_id  TEXT NOT NULL,
	national_id TEXT,
	number      TEXT NOT NULL,
	started_at  TEXT,
	expires_at  TEXT,
	consumed_at TEXT
);
CREATE INDEX identity_sign_ins_expires ON identity_sign_ins (expires_at);

CREATE TABLE identity_consents (
	id         TEXT PRIMARY KEY,
	owner      TEXT,
	grantee    TEXT NOT NULL,
	parts      TEXT NOT NULL,
	purpose    TEXT NOT NULL,
	from_at    TEXT,
	until_at   TEXT,
	created_at TEXT NOT NULL,
	revoked_at TEXT,
	version    INTEGER NOT NULL
);
CREATE INDEX identity_consents_created ON identity_consents (created_at, id);
CREATE INDEX identity_consents_owner ON identity_consents (owner, created_at, id);
CREATE INDEX identity_consents_grantee ON identity_consents (grantee, created_at, id);
