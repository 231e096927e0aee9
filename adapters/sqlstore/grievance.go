package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
)

var _ grievance.Store = (*Store)(nil)

// grievanceRow is a row of grievances.
type grievanceRow struct {
	ID               string                        `db:"id"`
	Agency           string                        `db:"agency"`
	TNYear           int                           `db:"tn_year"`
	TNSeq            int                           `db:"tn_seq"`
	Kind             string                        `db:"kind"`
	Filer            identity.NationalID           `db:"filer"`
	DecisionNumber   string                        `db:"decision_number"`
	DecisionDate     hijri.Date                    `db:"decision_date"`
	DecisionLearntOn hijri.Date                    `db:"decision_learnt_on"`
	Subject          string                        `db:"subject"`
	SubSubject       string                        `db:"sub_subject"`
	Description      string                        `db:"description"`
	Attachments      jsonValue[[]storedAttachment] `db:"attachments"`
	Status           string                        `db:"status"`
	Outcome          string                        `db:"outcome"`
	Response         string                        `db:"response"`
	Route            string                        `db:"route"`
	FiledOn          hijri.Date                    `db:"filed_on"`
	FilingDue        hijri.Date                    `db:"filing_due"`
	AnswerDue        hijri.Date                    `db:"answer_due"`
	EscalationDue    hijri.Date                    `db:"escalation_due"`
	ClosedOn         hijri.Date                    `db:"closed_on"`
	Reopens          int                           `db:"reopens"`
	FiledAt          instant                       `db:"filed_at"`
	UpdatedAt        instant                       `db:"updated_at"`
	History          jsonValue[[]storedChange]     `db:"history"`
	Version          int64                         `db:"version"`
	Limitation       jsonValue[*storedLimitation]  `db:"limitation"`
}

const grievanceColumns = `id, agency, tn_year, tn_seq, kind, filer, decision_number, decision_date, decision_learnt_on,
	subject, sub_subject, description, attachments, status, outcome, response, route, filed_on, filing_due,
	answer_due, escalation_due, closed_on, reopens, filed_at, updated_at, history, version, limitation`

func (r *grievanceRow) grievance() grievance.Grievance {
	return grievance.Grievance{
		ID:             r.ID,
		TrackingNumber: grievance.TrackingNumber{Year: r.TNYear, Seq: r.TNSeq},
		Kind:           grievance.Kind(r.Kind),
		Agency:         r.Agency,
		Filer:          r.Filer,
		Decision:       grievance.Decision{Number: r.DecisionNumber, Date: r.DecisionDate, LearntOn: r.DecisionLearntOn},
		Subject:        r.Subject,
		SubSubject:     r.SubSubject,
		Description:    r.Description,
		Attachments:    loadAttachments(r.Attachments.V),
		Status:         grievance.Status(r.Status),
		Outcome:        grievance.Outcome(r.Outcome),
		Response:       r.Response,
		Route:          grievance.Route(r.Route),
		FiledOn:        r.FiledOn,
		FilingDue:      r.FilingDue,
		AnswerDue:      r.AnswerDue,
		EscalationDue:  r.EscalationDue,
		ClosedOn:       r.ClosedOn,
		Reopens:        r.Reopens,
		FiledAt:        timeOf(r.FiledAt),
		UpdatedAt:      timeOf(r.UpdatedAt),
		History:        loadHistory(r.History.V),
		Version:        r.Version,
		Limitation:     loadLimitation(r.Limitation.V),
	}
}

// grievanceMutable are the columns UpdateGrievance writes, in the order of
// grievanceMutableArgs.
const grievanceMutable = `kind = ?, filer = ?, decision_number = ?, decision_date = ?, decision_learnt_on = ?,
	subject = ?, sub_subject = ?, description = ?, attachments = ?, status = ?, outcome = ?, response = ?, route = ?,
	filed_on = ?, filing_due = ?, answer_due = ?, escalation_due = ?, closed_on = ?, reopens = ?, updated_at = ?, history = ?, limitation = ?`

func grievanceMutableArgs(g *grievance.Grievance) []any {
	return []any{string(g.Kind), g.Filer, g.Decision.Number, g.Decision.Date, g.Decision.LearntOn,
		g.Subject, g.SubSubject, g.Description, storeAttachments(g.Attachments),
		string(g.Status), string(g.Outcome), g.Response, string(g.Route),
		g.FiledOn, g.FilingDue, g.AnswerDue, g.EscalationDue, g.ClosedOn, g.Reopens, instant(g.UpdatedAt),
		storeHistory(g.History), storeLimitation(g.Limitation)}
}

func grievanceInsertArgs(g *grievance.Grievance) []any {
	return []any{g.ID, g.Agency, g.TrackingNumber.Year, g.TrackingNumber.Seq, string(g.Kind), g.Filer,
		g.Decision.Number, g.Decision.Date, g.Decision.LearntOn, g.Subject, g.SubSubject, g.Description,
		storeAttachments(g.Attachments), string(g.Status), string(g.Outcome), g.Response, string(g.Route),
		g.FiledOn, g.FilingDue, g.AnswerDue, g.EscalationDue, g.ClosedOn, g.Reopens, instant(g.FiledAt), instant(g.UpdatedAt),
		storeHistory(g.History), g.Version, storeLimitation(g.Limitation)}
}

