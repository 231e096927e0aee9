package masar_test

import (
	"context"
	"flag"
	"fmt"
	"iter"
	"testing"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/internal/loadgen"
	"github.com/masarhr/masar-go/records"
)

// benchFiles is how many employee files the read benchmarks load (through
// the facade's ImportEmployees, outside the timer) and read across.
var benchFiles = flag.Int("masar.bench.files", 1000, "employee files the facade read benchmarks load")

// benchClients are the concurrent readers of the read benchmarks.
var benchClients = []int{1, 8, 64}

// benchConns is the database pool's size (open and idle connections) in
// the read benchmarks: database/sql keeps 2 idle connections by default,
// and reopening a SQLite connection per read would be what is measured.
const benchConns = 64

// benchTargets are storeTargets with the pool sized for benchClients.
func benchTargets() []storeTarget {
	out := []storeTarget{{"memstore", func(testing.TB) allStore { return memstore.New(nil) }}}
	for _, tg := range sqlstoretest.Targets() {
		out = append(out, storeTarget{tg.Name, func(t testing.TB) allStore {
			db := tg.OpenDB(t)
			db.SetMaxOpenConns(benchConns)
			db.SetMaxIdleConns(benchConns)
			s, err := sqlstore.New(db, tg.Dialect, nil)
			if err == nil {
				err = s.Migrate(context.Background())
			}
			if err != nil {
				t.Fatal(err)
			}
			return s
		}})
	}
	return out
}

// loadFiles imports n generated files into moh through the facade and
// returns their national IDs.
func loadFiles(b *testing.B, w *world, n int) []identity.NationalID {
	b.Helper()
	ids := make([]identity.NationalID, 0, n+2)
	src := iter.Seq2[records.NewEmployee, error](func(yield func(records.NewEmployee, error) bool) {
		for range n {
			in := w.career(moh).Input()
			ids = append(ids, in.NationalID)
			if !yield(in, nil) {
				return
			}
		}
	})
	rep, err := w.Client.ImportEmployees(w.Ctx, w.MOH.Specialist, src)
	if err != nil || rep.Imported != n {
		b.Fatalf("import: %d of %d imported: %v", rep.Imported, n, err)
	}
	return append(ids, w.MOH.Emp.ID, w.MOH.Peer.ID)
}

// runReaders runs b.N reads, read(i) with i the read's number, shared by
// clients goroutines, and reports reads/s and the p50/p95/p99 latency in
// milliseconds. Any error fails the benchmark (SQLITE_BUSY included).
func runReaders(b *testing.B, clients int, read func(i int) error) {
	loadgen.Run(b, clients, "reads", read)
}

// BenchmarkEmployeeFile measures concurrent reads of employee files spread
// over -masar.bench.files files, at 1, 8 and 64 clients, side by side:
//
//   - facade: Client.EmployeeFile by the agency's HR specialist: the read
//     transaction, the file and its history, the authorization check and
//     the audit entry, committed (in groups) before the call returns;
//   - store: the same two reads straight from the Store
//     (GetEmployeeByNationalID, ListHistoryEvents), with no transaction, check
//     or entry: the floor the facade's per-read cost is compared with.
//
// Each read picks a different file (a stride through the loaded ones), so
// no single hot row is measured. The trail grows by one entry per facade
// read.
func BenchmarkEmployeeFile(b *testing.B) {
	for _, st := range benchTargets() {
		b.Run(st.name, func(b *testing.B) {
			w := newClient(b, st.open(b))
			ids := loadFiles(b, w, *benchFiles)
			pick := func(i int) identity.NationalID { return ids[(i*7919)%len(ids)] }
			for _, clients := range benchClients {
				b.Run(fmt.Sprintf("facade/clients=%d", clients), func(b *testing.B) {
					runReaders(b, clients, func(i int) error {
						_, err := w.Client.EmployeeFile(w.Ctx, w.MOH.Specialist, pick(i))
						return err
					})
				})
				b.Run(fmt.Sprintf("store/clients=%d", clients), func(b *testing.B) {
					runReaders(b, clients, func(i int) error {
						e, err := w.Store.GetEmployeeByNationalID(w.Ctx, pick(i))
						if err != nil {
							return err
						}
						_, err = w.Store.ListHistoryEvents(w.Ctx, e.ID)
						return err
					})
				})
			}
		})
	}
}
