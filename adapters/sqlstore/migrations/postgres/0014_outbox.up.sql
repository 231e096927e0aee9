-- The transactional outbox (package outbox): messages appended in a
-- change's transaction, claimed and delivered by a relay after it commits.
-- seq comes from a sequence (bigserial): unique and increasing in the
-- order of the inserts, never reused; IDs and names compare in byte order
-- (COLLATE "C"); the payload is BYTEA, kept byte for byte.
CREATE TABLE outbox_messages (
	seq             BIGSERIAL PRIMARY KEY,
	id              TEXT COLLATE "C" NOT NULL UNIQUE,
	topic           TEXT COLLATE "C" NOT NULL,
	kind            TEXT COLLATE "C" NOT NULL,
	aggregate       TEXT COLLATE "C" NOT NULL,
	payload         BYTEA,
	created_at      TIMESTAMPTZ,
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at TIMESTAMPTZ,
	last_error      TEXT NOT NULL DEFAULT '',
	delivered_at    TIMESTAMPTZ,
	outcome         TEXT NOT NULL DEFAULT ''
);
-- The relay's claim: a topic's pending messages in seq order.
CREATE INDEX outbox_pending ON outbox_messages (topic, seq) WHERE delivered_at IS NULL;
-- The held-back check: a topic's pending messages that are not due (the
-- leased and the failed, few), whose aggregates' later messages wait.
CREATE INDEX outbox_pending_due ON outbox_messages (topic, next_attempt_at) WHERE delivered_at IS NULL;
-- Prune: a topic's delivered messages by delivery time.
CREATE INDEX outbox_delivered ON outbox_messages (topic, delivered_at) WHERE delivered_at IS NOT NULL;
