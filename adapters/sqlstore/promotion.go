package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jmoiron/sqlx"
	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/promotion"
)

var _ promotion.Store = (*Store)(nil)

// Rounds.

type roundRow struct {
	ID                string                          `db:"id"`
	AgencyID          string                          `db:"agency_id"`
	TitleAR           string                          `db:"title_ar"`
	TitleEN           string                          `db:"title_en"`
	Status            string                          `db:"status"`
	ConsiderationDate hijri.Date                      `db:"consideration_date"`
	Settings          jsonValue[promotion.Settings]   `db:"settings"`
	Vacancies         jsonValue[[]promotion.Vacancy]  `db:"vacancies"`
	Regulation        jsonValue[promotion.Regulation] `db:"regulation"`
	Digest            string                          `db:"digest"`
	CreatedAt         instant                         `db:"created_at"`
	UpdatedAt         instant                         `db:"updated_at"`
	AnnouncedAt       instant                         `db:"announced_at"`
	OpenedAt          instant                         `db:"opened_at"`
	RankedAt          instant                         `db:"ranked_at"`
	DecidedAt         instant                         `db:"decided_at"`
	ClosedAt          instant                         `db:"closed_at"`
	Version           int64                           `db:"version"`
}

const roundColumns = `id, agency_id, title_ar, title_en, status, consideration_date, settings, vacancies, regulation,
	digest, created_at, updated_at, announced_at, opened_at, ranked_at, decided_at, closed_at, version`

func (r *roundRow) round() promotion.Round {
	return promotion.Round{
		ID: r.ID, AgencyID: r.AgencyID, Title: i18n.Text{AR: r.TitleAR, EN: r.TitleEN},
		Status: promotion.RoundStatus(r.Status), ConsiderationDate: r.ConsiderationDate,
		Settings: r.Settings.V, Vacancies: r.Vacancies.V, Regulation: r.Regulation.V, Digest: r.Digest,
		CreatedAt: timeOf(r.CreatedAt), UpdatedAt: timeOf(r.UpdatedAt), AnnouncedAt: timeOf(r.AnnouncedAt),
		OpenedAt: timeOf(r.OpenedAt), RankedAt: timeOf(r.RankedAt), DecidedAt: timeOf(r.DecidedAt),
		ClosedAt: timeOf(r.ClosedAt), Version: r.Version,
	}
}

// roundValues returns r's columns after id, in roundColumns order, without version.
func roundValues(r *promotion.Round) []any {
	return []any{r.AgencyID, r.Title.AR, r.Title.EN, string(r.Status), r.ConsiderationDate,
		jsonValue[promotion.Settings]{r.Settings}, jsonValue[[]promotion.Vacancy]{r.Vacancies},
		jsonValue[promotion.Regulation]{r.Regulation}, r.Digest, instant(r.CreatedAt), instant(r.UpdatedAt),
		instant(r.AnnouncedAt), instant(r.OpenedAt), instant(r.RankedAt), instant(r.DecidedAt), instant(r.ClosedAt)}
}

const (
	roundInsert = `INSERT INTO promotion_rounds (` + roundColumns + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
	roundCAS = `UPDATE promotion_rounds SET agency_id = ?, title_ar = ?, title_en = ?, status = ?,
	consideration_date = ?, settings = ?, vacancies = ?, regulation = ?, digest = ?, created_at = ?,
	updated_at = ?, announced_at = ?, opened_at = ?, ranked_at = ?, decided_at = ?, closed_at = ?,
	version = version + 1 WHERE id = ? AND version = ?`
	roundVersion = `SELECT version FROM promotion_rounds WHERE id = ?`
)

