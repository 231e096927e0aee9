-- The transactional outbox (package outbox): messages appended in a
-- change's transaction, claimed and delivered by a relay after it commits.
-- seq is the rowid, AUTOINCREMENT so that it is never reused after a prune;
-- IDs and names compare in byte order (BINARY); instants are fixed-width
-- UTC TEXT; the payload is a BLOB, kept byte for byte.
CREATE TABLE outbox_messages (
	seq             INTEGER PRIMARY KEY AUTOINCREMENT,
	id              TEXT NOT NULL UNIQUE,
	topic           TEXT NOT NULL,
	kind            TEXT NOT NULL,
	aggregate       TEXT NOT NULL,
	payload         BLOB,
	created_at      TEXT,
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at TEXT,
	last_error      TEXT NOT NULL DEFAULT '',
	delivered_at    TEXT,
	outcome         TEXT NOT NULL DEFAULT ''
);
-- The relay's claim: a topic's pending messages in seq order.
CREATE INDEX outbox_pending ON outbox_messages (topic, seq) WHERE delivered_at IS NULL;
-- The held-back check: a topic's pending messages that are not due (the
-- leased and the failed, few), whose aggregates' later messages wait.
CREATE INDEX outbox_pending_due ON outbox_messages (topic, next_attempt_at) WHERE delivered_at IS NULL;
-- Prune: a topic's delivered messages by delivery time.
CREATE INDEX outbox_delivered ON outbox_messages (topic, delivered_at) WHERE delivered_at IS NOT NULL;
