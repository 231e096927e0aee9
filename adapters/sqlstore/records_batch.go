package sqlstore

import (
	"context"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"
)

// maxVariables is the number of placeholders one statement may hold:
// SQLite's SQLITE_MAX_VARIABLE_NUMBER (32766 since 3.32) and PostgreSQL's
// protocol limit (65535).
func (d Dialect) maxVariables() int {
	if d == PostgreSQL {
		return 65535
	}
	return 32766
}

// insertValues runs prefix + "(…), (…)…" + suffix for the rows in args (ncols
// values each, flattened), in as few statements as the dialect's placeholder
// limit allows, and returns the number of rows affected in total. prefix ends
// with "VALUES "; suffix is e.g. " ON CONFLICT DO NOTHING".
func (s *Store) insertValues(ctx context.Context, q sqlx.ExecerContext, prefix string, ncols int, args []any, suffix string) (int64, error) {
	perStmt := s.d.maxVariables() / ncols
	var total int64
	for len(args) > 0 {
		rows := min(len(args)/ncols, perStmt)
		chunk := args[:rows*ncols]
		args = args[rows*ncols:]
		res, err := q.ExecContext(ctx, prefix+s.valuesList(rows, ncols)+suffix, chunk...)
		if err != nil {
			return total, mapError(err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return total, mapError(err)
		}
		total += n
	}
	return total, nil
}

// valuesList returns rows groups of ncols placeholders in the dialect's
// style: "(?, ?), (?, ?)" or "($1, $2), ($3, $4)".
func (s *Store) valuesList(rows, ncols int) string {
	var b strings.Builder
	b.Grow(rows * ncols * 7)
	n := 0
	for r := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range ncols {
			if c > 0 {
				b.WriteString(", ")
			}
			n++
			if s.d == PostgreSQL {
				b.WriteByte('$')
				b.WriteString(strconv.Itoa(n))
			} else {
				b.WriteByte('?')
			}
		}
		b.WriteByte(')')
	}
	return b.String()
}
