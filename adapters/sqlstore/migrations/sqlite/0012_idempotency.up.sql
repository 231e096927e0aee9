-- Idempotency keys (package idempotency): one row per (scope, key), the
-- request's fingerprint and, once the call completed, the response to
-- replay (status 0 while in progress). Header is a JSON object read and
-- written whole; body the response bytes; instants fixed-width UTC text.
-- The sweep (DeleteExpiredIdempotencyKeys) reads the expires_at index.
CREATE TABLE idempotency_keys (
	scope        TEXT NOT NULL,
	idem_key     TEXT NOT NULL,
	request_hash TEXT NOT NULL,
	status       INTEGER NOT NULL,
	header       TEXT,
	body         BLOB,
	created_at   TEXT NOT NULL,
	expires_at   TEXT NOT NULL,
	PRIMARY KEY (scope, idem_key)
);
CREATE INDEX idempotency_keys_expires ON idempotency_keys (expires_at);
