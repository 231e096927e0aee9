package memstore

import (
	"cmp"
	"context"
	"slices"

	"github.com/masarhr/masar-go/grievance"
)

var _ grievance.Store = (*Store)(nil)

// grievanceData holds the grievance contract's state. Tracking numbers
// come from one national sequence per Hijri year (seq, by year) and name
// one grievance each (byNumber).
type grievanceData struct {
	byID     map[string]grievance.Grievance
	byNumber map[grievance.TrackingNumber]string
	seq      map[int]int
}

func (d *grievanceData) init() {
	d.byID = make(map[string]grievance.Grievance)
	d.byNumber = make(map[grievance.TrackingNumber]string)
	d.seq = make(map[int]int)
}

// CreateGrievance implements grievance.Store.
func (s *Store) CreateGrievance(ctx context.Context, g grievance.Grievance) (grievance.Grievance, error) {
	var out grievance.Grievance
	err := s.update(ctx, func(u *undoLog) error {
		d := &s.grv
		if _, ok := d.byID[g.ID]; ok {
			return grievance.ErrConflict.Because("grievance.duplicate_id",
				"a grievance with this ID exists", "يوجد تظلم بهذا المعرف")
		}
		sk := g.TrackingNumber.Year
		n := d.seq[sk] + 1
		g = g.Clone()
		g.TrackingNumber.Seq = n
		g.Version = 1
		nk := g.TrackingNumber
		if _, ok := d.byNumber[nk]; ok {
			return grievance.ErrConflict.Because("grievance.duplicate_tracking_number",
				"a grievance with this tracking number exists", "يوجد تظلم بهذا الرقم")
		}
		put(u, d.seq, sk, n)
		put(u, d.byNumber, nk, g.ID)
		put(u, d.byID, g.ID, g)
		out = g.Clone()
		return nil
	})
	return out, err
}

// GetGrievance implements grievance.Store.
func (s *Store) GetGrievance(ctx context.Context, id string) (grievance.Grievance, error) {
	var out grievance.Grievance
	err := s.view(ctx, func() error {
		g, ok := s.grv.byID[id]
		if !ok {
			return grievance.ErrNotFound
		}
		out = g.Clone()
		return nil
	})
	return out, err
}

// GetGrievanceByTrackingNumber implements grievance.Store.
func (s *Store) GetGrievanceByTrackingNumber(ctx context.Context, tn grievance.TrackingNumber) (grievance.Grievance, error) {
	var out grievance.Grievance
	err := s.view(ctx, func() error {
		id, ok := s.grv.byNumber[tn]
		if !ok {
			return grievance.ErrNotFound
		}
		out = s.grv.byID[id].Clone()
		return nil
	})
	return out, err
}

// UpdateGrievance implements grievance.Store.
func (s *Store) UpdateGrievance(ctx context.Context, g grievance.Grievance) (grievance.Grievance, error) {
	var out grievance.Grievance
	err := s.update(ctx, func(u *undoLog) error {
		old, ok := s.grv.byID[g.ID]
		if !ok {
			return grievance.ErrNotFound
		}
		if old.Version != g.Version {
			return grievance.ErrConflict
		}
		g = g.Clone()
		// Identity fields never change.
		g.Agency, g.TrackingNumber, g.FiledAt = old.Agency, old.TrackingNumber, old.FiledAt
		g.Version = old.Version + 1
		put(u, s.grv.byID, g.ID, g)
		out = g.Clone()
		return nil
	})
	return out, err
}

// ListGrievances implements grievance.Store: the matches in (FiledAt, ID)
// order, strictly after the position of the grievance f.After names.
func (s *Store) ListGrievances(ctx context.Context, f grievance.Filter) ([]grievance.Grievance, error) {
	var out []grievance.Grievance
	err := s.view(ctx, func() error {
		var after *grievance.Grievance
		if f.After != "" {
			g, ok := s.grv.byID[f.After]
			if !ok {
				return grievance.ErrCursorNotFound
			}
			after = &g
		}
		var hits []grievance.Grievance
		for _, g := range s.grv.byID {
			if matchGrievance(&g, &f) && (after == nil || compareGrievances(after, &g) < 0) {
				hits = append(hits, g)
			}
		}
		slices.SortFunc(hits, func(a, b grievance.Grievance) int { return compareGrievances(&a, &b) })
		if f.Limit > 0 && len(hits) > f.Limit {
			hits = hits[:f.Limit]
		}
		out = make([]grievance.Grievance, len(hits))
		for i, g := range hits {
			out[i] = g.Clone()
		}
		return nil
	})
	return out, err
}

// compareGrievances orders grievances by FiledAt, then ID.
func compareGrievances(a, b *grievance.Grievance) int {
	if c := a.FiledAt.Compare(b.FiledAt); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

func matchGrievance(g *grievance.Grievance, f *grievance.Filter) bool {
	switch {
	case f.Agency != "" && g.Agency != f.Agency,
		!f.Filer.IsZero() && g.Filer != f.Filer,
		!f.TrackingNumber.IsZero() && g.TrackingNumber != f.TrackingNumber,
		len(f.Kinds) > 0 && !slices.Contains(f.Kinds, g.Kind),
		len(f.Statuses) > 0 && !slices.Contains(f.Statuses, g.Status),
		!f.AnswerDueBefore.IsZero() && (g.AnswerDue.IsZero() || !g.AnswerDue.Before(f.AnswerDueBefore)):
		return false
	}
	return true
}
