package memstore

import (
	"context"
	"slices"
	"strings"

	"github.com/masarhr/masar-go/separation"
)

var _ separation.Store = (*Store)(nil)

// separationData holds the separation contract's state.
type separationData struct {
	cases       map[string]separation.Case       // by ID
	open        map[string]string                // employee ID → open case ID
	retirements map[string]separation.Retirement // by employee ID
}

func (d *separationData) init() {
	d.cases = make(map[string]separation.Case)
	d.open = make(map[string]string)
	d.retirements = make(map[string]separation.Retirement)
}

// CreateCase implements separation.Store.
func (s *Store) CreateCase(ctx context.Context, c separation.Case) (separation.Case, error) {
	c = cloneCase(c)
	err := s.update(ctx, func(u *undoLog) error {
		d := &s.sep
		if _, ok := d.cases[c.ID]; ok {
			return separation.ErrConflict.Because("separation.duplicate_id",
				"a case with this ID exists", "يوجد طلب بهذا المعرف")
		}
		if c.State.Open() {
			if _, ok := d.open[c.EmployeeID]; ok {
				return separation.ErrCaseOpen
			}
			put(u, d.open, c.EmployeeID, c.ID)
		}
		c.Version = 1
		put(u, d.cases, c.ID, c)
		return nil
	})
	if err != nil {
		return separation.Case{}, err
	}
	return cloneCase(c), nil
}

// GetCase implements separation.Store.
func (s *Store) GetCase(ctx context.Context, id string) (separation.Case, error) {
	var out separation.Case
	err := s.view(ctx, func() error {
		c, ok := s.sep.cases[id]
		if !ok {
			return separation.ErrNotFound
		}
		out = cloneCase(c)
		return nil
	})
	return out, err
}

// UpdateCase implements separation.Store.
func (s *Store) UpdateCase(ctx context.Context, c separation.Case) (separation.Case, error) {
	c = cloneCase(c)
	err := s.update(ctx, func(u *undoLog) error {
		d := &s.sep
		old, ok := d.cases[c.ID]
		switch {
		case !ok:
			return separation.ErrNotFound
		case old.Version != c.Version:
			return separation.ErrConflict
		}
		c.EmployeeID, c.NationalID, c.AgencyID, c.Cause = old.EmployeeID, old.NationalID, old.AgencyID, old.Cause
		c.Filed, c.OpenedBy, c.CreatedAt = old.Filed, old.OpenedBy, old.CreatedAt
		if c.State.Open() && !old.State.Open() {
			if id, ok := d.open[c.EmployeeID]; ok && id != c.ID {
				return separation.ErrCaseOpen
			}
			put(u, d.open, c.EmployeeID, c.ID)
		} else if !c.State.Open() && old.State.Open() {
			remove(u, d.open, c.EmployeeID)
		}
		c.Version = old.Version + 1
		put(u, d.cases, c.ID, c)
		return nil
	})
	if err != nil {
		return separation.Case{}, err
	}
	return cloneCase(c), nil
}

// ListCases implements separation.Store: the matches in (CreatedAt, ID) order.
func (s *Store) ListCases(ctx context.Context, f separation.Filter) ([]separation.Case, error) {
	var out []separation.Case
	err := s.view(ctx, func() error {
		var after *separation.Case
		if f.After != "" {
			c, ok := s.sep.cases[f.After]
			if !ok {
				return separation.ErrCursorNotFound
			}
			after = &c
		}
		for _, c := range s.sep.cases {
			if matchCase(&c, &f) && (after == nil || compareCases(after, &c) < 0) {
				out = append(out, c)
			}
		}
		slices.SortFunc(out, func(a, b separation.Case) int { return compareCases(&a, &b) })
		if f.Limit > 0 && len(out) > f.Limit {
			out = out[:f.Limit]
		}
		for i := range out {
			out[i] = cloneCase(out[i])
		}
		return nil
	})
	return out, err
}

func compareCases(a, b *separation.Case) int {
	if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

func matchCase(c *separation.Case, f *separation.Filter) bool {
	return (f.AgencyID == "" || c.AgencyID == f.AgencyID) &&
		(f.EmployeeID == "" || c.EmployeeID == f.EmployeeID) &&
		(f.Cause == "" || c.Cause == f.Cause) &&
		(len(f.States) == 0 || slices.Contains(f.States, c.State)) &&
		(f.LastDayBy.IsZero() || (!c.LastDay.IsZero() && !c.LastDay.After(f.LastDayBy))) &&
		(f.FiledBy.IsZero() || !c.Filed.After(f.FiledBy))
}

// PutRetirements implements separation.Store.
func (s *Store) PutRetirements(ctx context.Context, rs []separation.Retirement) error {
	seen := make(map[string]struct{}, len(rs))
	for _, r := range rs {
		if _, ok := seen[r.EmployeeID]; ok {
			return separation.ErrDuplicateRetirement
		}
		seen[r.EmployeeID] = struct{}{}
	}
	return s.update(ctx, func(u *undoLog) error {
		for _, r := range rs {
			put(u, s.sep.retirements, r.EmployeeID, r)
		}
		return nil
	})
}

// GetRetirement implements separation.Store.
func (s *Store) GetRetirement(ctx context.Context, employeeID string) (separation.Retirement, error) {
	var out separation.Retirement
	err := s.view(ctx, func() error {
		r, ok := s.sep.retirements[employeeID]
		if !ok {
			return separation.ErrNotFound
		}
		out = r
		return nil
	})
	return out, err
}

// ListRetirements implements separation.Store: the agency's matches in
// (LastDay, EmployeeID) order, sorted at query time.
func (s *Store) ListRetirements(ctx context.Context, f separation.RetirementFilter) ([]separation.Retirement, error) {
	var out []separation.Retirement
	err := s.view(ctx, func() error {
		var after *separation.Retirement
		if f.After != "" {
			r, ok := s.sep.retirements[f.After]
			if !ok {
				return separation.ErrCursorNotFound
			}
			after = &r
		}
		for _, r := range s.sep.retirements {
			if r.AgencyID == f.AgencyID &&
				(f.From.IsZero() || !r.LastDay.Before(f.From)) &&
				(f.To.IsZero() || !r.LastDay.After(f.To)) &&
				(after == nil || compareRetirements(after, &r) < 0) {
				out = append(out, r)
			}
		}
		slices.SortFunc(out, func(a, b separation.Retirement) int { return compareRetirements(&a, &b) })
		if f.Limit > 0 && len(out) > f.Limit {
			out = out[:f.Limit]
		}
		return nil
	})
	return out, err
}

func compareRetirements(a, b *separation.Retirement) int {
	if c := a.LastDay.Compare(b.LastDay); c != 0 {
		return c
	}
	return strings.Compare(a.EmployeeID, b.EmployeeID)
}

// cloneCase deep-copies c, the entitlements' pointers too (Case.Clone
// shares them).
func cloneCase(c separation.Case) separation.Case {
	c = c.Clone()
	if p := c.Entitlements.LeaveBalance; p != nil {
		v := *p
		c.Entitlements.LeaveBalance = &v
	}
	if p := c.Entitlements.Grandfathered; p != nil {
		v := *p
		c.Entitlements.Grandfathered = &v
	}
	return c
}
