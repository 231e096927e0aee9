-- Promotion rounds (package promotion) and what hangs off them: candidates,
-- ranking results and promotion decisions. Settings, vacancies, the
-- regulation and a candidate's lists of facts are JSONB documents read and
-- written whole; decimals are NUMERIC; keys compare byte by byte
-- (COLLATE "C"), as the contract's orders require.
CREATE TABLE promotion_rounds (
	id                 TEXT COLLATE "C" PRIMARY KEY,
	agency_id          TEXT NOT NULL,
	title_ar           TEXT NOT NULL,
	title_en           TEXT NOT NULL,
	status             TEXT NOT NULL,
	consideration_date TEXT,
	settings           JSONB NOT NULL,
	vacancies          JSONB NOT NULL,
	regulation         JSONB NOT NULL,
	digest             TEXT NOT NULL,
	created_at         TIMESTAMPTZ NOT NULL,
	updated_at         TIMESTAMPTZ,
	announced_at       TIMESTAMPTZ,
	opened_at          TIMESTAMPTZ,
	ranked_at          TIMESTAMPTZ,
	decided_at         TIMESTAMPTZ,
	closed_at          TIMESTAMPTZ,
	version            BIGINT NOT NULL
);
CREATE INDEX promotion_rounds_created ON promotion_rounds (created_at DESC, id);
CREATE INDEX promotion_rounds_agency ON promotion_rounds (agency_id, created_at DESC, id);
CREATE INDEX promotion_rounds_status ON promotion_rounds (status, created_at DESC, id);

CREATE TABLE promotion_candidates (
	round_id          TEXT COLLATE "C" NOT NULL REFERENCES promotion_rounds (id) ON DELETE CASCADE,
	vacancy_id        TEXT COLLATE "C" NOT NULL,
	national_id       TEXT COLLATE "C" NOT NULL,
	name              TEXT NOT NULL,
	cur_rank          INTEGER NOT NULL,
	cur_step          INTEGER NOT NULL,
	rank_date         TEXT,
	appointment_date  TEXT,
	birth_date        TEXT,
	rating            INTEGER NOT NULL,
	rating_date       TEXT,
	rank_days         JSONB NOT NULL,
	score_initiatives NUMERIC NOT NULL,
	score_training    NUMERIC NOT NULL,
	score_interview   NUMERIC NOT NULL,
	score_test        NUMERIC NOT NULL,
	facts             JSONB NOT NULL,
	PRIMARY KEY (round_id, vacancy_id, national_id)
);

CREATE TABLE promotion_results (
	round_id     TEXT COLLATE "C" NOT NULL REFERENCES promotion_rounds (id) ON DELETE CASCADE,
	seq          INTEGER NOT NULL,
	idx          INTEGER NOT NULL,
	vacancy_id   TEXT COLLATE "C" NOT NULL,
	national_id  TEXT NOT NULL,
	eligible     BOOLEAN NOT NULL,
	failed       JSONB NOT NULL,
	position     INTEGER NOT NULL,
	winner       BOOLEAN NOT NULL,
	points       JSONB NOT NULL,
	total        BIGINT NOT NULL,
	separated_by TEXT NOT NULL,
	PRIMARY KEY (round_id, seq)
);
CREATE INDEX promotion_results_vacancy ON promotion_results (round_id, vacancy_id, seq);
CREATE INDEX promotion_results_person ON promotion_results (round_id, national_id, seq);

CREATE TABLE promotion_decisions (
	id              TEXT COLLATE "C" PRIMARY KEY,
	round_id        TEXT COLLATE "C" NOT NULL REFERENCES promotion_rounds (id) ON DELETE CASCADE,
	agency_id       TEXT NOT NULL,
	vacancy_id      TEXT COLLATE "C" NOT NULL,
	national_id     TEXT COLLATE "C" NOT NULL,
	name            TEXT NOT NULL,
	exceptional     BOOLEAN NOT NULL,
	position        INTEGER NOT NULL,
	total           BIGINT NOT NULL,
	from_rank       INTEGER NOT NULL,
	from_step       INTEGER NOT NULL,
	to_rank         INTEGER NOT NULL,
	to_step         INTEGER NOT NULL,
	old_salary      NUMERIC NOT NULL,
	new_salary      NUMERIC NOT NULL,
	raise_amount    NUMERIC NOT NULL,
	min_raise       NUMERIC NOT NULL,
	below_min_raise BOOLEAN NOT NULL,
	provisional     BOOLEAN NOT NULL,
	scale_code      TEXT NOT NULL,
	decision_date   TEXT,
	effective_date  TEXT,
	created_at      TIMESTAMPTZ,
	version         BIGINT NOT NULL
);
CREATE UNIQUE INDEX promotion_decisions_key ON promotion_decisions (round_id, vacancy_id, national_id);
CREATE INDEX promotion_decisions_order ON promotion_decisions (round_id, vacancy_id, position, id);
CREATE INDEX promotion_decisions_person ON promotion_decisions (national_id);
CREATE INDEX promotion_decisions_agency ON promotion_decisions (agency_id);
