package memstore

import (
	"context"
	"slices"

	"github.com/masarhr/masar-go/audit"
)

var _ audit.Store = (*Store)(nil)

// auditData holds the audit trail in arrival order: appends, which every
// facade call makes, are O(1); listing, which auditors do, scans the trail
// and sorts what matches.
type auditData struct {
	entries []audit.Entry
	ids     map[string]struct{}
}

func (d *auditData) init() { d.ids = map[string]struct{}{} }

func cloneEntry(e audit.Entry) audit.Entry {
	e.ActorRoles = slices.Clone(e.ActorRoles)
	e.Changes = slices.Clone(e.Changes)
	return e
}

// AppendAudit implements audit.Store.
func (s *Store) AppendAudit(ctx context.Context, e audit.Entry) error {
	return s.update(ctx, func(u *undoLog) error {
		if _, dup := s.aud.ids[e.ID]; dup {
			return audit.ErrConflict
		}
		put(u, s.aud.ids, e.ID, struct{}{})
		appendTo(u, &s.aud.entries, cloneEntry(e))
		return nil
	})
}

// ListAudit implements audit.Store.
func (s *Store) ListAudit(ctx context.Context, f audit.Filter) ([]audit.Entry, error) {
	limit, err := f.Validate()
	if err != nil {
		return nil, err
	}
	var out []audit.Entry
	err = s.view(ctx, func() error {
		for _, e := range s.aud.entries {
			if f.Match(e) && (f.After.IsZero() || f.After.Before(audit.CursorOf(e))) {
				out = append(out, e)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b audit.Entry) int {
		if audit.Less(a, b) {
			return -1
		}
		return 1
	})
	out = out[:min(len(out), limit)]
	for i := range out {
		out[i] = cloneEntry(out[i])
	}
	return out, nil
}
