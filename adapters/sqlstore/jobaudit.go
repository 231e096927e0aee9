package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/masarhr/masar-go/jobaudit"
)

var _ jobaudit.Store = (*Store)(nil)

// jobauditRow is a row of jobaudit_variables or jobaudit_requests: the
// aggregate whole in doc, the filtered columns beside it.
type jobauditRow[T any] struct {
	Doc     jsonValue[T] `db:"doc"`
	Version int64        `db:"version"`
}

var errDuplicateJobaudit = jobaudit.ErrConflict.Because("jobaudit.duplicate_id",
	"an item with this ID exists", "يوجد عنصر بهذا المعرف")

// CreateVariable implements jobaudit.Store: one insert the primary key refuses.
func (s *Store) CreateVariable(ctx context.Context, v jobaudit.Variable) (jobaudit.Variable, error) {
	if err := ctx.Err(); err != nil {
		return jobaudit.Variable{}, err
	}
	v = storedVariable(v, 1)
	n, err := s.exec(ctx, s.ext(ctx), `INSERT INTO jobaudit_variables (id, employee_id, agency_id, maker, state, created_at, doc, version)
	VALUES (?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT DO NOTHING`,
		v.ID, v.EmployeeID, v.AgencyID, v.Maker.String(), string(v.State), instant(v.CreatedAt), jsonValue[jobaudit.Variable]{v})
	if err != nil {
		return jobaudit.Variable{}, err
	}
	if n == 0 {
		return jobaudit.Variable{}, errDuplicateJobaudit
	}
	return v.Clone(), nil
}

func storedVariable(v jobaudit.Variable, version int64) jobaudit.Variable {
	v = v.Clone()
	v.Version = version
	v.CreatedAt, v.UpdatedAt = storedInstant(v.CreatedAt), storedInstant(v.UpdatedAt)
	for i := range v.Transitions {
		v.Transitions[i].At = storedInstant(v.Transitions[i].At)
	}
	return v
}

func storedRequest(q jobaudit.QualificationRequest, version int64) jobaudit.QualificationRequest {
	q = q.Clone()
	q.Version = version
	q.CreatedAt, q.UpdatedAt, q.DecidedAt = storedInstant(q.CreatedAt), storedInstant(q.UpdatedAt), storedInstant(q.DecidedAt)
	return q
}

// GetVariable implements jobaudit.Store.
func (s *Store) GetVariable(ctx context.Context, id string) (jobaudit.Variable, error) {
	r, err := getJobaudit[jobaudit.Variable](ctx, s, `jobaudit_variables`, id)
	if err != nil {
		return jobaudit.Variable{}, err
	}
	r.Doc.V.Version = r.Version
	return r.Doc.V, nil
}

func getJobaudit[T any](ctx context.Context, s *Store, table, id string) (jobauditRow[T], error) {
	var r jobauditRow[T]
	if err := ctx.Err(); err != nil {
		return r, err
	}
	err := sqlx.GetContext(ctx, s.ext(ctx), &r, s.rebind(`SELECT doc, version FROM `+table+` WHERE id = ?`), id)
	if errors.Is(err, sql.ErrNoRows) {
		return r, jobaudit.ErrNotFound
	}
	return r, mapError(err)
}

// UpdateVariable implements jobaudit.Store: one compare-and-swap UPDATE
// keeping the immutable fields of the stored document; when it matches no
// row, a read of the version tells not found from conflict.
func (s *Store) UpdateVariable(ctx context.Context, v jobaudit.Variable) (jobaudit.Variable, error) {
	if err := ctx.Err(); err != nil {
		return jobaudit.Variable{}, err
	}
	var out jobaudit.Variable
	err := s.write(ctx, func(q sqlx.ExtContext) error {
		var old jobauditRow[jobaudit.Variable]
		err := sqlx.GetContext(ctx, q, &old, s.rebind(`SELECT doc, version FROM jobaudit_variables WHERE id = ?`), v.ID)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return jobaudit.ErrNotFound
		case err != nil:
			return mapError(err)
		case old.Version != v.Version:
			return jobaudit.ErrConflict
		}
		o := old.Doc.V
		v.EmployeeID, v.NationalID, v.AgencyID, v.Maker, v.CreatedAt = o.EmployeeID, o.NationalID, o.AgencyID, o.Maker, o.CreatedAt
		out = storedVariable(v, v.Version+1)
		n, err := s.exec(ctx, q, `UPDATE jobaudit_variables SET state = ?, doc = ?, version = version + 1 WHERE id = ? AND version = ?`,
			string(out.State), jsonValue[jobaudit.Variable]{out}, v.ID, v.Version)
		if err != nil {
			return err
		}
		if n == 0 {
			return jobaudit.ErrConflict
		}
		return nil
	})
	if err != nil {
		return jobaudit.Variable{}, err
	}
	return out.Clone(), nil
}

// ListVariables implements jobaudit.Store: a look-up of the cursor by
// primary key when f.After is set, then one keyset query in id order on
// the index of the filter (see variablesQuery).
func (s *Store) ListVariables(ctx context.Context, f jobaudit.VariableFilter) ([]jobaudit.Variable, error) {
	query, args := variablesQuery(&f)
	rows, err := listJobaudit[jobaudit.Variable](ctx, s, `jobaudit_variables`, f.After, f.EmployeeID != "", query, args)
	if err != nil {
		return nil, err
	}
	out := make([]jobaudit.Variable, len(rows))
	for i := range rows {
		out[i] = rows[i].Doc.V
		out[i].Version = rows[i].Version
	}
	return out, nil
}

