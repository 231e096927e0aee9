package sqlstore

import (
	"context"

	"github.com/jmoiron/sqlx"

	"github.com/masarhr/masar-go/jobaudit"
)

// ExplainVariables returns the plan of ListVariables's query for f, as
// ListVariables runs it.
func (s *Store) ExplainVariables(ctx context.Context, f jobaudit.VariableFilter) ([]string, error) {
	query, args := variablesQuery(&f)
	return s.explainAs(ctx, func(ctx context.Context, fn func(q sqlx.ExtContext) error) error {
		return s.listRead(ctx, f.EmployeeID != "", fn)
	}, s.rebind(query), args...)
}

// ExplainRequests returns the plan of ListRequests's query for f, as
// ListRequests runs it.
func (s *Store) ExplainRequests(ctx context.Context, f jobaudit.RequestFilter) ([]string, error) {
	query, args := requestsQuery(&f)
	return s.explainAs(ctx, func(ctx context.Context, fn func(q sqlx.ExtContext) error) error {
		return s.listRead(ctx, f.EmployeeID != "", fn)
	}, s.rebind(query), args...)
}
