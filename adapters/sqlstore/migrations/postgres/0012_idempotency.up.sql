-- Idempotency keys (package idempotency): one row per (scope, key), the
-- request's fingerprint and, once the call completed, the response to
-- replay (status 0 while in progress). Header is a JSONB object read and
-- written whole; body the response bytes (BYTEA); keys compare byte by
-- byte (COLLATE "C"). The sweep (DeleteExpiredIdempotencyKeys) reads the
-- expires_at index.
CREATE TABLE idempotency_keys (
	scope        TEXT COLLATE "C" NOT NULL,
	idem_key     TEXT COLLATE "C" NOT NULL,
	request_hash TEXT NOT NULL,
	status       INTEGER NOT NULL,
	header       JSONB,
	body         BYTEA,
	created_at   TIMESTAMPTZ NOT NULL,
	expires_at   TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (scope, idem_key)
);
CREATE INDEX idempotency_keys_expires ON idempotency_keys (expires_at);