// CreateRound implements promotion.Store.
func (s *Store) CreateRound(ctx context.Context, r promotion.Round) (promotion.Round, error) {
	if err := ctx.Err(); err != nil {
		return promotion.Round{}, err
	}
	args := append(append([]any{r.ID}, roundValues(&r)...), int64(1))
	n, err := s.exec(ctx, s.ext(ctx), roundInsert, args...)
	if err != nil {
		return promotion.Round{}, err
	}
	if n == 0 {
		return promotion.Round{}, promotion.ErrConflict
	}
	r = r.Clone()
	r.Version = 1
	return r, nil
}

// GetRound implements promotion.Store.
func (s *Store) GetRound(ctx context.Context, id string) (promotion.Round, error) {
	if err := ctx.Err(); err != nil {
		return promotion.Round{}, err
	}
	var row roundRow
	err := sqlx.GetContext(ctx, s.ext(ctx), &row, s.rebind(`SELECT `+roundColumns+` FROM promotion_rounds WHERE id = ?`), id)
	if errors.Is(err, sql.ErrNoRows) {
		return promotion.Round{}, promotion.ErrNotFound
	}
	if err != nil {
		return promotion.Round{}, mapError(err)
	}
	return row.round(), nil
}

// casRound stores r with version r.Version+1 if the stored version is
// r.Version, and returns the round as stored.
func (s *Store) casRound(ctx context.Context, q sqlx.ExtContext, r promotion.Round) (promotion.Round, error) {
	args := append(roundValues(&r), r.ID, r.Version)
	n, err := s.exec(ctx, q, roundCAS, args...)
	if err != nil {
		return promotion.Round{}, err
	}
	if n == 0 {
		return promotion.Round{}, s.versionMiss(ctx, q, roundVersion, r.ID, promotion.ErrNotFound, promotion.ErrConflict)
	}
	r = r.Clone()
	r.Version++
	return r, nil
}

// writeRound runs fn, a write that ends with casRound's stored round, in
// one transaction and returns that round.
func (s *Store) writeRound(ctx context.Context, fn func(q sqlx.ExtContext) (promotion.Round, error)) (promotion.Round, error) {
	if err := ctx.Err(); err != nil {
		return promotion.Round{}, err
	}
	var out promotion.Round
	err := s.write(ctx, func(q sqlx.ExtContext) error {
		r, err := fn(q)
		out = r
		return err
	})
	if err != nil {
		return promotion.Round{}, err
	}
	return out, nil
}

// UpdateRound implements promotion.Store.
func (s *Store) UpdateRound(ctx context.Context, r promotion.Round) (promotion.Round, error) {
	if err := ctx.Err(); err != nil {
		return promotion.Round{}, err
	}
	return s.casRound(ctx, s.ext(ctx), r)
}

// ListRounds implements promotion.Store.
func (s *Store) ListRounds(ctx context.Context, f promotion.RoundFilter) ([]promotion.Round, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	after, err := s.roundCursor(ctx, f.After)
	if err != nil {
		return nil, err
	}
	query, args := s.roundListQuery(f, after)
	var rows []roundRow
	if err := sqlxSelect(ctx, s.ext(ctx), &rows, query, args...); err != nil {
		return nil, err
	}
	out := make([]promotion.Round, len(rows))
	for i := range rows {
		out[i] = rows[i].round()
	}
	return out, nil
}

// roundCursor is the position of ListRounds's After cursor.
type roundCursor struct {
	createdAt instant
	id        string
}

// roundCursor looks the cursor round up; nil for no cursor, ErrNotFound
// for a round that does not exist.
func (s *Store) roundCursor(ctx context.Context, id string) (*roundCursor, error) {
	if id == "" {
		return nil, nil
	}
	c := &roundCursor{id: id}
	err := sqlx.GetContext(ctx, s.ext(ctx), &c.createdAt, s.rebind(`SELECT created_at FROM promotion_rounds WHERE id = ?`), id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, promotion.ErrNotFound
	}
	if err != nil {
		return nil, mapError(err)
	}
	return c, nil
}

