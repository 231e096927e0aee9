package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/jmoiron/sqlx"
	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/records"
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

// columnList splits a column list written for SQL into names.
func columnList(cols string) []string {
	return strings.FieldsFunc(cols, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
}

var (
	candidateCopyColumns = columnList(candidateInsertColumns)
	resultCopyColumns    = columnList(resultInsertColumns)
)

// candidateScanner reads candidate rows (candidateColumns) with rows.Scan
// into the same locals for every row, no reflection: text and integer
// columns as the driver hands them over (sql's *any: no conversion, no
// copy), the two JSON columns as sql.RawBytes (no copy); dates, rank days
// and facts are parsed from those bytes, and vacancy IDs, qualification
// fields and scores are shared across the rows of one read.
type candidateScanner struct {
	vals  [14]any
	days  sql.RawBytes
	facts sql.RawBytes
	dest  []any
	in    *interner
}

func newCandidateScanner() *candidateScanner {
	sc := &candidateScanner{in: newInterner()}
	sc.dest = make([]any, 0, 16)
	for i := range 10 {
		sc.dest = append(sc.dest, &sc.vals[i])
	}
	sc.dest = append(sc.dest, &sc.days)
	for i := 10; i < 14; i++ {
		sc.dest = append(sc.dest, &sc.vals[i])
	}
	sc.dest = append(sc.dest, &sc.facts)
	return sc
}

// scan reads the current row into c.
func (sc *candidateScanner) scan(rows *sql.Rows, c *promotion.Candidate) error {
	if err := rows.Scan(sc.dest...); err != nil {
		return mapError(err)
	}
	if err := sc.decode(c); err != nil {
		return ErrStorage.Wrap(err)
	}
	return nil
}

// decode builds c from the scanned values.
func (sc *candidateScanner) decode(c *promotion.Candidate) error {
	v := &sc.vals
	var err error
	nid, err := textOf(v[1])
	if err != nil {
		return err
	}
	if c.NationalID, err = identity.ParseNationalID(nid); err != nil {
		return err
	}
	vid, err := textOf(v[0])
	if err != nil {
		return err
	}
	c.VacancyID = sc.in.shared(vid)
	if c.Name, err = textOf(v[2]); err != nil {
		return err
	}
	if err := intsOf(v[3], &c.Rank, v[4], &c.Step, v[8], &c.Rating); err != nil {
		return err
	}
	for _, d := range [...]struct {
		v any
		d *hijri.Date
	}{{v[5], &c.RankDate}, {v[6], &c.AppointmentDate}, {v[7], &c.BirthDate}, {v[9], &c.RatingDate}} {
		if err := dateOf(d.v, d.d); err != nil {
			return err
		}
	}
	var days rankDaysColumn
	if err := days.parse(sc.days); err != nil {
		return err
	}
	c.RankDays = promotion.RankDays(days)
	for i, d := range [...]*decimal.Decimal{&c.Scores.Initiatives, &c.Scores.Training, &c.Scores.Interview, &c.Scores.Test} {
		s, err := textOf(v[10+i])
		if err != nil {
			return err
		}
		if *d, err = sc.in.decimal(s); err != nil {
			return err
		}
	}
	var f candidateFacts
	if err := decodeFacts(sc.facts, &f, sc.in); err != nil {
		return err
	}
	c.Qualifications, c.Statuses, c.Penalties, c.Promotions = f.Qualifications, f.Statuses, f.Penalties, f.Promotions
	return nil
}

// textOf is a text column's value as the driver gave it; NULL is "".
func textOf(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case []byte:
		return string(v), nil
	case nil:
		return "", nil
	}
	return "", fmt.Errorf("sqlstore: cannot read %T as text", v)
}

// intsOf sets each *int to the integer column before it.
func intsOf(pairs ...any) error {
	for i := 0; i < len(pairs); i += 2 {
		n, ok := pairs[i].(int64)
		if !ok {
			return fmt.Errorf("sqlstore: cannot read %T as an integer", pairs[i])
		}
		*pairs[i+1].(*int) = int(n)
	}
	return nil
}

// dateOf sets d from a date column: "YYYY-MM-DD" directly, anything else
// as hijri.Date's Scan reads it.
func dateOf(v any, d *hijri.Date) error {
	if s, ok := v.(string); ok {
		if t, ok := parseISODate([]byte(s)); ok {
			*d = t
			return nil
		}
	}
	*d = hijri.Date{}
	return d.Scan(v)
}

