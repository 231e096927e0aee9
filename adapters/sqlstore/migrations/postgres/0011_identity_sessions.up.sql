-- Sessions (issue 15): one per sign-in, pending until its callback is
-- verified; only the keyed hash of the token's secret is kept.
CREATE TABLE identity_sessions (
	id           TEXT PRIMARY KEY,
	trans_id     TEXT NOT NULL UNIQUE,
	national_id  TEXT,
	secret_hash  BYTEA NOT NULL,
	claims       JSONB,
	created_at   TIMESTAMPTZ,
	activated_at TIMESTAMPTZ,
	expires_at   TIMESTAMPTZ,
	revoked_at   TIMESTAMPTZ,
	version      BIGINT NOT NULL
);
CREATE INDEX identity_sessions_expires ON identity_sessions (expires_at);
