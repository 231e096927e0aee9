package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
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

// versionMiss classifies a compare-and-swap that matched no row: the query
// (which selects the row's version by key) finds nothing → notFound, else
// conflict.
func (s *Store) versionMiss(ctx context.Context, q sqlx.QueryerContext, query string, key any, notFound, conflict error) error {
	var v int64
	err := sqlx.GetContext(ctx, q, &v, s.rebind(query), key)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return notFound
	case err != nil:
		return mapError(err)
	}
	return conflict
}

// conds builds a WHERE clause from conditions written with ? placeholders.
type conds struct {
	conds []string
	args  []any
}

func (w *conds) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// whereIn adds "col IN (?, …)" for the values of a string-kinded slice.
func whereIn[T ~string](w *conds, col string, vs []T) {
	ph := strings.Repeat(", ?", len(vs))[2:]
	w.conds = append(w.conds, col+` IN (`+ph+`)`)
	for _, v := range vs {
		w.args = append(w.args, string(v))
	}
}

func (w *conds) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return ` WHERE ` + strings.Join(w.conds, ` AND `)
}
