package memstore

import (
	"context"
	"slices"

	"github.com/masarhr/masar-go/audit"
)

var _ audit.Store = (*Store)(nil)

// auditData holds the audit trail, kept sorted in the trail's order.
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
		// Entries mostly arrive in order: insert at the sorted position.
		i, _ := slices.BinarySearchFunc(s.aud.entries, audit.CursorOf(e), func(x audit.Entry, c audit.Cursor) int {
			if audit.CursorOf(x).Before(c) {
				return -1
			}
			return 1
		})
		old := s.aud.entries
		s.aud.entries = slices.Insert(slices.Clip(old), i, cloneEntry(e))
		*u = append(*u, func() { s.aud.entries = old })
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
		start := 0
		if !f.After.IsZero() {
			start, _ = slices.BinarySearchFunc(s.aud.entries, f.After, func(x audit.Entry, c audit.Cursor) int {
				if c.Before(audit.CursorOf(x)) {
					return 1
				}
				return -1
			})
		}
		for _, e := range s.aud.entries[start:] {
			if len(out) == limit {
				break
			}
			if f.Match(e) {
				out = append(out, cloneEntry(e))
			}
		}
		return nil
	})
	return out, err
}
