package separation_test

import (
	"context"
	"slices"
	"sync"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/separation"
)

// fakeStore is a map-based separation.Store for the Service's tests, until
// memstore implements it. It keeps the contract: copies in and out,
// versions, one open case per employee, the list orders and cursors, all or
// none writes. Its transactions join memstore's (records), so a case's end
// and its history event commit or roll back together: InTx snapshots the
// maps and restores them when fn fails. Transactions and lone writes are
// serialized.
type fakeStore struct {
	mem   *memstore.Store
	txMu  sync.Mutex
	cases map[string]separation.Case
	rets  map[string]separation.Retirement
}

type txKey struct{}

func newFakeStore(mem *memstore.Store) *fakeStore {
	return &fakeStore{mem: mem, cases: map[string]separation.Case{}, rets: map[string]separation.Retirement{}}
}

var _ separation.Store = (*fakeStore)(nil)

func (s *fakeStore) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if ctx.Value(txKey{}) != nil {
		return fn(ctx)
	}
	s.txMu.Lock()
	defer s.txMu.Unlock()
	cases, rets := cloneMap(s.cases), cloneMap(s.rets)
	err := s.mem.InTx(context.WithValue(ctx, txKey{}, true), fn)
	if err != nil {
		s.cases, s.rets = cases, rets
	}
	return err
}

func cloneMap[V any](m map[string]V) map[string]V {
	out := make(map[string]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// lock serializes a call made outside a transaction.
func (s *fakeStore) lock(ctx context.Context) func() {
	if ctx.Value(txKey{}) != nil {
		return func() {}
	}
	s.txMu.Lock()
	return s.txMu.Unlock
}

func (s *fakeStore) CreateCase(ctx context.Context, c separation.Case) (separation.Case, error) {
	if err := ctx.Err(); err != nil {
		return separation.Case{}, err
	}
	defer s.lock(ctx)()
	if _, ok := s.cases[c.ID]; ok {
		return separation.Case{}, separation.ErrConflict
	}
	if c.State.Open() {
		for _, o := range s.cases {
			if o.EmployeeID == c.EmployeeID && o.State.Open() {
				return separation.Case{}, separation.ErrCaseOpen
			}
		}
	}
	c = c.Clone()
	c.Version = 1
	s.cases[c.ID] = c
	return c.Clone(), nil
}

func (s *fakeStore) GetCase(ctx context.Context, id string) (separation.Case, error) {
	if err := ctx.Err(); err != nil {
		return separation.Case{}, err
	}
	defer s.lock(ctx)()
	c, ok := s.cases[id]
	if !ok {
		return separation.Case{}, separation.ErrNotFound
	}
	return c.Clone(), nil
}

func (s *fakeStore) UpdateCase(ctx context.Context, c separation.Case) (separation.Case, error) {
	if err := ctx.Err(); err != nil {
		return separation.Case{}, err
	}
	defer s.lock(ctx)()
	old, ok := s.cases[c.ID]
	if !ok {
		return separation.Case{}, separation.ErrNotFound
	}
	if old.Version != c.Version {
		return separation.Case{}, separation.ErrConflict
	}
	c = c.Clone()
	c.EmployeeID, c.NationalID, c.AgencyID, c.Cause, c.Filed, c.OpenedBy, c.CreatedAt =
		old.EmployeeID, old.NationalID, old.AgencyID, old.Cause, old.Filed, old.OpenedBy, old.CreatedAt
	c.Version++
	s.cases[c.ID] = c
	return c.Clone(), nil
}

func (s *fakeStore) ListCases(ctx context.Context, f separation.Filter) ([]separation.Case, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	defer s.lock(ctx)()
	all := make([]separation.Case, 0, len(s.cases))
	for _, c := range s.cases {
		all = append(all, c)
	}
	slices.SortFunc(all, func(a, b separation.Case) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return compareStrings(a.ID, b.ID)
	})
	start := 0
	if f.After != "" {
		i := slices.IndexFunc(all, func(c separation.Case) bool { return c.ID == f.After })
		if i < 0 {
			return nil, separation.ErrCursorNotFound
		}
		start = i + 1
	}
	var out []separation.Case
	for _, c := range all[start:] {
		if f.AgencyID != "" && c.AgencyID != f.AgencyID || f.EmployeeID != "" && c.EmployeeID != f.EmployeeID ||
			f.Cause != "" && c.Cause != f.Cause || len(f.States) > 0 && !slices.Contains(f.States, c.State) ||
			!f.LastDayBy.IsZero() && (c.LastDay.IsZero() || c.LastDay.After(f.LastDayBy)) ||
			!f.FiledBy.IsZero() && c.Filed.After(f.FiledBy) {
			continue
		}
		out = append(out, c.Clone())
		if f.Limit > 0 && len(out) == f.Limit {
			break
		}
	}
	return out, nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (s *fakeStore) PutRetirements(ctx context.Context, rs []separation.Retirement) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	defer s.lock(ctx)()
	seen := map[string]bool{}
	for _, r := range rs {
		if seen[r.EmployeeID] {
			return separation.ErrDuplicateRetirement
		}
		seen[r.EmployeeID] = true
	}
	for _, r := range rs {
		s.rets[r.EmployeeID] = r
	}
	return nil
}

func (s *fakeStore) GetRetirement(ctx context.Context, employeeID string) (separation.Retirement, error) {
	if err := ctx.Err(); err != nil {
		return separation.Retirement{}, err
	}
	defer s.lock(ctx)()
	r, ok := s.rets[employeeID]
	if !ok {
		return separation.Retirement{}, separation.ErrNotFound
	}
	return r, nil
}

func (s *fakeStore) ListRetirements(ctx context.Context, f separation.RetirementFilter) ([]separation.Retirement, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	defer s.lock(ctx)()
	cmp := func(a, b separation.Retirement) int {
		if c := a.LastDay.Compare(b.LastDay); c != 0 {
			return c
		}
		return compareStrings(a.EmployeeID, b.EmployeeID)
	}
	var cursor *separation.Retirement
	if f.After != "" {
		r, ok := s.rets[f.After]
		if !ok {
			return nil, separation.ErrCursorNotFound
		}
		cursor = &r
	}
	var out []separation.Retirement
	for _, r := range s.rets {
		if r.AgencyID != f.AgencyID || !f.From.IsZero() && r.LastDay.Before(f.From) || !f.To.IsZero() && r.LastDay.After(f.To) ||
			cursor != nil && cmp(r, *cursor) <= 0 {
			continue
		}
		out = append(out, r)
	}
	slices.SortFunc(out, cmp)
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}
