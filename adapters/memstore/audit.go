package memstore

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/masarhr/masar-go/audit"
)

var _ audit.Store = (*Store)(nil)

// auditData holds the audit trail in arrival order: appends, which every
// facade call makes, are O(1); listing, which auditors do, scans the trail
// and sorts what matches.
type auditData struct {
	entries []audit.Entry
	ids     map[string]int // entry ID → index in entries
}

func (d *auditData) init() { d.ids = map[string]int{} }

func cloneEntry(e audit.Entry) audit.Entry {
	e.ActorRoles = slices.Clone(e.ActorRoles)
	e.Changes = slices.Clone(e.Changes)
	return e
}

// auditKey is an entry's position in the trail's order: At, then ID.
type auditKey struct {
	at time.Time
	id string
}

func auditKeyOf(e audit.Entry) auditKey { return auditKey{e.At, e.ID} }

func (k auditKey) compare(l auditKey) int {
	if c := k.at.Compare(l.at); c != 0 {
		return c
	}
	return cmp.Compare(k.id, l.id)
}

// AppendAudit implements audit.Store.
func (s *Store) AppendAudit(ctx context.Context, e audit.Entry) error {
	return s.update(ctx, func(u *undoLog) error {
		if _, dup := s.aud.ids[e.ID]; dup {
			return audit.ErrConflict
		}
		put(u, s.aud.ids, e.ID, len(s.aud.entries))
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
		var after *auditKey
		if f.After != "" {
			i, ok := s.aud.ids[f.After]
			if !ok {
				return audit.ErrNotFound
			}
			k := auditKeyOf(s.aud.entries[i])
			after = &k
		}
		for _, e := range s.aud.entries {
			if f.Match(e) && (after == nil || after.compare(auditKeyOf(e)) < 0) {
				out = append(out, e)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b audit.Entry) int { return auditKeyOf(a).compare(auditKeyOf(b)) })
	out = out[:min(len(out), limit)]
	for i := range out {
		out[i] = cloneEntry(out[i])
	}
	return out, nil
}
