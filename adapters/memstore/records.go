package memstore

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/records"
)

var _ records.Store = (*Store)(nil)

// recordsData holds the records contract's state. Values are stored as deep
// copies and replaced, never mutated, so an undo can restore the old value;
// histories only grow in place (appendTo), and are sorted when read.
type recordsData struct {
	employees   map[string]records.Employee        // by ID
	byNID       map[string]string                  // national ID → employee ID
	history     map[string]*[]records.HistoryEvent // employee ID → events, in the order written
	eventOwner  map[string]string                  // event ID → employee ID
	corrections map[string]records.Correction      // by ID
	statements  map[string]records.Statement       // by ID
	byCode      map[string]string                  // verification code → statement ID
}

func (d *recordsData) init() {
	d.employees = make(map[string]records.Employee)
	d.byNID = make(map[string]string)
	d.history = make(map[string]*[]records.HistoryEvent)
	d.eventOwner = make(map[string]string)
	d.corrections = make(map[string]records.Correction)
	d.statements = make(map[string]records.Statement)
	d.byCode = make(map[string]string)
}

// sortedHistory returns a deep copy of h ordered by Start, then ID.
func sortedHistory(h []records.HistoryEvent) []records.HistoryEvent {
	out := records.CloneHistory(h)
	if out == nil {
		out = []records.HistoryEvent{}
	}
	slices.SortStableFunc(out, func(a, b records.HistoryEvent) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// claimEvents records that the events belong to employee id, failing on an
// ID that another employee's event (or, when own is false, any event) has.
func (d *recordsData) claimEvents(u *undoLog, id string, events []records.HistoryEvent, own bool) error {
	seen := make(map[string]bool, len(events))
	for _, ev := range events {
		if seen[ev.ID] {
			return records.ErrDuplicateEventID
		}
		seen[ev.ID] = true
		if owner, ok := d.eventOwner[ev.ID]; ok && (!own || owner != id) {
			return records.ErrDuplicateEventID
		}
	}
	for _, ev := range events {
		put(u, d.eventOwner, ev.ID, id)
	}
	return nil
}

// casEmployee checks e against the stored file, stores it with Version+1
// and returns the stored copy (the caller clones it before handing it out).
func (d *recordsData) casEmployee(u *undoLog, e records.Employee) (records.Employee, error) {
	old, ok := d.employees[e.ID]
	if !ok {
		return records.Employee{}, records.ErrNotFound
	}
	if old.Version != e.Version {
		return records.Employee{}, records.ErrStaleVersion
	}
	nid, oldNID := e.NationalID.String(), old.NationalID.String()
	if nid != oldNID {
		if _, taken := d.byNID[nid]; taken {
			return records.Employee{}, records.ErrDuplicateNationalID
		}
		remove(u, d.byNID, oldNID)
		put(u, d.byNID, nid, e.ID)
	}
	e = e.Clone()
	e.Version++
	put(u, d.employees, e.ID, e)
	return e, nil
}

// CreateEmployee implements records.Store.
func (s *Store) CreateEmployee(ctx context.Context, e records.Employee, history []records.HistoryEvent) (records.Employee, error) {
	var out records.Employee
	err := s.update(ctx, func(u *undoLog) error {
		d := &s.rec
		if _, ok := d.employees[e.ID]; ok {
			return records.ErrDuplicateEmployeeID
		}
		if _, ok := d.byNID[e.NationalID.String()]; ok {
			return records.ErrDuplicateNationalID
		}
		if err := d.claimEvents(u, e.ID, history, false); err != nil {
			return err
		}
		e = e.Clone()
		e.Version = 1
		put(u, d.employees, e.ID, e)
		put(u, d.byNID, e.NationalID.String(), e.ID)
		h := records.CloneHistory(history)
		put(u, d.history, e.ID, &h)
		out = e.Clone()
		return nil
	})
	return out, err
}

// GetEmployee implements records.Store.
func (s *Store) GetEmployee(ctx context.Context, id string) (records.Employee, error) {
	var out records.Employee
	err := s.view(ctx, func() error {
		e, ok := s.rec.employees[id]
		if !ok {
			return records.ErrNotFound
		}
		out = e.Clone()
		return nil
	})
	return out, err
}

// GetEmployeeByNationalID implements records.Store.
func (s *Store) GetEmployeeByNationalID(ctx context.Context, nationalID identity.NationalID) (records.Employee, error) {
	var out records.Employee
	err := s.view(ctx, func() error {
		id, ok := s.rec.byNID[nationalID.String()]
		if !ok || nationalID.IsZero() {
			return records.ErrNotFound
		}
		out = s.rec.employees[id].Clone()
		return nil
	})
	return out, err
}

// UpdateEmployee implements records.Store.
func (s *Store) UpdateEmployee(ctx context.Context, e records.Employee) (records.Employee, error) {
	var out records.Employee
	err := s.update(ctx, func(u *undoLog) error {
		stored, err := s.rec.casEmployee(u, e)
		out = stored.Clone()
		return err
	})
	return out, err
}

// listKey orders listed items: by creation time, then ID.
type listKey struct {
	at time.Time
	id string
}

func compareKeys(a, b listKey) int {
	if c := a.at.Compare(b.at); c != 0 {
		return c
	}
	return cmp.Compare(a.id, b.id)
}

// page sorts items by key, keeps those after the cursor and cuts to limit.
func page[T any](items []T, key func(*T) listKey, after *listKey, limit int) []T {
	slices.SortFunc(items, func(a, b T) int { return compareKeys(key(&a), key(&b)) })
	if after != nil {
		i, _ := slices.BinarySearchFunc(items, *after, func(it T, k listKey) int {
			if compareKeys(key(&it), k) <= 0 {
				return -1
			}
			return 1
		})
		items = items[i:]
	}
	if limit > 0 && len(items) > limit {
		items = items[:limit]
	}
	return items
}

// ListEmployees implements records.Store.
func (s *Store) ListEmployees(ctx context.Context, f records.EmployeeFilter) ([]records.Employee, error) {
	var out []records.Employee
	err := s.view(ctx, func() error {
		d := &s.rec
		var after *listKey
		if f.After != "" {
			e, ok := d.employees[f.After]
			if !ok {
				return records.ErrCursorNotFound
			}
			after = &listKey{e.CreatedAt, e.ID}
		}
		var match []records.Employee
		for _, e := range d.employees {
			if f.AgencyID != "" && e.Job.Agency.ID != f.AgencyID ||
				f.EmploymentSystem != "" && e.EmploymentSystem != f.EmploymentSystem ||
				f.InService != nil && *f.InService != e.ServiceEnd.IsZero() {
				continue
			}
			match = append(match, e)
		}
		match = page(match, func(e *records.Employee) listKey { return listKey{e.CreatedAt, e.ID} }, after, f.Limit)
		out = make([]records.Employee, len(match))
		for i, e := range match {
			out[i] = e.Clone()
		}
		return nil
	})
	return out, err
}

// ListHistoryEvents implements records.Store.
func (s *Store) ListHistoryEvents(ctx context.Context, employeeID string) ([]records.HistoryEvent, error) {
	var out []records.HistoryEvent
	err := s.view(ctx, func() error {
		if _, ok := s.rec.employees[employeeID]; !ok {
			return records.ErrNotFound
		}
		out = sortedHistory(*s.rec.history[employeeID])
		return nil
	})
	return out, err
}

// AppendHistoryEvents implements records.Store.
func (s *Store) AppendHistoryEvents(ctx context.Context, e records.Employee, events []records.HistoryEvent) (records.Employee, error) {
	var out records.Employee
	err := s.update(ctx, func(u *undoLog) error {
		d := &s.rec
		stored, err := d.casEmployee(u, e)
		if err != nil {
			return err
		}
		if err := d.claimEvents(u, e.ID, events, false); err != nil {
			return err
		}
		appendTo(u, d.history[e.ID], records.CloneHistory(events)...)
		out = stored.Clone()
		return nil
	})
	return out, err
}

// ReplaceHistoryEvents implements records.Store.
func (s *Store) ReplaceHistoryEvents(ctx context.Context, e records.Employee, events []records.HistoryEvent) (records.Employee, error) {
	var out records.Employee
	err := s.update(ctx, func(u *undoLog) error {
		d := &s.rec
		stored, err := d.casEmployee(u, e)
		if err != nil {
			return err
		}
		for _, ev := range *d.history[e.ID] {
			remove(u, d.eventOwner, ev.ID)
		}
		if err := d.claimEvents(u, e.ID, events, true); err != nil {
			return err
		}
		h := records.CloneHistory(events)
		put(u, d.history, e.ID, &h)
		out = stored.Clone()
		return nil
	})
	return out, err
}

// CreateCorrection implements records.Store.
func (s *Store) CreateCorrection(ctx context.Context, c records.Correction) (records.Correction, error) {
	var out records.Correction
	err := s.update(ctx, func(u *undoLog) error {
		d := &s.rec
		if _, ok := d.corrections[c.ID]; ok {
			return records.ErrDuplicateCorrectionID
		}
		if _, ok := d.employees[c.EmployeeID]; !ok {
			return records.ErrNotFound
		}
		c = c.Clone()
		c.Version = 1
		put(u, d.corrections, c.ID, c)
		out = c.Clone()
		return nil
	})
	return out, err
}

// GetCorrection implements records.Store.
func (s *Store) GetCorrection(ctx context.Context, id string) (records.Correction, error) {
	var out records.Correction
	err := s.view(ctx, func() error {
		c, ok := s.rec.corrections[id]
		if !ok {
			return records.ErrNotFound
		}
		out = c.Clone()
		return nil
	})
	return out, err
}

// ListCorrections implements records.Store.
func (s *Store) ListCorrections(ctx context.Context, f records.CorrectionFilter) ([]records.Correction, error) {
	var out []records.Correction
	err := s.view(ctx, func() error {
		d := &s.rec
		var after *listKey
		if f.After != "" {
			c, ok := d.corrections[f.After]
			if !ok {
				return records.ErrCursorNotFound
			}
			after = &listKey{c.CreatedAt, c.ID}
		}
		var match []records.Correction
		for _, c := range d.corrections {
			if f.AgencyID != "" && c.AgencyID != f.AgencyID ||
				f.EmployeeID != "" && c.EmployeeID != f.EmployeeID ||
				f.Status != "" && c.Status != f.Status ||
				f.FileAgencyID != "" && d.employees[c.EmployeeID].Job.Agency.ID != f.FileAgencyID {
				continue
			}
			match = append(match, c)
		}
		match = page(match, func(c *records.Correction) listKey { return listKey{c.CreatedAt, c.ID} }, after, f.Limit)
		out = make([]records.Correction, len(match))
		for i, c := range match {
			out[i] = c.Clone()
		}
		return nil
	})
	return out, err
}

// casCorrection checks c against the stored request, stores it with
// Version+1 and returns the stored copy (the caller clones it before handing
// it out).
func (d *recordsData) casCorrection(u *undoLog, c records.Correction) (records.Correction, error) {
	old, ok := d.corrections[c.ID]
	if !ok {
		return records.Correction{}, records.ErrNotFound
	}
	if old.Version != c.Version {
		return records.Correction{}, records.ErrStaleVersion
	}
	c = c.Clone()
	c.Version++
	put(u, d.corrections, c.ID, c)
	return c, nil
}

// UpdateCorrection implements records.Store.
func (s *Store) UpdateCorrection(ctx context.Context, c records.Correction) (records.Correction, error) {
	var out records.Correction
	err := s.update(ctx, func(u *undoLog) error {
		stored, err := s.rec.casCorrection(u, c)
		out = stored.Clone()
		return err
	})
	return out, err
}

// DecideCorrection implements records.Store.
func (s *Store) DecideCorrection(ctx context.Context, c records.Correction, e *records.Employee) (records.Correction, error) {
	var out records.Correction
	err := s.update(ctx, func(u *undoLog) error {
		stored, err := s.rec.casCorrection(u, c)
		if err != nil {
			return err
		}
		if e != nil {
			if _, err := s.rec.casEmployee(u, *e); err != nil {
				return err
			}
		}
		out = stored.Clone()
		return nil
	})
	return out, err
}

// CreateStatement implements records.Store.
func (s *Store) CreateStatement(ctx context.Context, st records.Statement) (records.Statement, error) {
	var out records.Statement
	err := s.update(ctx, func(u *undoLog) error {
		d := &s.rec
		if _, ok := d.statements[st.ID]; ok {
			return records.ErrDuplicateStatement
		}
		if _, ok := d.byCode[st.Code]; ok {
			return records.ErrDuplicateStatement
		}
		if _, ok := d.employees[st.EmployeeID]; !ok {
			return records.ErrNotFound
		}
		put(u, d.statements, st.ID, st.Clone())
		put(u, d.byCode, st.Code, st.ID)
		out = st.Clone()
		return nil
	})
	return out, err
}

// GetStatementByCode implements records.Store.
func (s *Store) GetStatementByCode(ctx context.Context, code string) (records.Statement, error) {
	var out records.Statement
	err := s.view(ctx, func() error {
		id, ok := s.rec.byCode[code]
		if !ok {
			return records.ErrNotFound
		}
		out = s.rec.statements[id].Clone()
		return nil
	})
	return out, err
}