// roundListQuery returns ListRounds's query, in the dialect's bind style,
// and its arguments: keyset paging on (created_at DESC, id) after the
// cursor, if any.
func (s *Store) roundListQuery(f promotion.RoundFilter, after *roundCursor) (string, []any) {
	var w conds
	if f.AgencyID != "" {
		w.add(`agency_id = ?`, f.AgencyID)
	}
	if f.Status != "" {
		w.add(`status = ?`, string(f.Status))
	}
	if !f.Candidate.IsZero() {
		w.add(`id IN (SELECT round_id FROM promotion_candidates WHERE national_id = ?)`, f.Candidate.String())
	}
	if after != nil {
		w.add(`(created_at < ? OR (created_at = ? AND id > ?))`, after.createdAt, after.createdAt, after.id)
	}
	query := `SELECT ` + roundColumns + ` FROM promotion_rounds` + w.String() + ` ORDER BY created_at DESC, id`
	if f.Limit > 0 {
		query += ` LIMIT ?`
		w.args = append(w.args, f.Limit)
	}
	return s.rebind(query), w.args
}

// roundExists returns ErrNotFound unless round id exists.
func (s *Store) roundExists(ctx context.Context, q sqlx.QueryerContext, id string) error {
	var v int64
	err := sqlx.GetContext(ctx, q, &v, s.rebind(roundVersion), id)
	if errors.Is(err, sql.ErrNoRows) {
		return promotion.ErrNotFound
	}
	return mapError(err)
}

// Candidates.

// candidateFacts are a candidate's lists, stored as one JSON document.
type candidateFacts struct {
	Qualifications []promotion.Qualification `json:"qualifications,omitempty"`
	Statuses       []promotion.Status        `json:"statuses,omitempty"`
	Penalties      []promotion.Penalty       `json:"penalties,omitempty"`
	Promotions     []promotion.PastPromotion `json:"promotions,omitempty"`
}

type candidateRow struct {
	VacancyID       string                    `db:"vacancy_id"`
	NationalID      identity.NationalID       `db:"national_id"`
	Name            string                    `db:"name"`
	Rank            int                       `db:"cur_rank"`
	Step            int                       `db:"cur_step"`
	RankDate        hijri.Date                `db:"rank_date"`
	AppointmentDate hijri.Date                `db:"appointment_date"`
	BirthDate       hijri.Date                `db:"birth_date"`
	Rating          int                       `db:"rating"`
	RatingDate      hijri.Date                `db:"rating_date"`
	RankDays        rankDaysColumn            `db:"rank_days"`
	Initiatives     decimal.Decimal           `db:"score_initiatives"`
	Training        decimal.Decimal           `db:"score_training"`
	Interview       decimal.Decimal           `db:"score_interview"`
	Test            decimal.Decimal           `db:"score_test"`
	Facts           jsonValue[candidateFacts] `db:"facts"`
}

// candidateColumns are the columns read; candidateInsertColumns adds the round.
const (
	candidateColumns = `vacancy_id, national_id, name, cur_rank, cur_step, rank_date, appointment_date, birth_date,
	rating, rating_date, rank_days, score_initiatives, score_training, score_interview, score_test, facts`
	candidateInsertColumns = `round_id, ` + candidateColumns
	candidateNCols         = 17
	candidateUpsert        = ` ON CONFLICT (round_id, vacancy_id, national_id) DO UPDATE SET
	name = excluded.name, cur_rank = excluded.cur_rank, cur_step = excluded.cur_step, rank_date = excluded.rank_date,
	appointment_date = excluded.appointment_date, birth_date = excluded.birth_date, rating = excluded.rating,
	rating_date = excluded.rating_date, rank_days = excluded.rank_days, score_initiatives = excluded.score_initiatives,
	score_training = excluded.score_training, score_interview = excluded.score_interview,
	score_test = excluded.score_test, facts = excluded.facts`
)