// variablesQuery returns ListVariables's query for f with ? placeholders:
// each filter has an index ending in id (jobaudit_variables_*), the
// primary key serves none.
func variablesQuery(f *jobaudit.VariableFilter) (string, []any) {
	var w conds
	if f.EmployeeID != "" {
		w.add(`employee_id = ?`, f.EmployeeID)
	}
	if f.AgencyID != "" {
		w.add(`agency_id = ?`, f.AgencyID)
	}
	if f.Maker != "" {
		w.add(`maker = ?`, f.Maker)
	}
	if f.State != "" {
		w.add(`state = ?`, string(f.State))
	}
	return idListQuery(`jobaudit_variables`, w, f.After, f.Limit)
}

func idListQuery(table string, w conds, after string, limit int) (string, []any) {
	if after != "" {
		w.add(`id > ?`, after)
	}
	q := `SELECT doc, version FROM ` + table
	if len(w.conds) > 0 {
		q += ` WHERE ` + strings.Join(w.conds, ` AND `)
	}
	q += ` ORDER BY id`
	args := w.args
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	return q, args
}

func listJobaudit[T any](ctx context.Context, s *Store, table, after string, oneFile bool, query string, args []any) ([]jobauditRow[T], error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if after != "" {
		ok, err := s.exists(ctx, s.ext(ctx), `SELECT 1 FROM `+table+` WHERE id = ?`, after)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, jobaudit.ErrCursorNotFound
		}
	}
	var rows []jobauditRow[T]
	err := s.listRead(ctx, oneFile, func(q sqlx.ExtContext) error {
		return sqlxSelect(ctx, q, &rows, s.rebind(query), args...)
	})
	return rows, err
}

// CreateRequest implements jobaudit.Store.
func (s *Store) CreateRequest(ctx context.Context, q jobaudit.QualificationRequest) (jobaudit.QualificationRequest, error) {
	if err := ctx.Err(); err != nil {
		return jobaudit.QualificationRequest{}, err
	}
	q = storedRequest(q, 1)
	n, err := s.exec(ctx, s.ext(ctx), `INSERT INTO jobaudit_requests (id, employee_id, agency_id, state, created_at, doc, version)
	VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT DO NOTHING`,
		q.ID, q.EmployeeID, q.AgencyID, string(q.State), instant(q.CreatedAt), jsonValue[jobaudit.QualificationRequest]{q})
	if err != nil {
		return jobaudit.QualificationRequest{}, err
	}
	if n == 0 {
		return jobaudit.QualificationRequest{}, errDuplicateJobaudit
	}
	return q.Clone(), nil
}

// GetRequest implements jobaudit.Store.
func (s *Store) GetRequest(ctx context.Context, id string) (jobaudit.QualificationRequest, error) {
	r, err := getJobaudit[jobaudit.QualificationRequest](ctx, s, `jobaudit_requests`, id)
	if err != nil {
		return jobaudit.QualificationRequest{}, err
	}
	r.Doc.V.Version = r.Version
	return r.Doc.V, nil
}

// UpdateRequest implements jobaudit.Store, as UpdateVariable.
func (s *Store) UpdateRequest(ctx context.Context, q jobaudit.QualificationRequest) (jobaudit.QualificationRequest, error) {
	if err := ctx.Err(); err != nil {
		return jobaudit.QualificationRequest{}, err
	}
	var out jobaudit.QualificationRequest
	err := s.write(ctx, func(x sqlx.ExtContext) error {
		var old jobauditRow[jobaudit.QualificationRequest]
		err := sqlx.GetContext(ctx, x, &old, s.rebind(`SELECT doc, version FROM jobaudit_requests WHERE id = ?`), q.ID)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return jobaudit.ErrNotFound
		case err != nil:
			return mapError(err)
		case old.Version != q.Version:
			return jobaudit.ErrConflict
		}
		o := old.Doc.V
		q.EmployeeID, q.NationalID, q.AgencyID, q.CreatedAt = o.EmployeeID, o.NationalID, o.AgencyID, o.CreatedAt
		out = storedRequest(q, q.Version+1)
		n, err := s.exec(ctx, x, `UPDATE jobaudit_requests SET state = ?, doc = ?, version = version + 1 WHERE id = ? AND version = ?`,
			string(out.State), jsonValue[jobaudit.QualificationRequest]{out}, q.ID, q.Version)
		if err != nil {
			return err
		}
		if n == 0 {
			return jobaudit.ErrConflict
		}
		return nil
	})
	if err != nil {
		return jobaudit.QualificationRequest{}, err
	}
	return out.Clone(), nil
}

// ListRequests implements jobaudit.Store, as ListVariables.
func (s *Store) ListRequests(ctx context.Context, f jobaudit.RequestFilter) ([]jobaudit.QualificationRequest, error) {
	query, args := requestsQuery(&f)
	rows, err := listJobaudit[jobaudit.QualificationRequest](ctx, s, `jobaudit_requests`, f.After, f.EmployeeID != "", query, args)
	if err != nil {
		return nil, err
	}
	out := make([]jobaudit.QualificationRequest, len(rows))
	for i := range rows {
		out[i] = rows[i].Doc.V
		out[i].Version = rows[i].Version
	}
	return out, nil
}

func requestsQuery(f *jobaudit.RequestFilter) (string, []any) {
	var w conds
	if f.EmployeeID != "" {
		w.add(`employee_id = ?`, f.EmployeeID)
	}
	if f.AgencyID != "" {
		w.add(`agency_id = ?`, f.AgencyID)
	}
	if f.State != "" {
		w.add(`state = ?`, string(f.State))
	}
	return idListQuery(`jobaudit_requests`, w, f.After, f.Limit)
}
