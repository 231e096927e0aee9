-- Promotion rounds (package promotion) and what hangs off them: candidates,
-- ranking results and promotion decisions. Settings, vacancies, the
-- regulation and a candidate's lists of facts are JSON documents read and
-- written whole; decimals are TEXT so they never pass through float64.
CREATE TABLE promotion_rounds (
	id                 TEXT PRIMARY KEY,
	agency_id          TEXT NOT NULL,
	title_ar           TEXT NOT NULL,
	title_en           TEXT NOT NULL,
	status             TEXT NOT NULL,
	consideration_date TEXT,
	settings           TEXT NOT NULL,
	vacancies          TEXT NOT NULL,
	regulation         TEXT NOT NULL,
	digest             TEXT NOT NULL,
	created_at         TEXT NOT NULL,
	updated_at         TEXT,
	announced_at       TEXT,
	opened_at          TEXT,
	ranked_at          TEXT,
	decided_at         TEXT,
	closed_at          TEXT,
	version            INTEGER NOT NULL
);
CREATE INDEX promotion_rounds_created ON promotion_rounds (created_at DESC, id);
CREATE INDEX promotion_rounds_agency ON promotion_rounds (agency_id, created_at DESC, id);
CREATE INDEX promotion_rounds_status ON promotion_rounds (status, created_at DESC, id);

CREATE TABLE promotion_candidates (
	round_id          TEXT NOT NULL REFERENCES promotion_rounds (id) ON DELETE CASCADE,
	vacancy_id        TEXT NOT NULL,
	national_id       TEXT NOT NULL,
	name              TEXT NOT NULL,
	cur_rank          INTEGER NOT NULL,
	cur_step          INTEGER NOT NULL,
	rank_date         TEXT,
	appointment_date  TEXT,
	birth_date        TEXT,
	rating            INTEGER NOT NULL,
	rating_date       TEXT,
	rank_days         TEXT NOT NULL,
	score_initiatives TEXT NOT NULL,
	score_training    TEXT NOT NULL,
	score_interview   TEXT NOT NULL,
	score_test        TEXT NOT NULL,
	facts             TEXT NOT NULL,
	PRIMARY KEY (round_id, vacancy_id, national_id)
) WITHOUT ROWID;

CREATE TABLE promotion_results (
	round_id     TEXT NOT NULL REFERENCES promotion_rounds (id) ON DELETE CASCADE,
	seq          INTEGER NOT NULL,
	idx          INTEGER NOT NULL,
	vacancy_id   TEXT NOT NULL,
	national_id  TEXT NOT NULL,
	eligible     INTEGER NOT NULL,
	failed       TEXT NOT NULL,
	position     INTEGER NOT NULL,
	winner       INTEGER NOT NULL,
	points       TEXT NOT NULL,
	total        INTEGER NOT NULL,
	separated_by TEXT NOT NULL,
	PRIMARY KEY (round_id, seq)
) WITHOUT ROWID;
CREATE INDEX promotion_results_vacancy ON promotion_results (round_id, vacancy_id, seq);
CREATE INDEX promotion_results_person ON promotion_results (round_id, national_id, seq);

CREATE TABLE promotion_decisions (
	id              TEXT PRIMARY KEY,
	round_id        TEXT NOT NULL REFERENCES promotion_rounds (id) ON DELETE CASCADE,
	agency_id       TEXT NOT NULL,
	vacancy_id      TEXT NOT NULL,
	national_id     TEXT NOT NULL,
	name            TEXT NOT NULL,
	exceptional     INTEGER NOT NULL,
	position        INTEGER NOT NULL,
	total           INTEGER NOT NULL,
	from_rank       INTEGER NOT NULL,
	from_step       INTEGER NOT NULL,
	to_rank         INTEGER NOT NULL,
	to_step         INTEGER NOT NULL,
	old_salary      TEXT NOT NULL,
	new_salary      TEXT NOT NULL,
	raise_amount    TEXT NOT NULL,
	min_raise       TEXT NOT NULL,
	below_min_raise INTEGER NOT NULL,
	provisional     INTEGER NOT NULL,
	scale_code      TEXT NOT NULL,
	decision_date   TEXT,
	effective_date  TEXT,
	created_at      TEXT,
	version         INTEGER NOT NULL
);
CREATE UNIQUE INDEX promotion_decisions_key ON promotion_decisions (round_id, vacancy_id, national_id);
CREATE INDEX promotion_decisions_order ON promotion_decisions (round_id, vacancy_id, position, id);
CREATE INDEX promotion_decisions_person ON promotion_decisions (national_id);
CREATE INDEX promotion_decisions_agency ON promotion_decisions (agency_id);
