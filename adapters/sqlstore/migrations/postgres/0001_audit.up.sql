CREATE TABLE audit_entries (
	id             TEXT COLLATE "C" PRIMARY KEY,
	at             TIMESTAMPTZ NOT NULL,
	actor          TEXT NOT NULL,
	actor_masked   TEXT NOT NULL,
	actor_roles    JSONB NOT NULL,
	actor_agency   TEXT NOT NULL,
	action         TEXT NOT NULL,
	subject        TEXT NOT NULL,
	subject_masked TEXT NOT NULL,
	agency         TEXT NOT NULL,
	resource       TEXT NOT NULL,
	outcome        TEXT NOT NULL,
	code           TEXT NOT NULL,
	changes        JSONB NOT NULL
);
CREATE INDEX audit_entries_at ON audit_entries (at, id);
CREATE INDEX audit_entries_subject ON audit_entries (subject, at, id);
CREATE INDEX audit_entries_actor ON audit_entries (actor, at, id);
CREATE INDEX audit_entries_agency ON audit_entries (agency, at, id);
