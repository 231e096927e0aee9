package sqlstore

import (
	"time"

	"github.com/masarhr/masar-go/grievance"
)

// For the black-box tests: the SQL the Store runs, in its dialect's bind
// style, so that they can EXPLAIN it.

// GrievanceListQuery returns ListGrievances's query and arguments; a
// non-empty f.After stands for a cursor grievance filed at afterFiledAt
// (the query does not look it up).
func (s *Store) GrievanceListQuery(f grievance.Filter, afterFiledAt time.Time) (string, []any) {
	var after *grievancePosition
	if f.After != "" {
		after = &grievancePosition{filedAt: afterFiledAt, id: f.After}
	}
	return s.grievanceListQuery(f, after)
}

// GrievanceByNumberQuery returns GetGrievanceByTrackingNumber's query.
func (s *Store) GrievanceByNumberQuery() string { return s.rebind(grievanceByNumber) }