// candidateValues are c's insert values (candidateInsertColumns), with
// buf for its facts' JSON. Decimals stay decimal.Decimal: its Value is its
// exact text (SQLite's TEXT), and pgcopy sends it as a NUMERIC.
func candidateValues(args []any, roundID string, c *promotion.Candidate, buf []byte) ([]any, []byte, error) {
	facts, err := appendFacts(buf[:0], c)
	if err != nil {
		return nil, buf, err
	}
	return append(args, roundID, c.VacancyID, c.NationalID.String(), c.Name, c.Rank, c.Step,
		dateValue(c.RankDate), dateValue(c.AppointmentDate), dateValue(c.BirthDate), c.Rating, dateValue(c.RatingDate),
		rankDaysValue(&c.RankDays), c.Scores.Initiatives, c.Scores.Training, c.Scores.Interview, c.Scores.Test,
		string(facts)), facts, nil
}

// dateValue is d as a text column: nil for the zero date, the ISO text
// for a valid one, and d itself for an invalid one, whose Value then fails
// the write (hijri.ErrInvalidDate), as it always has.
func dateValue(d hijri.Date) any {
	switch {
	case d.IsZero():
		return nil
	case !d.IsValid():
		return d
	}
	return d.String()
}

// rankDaysValue is rankDaysColumn's text.
func rankDaysValue(d *promotion.RankDays) string {
	var b [4*promotion.MaxRanks + 2]byte
	out := append(b[:0], '[')
	for r := 1; r <= promotion.MaxRanks; r++ {
		if r > 1 {
			out = append(out, ',')
		}
		out = strconv.AppendInt(out, int64(d[r]), 10)
	}
	return string(append(out, ']'))
}

// PutCandidates implements promotion.Store: the round's compare-and-swap,
// then the candidates, all in one transaction. With Options.BulkCopier on
// a connection it can use, candidates already stored under a key of the
// batch are deleted and the batch is copied (COPY on PostgreSQL); otherwise
// multi-row upserts of as many candidates as the dialect's placeholder
// limit allows.
func (s *Store) PutCandidates(ctx context.Context, r promotion.Round, cs []promotion.Candidate) (promotion.Round, error) {
	return s.writeRoundConn(ctx, func(q sqlx.ExtContext, conn *sqlx.Conn) (promotion.Round, error) {
		stored, err := s.casRound(ctx, q, r)
		if err != nil {
			return promotion.Round{}, err
		}
		if len(cs) == 0 {
			return stored, nil
		}
		copied, err := s.copyCandidates(ctx, q, conn, r.ID, cs)
		if err != nil || copied {
			return stored, err
		}
		return stored, s.upsertCandidates(ctx, q, r.ID, cs)
	})
}

// keyOrder returns the indexes of cs in key order (vacancy, then national
// ID, byte by byte): candidates are written in the primary key's order, so
// that the rows of a round lie in the table as its pages read them (on
// PostgreSQL a page's index scan then reads a few heap pages, not one per
// candidate; SQLite's WITHOUT ROWID table is its key's B-tree, appended to
// at its end). cs is left as it is.
func keyOrder(cs []promotion.Candidate) []int32 {
	order := make([]int32, len(cs))
	for i := range order {
		order[i] = int32(i)
	}
	byKey := func(a, b int32) int {
		ca, cb := &cs[a], &cs[b]
		if c := strings.Compare(ca.VacancyID, cb.VacancyID); c != 0 {
			return c
		}
		return strings.Compare(ca.NationalID.String(), cb.NationalID.String())
	}
	if !slices.IsSortedFunc(order, byKey) {
		slices.SortFunc(order, byKey)
	}
	return order
}

// upsertCandidates writes cs with multi-row upserts.
func (s *Store) upsertCandidates(ctx context.Context, q sqlx.ExtContext, roundID string, cs []promotion.Candidate) error {
	args := make([]any, 0, min(len(cs), s.batchRows(candidateNCols))*candidateNCols)
	var buf []byte
	order := keyOrder(cs)
	return s.inBatches(len(cs), candidateNCols, func(start, end int) error {
		args = args[:0]
		for i := start; i < end; i++ {
			var err error
			if args, buf, err = candidateValues(args, roundID, &cs[order[i]], buf); err != nil {
				return ErrInvalidData.Wrap(err)
			}
		}
		query := s.statement("candidates-upsert", end-start, func() string {
			return `INSERT INTO promotion_candidates (` + candidateInsertColumns + `) VALUES ` +
				s.valuesList(end-start, candidateNCols) + candidateUpsert
		})
		_, err := q.ExecContext(ctx, query, args...)
		return mapError(err)
	})
}