func (r *candidateRow) candidate() promotion.Candidate {
	f := &r.Facts.V
	return promotion.Candidate{
		NationalID: r.NationalID, VacancyID: r.VacancyID, Name: r.Name, Rank: r.Rank, Step: r.Step,
		RankDate: r.RankDate, AppointmentDate: r.AppointmentDate, BirthDate: r.BirthDate,
		Qualifications: f.Qualifications, RankDays: promotion.RankDays(r.RankDays), Statuses: f.Statuses, Penalties: f.Penalties,
		Promotions: f.Promotions, Rating: r.Rating, RatingDate: r.RatingDate,
		Scores: promotion.Scores{Initiatives: r.Initiatives, Training: r.Training, Interview: r.Interview, Test: r.Test},
	}
}

func appendCandidate(args []any, roundID string, c *promotion.Candidate) []any {
	return append(args, roundID, c.VacancyID, c.NationalID.String(), c.Name, c.Rank, c.Step,
		c.RankDate, c.AppointmentDate, c.BirthDate, c.Rating, c.RatingDate, rankDaysColumn(c.RankDays),
		c.Scores.Initiatives, c.Scores.Training, c.Scores.Interview, c.Scores.Test,
		jsonValue[candidateFacts]{candidateFacts{Qualifications: c.Qualifications, Statuses: c.Statuses, Penalties: c.Penalties, Promotions: c.Promotions}})
}

// PutCandidates implements promotion.Store: the round's compare-and-swap,
// then multi-row upserts of as many candidates as the dialect's placeholder
// limit allows, all in one transaction.
func (s *Store) PutCandidates(ctx context.Context, r promotion.Round, cs []promotion.Candidate) (promotion.Round, error) {
	return s.writeRound(ctx, func(q sqlx.ExtContext) (promotion.Round, error) {
		stored, err := s.casRound(ctx, q, r)
		if err != nil {
			return promotion.Round{}, err
		}
		args := make([]any, 0, min(len(cs), s.batchRows(candidateNCols))*candidateNCols)
		return stored, s.inBatches(len(cs), candidateNCols, func(start, end int) error {
			args = args[:0]
			for i := start; i < end; i++ {
				args = appendCandidate(args, r.ID, &cs[i])
			}
			query := `INSERT INTO promotion_candidates (` + candidateInsertColumns + `) VALUES ` +
				s.valuesList(end-start, candidateNCols) + candidateUpsert
			_, err := q.ExecContext(ctx, query, args...)
			return mapError(err)
		})
	})
}

// GetCandidate implements promotion.Store.
func (s *Store) GetCandidate(ctx context.Context, roundID, vacancyID, nationalID string) (promotion.Candidate, error) {
	if err := ctx.Err(); err != nil {
		return promotion.Candidate{}, err
	}
	var row candidateRow
	err := sqlx.GetContext(ctx, s.ext(ctx), &row, s.rebind(`SELECT `+candidateColumns+` FROM promotion_candidates
	WHERE round_id = ? AND vacancy_id = ? AND national_id = ?`), roundID, vacancyID, nationalID)
	if errors.Is(err, sql.ErrNoRows) {
		return promotion.Candidate{}, promotion.ErrNotFound
	}
	if err != nil {
		return promotion.Candidate{}, mapError(err)
	}
	return row.candidate(), nil
}

