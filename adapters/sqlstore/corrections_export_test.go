package sqlstore

import (
	"context"

	"github.com/masarhr/masar-go/records"
)

// CorrectionsQuery returns the query ListCorrections runs for f (its cursor
// resolved as ListCorrections resolves it), in the dialect's bind style,
// for EXPLAIN checks.
func CorrectionsQuery(ctx context.Context, s *Store, name string, f records.CorrectionFilter) (RecordsQuery, error) {
	after, err := s.cursorOf(ctx, `corrections`, f.After)
	if err != nil {
		return RecordsQuery{}, err
	}
	q, args := correctionsQuery(f, after)
	return RecordsQuery{Name: name, Query: s.rebind(q), Args: args}, nil
}
