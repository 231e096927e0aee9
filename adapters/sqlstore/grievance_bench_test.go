package sqlstore_test

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/grievance/grievancetest"
	"github.com/masarhr/masar-go/internal/ids"
)

// filingClients is the number of goroutines of BenchmarkGrievanceFilingLatency.
const filingClients = 64

// BenchmarkGrievanceFilingLatency runs, one after the other, b.N operations
// of each kind on 64 goroutines against one Store (SQLite, PostgreSQL when
// MASAR_TEST_POSTGRES_DSN is set), every filing of one Hijri year, so all
// of them share its counter row, and reports each kind's p50 and p99
// latency side by side (ms):
//
//	file          Service.File: one transaction, the tracking number taken last
//	file_audited  File and its audit entry in one transaction (the facade's order: the entry after the filing)
//	read          Service.Get of a grievance, no transaction
//	read_audited  Get and its audit entry in one transaction (a facade read today)
//
// and the ratios file_p99/read_audited_p99 and file_p99/read_p99. Run it
// with -benchtime 2000x (2,000 of each kind).
func BenchmarkGrievanceFilingLatency(b *testing.B) {
	for _, target := range sqlstoretest.Targets() {
		b.Run(target.Name, func(b *testing.B) {
			s, _ := target.Open(b)
			svc, today := grievanceService(s)
			f := grievancetest.NewFixture(31)
			ctx := context.Background()
			seeded := make([]string, 256)
			for i := range seeded {
				g, err := svc.File(ctx, f.FileCommand(today))
				if err != nil {
					b.Fatal(err)
				}
				seeded[i] = g.ID
			}
			n := b.N
			cmds := make([]grievance.FileCommand, 2*n)
			for i := range cmds {
				cmds[i] = f.FileCommand(today)
			}
			var used atomic.Int64
			nextCmd := func() grievance.FileCommand { return cmds[used.Add(1)-1] }
			audited := func(ctx context.Context, action string, fn func(ctx context.Context) (string, error)) error {
				return s.InTx(ctx, func(ctx context.Context) error {
					res, err := fn(ctx)
					if err != nil {
						return err
					}
					return s.AppendAudit(ctx, audit.Entry{ID: ids.New(), At: time.Now(), Action: action, Resource: res, Outcome: audit.Succeeded})
				})
			}
			kinds := []struct {
				name string
				op   func(ctx context.Context, i int) error
			}{
				{"file", func(ctx context.Context, _ int) error { _, err := svc.File(ctx, nextCmd()); return err }},
				{"file_audited", func(ctx context.Context, _ int) error {
					return audited(ctx, "grievance.file", func(ctx context.Context) (string, error) {
						g, err := svc.File(ctx, nextCmd())
						return g.TrackingNumber.String(), err
					})
				}},
				{"read", func(ctx context.Context, i int) error { _, err := svc.Get(ctx, seeded[i%len(seeded)]); return err }},
				{"read_audited", func(ctx context.Context, i int) error {
					return audited(ctx, "grievance.view", func(ctx context.Context) (string, error) {
						g, err := svc.Get(ctx, seeded[i%len(seeded)])
						return g.ID, err
					})
				}},
			}
			b.ResetTimer()
			p99 := map[string]float64{}
			for _, k := range kinds {
				lat, err := runClients(n, k.op)
				if err != nil {
					b.Fatalf("%s: %v", k.name, err)
				}
				b.ReportMetric(ms(percentile(lat, 50)), k.name+"_p50_ms")
				b.ReportMetric(ms(percentile(lat, 99)), k.name+"_p99_ms")
				p99[k.name] = ms(percentile(lat, 99))
			}
			b.StopTimer()
			b.ReportMetric(p99["file"]/p99["read_audited"], "file/read_audited_p99")
			b.ReportMetric(p99["file_audited"]/p99["read_audited"], "file_audited/read_audited_p99")
			b.ReportMetric(p99["file"]/p99["read"], "file/read_p99")
			checkGapless(b, s, today.Year, len(seeded)+2*n)
		})
	}
}

// runClients runs op n times over filingClients goroutines and returns
// every call's latency.
func runClients(n int, op func(ctx context.Context, i int) error) ([]time.Duration, error) {
	var next atomic.Int64
	lat := make([]time.Duration, n)
	var wg sync.WaitGroup
	var firstErr atomic.Value
	start := make(chan struct{})
	for range filingClients {
		wg.Go(func() {
			<-start
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				t0 := time.Now()
				if err := op(context.Background(), i); err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
				lat[i] = time.Since(t0)
			}
		})
	}
	close(start)
	wg.Wait()
	if err, ok := firstErr.Load().(error); ok {
		return nil, err
	}
	return lat, nil
}

func percentile(lat []time.Duration, p int) time.Duration {
	s := slices.Clone(lat)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// checkGapless fails b unless year's tracking numbers are exactly 1..want.
func checkGapless(b *testing.B, s *sqlstore.Store, year, want int) {
	b.Helper()
	ctx := context.Background()
	for _, seq := range []int{1, want / 2, want} {
		if _, err := s.GetGrievanceByTrackingNumber(ctx, grievance.TrackingNumber{Year: year, Seq: seq}); err != nil {
			b.Fatalf("number %d: %v", seq, err)
		}
	}
	if _, err := s.GetGrievanceByTrackingNumber(ctx, grievance.TrackingNumber{Year: year, Seq: want + 1}); err == nil {
		b.Fatalf("number %d exists: more filings than made", want+1)
	}
	all, err := s.ListGrievances(ctx, grievance.Filter{})
	if err != nil {
		b.Fatal(err)
	}
	seen := make(map[int]bool, len(all))
	for _, g := range all {
		seen[g.TrackingNumber.Seq] = true
	}
	if len(all) != want || len(seen) != want {
		b.Fatalf("%d grievances with %d distinct numbers, want %d", len(all), len(seen), want)
	}
}
