package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jmoiron/sqlx"

	"github.com/masarhr/masar-go/audit"
)

var _ audit.Store = (*Store)(nil)

type auditRow struct {
	ID            string                    `db:"id"`
	At            instant                   `db:"at"`
	Actor         string                    `db:"actor"`
	ActorMasked   string                    `db:"actor_masked"`
	ActorRoles    jsonValue[[]string]       `db:"actor_roles"`
	ActorAgency   string                    `db:"actor_agency"`
	Action        string                    `db:"action"`
	Subject       string                    `db:"subject"`
	SubjectMasked string                    `db:"subject_masked"`
	Agency        string                    `db:"agency"`
	Resource      string                    `db:"resource"`
	Outcome       string                    `db:"outcome"`
	Code          string                    `db:"code"`
	Changes       jsonValue[[]audit.Change] `db:"changes"`
}

const auditColumns = `id, at, actor, actor_masked, actor_roles, actor_agency, action, subject, subject_masked, agency, resource, outcome, code, changes`

// auditAppendPostgres claims the entry's ID in audit_entry_ids and inserts
// the entry in the same statement: the partitioned table's key is (at, id),
// so the ID's uniqueness on its own lives in audit_entry_ids. A taken ID
// inserts nothing.
const auditAppendPostgres = `WITH claimed AS (
	INSERT INTO audit_entry_ids (id, at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING RETURNING id, at)
INSERT INTO audit_entries (` + auditColumns + `)
SELECT claimed.id, claimed.at, ?::text, ?::text, ?::jsonb, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::jsonb FROM claimed`

const auditAppendSQLite = `INSERT INTO audit_entries (` + auditColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`

// AppendAudit implements audit.Store: one statement in either dialect.
func (s *Store) AppendAudit(ctx context.Context, e audit.Entry) error {
	if e.ActorRoles == nil {
		e.ActorRoles = []string{}
	}
	if e.Changes == nil {
		e.Changes = []audit.Change{}
	}
	q := auditAppendSQLite
	if s.d == PostgreSQL {
		q = auditAppendPostgres
	}
	n, err := s.exec(ctx, s.ext(ctx), q,
		e.ID, instant(e.At), string(e.Actor), e.ActorMasked, jsonValue[[]string]{e.ActorRoles}, e.ActorAgency, e.Action,
		string(e.Subject), e.SubjectMasked, e.Agency, e.Resource, string(e.Outcome), e.Code, jsonValue[[]audit.Change]{e.Changes})
	if err != nil {
		return err
	}
	if n == 0 {
		return audit.ErrConflict
	}
	return nil
}

// ListAudit implements audit.Store. A cursor is resolved to its entry's
// instant first; the page is then the rows after (at, id) in index order
// (on PostgreSQL, each month's partition's index merged in that order).
func (s *Store) ListAudit(ctx context.Context, f audit.Filter) ([]audit.Entry, error) {
	limit, err := f.Validate()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	w, err := s.auditConds(ctx, f)
	if err != nil {
		return nil, err
	}
	q := `SELECT ` + auditColumns + ` FROM audit_entries` + w.String() + ` ORDER BY at, id LIMIT ?`
	args := append(w.args, limit)
	var rows []auditRow
	if err := sqlxSelect(ctx, s.ext(ctx), &rows, s.rebind(q), args...); err != nil {
		return nil, err
	}
	out := make([]audit.Entry, len(rows))
	for i, r := range rows {
		out[i] = r.entry()
	}
	return out, nil
}

// auditConds returns the WHERE conditions of f, its cursor resolved.
func (s *Store) auditConds(ctx context.Context, f audit.Filter) (conds, error) {
	var w conds
	if f.Subject != "" {
		w.add("subject = ?", string(f.Subject))
	}
	if f.Actor != "" {
		w.add("actor = ?", string(f.Actor))
	}
	if f.Agency != "" {
		w.add("agency = ?", f.Agency)
	}
	if f.Action != "" {
		w.add("action = ?", f.Action)
	}
	if !f.From.IsZero() {
		w.add("at >= ?", instant(f.From))
	}
	if !f.To.IsZero() {
		w.add("at < ?", instant(f.To))
	}
	if f.After != "" {
		// On PostgreSQL the ID's instant is in audit_entry_ids (by primary
		// key), not in the partitions, which are keyed by (at, id).
		table := "audit_entries"
		if s.d == PostgreSQL {
			table = "audit_entry_ids"
		}
		var at instant
		err := sqlx.GetContext(ctx, s.ext(ctx), &at, s.rebind(`SELECT at FROM `+table+` WHERE id = ?`), f.After)
		if errors.Is(err, sql.ErrNoRows) {
			return conds{}, audit.ErrNotFound
		}
		if err != nil {
			return conds{}, mapError(err)
		}
		w.add("(at > ? OR (at = ? AND id > ?))", at, at, f.After)
	}
	return w, nil
}

func (r *auditRow) entry() audit.Entry {
	return audit.Entry{
		ID: r.ID, At: timeOf(r.At), Actor: audit.Ref(r.Actor), ActorMasked: r.ActorMasked, ActorRoles: nilIfEmpty(r.ActorRoles.V),
		ActorAgency: r.ActorAgency, Action: r.Action, Subject: audit.Ref(r.Subject), SubjectMasked: r.SubjectMasked,
		Agency: r.Agency, Resource: r.Resource, Outcome: audit.Outcome(r.Outcome), Code: r.Code, Changes: nilIfEmpty(r.Changes.V),
	}
}
