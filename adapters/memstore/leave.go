package memstore

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/leave"
)

var _ leave.Store = (*Store)(nil)

// leaveData holds the leave contract's state.
type leaveData struct {
	leaves     map[string]leave.Leave         // by ID
	byReport   map[string]string              // report number → leave ID
	reports    map[string]leave.MedicalReport // by report number
	extensions map[extensionKey]leave.Extension
	balances   map[balanceKey]leave.Balance
}

type extensionKey struct {
	employee string
	year     int
}

type balanceKey struct {
	employee string
	asOf     hijri.Date
}

func (d *leaveData) init() {
	d.leaves = make(map[string]leave.Leave)
	d.byReport = make(map[string]string)
	d.reports = make(map[string]leave.MedicalReport)
	d.extensions = make(map[extensionKey]leave.Extension)
	d.balances = make(map[balanceKey]leave.Balance)
}

// CreateLeave implements leave.Store.
func (s *Store) CreateLeave(ctx context.Context, l leave.Leave) (leave.Leave, error) {
	err := s.update(ctx, func(u *undoLog) error {
		d := &s.lv
		if _, ok := d.leaves[l.ID]; ok {
			return leave.ErrConflict.Because("leave.duplicate_id",
				"a leave with this ID exists", "توجد إجازة بهذا المعرف")
		}
		if l.ReportNumber != "" {
			if _, ok := d.byReport[l.ReportNumber]; ok {
				return leave.ErrConflict.Because("leave.duplicate_report_number",
					"a leave was granted on this medical report", "منحت إجازة بهذا التقرير الطبي")
			}
			put(u, d.byReport, l.ReportNumber, l.ID)
		}
		l.Version = 1
		put(u, d.leaves, l.ID, l)
		return nil
	})
	if err != nil {
		return leave.Leave{}, err
	}
	return l, nil
}

// GetLeave implements leave.Store.
func (s *Store) GetLeave(ctx context.Context, id string) (leave.Leave, error) {
	var out leave.Leave
	err := s.view(ctx, func() error {
		l, ok := s.lv.leaves[id]
		if !ok {
			return leave.ErrNotFound
		}
		out = l
		return nil
	})
	return out, err
}

// UpdateLeave implements leave.Store.
func (s *Store) UpdateLeave(ctx context.Context, l leave.Leave) (leave.Leave, error) {
	err := s.update(ctx, func(u *undoLog) error {
		old, ok := s.lv.leaves[l.ID]
		switch {
		case !ok:
			return leave.ErrNotFound
		case old.Version != l.Version:
			return leave.ErrConflict
		}
		l.EmployeeID, l.NationalID, l.AgencyID = old.EmployeeID, old.NationalID, old.AgencyID
		l.ReportNumber, l.CreatedAt = old.ReportNumber, old.CreatedAt
		l.Version = old.Version + 1
		put(u, s.lv.leaves, l.ID, l)
		return nil
	})
	if err != nil {
		return leave.Leave{}, err
	}
	return l, nil
}

// ListLeaves implements leave.Store: the matches in (CreatedAt, ID) order.
func (s *Store) ListLeaves(ctx context.Context, f leave.Filter) ([]leave.Leave, error) {
	var out []leave.Leave
	err := s.view(ctx, func() error {
		var after *leave.Leave
		if f.After != "" {
			l, ok := s.lv.leaves[f.After]
			if !ok {
				return leave.ErrCursorNotFound
			}
			after = &l
		}
		for _, l := range s.lv.leaves {
			if matchLeave(&l, &f) && (after == nil || compareLeaves(after, &l) < 0) {
				out = append(out, l)
			}
		}
		slices.SortFunc(out, func(a, b leave.Leave) int { return compareLeaves(&a, &b) })
		if f.Limit > 0 && len(out) > f.Limit {
			out = out[:f.Limit]
		}
		return nil
	})
	return out, err
}