// copyCandidates writes cs with the Copier, after deleting the round's
// candidates stored under the batch's keys (none when the round has no
// candidates yet: the common case, checked first). It reports false if the
// Store has no Copier or it cannot use conn; the candidates it deleted are
// then written back by the caller's upserts.
func (s *Store) copyCandidates(ctx context.Context, q sqlx.ExtContext, conn *sqlx.Conn, roundID string, cs []promotion.Candidate) (bool, error) {
	if s.copier == nil || conn == nil {
		return false, nil
	}
	stored, err := s.exists(ctx, q, `SELECT 1 FROM promotion_candidates WHERE round_id = ? LIMIT 1`, roundID)
	if err != nil {
		return false, err
	}
	if stored {
		if err := s.deleteCandidateKeys(ctx, q, roundID, cs); err != nil {
			return false, err
		}
	}
	var buf []byte
	order := keyOrder(cs)
	return s.copyRows(ctx, conn, "promotion_candidates", candidateCopyColumns, len(cs), func(i int, row []any) ([]any, error) {
		var err error
		row, buf, err = candidateValues(row, roundID, &cs[order[i]], buf)
		if err != nil {
			return nil, ErrInvalidData.Wrap(err)
		}
		return row, nil
	})
}

// deleteCandidateKeys deletes the round's candidates stored under the keys of cs.
func (s *Store) deleteCandidateKeys(ctx context.Context, q sqlx.ExtContext, roundID string, cs []promotion.Candidate) error {
	const ncols = 2
	args := make([]any, 0, 1+min(len(cs), s.batchRows(ncols))*ncols)
	return s.inBatches(len(cs), ncols, func(start, end int) error {
		args = args[:0]
		for i := start; i < end; i++ {
			args = append(args, cs[i].VacancyID, cs[i].NationalID.String())
		}
		args = append(args, roundID)
		round := "?"
		if s.d == PostgreSQL {
			round = "$" + strconv.Itoa(len(args))
		}
		query := s.statement("candidates-delete", end-start, func() string {
			return `DELETE FROM promotion_candidates WHERE (vacancy_id, national_id) IN (VALUES ` +
				s.valuesList(end-start, ncols) + `) AND round_id = ` + round
		})
		_, err := q.ExecContext(ctx, query, args...)
		return mapError(err)
	})
}

// statements caches the texts of multi-row statements, by dialect, name
// and number of rows: inBatches uses a dozen sizes, and building the text
// of 4,096 rows of placeholders each time costs more than sending it.
var statements sync.Map

type statementKey struct {
	d    Dialect
	name string
	rows int
}

// statement returns the text of the statement named name for rows rows,
// built by build once.
func (s *Store) statement(name string, rows int, build func() string) string {
	k := statementKey{s.d, name, rows}
	if q, ok := statements.Load(k); ok {
		return q.(string)
	}
	q := build()
	statements.Store(k, q)
	return q
}

// copyChunk is how many rows one CopyRows call carries: the rows of a chunk
// are built, sent and then reused for the next.
const copyChunk = 8192

// copyRows writes n rows into table with the Copier on conn, in chunks of
// copyChunk rows that fill builds (row i's values appended to row[:0]). It
// reports false, having written nothing, when the Store has no Copier or it
// cannot use conn.
func (s *Store) copyRows(ctx context.Context, conn *sqlx.Conn, table string, cols []string, n int,
	fill func(i int, row []any) ([]any, error)) (bool, error) {
	if s.copier == nil || conn == nil {
		return false, nil
	}
	copied := false
	err := conn.Raw(func(dc any) error {
		rows := make([][]any, min(n, copyChunk))
		for start := 0; start < n; start += copyChunk {
			chunk := rows[:min(n, start+copyChunk)-start]
			for i := range chunk {
				row, err := fill(start+i, chunk[i][:0])
				if err != nil {
					return err
				}
				chunk[i] = row
			}
			got, err := s.copier.CopyRows(ctx, dc, table, cols, chunk)
			if err != nil {
				return err
			}
			if got != int64(len(chunk)) {
				return ErrStorage.Wrap(fmt.Errorf("sqlstore: copied %d rows of %d into %s", got, len(chunk), table))
			}
			copied = true
		}
		return nil
	})
	if errors.Is(err, ErrCopyUnsupported) && !copied {
		return false, nil // refused at the first chunk: nothing written
	}
	if errors.Is(err, records.ErrConflict) {
		// pgcopy's unique violation; the round's lock makes it unreachable.
		return true, promotion.ErrConflict
	}
	return true, err
}

