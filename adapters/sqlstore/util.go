package sqlstore

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
)

// sqlxSelect runs a query into dest, mapping errors.
func sqlxSelect(ctx context.Context, q sqlx.QueryerContext, dest any, query string, args ...any) error {
	return mapError(sqlx.SelectContext(ctx, q, dest, query, args...))
}

func timeOf(t instant) time.Time { return time.Time(t) }

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}
