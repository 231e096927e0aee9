-- Identity (package identity): registrations with their OTP state, pending
-- sign-ins, and consents. Hashes are BYTEA; instants TIMESTAMPTZ, NULL when
-- not set; consent parts a JSONB array read and written whole; IDs compare
-- byte by byte (COLLATE "C").
CREATE TABLE identity_registrations (
	id                     TEXT COLLATE "C" PRIMARY KEY,
	national_id            TEXT NOT NULL,
	birth_date             TEXT,
	mobile                 TEXT,
	email                  TEXT,
	status                 TEXT NOT NULL,
	mobile_confirmed_at    TIMESTAMPTZ,
	email_confirmed_at     TIMESTAMPTZ,
	activated_at           TIMESTAMPTZ,
	otp_hash               BYTEA,
	otp_sent_at            TIMESTAMPTZ,
	otp_expires_at         TIMESTAMPTZ,
	otp_attempts           INTEGER NOT NULL,
	otp_sends              INTEGER NOT NULL,
	otp_locked_until       TIMESTAMPTZ,
	email_token_hash       BYTEA,
	email_token_expires_at TIMESTAMPTZ,
	created_at             TIMESTAMPTZ,
	updated_at             TIMESTAMPTZ,
	version                BIGINT NOT NULL
);
CREATE UNIQUE INDEX identity_registrations_national_id ON identity_registrations (national_id);
CREATE INDEX identity_registrations_email_token ON identity_registrations (email_token_hash);

CREATE TABLE identity_sign_ins (
	trans_id    TEXT PRIMARY KEY,
	request_id  TEXT NOT NULL,
	national_id TEXT,
	number      TEXT NOT NULL,
	started_at  TIMESTAMPTZ,
	expires_at  TIMESTAMPTZ,
	consumed_at TIMESTAMPTZ
);
CREATE INDEX identity_sign_ins_expires ON identity_sign_ins (expires_at);

CREATE TABLE identity_consents (
	id         TEXT COLLATE "C" PRIMARY KEY,
	owner      TEXT,
	grantee    TEXT NOT NULL,
	parts      JSONB NOT NULL,
	purpose    TEXT NOT NULL,
	from_at    TIMESTAMPTZ,
	until_at   TIMESTAMPTZ,
	created_at TIMESTAMPTZ NOT NULL,
	revoked_at TIMESTAMPTZ,
	version    BIGINT NOT NULL
);
CREATE INDEX identity_consents_created ON identity_consents (created_at, id);
CREATE INDEX identity_consents_owner ON identity_consents (owner, created_at, id);
CREATE INDEX identity_consents_grantee ON identity_consents (grantee, created_at, id);
