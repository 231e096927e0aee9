package sqlstore_test

import (
	"context"
	"flag"
	"fmt"
	"testing"
	"time"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/page"
	"github.com/masarhr/masar-go/records"
)

// importN is the number of files BenchmarkImport imports per run. The
// default keeps CI's run of every benchmark short; the figure is
// measured with
//
//	go test ./adapters/sqlstore -run '^$' -bench BenchmarkImport -benchtime 1x -import.n 100000
var importN = flag.Int("import.n", 10_000, "files (of ten history events each) imported per run by BenchmarkImport")

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
// the store's records.BulkStore). Generating the files is part of the time;
// memstore's figure is mostly that.
func BenchmarkImport(b *testing.B) {
	n := *importN
	for _, tg := range benchTargets() {
		b.Run(fmt.Sprintf("%s/n=%d", tg.name, n), func(b *testing.B) {
			var total time.Duration
			for b.Loop() {
				b.StopTimer()
				s := tg.open(b)
				b.StartTimer()
				start := time.Now()
				serviceImport(b, s, n)
				total += time.Since(start)
			}
			b.ReportMetric(float64(n)*float64(b.N)/total.Seconds(), "files/s")
			b.ReportMetric(total.Seconds()/float64(b.N), "s/import")
		})
	}
}
