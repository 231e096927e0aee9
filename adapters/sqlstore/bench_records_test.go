package sqlstore_test

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/stdlib"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/page"
	"github.com/masarhr/masar-go/records"
)

// importN is the number of files BenchmarkImport imports per run: by
// default 100,000 (a large agency); the ministry-wide figure is
//
//	go test ./adapters/sqlstore -run '^$' -bench 'BenchmarkImport/postgres' -benchtime 1x -timeout 30m -import.n 1200000
//
// with MASAR_TEST_POSTGRES_DSN set.
var importN = flag.Int("import.n", 100_000, "files (of ten history events each) imported per run by BenchmarkImport")

// benchTargets returns memstore and the SQL targets, each as a function
// opening a fresh records.Store.
func benchTargets() []struct {
	name string
	open func(b *testing.B) records.Store
} {
	out := []struct {
		name string
		open func(b *testing.B) records.Store
	}{{"memstore", func(*testing.B) records.Store { return memstore.New(nil) }}}
	for _, tg := range sqlstoretest.Targets() {
		out = append(out, struct {
			name string
			open func(b *testing.B) records.Store
		}{tg.Name, func(b *testing.B) records.Store { return openBench(b, tg) }})
	}
	return out
}

// importInto stores n generated files in s through its bulk import
// (records.BulkStore, which memstore and sqlstore implement).
func importInto(b *testing.B, s records.Store, n int, hook func(i int, it *records.Import)) {
	b.Helper()
	got, err := importAll(context.Background(), s.(records.BulkStore), newFileGen(1).items("f-", n, hook))
	if err != nil || got != n {
		b.Fatalf("import: %d, %v", got, err)
	}
}

// BenchmarkLoadEmployeeFile loads what viewing one employee's file needs:
// the file, its history (ten events) and its correction requests (two), from
// a store holding 2,000 files.
func BenchmarkLoadEmployeeFile(b *testing.B) {
	const files = 2000
	for _, tg := range benchTargets() {
		b.Run(tg.name, func(b *testing.B) {
			s := tg.open(b)
			ctx := context.Background()
			importInto(b, s, files, nil)
			for i := range files {
				e := records.Employee{ID: fmt.Sprintf("f-%07d", i), Job: records.Job{Agency: agencyOf(i)}}
				for k := range 2 {
					c := pendingCorrection(fmt.Sprintf("c-%d-%d", i, k), e, fixtureBase.Add(time.Duration(i)*time.Second))
					if _, err := s.CreateCorrection(ctx, c); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			i := 0
			for b.Loop() {
				id := fmt.Sprintf("f-%07d", i*7919%files)
				i++
				if _, err := s.GetEmployee(ctx, id); err != nil {
					b.Fatal(err)
				}
				h, err := s.ListHistoryEvents(ctx, id)
				if err != nil || len(h) != 10 {
					b.Fatal(len(h), err)
				}
				cs, err := s.ListCorrections(ctx, records.CorrectionFilter{EmployeeID: id, Limit: page.DefaultLimit})
				if err != nil || len(cs) != 2 {
					b.Fatal(len(cs), err)
				}
			}
		})
	}
}

// BenchmarkImport imports -import.n files with ten history events each into
// an empty store with records.Service.Import (checks, IDs, batches through
// the store's records.BulkStore, pipelined). The files are generated before
// the timer starts (importFixture). On PostgreSQL each run is paired with
// its floor, timed apart from the import: the same rows, as the import
// stored them (dumped once with COPY TO), loaded with a plain COPY FROM of
// pgx into a fresh schema (same tables and indexes) in one transaction.
// s/copy is that load, and import/copy the import's time over it; odd runs
// load the floor before the import, so that a machine whose load drifts
// during the run shifts both alike (use -benchtime 2x or more).
func BenchmarkImport(b *testing.B) {
	n := *importN
	fx := newImportFixture(n)
	dump := b.TempDir()
	targets := []struct {
		name string
		open func(b *testing.B) (records.Store, *sql.DB)
	}{{"memstore", func(*testing.B) (records.Store, *sql.DB) { return memstore.New(nil), nil }}}
	for _, tg := range sqlstoretest.Targets() {
		targets = append(targets, struct {
			name string
			open func(b *testing.B) (records.Store, *sql.DB)
		}{tg.Name, func(b *testing.B) (records.Store, *sql.DB) { return openBenchDB(b, tg) }})
	}
	for _, tg := range targets {
		b.Run(fmt.Sprintf("%s/n=%d", tg.name, n), func(b *testing.B) {
			var total, copyTotal time.Duration
			floor := func() {
				_, fresh := tg.open(b)
				runtime.GC()
				start := time.Now()
				copyTables(b, fresh, dump, true)
				copyTotal += time.Since(start)
			}
			i := 0
			for b.Loop() {
				b.StopTimer()
				paired := tg.name == "postgres"
				if paired && i%2 == 1 {
					floor() // odd runs load the floor first, so that drift favours neither
				}
				s, db := tg.open(b)
				runtime.GC()
				b.StartTimer()
				start := time.Now()
				serviceImport(b, s, fx)
				total += time.Since(start)
				b.StopTimer()
				if paired && i == 0 {
					copyTables(b, db, dump, false)
				}
				if paired && i%2 == 0 {
					floor()
				}
				i++
				b.StartTimer()
			}
			b.ReportMetric(float64(n)*float64(b.N)/total.Seconds(), "files/s")
			b.ReportMetric(total.Seconds()/float64(b.N), "s/import")
			if copyTotal > 0 {
				b.ReportMetric(copyTotal.Seconds()/float64(b.N), "s/copy")
				b.ReportMetric(total.Seconds()/copyTotal.Seconds(), "import/copy")
			}
		})
	}
}

// copyTables dumps the import's tables of s into dir with COPY TO (load:
// false), or loads them from dir with COPY FROM in one transaction (load:
// true), on one pgx connection of db.
func copyTables(b *testing.B, db *sql.DB, dir string, load bool) {
	b.Helper()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn().PgConn()
		if load {
			if err := pc.Exec(ctx, "BEGIN").Close(); err != nil {
				return err
			}
		}
		for _, table := range []string{"employees", "history_events"} {
			path := filepath.Join(dir, table+".copy")
			if load {
				f, err := os.Open(path)
				if err != nil {
					return err
				}
				_, err = pc.CopyFrom(ctx, f, "COPY "+table+" FROM STDIN")
				f.Close()
				if err != nil {
					return err
				}
				continue
			}
			f, err := os.Create(path)
			if err != nil {
				return err
			}
			_, err = pc.CopyTo(ctx, f, "COPY "+table+" TO STDOUT")
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
		if load {
			return pc.Exec(ctx, "COMMIT").Close()
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