// GetCandidate implements promotion.Store.
func (s *Store) GetCandidate(ctx context.Context, roundID, vacancyID, nationalID string) (promotion.Candidate, error) {
	if err := ctx.Err(); err != nil {
		return promotion.Candidate{}, err
	}
	cs, err := s.queryCandidates(ctx, s.ext(ctx), 1, s.rebind(`SELECT `+candidateColumns+` FROM promotion_candidates
	WHERE round_id = ? AND vacancy_id = ? AND national_id = ?`), roundID, vacancyID, nationalID)
	if err != nil {
		return promotion.Candidate{}, err
	}
	if len(cs) == 0 {
		return promotion.Candidate{}, promotion.ErrNotFound
	}
	return cs[0], nil
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
		found, err := s.exists(ctx, q, `SELECT 1 FROM promotion_candidates WHERE round_id = ? AND vacancy_id = ? AND national_id = ?`,
			roundID, vid, nid)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, promotion.ErrNotFound
		}
	}
	query, args := s.candidateListQuery(roundID, f)
	capacity := 0
	if f.Limit > 0 {
		capacity = min(f.Limit, 10_000)
	}
	var out []promotion.Candidate
	read := s.withIndexOrder
	if !f.NationalID.IsZero() {
		read = func(ctx context.Context, fn func(q sqlx.ExtContext) error) error { return fn(s.ext(ctx)) }
	}
	err := read(ctx, func(q sqlx.ExtContext) error {
		var err error
		out, err = s.queryCandidates(ctx, q, capacity, query, args...)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		if err := s.roundExists(ctx, q, roundID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// indexOrder is what withIndexOrder sets on PostgreSQL for the length of
// one query: no sort where an index gives the order. Without it, a round
// whose rows the statistics do not know yet (any new deployment before its
// first ANALYZE, any new round after it) is estimated at a few rows, and
// every 10,000-row page of it sorts the rest of the round (a bitmap scan
// and an external merge on disk) instead of reading the primary key in
// order. enable_sort only adds a cost penalty: a query with no index for
// its order still sorts.
const indexOrder = `SET LOCAL enable_sort = off`

// withIndexOrder runs fn, a read, so that PostgreSQL plans it in an
// index's order (indexOrder): in a read-only transaction of its own, or in
// the caller's under a savepoint rolled back after it, which undoes the
// setting and nothing else (fn only reads). On SQLite it runs fn as is:
// its planner reads the primary key in order whatever it knows.
func (s *Store) withIndexOrder(ctx context.Context, fn func(q sqlx.ExtContext) error) error {
	if s.d != PostgreSQL {
		return fn(s.ext(ctx))
	}
	if tx := s.txFrom(ctx); tx != nil {
		if _, err := tx.ExecContext(ctx, "SAVEPOINT masar_read"); err != nil {
			return mapError(err)
		}
		err := s.setIndexOrder(ctx, tx, fn)
		if _, rbErr := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT masar_read"); rbErr != nil {
			return errors.Join(err, mapError(rbErr))
		}
		_, relErr := tx.ExecContext(ctx, "RELEASE SAVEPOINT masar_read")
		return errors.Join(err, mapError(relErr))
	}
	tx, err := s.db.BeginTxx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return mapError(err)
	}
	if err := s.setIndexOrder(ctx, tx, fn); err != nil {
		_ = tx.Rollback()
		return err
	}
	return mapError(tx.Commit())
}

func (s *Store) setIndexOrder(ctx context.Context, tx *sqlx.Tx, fn func(q sqlx.ExtContext) error) error {
	if _, err := tx.ExecContext(ctx, indexOrder); err != nil {
		return mapError(err)
	}
	return fn(tx)
}

// queryCandidates runs a query of candidateColumns (in the dialect's bind
// style) and reads
// its rows with a candidateScanner into a slice of the given capacity.
func (s *Store) queryCandidates(ctx context.Context, q sqlx.ExtContext, capacity int, query string, args ...any) ([]promotion.Candidate, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapError(err)
	}
	defer rows.Close()
	var out []promotion.Candidate
	if capacity > 0 {
		out = make([]promotion.Candidate, 0, capacity)
	}
	sc := newCandidateScanner()
	for rows.Next() {
		out = append(out, promotion.Candidate{})
		if err := sc.scan(rows, &out[len(out)-1]); err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, mapError(err)
	}
	return out, nil
}

