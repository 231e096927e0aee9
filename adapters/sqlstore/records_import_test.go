package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/pgcopy"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

// importAll stores the files src yields through s's bulk import, in one
// transaction when s has them, in batches of records.ImportBatchSize, and
// returns how many it stored.
func importAll(ctx context.Context, s records.BulkStore, src iter.Seq2[records.Import, error]) (int, error) {
	n := 0
	run := func(ctx context.Context) error {
		var batch []records.Import
		flush := func() error {
			if _, err := s.ImportEmployees(ctx, batch); err != nil {
				return err
			}
			n += len(batch)
			batch = batch[:0]
			return nil
		}
		for it, err := range src {
			if err != nil {
				return err
			}
			if batch = append(batch, it); len(batch) == records.ImportBatchSize {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		return flush()
	}
	if tx, ok := s.(interface {
		InTx(ctx context.Context, fn func(ctx context.Context) error) error
	}); ok {
		return n, tx.InTx(ctx, run)
	}
	return n, run(ctx)
}

// serviceImport imports n generated files (ten events each) into s with
// records.Service.Import. IDs come from a counter, like the fixed file IDs
// the figure was first measured with: the default random 128-bit IDs make
// SQLite's inserts about 30% slower at 10,000 files (B-tree pages written at
// random places), which is the database's cost, not the import's.
func serviceImport(b *testing.B, s records.Store, n int) {
	b.Helper()
	gen := identitytest.NewGenerator(1)
	seen := map[string]bool{}
	src := func(yield func(records.NewEmployee, error) bool) {
		for i := range n {
			f := recordstest.NewEmployee(gen)
			for seen[f.NationalID().String()] {
				f = recordstest.NewEmployee(gen)
			}
			seen[f.NationalID().String()] = true
			f.Leave(records.AnnualLeave, hijri.MustNew(1446, 1, 5), hijri.MustNew(1446, 1, 15)).
				Absence(hijri.MustNew(1446, 2, 1), hijri.MustNew(1446, 2, 2)).
				Transfer(hijri.MustNew(1446, 4, 1), agencyOf(i))
			if !yield(f.Input(), nil) {
				return
			}
		}
	}
	seq := 0
	newID := func() string { seq++; return fmt.Sprintf("%012d", seq) }
	rep, err := records.New(s, &records.Options{NewID: newID}).Import(context.Background(), src)
	if err != nil || rep.Imported != n {
		b.Fatalf("import: %+v, %v", rep, err)
	}
}

func TestRecordsImportConformance(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			recordstest.RunImport(t, func(t *testing.T) recordstest.BulkStore { s, _ := target.Open(t); return s })
		})
	}
}

// TestImportInCallerTransaction: an import joins the caller's transaction
// and rolls back with it.
func TestImportInCallerTransaction(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			ctx := context.Background()
			boom := errors.New("caller failed")
			err := s.InTx(ctx, func(ctx context.Context) error {
				n, err := importAll(ctx, s, newFileGen(3).items("tx-", 1100, nil))
				require.NoError(t, err)
				require.Equal(t, 1100, n)
				assert.Equal(t, 1100, countEmployees(t, ctx, s), "visible inside the transaction")
				return boom
			})
			require.ErrorIs(t, err, boom)
			assert.Zero(t, countEmployees(t, ctx, s), "rolled back with the caller's transaction")

			// A refused batch inside the transaction leaves it usable.
			require.NoError(t, s.InTx(ctx, func(ctx context.Context) error {
				batch := []records.Import{newFileGen(4).next("a-", 0), newFileGen(4).next("b-", 1)}
				_, err := s.ImportEmployees(ctx, batch)
				require.ErrorIs(t, err, records.ErrConflict, "the same person twice")
				_, err = importAll(ctx, s, newFileGen(3).items("tx-", 1100, nil))
				return err
			}))
			assert.Equal(t, 1100, countEmployees(t, ctx, s))
		})
	}
}

// TestImportedFilesAreOrdinary: imported files filter, page and update as
// any other.
func TestImportedFilesAreOrdinary(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			ctx := context.Background()
			var kept records.Import
			n, err := importAll(ctx, s, newFileGen(1).items("imp-", 2100, func(i int, it *records.Import) {
				if i == 999 {
					kept = records.Import{Employee: it.Employee.Clone(), History: records.CloneHistory(it.History)}
				}
			}))
			require.NoError(t, err)
			require.Equal(t, 2100, n)
			page, err := s.ListEmployees(ctx, records.EmployeeFilter{AgencyID: agencyOf(7).ID, Limit: 10})
			require.NoError(t, err)
			require.Len(t, page, 10)
			assert.Equal(t, "imp-0000007", page[0].ID)
			assert.Equal(t, "imp-0000047", page[1].ID)
			e := kept.Employee
			e.Contact.Address = "المدينة المنورة"
			_, err = s.UpdateEmployee(ctx, e)
			require.NoError(t, err)
			got, err := s.GetEmployee(ctx, e.ID)
			require.NoError(t, err)
			assert.Equal(t, int64(2), got.Version)
			assert.Equal(t, "المدينة المنورة", got.Contact.Address)
		})
	}
}

// TestImportLargeBatchSplitsStatements: one batch larger than a statement's
// placeholder limit (SQLite: 32766 values) is written in several statements.
func TestImportLargeBatchSplitsStatements(t *testing.T) {
	s, _ := sqlstoretest.Targets()[0].Open(t)
	ctx := context.Background()
	g := newFileGen(6)
	batch := make([]records.Import, 3000) // 45,000 file values, 30,000 events
	for i := range batch {
		batch[i] = g.next(fmt.Sprintf("big%d-", i%3), i)
	}
	res, err := s.ImportEmployees(ctx, batch)
	require.NoError(t, err)
	assert.Empty(t, res.Conflicts)
	assert.Equal(t, 3000, countEmployees(t, ctx, s))
}

func countEmployees(t *testing.T, ctx context.Context, s *sqlstore.Store) int {
	t.Helper()
	es, err := s.ListEmployees(ctx, records.EmployeeFilter{})
	require.NoError(t, err)
	return len(es)
}

// openBench opens a migrated Store of tg for the benchmarks; on
// PostgreSQL with pgcopy as its bulk copier, as a host would.
func openBench(b *testing.B, tg sqlstoretest.Target) *sqlstore.Store {
	b.Helper()
	if tg.Dialect != sqlstore.PostgreSQL {
		s, _ := tg.Open(b)
		return s
	}
	s, err := sqlstore.New(tg.OpenDB(b), tg.Dialect, &sqlstore.Options{BulkCopier: pgcopy.Copier{}})
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	return s
}
