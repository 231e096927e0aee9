-- Registration attempts (issue 13): a person may have several pending
-- registrations at once, one per set of contact channels, numbered by
-- attempt; at most one active registration per national ID.
ALTER TABLE identity_registrations ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1;
DROP INDEX identity_registrations_national_id;
CREATE UNIQUE INDEX identity_registrations_national_id ON identity_registrations (national_id, attempt);
CREATE UNIQUE INDEX identity_registrations_active ON identity_registrations (national_id) WHERE status = 'active';