// candidateListQuery returns ListCandidates's query, in the dialect's bind
// style, and its arguments: a range of the primary key.
func (s *Store) candidateListQuery(roundID string, f promotion.CandidateFilter) (string, []any) {
	var w conds
	if f.NationalID.IsZero() {
		w.add(`round_id = ?`, roundID)
	} else {
		// A person's candidacies in the round: a handful of rows on
		// migration 0007's index (national_id, round_id, vacancy_id). The
		// round is compared as an expression, which no index matches, so
		// that the planner cannot take the primary key's range of the
		// whole round instead, as it does when the statistics do not know
		// the round yet and estimate it at one row.
		w.add(`national_id = ?`, f.NationalID.String())
		w.add(`round_id || '' = ?`, roundID)
	}
	if f.VacancyID != "" {
		w.add(`vacancy_id = ?`, f.VacancyID)
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

// SaveRoundResults implements promotion.Store: the round's
// compare-and-swap, the round's results deleted, and entries written, all
// in one transaction: with Options.BulkCopier (COPY on PostgreSQL) on a
// connection it can use, else with multi-row INSERTs.
func (s *Store) SaveRoundResults(ctx context.Context, r promotion.Round, entries []promotion.Entry) (promotion.Round, error) {
	return s.writeRoundConn(ctx, func(q sqlx.ExtContext, conn *sqlx.Conn) (promotion.Round, error) {
		stored, err := s.casRound(ctx, q, r)
		if err != nil {
			return promotion.Round{}, err
		}
		if _, err := s.exec(ctx, q, `DELETE FROM promotion_results WHERE round_id = ?`, r.ID); err != nil {
			return promotion.Round{}, err
		}
		if len(entries) == 0 {
			return stored, nil
		}
		var buf []byte
		failed := make(map[promotion.Rules]string)
		fill := func(i int, row []any) ([]any, error) {
			return resultValues(row, r.ID, i, &entries[i], failed, &buf)
		}
		copied, err := s.copyRows(ctx, conn, "promotion_results", resultCopyColumns, len(entries), fill)
		if err != nil || copied {
			return stored, err
		}
		args := make([]any, 0, min(len(entries), s.batchRows(resultNCols))*resultNCols)
		return stored, s.inBatches(len(entries), resultNCols, func(start, end int) error {
			args = args[:0]
			for i := start; i < end; i++ {
				var err error
				if args, err = fill(i, args); err != nil {
					return err
				}
			}
			query := s.statement("results-insert", end-start, func() string {
				return `INSERT INTO promotion_results (` + resultInsertColumns + `) VALUES ` + s.valuesList(end-start, resultNCols)
			})
			_, err := q.ExecContext(ctx, query, args...)
			return mapError(err)
		})
	})
}

// resultValues appends the insert values (resultInsertColumns) of entry e,
// stored with Seq seq; *buf is reused for its JSON, and failed keeps the
// JSON of each set of failed rules met (a round has few). The JSON is what
// encoding/json writes: promotion.Rules' codes, and the points as an array
// of Points' strings.
func resultValues(args []any, roundID string, seq int, e *promotion.Entry, failed map[promotion.Rules]string, buf *[]byte) ([]any, error) {
	f, ok := failed[e.Failed]
	if !ok {
		b, err := json.Marshal(e.Failed)
		if err != nil {
			return nil, ErrInvalidData.Wrap(err)
		}
		f = string(b)
		failed[e.Failed] = f
	}
	b := append((*buf)[:0], '[')
	for i, p := range e.Points {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = appendPoints(b, p)
		b = append(b, '"')
	}
	b = append(b, ']')
	*buf = b
	return append(args, roundID, seq, e.Index, e.VacancyID, e.NationalID.String(), e.Eligible, f, e.Position,
		e.Winner, string(b), int64(e.Total), e.SeparatedBy.String()), nil
}

// appendPoints appends p as promotion.Points' String does: two decimal places.
func appendPoints(b []byte, p promotion.Points) []byte {
	n := int64(p)
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	return append(b, '.', byte('0'+n%100/10), byte('0'+n%10))
}

// writeRoundConn is writeRound whose fn also gets the connection of the
// transaction (for a Copier): a transaction of its own, or the caller's
// under a savepoint.
func (s *Store) writeRoundConn(ctx context.Context, fn func(q sqlx.ExtContext, conn *sqlx.Conn) (promotion.Round, error)) (promotion.Round, error) {
	if err := ctx.Err(); err != nil {
		return promotion.Round{}, err
	}
	var out promotion.Round
	run := func(t *txState) error {
		r, err := fn(t.tx, t.conn)
		out = r
		return err
	}
	var err error
	if t := s.stateFrom(ctx); t != nil && t.s == s {
		err = s.write(ctx, func(sqlx.ExtContext) error { return run(t) })
	} else {
		err = s.withConnTx(ctx, nil, run)
	}
	if err != nil {
		return promotion.Round{}, err
	}
	return out, nil
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