func compareLeaves(a, b *leave.Leave) int {
	if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

func matchLeave(l *leave.Leave, f *leave.Filter) bool {
	return (f.EmployeeID == "" || l.EmployeeID == f.EmployeeID) &&
		(f.AgencyID == "" || l.AgencyID == f.AgencyID) &&
		(len(f.Statuses) == 0 || slices.Contains(f.Statuses, l.Status)) &&
		(len(f.Kinds) == 0 || slices.Contains(f.Kinds, l.Kind))
}

// CreateReport implements leave.Store.
func (s *Store) CreateReport(ctx context.Context, r leave.MedicalReport) (leave.MedicalReport, error) {
	r = r.Clone()
	err := s.update(ctx, func(u *undoLog) error {
		if _, ok := s.lv.reports[r.Report.Number]; ok {
			return leave.ErrConflict.Because("leave.duplicate_report",
				"a medical report with this number was received", "استلم تقرير طبي بهذا الرقم")
		}
		put(u, s.lv.reports, r.Report.Number, r)
		return nil
	})
	if err != nil {
		return leave.MedicalReport{}, err
	}
	return r.Clone(), nil
}

// GetReport implements leave.Store.
func (s *Store) GetReport(ctx context.Context, number string) (leave.MedicalReport, error) {
	var out leave.MedicalReport
	err := s.view(ctx, func() error {
		r, ok := s.lv.reports[number]
		if !ok {
			return leave.ErrNotFound
		}
		out = r.Clone()
		return nil
	})
	return out, err
}

// ListReports implements leave.Store: the matches in (ReceivedAt, number) order.
func (s *Store) ListReports(ctx context.Context, f leave.ReportFilter) ([]leave.MedicalReport, error) {
	var out []leave.MedicalReport
	err := s.view(ctx, func() error {
		var after *leave.MedicalReport
		if f.After != "" {
			r, ok := s.lv.reports[f.After]
			if !ok {
				return leave.ErrCursorNotFound
			}
			after = &r
		}
		for _, r := range s.lv.reports {
			if matchReport(&r, &f) && (after == nil || compareReports(after, &r) < 0) {
				out = append(out, r)
			}
		}
		slices.SortFunc(out, func(a, b leave.MedicalReport) int { return compareReports(&a, &b) })
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

func compareReports(a, b *leave.MedicalReport) int {
	if c := a.ReceivedAt.Compare(b.ReceivedAt); c != 0 {
		return c
	}
	return strings.Compare(a.Report.Number, b.Report.Number)
}

func matchReport(r *leave.MedicalReport, f *leave.ReportFilter) bool {
	return (f.EmployeeID == "" || r.EmployeeID == f.EmployeeID) &&
		(f.AgencyID == "" || r.AgencyID == f.AgencyID) &&
		(f.Status == "" || r.Status == f.Status)
}

// AddExtension implements leave.Store.
func (s *Store) AddExtension(ctx context.Context, x leave.Extension) (leave.Extension, error) {
	err := s.update(ctx, func(u *undoLog) error {
		k := extensionKey{x.EmployeeID, x.Year}
		if _, ok := s.lv.extensions[k]; ok {
			return leave.ErrConflict.Because("leave.duplicate_extension",
				"this year's balance was extended already", "مددت صلاحية رصيد هذه السنة من قبل")
		}
		put(u, s.lv.extensions, k, x)
		return nil
	})
	if err != nil {
		return leave.Extension{}, err
	}
	return x, nil
}

// ListExtensions implements leave.Store.
func (s *Store) ListExtensions(ctx context.Context, employeeID string) ([]leave.Extension, error) {
	out := []leave.Extension{}
	err := s.view(ctx, func() error {
		for k, x := range s.lv.extensions {
			if k.employee == employeeID {
				out = append(out, x)
			}
		}
		slices.SortFunc(out, func(a, b leave.Extension) int { return cmp.Compare(a.Year, b.Year) })
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// PutBalances implements leave.Store.
func (s *Store) PutBalances(ctx context.Context, bs []leave.Balance) error {
	seen := make(map[balanceKey]bool, len(bs))
	for _, b := range bs {
		k := balanceKey{b.EmployeeID, b.AsOf}
		if seen[k] {
			return leave.ErrDuplicateBalance
		}
		seen[k] = true
	}
	return s.update(ctx, func(u *undoLog) error {
		for _, b := range bs {
			put(u, s.lv.balances, balanceKey{b.EmployeeID, b.AsOf}, b)
		}
		return nil
	})
}

// GetBalance implements leave.Store.
func (s *Store) GetBalance(ctx context.Context, employeeID string, asOf hijri.Date) (leave.Balance, error) {
	var out leave.Balance
	err := s.view(ctx, func() error {
		b, ok := s.lv.balances[balanceKey{employeeID, asOf}]
		if !ok {
			return leave.ErrNotFound
		}
		out = b
		return nil
	})
	return out, err
}
