package sqlstore

import "github.com/masarhr/masar-go/grievance"

// For the black-box tests: the SQL the Store runs, in its dialect's bind
// style, so that they can EXPLAIN it.

// GrievanceListQuery returns ListGrievances's query and arguments.
func (s *Store) GrievanceListQuery(f grievance.Filter) (string, []any) {
	return s.grievanceListQuery(f)
}

// GrievanceByNumberQuery returns GetGrievanceByTrackingNumber's query.
func (s *Store) GrievanceByNumberQuery() string { return s.rebind(grievanceByNumber) }