// ListCandidates implements promotion.Store with keyset paging on the
// primary key (round_id, vacancy_id, national_id). The cursor candidate is
// looked up on the same key first.
func (s *Store) ListCandidates(ctx context.Context, roundID string, f promotion.CandidateFilter) ([]promotion.Candidate, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	q := s.ext(ctx)
	if f.After != "" {
		vid, nid, ok := promotion.ParseCandidateCursor(f.After)
		if !ok {
			return nil, promotion.ErrNotFound
		}
		if _, err := s.GetCandidate(ctx, roundID, vid, nid); err != nil {
			return nil, err
		}
	}
	query, args := s.candidateListQuery(roundID, f)
	rows, err := q.QueryxContext(ctx, query, args...)
	if err != nil {
		return nil, mapError(err)
	}
	defer rows.Close()
	var out []promotion.Candidate
	if f.Limit > 0 {
		out = make([]promotion.Candidate, 0, min(f.Limit, 10_000))
	}
	var row candidateRow
	for rows.Next() {
		row = candidateRow{}
		if err := rows.StructScan(&row); err != nil {
			return nil, mapError(err)
		}
		out = append(out, row.candidate())
	}
	if err := rows.Err(); err != nil {
		return nil, mapError(err)
	}
	if len(out) == 0 {
		rows.Close()
		if err := s.roundExists(ctx, q, roundID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// candidateListQuery returns ListCandidates's query, in the dialect's bind
// style, and its arguments: a range of the primary key.
func (s *Store) candidateListQuery(roundID string, f promotion.CandidateFilter) (string, []any) {
	var w conds
	w.add(`round_id = ?`, roundID)
	if f.VacancyID != "" {
		w.add(`vacancy_id = ?`, f.VacancyID)
	}
	if !f.NationalID.IsZero() {
		w.add(`national_id = ?`, f.NationalID.String())
	}
	if vid, nid, ok := promotion.ParseCandidateCursor(f.After); ok {
		w.add(`(vacancy_id, national_id) > (?, ?)`, vid, nid)
	}
	query := `SELECT ` + candidateColumns + ` FROM promotion_candidates` + w.String() + ` ORDER BY vacancy_id, national_id`
	if f.Limit > 0 {
		query += ` LIMIT ?`
		w.args = append(w.args, f.Limit)
	}
	return s.rebind(query), w.args
}

// CountCandidates implements promotion.Store.
func (s *Store) CountCandidates(ctx context.Context, roundID string) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	var n int
	err := sqlx.GetContext(ctx, s.ext(ctx), &n, s.rebind(`SELECT (SELECT count(*) FROM promotion_candidates WHERE round_id = ?)
	FROM promotion_rounds WHERE id = ?`), roundID, roundID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, promotion.ErrNotFound
	}
	return n, mapError(err)
}

// Results.

type resultRow struct {
	Seq         int                                                `db:"seq"`
	Index       int                                                `db:"idx"`
	VacancyID   string                                             `db:"vacancy_id"`
	NationalID  identity.NationalID                                `db:"national_id"`
	Eligible    bool                                               `db:"eligible"`
	Failed      jsonValue[promotion.Rules]                         `db:"failed"`
	Position    int                                                `db:"position"`
	Winner      bool                                               `db:"winner"`
	Points      jsonValue[[promotion.NumCriteria]promotion.Points] `db:"points"`
	Total       int64                                              `db:"total"`
	SeparatedBy string                                             `db:"separated_by"`
}

const (
	resultColumns       = `seq, idx, vacancy_id, national_id, eligible, failed, position, winner, points, total, separated_by`
	resultInsertColumns = `round_id, ` + resultColumns
	resultNCols         = 12
)

// SaveRoundResults implements promotion.Store.
func (s *Store) SaveRoundResults(ctx context.Context, r promotion.Round, entries []promotion.Entry) (promotion.Round, error) {
	return s.writeRound(ctx, func(q sqlx.ExtContext) (promotion.Round, error) {
		stored, err := s.casRound(ctx, q, r)
		if err != nil {
			return promotion.Round{}, err
		}
		if _, err := s.exec(ctx, q, `DELETE FROM promotion_results WHERE round_id = ?`, r.ID); err != nil {
			return promotion.Round{}, err
		}
		args := make([]any, 0, min(len(entries), s.batchRows(resultNCols))*resultNCols)
		return stored, s.inBatches(len(entries), resultNCols, func(start, end int) error {
			args = args[:0]
			for i := start; i < end; i++ {
				e := &entries[i]
				args = append(args, r.ID, i, e.Index, e.VacancyID, e.NationalID.String(), e.Eligible,
					jsonValue[promotion.Rules]{e.Failed}, e.Position, e.Winner,
					jsonValue[[promotion.NumCriteria]promotion.Points]{e.Points}, int64(e.Total), e.SeparatedBy.String())
			}
			query := `INSERT INTO promotion_results (` + resultInsertColumns + `) VALUES ` + s.valuesList(end-start, resultNCols)
			_, err := q.ExecContext(ctx, query, args...)
			return mapError(err)
		})
	})
}

// ListRoundResults implements promotion.Store.
func (s *Store) ListRoundResults(ctx context.Context, roundID string, f promotion.ResultFilter) ([]promotion.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	q := s.ext(ctx)
	var w conds
	w.add(`round_id = ?`, roundID)
	if f.After != "" {
		seq, ok := promotion.ParseResultCursor(f.After)
		if !ok {
			return nil, promotion.ErrNotFound
		}
		if found, err := s.exists(ctx, q, `SELECT 1 FROM promotion_results WHERE round_id = ? AND seq = ?`, roundID, seq); err != nil {
			return nil, err
		} else if !found {
			return nil, promotion.ErrNotFound
		}
		w.add(`seq > ?`, seq)
	}
	if f.VacancyID != "" {
		w.add(`vacancy_id = ?`, f.VacancyID)
	}
	if f.WinnersOnly {
		w.add(`winner`)
	}
	if !f.NationalID.IsZero() {
		w.add(`national_id = ?`, f.NationalID.String())
	}
	query := `SELECT ` + resultColumns + ` FROM promotion_results` + w.String() + ` ORDER BY seq`
	if f.Limit > 0 {
		query += ` LIMIT ?`
		w.args = append(w.args, f.Limit)
	}
	var rows []resultRow
	if err := sqlxSelect(ctx, q, &rows, s.rebind(query), w.args...); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		if err := s.roundExists(ctx, q, roundID); err != nil {
			return nil, err
		}
	}
	out := make([]promotion.Result, len(rows))
	for i := range rows {
		r := &rows[i]
		var sep promotion.Separation
		if err := sep.UnmarshalText([]byte(r.SeparatedBy)); err != nil {
			return nil, ErrStorage.Wrap(err)
		}
		out[i] = promotion.Result{RoundID: roundID, Seq: r.Seq, Entry: promotion.Entry{
			Index: r.Index, VacancyID: r.VacancyID, NationalID: r.NationalID, Eligible: r.Eligible, Failed: r.Failed.V,
			Position: r.Position, Winner: r.Winner, Points: r.Points.V, Total: promotion.Points(r.Total), SeparatedBy: sep,
		}}
	}
	return out, nil
}

// Decisions.

type decisionRow struct {
	ID            string              `db:"id"`
	RoundID       string              `db:"round_id"`
	AgencyID      string              `db:"agency_id"`
	VacancyID     string              `db:"vacancy_id"`
	NationalID    identity.NationalID `db:"national_id"`
	Name          string              `db:"name"`
	Exceptional   bool                `db:"exceptional"`
	Position      int                 `db:"position"`
	Total         int64               `db:"total"`
	FromRank      int                 `db:"from_rank"`
	FromStep      int                 `db:"from_step"`
	ToRank        int                 `db:"to_rank"`
	ToStep        int                 `db:"to_step"`
	OldSalary     decimal.Decimal     `db:"old_salary"`
	NewSalary     decimal.Decimal     `db:"new_salary"`
	Raise         decimal.Decimal     `db:"raise_amount"`
	MinRaise      decimal.Decimal     `db:"min_raise"`
	BelowMinRaise bool                `db:"below_min_raise"`
	Provisional   bool                `db:"provisional"`
	ScaleCode     string              `db:"scale_code"`
	DecisionDate  hijri.Date          `db:"decision_date"`
	EffectiveDate hijri.Date          `db:"effective_date"`
	CreatedAt     instant             `db:"created_at"`
	Version       int64               `db:"version"`
}

const (
	decisionColumns = `id, round_id, agency_id, vacancy_id, national_id, name, exceptional, position, total,
	from_rank, from_step, to_rank, to_step, old_salary, new_salary, raise_amount, min_raise, below_min_raise,
	provisional, scale_code, decision_date, effective_date, created_at, version`
	decisionNCols = 24
)

func (r *decisionRow) decision() promotion.PromotionDecision {
	return promotion.PromotionDecision{
		ID: r.ID, RoundID: r.RoundID, AgencyID: r.AgencyID, VacancyID: r.VacancyID, NationalID: r.NationalID,
		Name: r.Name, Exceptional: r.Exceptional, Position: r.Position, Total: promotion.Points(r.Total),
		Placement: promotion.Placement{FromRank: r.FromRank, FromStep: r.FromStep, ToRank: r.ToRank, ToStep: r.ToStep,
			OldSalary: r.OldSalary, NewSalary: r.NewSalary, Raise: r.Raise, MinRaise: r.MinRaise,
			BelowMinRaise: r.BelowMinRaise, Provisional: r.Provisional},
		ScaleCode: r.ScaleCode, DecisionDate: r.DecisionDate, EffectiveDate: r.EffectiveDate,
		CreatedAt: timeOf(r.CreatedAt), Version: r.Version,
	}
}

// CreatePromotionDecisions implements promotion.Store: the round's
// compare-and-swap and inserts with ON CONFLICT DO NOTHING in one
// transaction; fewer rows inserted than given means a duplicate, and the
// transaction rolls back.
func (s *Store) CreatePromotionDecisions(ctx context.Context, r promotion.Round, ds []promotion.PromotionDecision) (promotion.Round, error) {
	if err := ctx.Err(); err != nil {
		return promotion.Round{}, err
	}
	// Duplicates within the batch conflict too (memstore's semantics);
	// catching them here spares the database a doomed statement.
	ids := make(map[string]struct{}, len(ds))
	keys := make(map[[3]string]struct{}, len(ds))
	for i := range ds {
		k := [3]string{ds[i].RoundID, ds[i].VacancyID, ds[i].NationalID.String()}
		_, dupID := ids[ds[i].ID]
		_, dupKey := keys[k]
		if dupID || dupKey {
			return promotion.Round{}, promotion.ErrConflict
		}
		ids[ds[i].ID], keys[k] = struct{}{}, struct{}{}
	}
	return s.writeRound(ctx, func(q sqlx.ExtContext) (promotion.Round, error) {
		stored, err := s.casRound(ctx, q, r)
		if err != nil {
			return promotion.Round{}, err
		}
		args := make([]any, 0, min(len(ds), s.batchRows(decisionNCols))*decisionNCols)
		return stored, s.inBatches(len(ds), decisionNCols, func(start, end int) error {
			args = args[:0]
			for i := start; i < end; i++ {
				d, p := &ds[i], &ds[i].Placement
				args = append(args, d.ID, d.RoundID, d.AgencyID, d.VacancyID, d.NationalID.String(), d.Name, d.Exceptional,
					d.Position, int64(d.Total), p.FromRank, p.FromStep, p.ToRank, p.ToStep, p.OldSalary, p.NewSalary,
					p.Raise, p.MinRaise, p.BelowMinRaise, p.Provisional, d.ScaleCode, d.DecisionDate, d.EffectiveDate,
					instant(d.CreatedAt), int64(1))
			}
			query := `INSERT INTO promotion_decisions (` + decisionColumns + `) VALUES ` +
				s.valuesList(end-start, decisionNCols) + ` ON CONFLICT DO NOTHING`
			res, err := q.ExecContext(ctx, query, args...)
			if err != nil {
				return mapError(err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return mapError(err)
			}
			if n != int64(end-start) {
				return promotion.ErrConflict
			}
			return nil
		})
	})
}

// GetPromotionDecision implements promotion.Store.
func (s *Store) GetPromotionDecision(ctx context.Context, id string) (promotion.PromotionDecision, error) {
	if err := ctx.Err(); err != nil {
		return promotion.PromotionDecision{}, err
	}
	var row decisionRow
	err := sqlx.GetContext(ctx, s.ext(ctx), &row, s.rebind(`SELECT `+decisionColumns+` FROM promotion_decisions WHERE id = ?`), id)
	if errors.Is(err, sql.ErrNoRows) {
		return promotion.PromotionDecision{}, promotion.ErrNotFound
	}
	if err != nil {
		return promotion.PromotionDecision{}, mapError(err)
	}
	return row.decision(), nil
}

// ListPromotionDecisions implements promotion.Store.
func (s *Store) ListPromotionDecisions(ctx context.Context, f promotion.DecisionFilter) ([]promotion.PromotionDecision, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	after, err := s.decisionCursor(ctx, f.After)
	if err != nil {
		return nil, err
	}
	query, args := s.decisionListQuery(f, after)
	var rows []decisionRow
	if err := sqlxSelect(ctx, s.ext(ctx), &rows, query, args...); err != nil {
		return nil, err
	}
	out := make([]promotion.PromotionDecision, len(rows))
	for i := range rows {
		out[i] = rows[i].decision()
	}
	return out, nil
}

// decisionCursor looks the cursor decision up; nil for no cursor,
// ErrNotFound for a decision that does not exist.
func (s *Store) decisionCursor(ctx context.Context, id string) (*promotion.PromotionDecision, error) {
	if id == "" {
		return nil, nil
	}
	d, err := s.GetPromotionDecision(ctx, id)
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// decisionListQuery returns ListPromotionDecisions's query, in the dialect's
// bind style, and its arguments: keyset paging on (round_id, vacancy_id,
// position, id) after the cursor decision, if any.
func (s *Store) decisionListQuery(f promotion.DecisionFilter, after *promotion.PromotionDecision) (string, []any) {
	var w conds
	if f.RoundID != "" {
		w.add(`round_id = ?`, f.RoundID)
	}
	if f.NationalID != "" {
		w.add(`national_id = ?`, f.NationalID)
	}
	if f.AgencyID != "" {
		w.add(`agency_id = ?`, f.AgencyID)
	}
	if after != nil {
		w.add(`(round_id, vacancy_id, position, id) > (?, ?, ?, ?)`, after.RoundID, after.VacancyID, after.Position, after.ID)
	}
	query := `SELECT ` + decisionColumns + ` FROM promotion_decisions` + w.String() + ` ORDER BY round_id, vacancy_id, position, id`
	if f.Limit > 0 {
		query += ` LIMIT ?`
		w.args = append(w.args, f.Limit)
	}
	return s.rebind(query), w.args
}

// Batches.

// batchRows is how many rows of ncols values one multi-row INSERT carries:
// the largest power of two whose placeholders fit under the dialect's limit
// (SQLite 32766, PostgreSQL 65535), at most 4096.
func (s *Store) batchRows(ncols int) int {
	limit := s.d.maxVariables()
	per := 4096
	for per > 1 && per*ncols > limit {
		per /= 2
	}
	return per
}

// inBatches calls insert for consecutive ranges [start, end) covering n rows
// of ncols values: full batches of batchRows, then the rest in descending
// powers of two. Every batch size is a power of two, so a table's multi-row
// INSERTs have at most a dozen distinct texts, and a driver that caches
// prepared statements by text (pgx does, per connection) caches a dozen, not
// one per remainder size.
func (s *Store) inBatches(n, ncols int, insert func(start, end int) error) error {
	per := s.batchRows(ncols)
	start := 0
	for size := per; size >= 1; size /= 2 {
		for n-start >= size {
			if err := insert(start, start+size); err != nil {
				return err
			}
			start += size
			if size < per {
				break // each smaller power of two at most once
			}
		}
	}
	return nil
}
