package memstore

import (
	"context"
	"sort"

	"github.com/masarhr/masar-go/jobaudit"
)

var _ jobaudit.Store = (*Store)(nil)

// jobauditData holds the jobaudit contract's state.
type jobauditData struct {
	variables map[string]jobaudit.Variable             // by ID
	requests  map[string]jobaudit.QualificationRequest // by ID
}

func (d *jobauditData) init() {
	d.variables = make(map[string]jobaudit.Variable)
	d.requests = make(map[string]jobaudit.QualificationRequest)
}

var errDuplicateJobaudit = jobaudit.ErrConflict.Because("jobaudit.duplicate_id",
	"an item with this ID exists", "يوجد عنصر بهذا المعرف")

// CreateVariable implements jobaudit.Store.
func (s *Store) CreateVariable(ctx context.Context, v jobaudit.Variable) (jobaudit.Variable, error) {
	v = v.Clone()
	err := s.update(ctx, func(u *undoLog) error {
		if _, ok := s.ja.variables[v.ID]; ok {
			return errDuplicateJobaudit
		}
		v.Version = 1
		put(u, s.ja.variables, v.ID, v)
		return nil
	})
	if err != nil {
		return jobaudit.Variable{}, err
	}
	return v.Clone(), nil
}

// GetVariable implements jobaudit.Store.
func (s *Store) GetVariable(ctx context.Context, id string) (jobaudit.Variable, error) {
	var out jobaudit.Variable
	err := s.view(ctx, func() error {
		v, ok := s.ja.variables[id]
		if !ok {
			return jobaudit.ErrNotFound
		}
		out = v.Clone()
		return nil
	})
	return out, err
}

// UpdateVariable implements jobaudit.Store.
func (s *Store) UpdateVariable(ctx context.Context, v jobaudit.Variable) (jobaudit.Variable, error) {
	v = v.Clone()
	err := s.update(ctx, func(u *undoLog) error {
		old, ok := s.ja.variables[v.ID]
		switch {
		case !ok:
			return jobaudit.ErrNotFound
		case old.Version != v.Version:
			return jobaudit.ErrConflict
		}
		v.EmployeeID, v.NationalID, v.AgencyID, v.Maker, v.CreatedAt = old.EmployeeID, old.NationalID, old.AgencyID, old.Maker, old.CreatedAt
		v.Version = old.Version + 1
		put(u, s.ja.variables, v.ID, v)
		return nil
	})
	if err != nil {
		return jobaudit.Variable{}, err
	}
	return v.Clone(), nil
}

// ListVariables implements jobaudit.Store: the matches in ID order.
func (s *Store) ListVariables(ctx context.Context, f jobaudit.VariableFilter) ([]jobaudit.Variable, error) {
	var out []jobaudit.Variable
	err := s.view(ctx, func() error {
		if _, ok := s.ja.variables[f.After]; f.After != "" && !ok {
			return jobaudit.ErrCursorNotFound
		}
		for id, v := range s.ja.variables {
			if id > f.After && (f.AgencyID == "" || v.AgencyID == f.AgencyID) &&
				(f.EmployeeID == "" || v.EmployeeID == f.EmployeeID) &&
				(f.Maker == "" || v.Maker.String() == f.Maker) && (f.State == "" || v.State == f.State) {
				out = append(out, v)
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
		if f.Limit > 0 && len(out) > f.Limit {
			out = out[:f.Limit]
		}
		for i := range out {
			out[i] = out[i].Clone()
		}
		return nil
	})
	return out, err
}

// CreateRequest implements jobaudit.Store.
func (s *Store) CreateRequest(ctx context.Context, q jobaudit.QualificationRequest) (jobaudit.QualificationRequest, error) {
	q = q.Clone()
	err := s.update(ctx, func(u *undoLog) error {
		if _, ok := s.ja.requests[q.ID]; ok {
			return errDuplicateJobaudit
		}
		q.Version = 1
		put(u, s.ja.requests, q.ID, q)
		return nil
	})
	if err != nil {
		return jobaudit.QualificationRequest{}, err
	}
	return q.Clone(), nil
}

// GetRequest implements jobaudit.Store.
func (s *Store) GetRequest(ctx context.Context, id string) (jobaudit.QualificationRequest, error) {
	var out jobaudit.QualificationRequest
	err := s.view(ctx, func() error {
		q, ok := s.ja.requests[id]
		if !ok {
			return jobaudit.ErrNotFound
		}
		out = q.Clone()
		return nil
	})
	return out, err
}

// UpdateRequest implements jobaudit.Store.
func (s *Store) UpdateRequest(ctx context.Context, q jobaudit.QualificationRequest) (jobaudit.QualificationRequest, error) {
	q = q.Clone()
	err := s.update(ctx, func(u *undoLog) error {
		old, ok := s.ja.requests[q.ID]
		switch {
		case !ok:
			return jobaudit.ErrNotFound
		case old.Version != q.Version:
			return jobaudit.ErrConflict
		}
		q.EmployeeID, q.NationalID, q.AgencyID, q.CreatedAt = old.EmployeeID, old.NationalID, old.AgencyID, old.CreatedAt
		q.Version = old.Version + 1
		put(u, s.ja.requests, q.ID, q)
		return nil
	})
	if err != nil {
		return jobaudit.QualificationRequest{}, err
	}
	return q.Clone(), nil
}

// ListRequests implements jobaudit.Store: the matches in ID order.
func (s *Store) ListRequests(ctx context.Context, f jobaudit.RequestFilter) ([]jobaudit.QualificationRequest, error) {
	var out []jobaudit.QualificationRequest
	err := s.view(ctx, func() error {
		if _, ok := s.ja.requests[f.After]; f.After != "" && !ok {
			return jobaudit.ErrCursorNotFound
		}
		for id, q := range s.ja.requests {
			if id > f.After && (f.AgencyID == "" || q.AgencyID == f.AgencyID) &&
				(f.EmployeeID == "" || q.EmployeeID == f.EmployeeID) && (f.State == "" || q.State == f.State) {
				out = append(out, q)
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
		if f.Limit > 0 && len(out) > f.Limit {
			out = out[:f.Limit]
		}
		for i := range out {
			out[i] = out[i].Clone()
		}
		return nil
	})
	return out, err
}
