package sqlstore

import (
	"context"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
)

// bulkTable describes a table whose rows a Put method writes in bulk,
// replacing the rows of the same key: sorted by key and checked for two of
// one key first, then, on PostgreSQL with a Copier, COPY into a staging
// table and one upsert from it; otherwise multi-row upserts.
type bulkTable[T any] struct {
	// name keys the cached upsert statements.
	name string
	// insert is "INSERT INTO table (columns) VALUES ", upsert its ON
	// CONFLICT clause, ncols the number of columns.
	insert, upsert string
	ncols          int
	// staging is the staging table, created by stagingCreate and moved
	// into the table by fromStaging; copyColumns are its columns.
	staging, stagingCreate, fromStaging string
	copyColumns                         []string
	// key orders the rows; two rows of one key are refused with dup.
	key func(a, b *T) int
	dup error
	// at is the row's instant (NULL when zero on COPY); values appends the
	// row's column values, with at in its place.
	at     func(*T) time.Time
	values func(args []any, x *T, at any) []any
}

// putBulk writes xs into tb's table, all or none, in one transaction
// (joining the caller's).
func putBulk[T any](ctx context.Context, s *Store, tb *bulkTable[T], xs []T) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(xs) == 0 {
		return nil
	}
	order, err := tb.order(xs)
	if err != nil {
		return err
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		t := s.stateFrom(ctx)
		copied, err := tb.copy(ctx, s, t, xs, order)
		if err != nil || copied {
			return err
		}
		return tb.upsertRows(ctx, s, t.tx, xs, order)
	})
}

// order returns the indexes of xs in key order, or tb.dup if two have one
// key; xs is left as it is.
func (tb *bulkTable[T]) order(xs []T) ([]int32, error) {
	order := make([]int32, len(xs))
	for i := range order {
		order[i] = int32(i)
	}
	byKey := func(a, b int32) int { return tb.key(&xs[a], &xs[b]) }
	if !slices.IsSortedFunc(order, byKey) {
		slices.SortFunc(order, byKey)
	}
	for i := 1; i < len(order); i++ {
		if byKey(order[i-1], order[i]) == 0 {
			return nil, tb.dup
		}
	}
	return order, nil
}

// upsertRows writes the rows order lists with multi-row upserts.
func (tb *bulkTable[T]) upsertRows(ctx context.Context, s *Store, q sqlx.ExtContext, xs []T, order []int32) error {
	args := make([]any, 0, min(len(order), s.batchRows(tb.ncols))*tb.ncols)
	return s.inBatches(len(order), tb.ncols, func(start, end int) error {
		args = args[:0]
		for _, i := range order[start:end] {
			args = tb.values(args, &xs[i], instant(tb.at(&xs[i])))
		}
		query := s.statement(tb.name, end-start, func() string {
			return tb.insert + s.valuesList(end-start, tb.ncols) + tb.upsert
		})
		_, err := q.ExecContext(ctx, query, args...)
		return mapError(err)
	})
}

// copy writes the rows order lists on PostgreSQL with the Copier: COPY
// into the staging table, then one upsert from it. It reports false,
// having written nothing, on SQLite, without a Copier, or when the Copier
// cannot use the connection.
func (tb *bulkTable[T]) copy(ctx context.Context, s *Store, t *txState, xs []T, order []int32) (bool, error) {
	if s.d != PostgreSQL || s.copier == nil || t.conn == nil {
		return false, nil
	}
	if _, err := s.exec(ctx, t.tx, tb.stagingCreate); err != nil {
		return false, err
	}
	copied, err := s.copyRows(ctx, t.conn, tb.staging, tb.copyColumns, len(order), func(i int, row []any) ([]any, error) {
		x := &xs[order[i]]
		var at any // NULL for the zero time
		if ts := tb.at(x); !ts.IsZero() {
			at = storedInstant(ts)
		}
		return tb.values(row, x, at), nil
	})
	if err != nil || !copied {
		return copied, err
	}
	_, err = s.exec(ctx, t.tx, tb.fromStaging)
	return true, err
}