// The tracking-number counter: one national row per Hijri year. Every
// filing of a year takes that row's lock until its transaction ends (so
// that numbers are gapless: a number is used only if its filing commits),
// so the lock is taken last. The grievance is inserted first under a
// provisional number (negative, unique, from a sequence on PostgreSQL, so
// concurrent inserts never wait on each other's index entries; SQLite runs
// one write transaction at a time, so -1 serves); then one statement bumps
// the counter and sets the grievance's number, and the transaction commits.
// The counter row is held for that statement and the commit only.
const (
	grievanceInsert = `INSERT INTO grievances (` + grievanceColumns + `) VALUES
	(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
	grievanceNumberPostgres = `WITH c AS (INSERT INTO grievance_year_counters (year, seq) VALUES (?, 1)
	ON CONFLICT (year) DO UPDATE SET seq = grievance_year_counters.seq + 1 RETURNING seq)
	UPDATE grievances SET tn_seq = (SELECT seq FROM c) WHERE id = ? RETURNING tn_seq`
	grievanceNextSeqSQLite = `INSERT INTO grievance_year_counters (year, seq) VALUES (?, 1)
	ON CONFLICT (year) DO UPDATE SET seq = grievance_year_counters.seq + 1 RETURNING seq`
	grievanceSetSeqSQLite = `UPDATE grievances SET tn_seq = ? WHERE id = ?`
)

// grievanceInsertPostgres is grievanceInsert with the provisional number
// drawn in the statement (its argument left out, see grievanceInsertArgs).
var grievanceInsertPostgres = strings.Replace(grievanceInsert, "(?, ?, ?, ?,", "(?, ?, ?, -nextval('grievance_provisional_numbers'),", 1)

var errDuplicateGrievance = grievance.ErrConflict.Because("grievance.duplicate_id",
	"a grievance with this ID exists", "يوجد تظلم بهذا المعرف")

// CreateGrievance implements grievance.Store. The tracking number comes from
// grievance_year_counters in the insert's transaction, taken after the
// insert: a duplicate ID takes no number, and a rolled-back enclosing
// transaction gives its numbers back.
func (s *Store) CreateGrievance(ctx context.Context, g grievance.Grievance) (grievance.Grievance, error) {
	if err := ctx.Err(); err != nil {
		return grievance.Grievance{}, err
	}
	g = g.Clone()
	g.Version = 1
	err := s.write(ctx, func(q sqlx.ExtContext) error {
		g.TrackingNumber.Seq = -1
		query, args := grievanceInsert, grievanceInsertArgs(&g)
		if s.d == PostgreSQL {
			query, args = grievanceInsertPostgres, append(args[:3:3], args[4:]...)
		}
		n, err := s.exec(ctx, q, query, args...)
		if err != nil {
			return err
		}
		if n == 0 {
			return errDuplicateGrievance
		}
		seq, err := s.takeTrackingNumber(ctx, q, g.TrackingNumber.Year, g.ID)
		g.TrackingNumber.Seq = seq
		return err
	})
	if err != nil {
		return grievance.Grievance{}, err
	}
	return g.Clone(), nil
}

// takeTrackingNumber bumps year's counter and sets the number on the
// grievance id, the filing's last statement: the counter row stays locked
// from here to the commit.
func (s *Store) takeTrackingNumber(ctx context.Context, q sqlx.ExtContext, year int, id string) (int, error) {
	var seq int
	if s.d == PostgreSQL {
		err := sqlx.GetContext(ctx, q, &seq, s.rebind(grievanceNumberPostgres), year, id)
		return seq, mapError(err)
	}
	if err := sqlx.GetContext(ctx, q, &seq, grievanceNextSeqSQLite, year); err != nil {
		return 0, mapError(err)
	}
	_, err := s.exec(ctx, q, grievanceSetSeqSQLite, seq, id)
	return seq, err
}

const (
	grievanceByID     = `SELECT ` + grievanceColumns + ` FROM grievances WHERE id = ?`
	grievanceByNumber = `SELECT ` + grievanceColumns + ` FROM grievances WHERE tn_year = ? AND tn_seq = ?`
)

// getGrievance returns the grievance query (with args) selects.
func (s *Store) getGrievance(ctx context.Context, query string, args ...any) (grievance.Grievance, error) {
	if err := ctx.Err(); err != nil {
		return grievance.Grievance{}, err
	}
	var r grievanceRow
	err := sqlx.GetContext(ctx, s.ext(ctx), &r, s.rebind(query), args...)
	if errors.Is(err, sql.ErrNoRows) {
		return grievance.Grievance{}, grievance.ErrNotFound
	}
	if err != nil {
		return grievance.Grievance{}, mapError(err)
	}
	return r.grievance(), nil
}

// GetGrievance implements grievance.Store.
func (s *Store) GetGrievance(ctx context.Context, id string) (grievance.Grievance, error) {
	return s.getGrievance(ctx, grievanceByID, id)
}

// GetGrievanceByTrackingNumber implements grievance.Store.
func (s *Store) GetGrievanceByTrackingNumber(ctx context.Context, tn grievance.TrackingNumber) (grievance.Grievance, error) {
	return s.getGrievance(ctx, grievanceByNumber, tn.Year, tn.Seq)
}

// UpdateGrievance implements grievance.Store: one compare-and-swap UPDATE;
// when it matches no row, a read of the version tells not found from
// conflict.
func (s *Store) UpdateGrievance(ctx context.Context, g grievance.Grievance) (grievance.Grievance, error) {
	if err := ctx.Err(); err != nil {
		return grievance.Grievance{}, err
	}
	g = g.Clone()
	var stored struct {
		Agency  string  `db:"agency"`
		TNYear  int     `db:"tn_year"`
		TNSeq   int     `db:"tn_seq"`
		FiledAt instant `db:"filed_at"`
	}
	args := append(grievanceMutableArgs(&g), g.ID, g.Version)
	q := s.ext(ctx)
	err := sqlx.GetContext(ctx, q, &stored, s.rebind(`UPDATE grievances SET `+grievanceMutable+`, version = version + 1
	WHERE id = ? AND version = ? RETURNING agency, tn_year, tn_seq, filed_at`), args...)
	if errors.Is(err, sql.ErrNoRows) {
		return grievance.Grievance{}, s.versionMiss(ctx, q, `SELECT version FROM grievances WHERE id = ?`, g.ID,
			grievance.ErrNotFound, grievance.ErrConflict)
	}
	if err != nil {
		return grievance.Grievance{}, mapError(err)
	}
	g.Agency, g.FiledAt = stored.Agency, timeOf(stored.FiledAt)
	g.TrackingNumber = grievance.TrackingNumber{Year: stored.TNYear, Seq: stored.TNSeq}
	g.Version++
	return g, nil
}

// grievancePosition is a grievance's place in ListGrievances's order.
type grievancePosition struct {
	filedAt time.Time
	id      string
}

// grievancePositionOf returns the position of the grievance with the given
// ID, the cursor of a list (nil for ""), or ErrCursorNotFound.
func (s *Store) grievancePositionOf(ctx context.Context, id string) (*grievancePosition, error) {
	if id == "" {
		return nil, nil
	}
	var at instant
	err := sqlx.GetContext(ctx, s.ext(ctx), &at, s.rebind(`SELECT filed_at FROM grievances WHERE id = ?`), id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, grievance.ErrCursorNotFound
	}
	if err != nil {
		return nil, mapError(err)
	}
	return &grievancePosition{filedAt: timeOf(at), id: id}, nil
}

// ListGrievances implements grievance.Store: one read of the cursor's
// position (by primary key) when f.After is set, then one keyset query.
func (s *Store) ListGrievances(ctx context.Context, f grievance.Filter) ([]grievance.Grievance, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	after, err := s.grievancePositionOf(ctx, f.After)
	if err != nil {
		return nil, err
	}
	query, args := s.grievanceListQuery(f, after)
	var rows []grievanceRow
	if err := sqlxSelect(ctx, s.ext(ctx), &rows, query, args...); err != nil {
		return nil, err
	}
	out := make([]grievance.Grievance, len(rows))
	for i := range rows {
		out[i] = rows[i].grievance()
	}
	return out, nil
}

// grievanceListQuery returns ListGrievances's query after position after
// (nil: from the start), in the dialect's bind style, and its arguments.
// Every filter the services use has an index: agency (and status), filer,
// tracking number, and status with answer_due for the sweep, each ending in
// (filed_at, id) for the order and keyset.
func (s *Store) grievanceListQuery(f grievance.Filter, after *grievancePosition) (string, []any) {
	var w conds
	if f.Agency != "" {
		w.add(`agency = ?`, f.Agency)
	}
	if !f.Filer.IsZero() {
		w.add(`filer = ?`, f.Filer.String())
	}
	if !f.TrackingNumber.IsZero() {
		w.add(`tn_year = ? AND tn_seq = ?`, f.TrackingNumber.Year, f.TrackingNumber.Seq)
	}
	if len(f.Kinds) > 0 {
		whereIn(&w, `kind`, f.Kinds)
	}
	if len(f.Statuses) > 0 {
		whereIn(&w, `status`, f.Statuses)
	}
	if !f.AnswerDueBefore.IsZero() {
		w.add(`answer_due < ?`, f.AnswerDueBefore) // NULL (no answer period) never matches
	}
	if after != nil {
		w.add(`(filed_at, id) > (?, ?)`, instant(after.filedAt), after.id)
	}
	query := `SELECT ` + grievanceColumns + ` FROM grievances` + w.String() + ` ORDER BY filed_at, id`
	if f.Limit > 0 {
		query += ` LIMIT ?`
		w.args = append(w.args, f.Limit)
	}
	return s.rebind(query), w.args
}
