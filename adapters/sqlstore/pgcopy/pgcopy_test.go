package pgcopy_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/pgcopy"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

// counting is pgcopy.Copier counting the rows it copied.
type counting struct {
	pgcopy.Copier
	rows *atomic.Int64
}

func (c counting) CopyRows(ctx context.Context, dc any, table string, cols []string, rows [][]any) (int64, error) {
	n, err := c.Copier.CopyRows(ctx, dc, table, cols, rows)
	c.rows.Add(n)
	return n, err
}

// open returns a migrated Store of target with a counting pgcopy.Copier.
func open(t *testing.T, target sqlstoretest.Target) (*sqlstore.Store, *atomic.Int64) {
	t.Helper()
	rows := &atomic.Int64{}
	s, err := sqlstore.New(target.OpenDB(t), target.Dialect, &sqlstore.Options{BulkCopier: counting{rows: rows}})
	require.NoError(t, err)
	require.NoError(t, s.Migrate(context.Background()))
	return s, rows
}

func postgres(t *testing.T) sqlstoretest.Target {
	for _, tg := range sqlstoretest.Targets() {
		if tg.Dialect == sqlstore.PostgreSQL {
			return tg
		}
	}
	t.Skip(sqlstoretest.PostgresDSNEnv + " is not set")
	return sqlstoretest.Target{}
}

func TestImportConformanceWithCopy(t *testing.T) {
	tg := postgres(t)
	recordstest.RunImport(t, func(t *testing.T) recordstest.BulkStore {
		s, _ := open(t, tg)
		return s
	})
}

func inputs(n int) []records.NewEmployee {
	gen := identitytest.NewGenerator(7)
	seen := map[string]bool{}
	out := make([]records.NewEmployee, 0, n)
	for len(out) < n {
		b := recordstest.NewEmployee(gen)
		if seen[b.NationalID().String()] {
			continue
		}
		seen[b.NationalID().String()] = true
		out = append(out, b.Input())
	}
	return out
}

// The rows go through COPY, inside the caller's transaction: they roll
// back with it.
func TestCopyInsideTransaction(t *testing.T) {
	s, rows := open(t, postgres(t))
	ctx := context.Background()
	svc := records.New(s, nil)
	in := inputs(records.ImportBatchSize + 5)
	boom := errors.New("caller failed")
	err := s.InTx(ctx, func(ctx context.Context) error {
		rep, err := svc.Import(ctx, records.Rows(in))
		require.NoError(t, err)
		assert.Equal(t, len(in), rep.Imported)
		return boom
	})
	require.ErrorIs(t, err, boom)
	assert.Equal(t, int64(len(in)*8), rows.Load(), "files and events copied")
	es, err := s.ListEmployees(ctx, records.EmployeeFilter{})
	require.NoError(t, err)
	assert.Empty(t, es, "rolled back with the caller's transaction")

	rep, err := svc.Import(ctx, records.Rows(in))
	require.NoError(t, err)
	assert.Equal(t, len(in), rep.Imported)
	es, err = s.ListEmployees(ctx, records.EmployeeFilter{})
	require.NoError(t, err)
	assert.Len(t, es, len(in))
}

// On a driver other than pgx the Store falls back to INSERTs.
func TestOtherDriverFallsBack(t *testing.T) {
	s, rows := open(t, sqlstoretest.Targets()[0]) // SQLite
	rep, err := records.New(s, nil).Import(context.Background(), records.Rows(inputs(20)))
	require.NoError(t, err)
	assert.Equal(t, 20, rep.Imported)
	assert.Zero(t, rows.Load())
}
