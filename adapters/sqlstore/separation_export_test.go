package sqlstore

import (
	"context"

	"github.com/jmoiron/sqlx"

	"github.com/masarhr/masar-go/separation"
)

// ExplainRetirements returns the plan of ListRetirements's query for f, as
// ListRetirements runs it (withIndexOrder).
func (s *Store) ExplainRetirements(ctx context.Context, f separation.RetirementFilter) ([]string, error) {
	after, err := s.retirementCursorOf(ctx, f.After)
	if err != nil {
		return nil, err
	}
	query, args := retirementsQuery(&f, after)
	return s.explain(ctx, s.rebind(query), args...)
}

// ExplainCases returns the plan of ListCases's query for f, as ListCases
// runs it.
func (s *Store) ExplainCases(ctx context.Context, f separation.Filter) ([]string, error) {
	after, err := s.cursorOf(ctx, `separation_cases`, f.After)
	if err != nil {
		return nil, err
	}
	query, args := casesQuery(&f, after)
	return s.explainAs(ctx, func(ctx context.Context, fn func(q sqlx.ExtContext) error) error {
		return s.listRead(ctx, f.EmployeeID != "", fn)
	}, s.rebind(query), args...)
}
