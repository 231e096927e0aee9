package memstore

import (
	"context"
	"slices"

	"github.com/masarhr/masar-go/records"
)

var _ records.FileScanner = (*Store)(nil)

// ScanFiles implements records.FileScanner. A page costs a pass over the
// files' IDs: the fake is for tests and demos, not a million files.
func (s *Store) ScanFiles(ctx context.Context, after string, limit int) ([]records.FileHistory, error) {
	var out []records.FileHistory
	err := s.view(ctx, func() error {
		ids := make([]string, 0, limit)
		for id := range s.rec.employees {
			if id > after {
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
		if limit > 0 && len(ids) > limit {
			ids = ids[:limit]
		}
		out = make([]records.FileHistory, len(ids))
		for i, id := range ids {
			out[i] = records.FileHistory{Employee: s.rec.employees[id].Clone(), History: sortedHistory(*s.rec.history[id])}
		}
		return nil
	})
	return out, err
}
