package sqlstore_test

import (
	"context"
	"flag"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/leave"
	"github.com/masarhr/masar-go/records"
)

// accrueN is the number of files BenchmarkAccrue accrues per run: 10,000
// by default; the ministry-wide figure is
//
//	MASAR_TEST_POSTGRES_DSN=… go test ./adapters/sqlstore -run '^$' -bench 'BenchmarkAccrue/postgres' \
//	    -benchtime 1x -timeout 60m -accrue.n 1200000
var accrueN = flag.Int("accrue.n", 10_000, "files (of ten history events each) BenchmarkAccrue accrues per run")

// peakHeap samples the live heap every 20 ms until stopped and keeps its
// maximum: the memory a batch job holds, as opposed to what it allocates.
type peakHeap struct {
	mu   sync.Mutex
	max  uint64
	stop chan struct{}
	done chan struct{}
}

func startPeakHeap() *peakHeap {
	p := &peakHeap{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		var ms runtime.MemStats
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			p.mu.Lock()
			p.max = max(p.max, ms.HeapAlloc)
			p.mu.Unlock()
			select {
			case <-p.stop:
				return
			case <-t.C:
			}
		}
	}()
	return p
}

func (p *peakHeap) end() uint64 {
	close(p.stop)
	<-p.done
	return p.max
}

// BenchmarkAccrue is the year-end accrual (leave.Service.Accrue) over
// accrueN files of ten history events each: every file read with its
// history through records.FileScanner, its statement computed and its
// balance written in batches (COPY on PostgreSQL). It reports files/s, the
// bytes allocated per file and the peak live heap, which stays flat as
// accrueN grows (the job holds one batch at a time).
func BenchmarkAccrue(b *testing.B) {
	for _, tg := range sqlstoretest.Targets() {
		b.Run(tg.Name, func(b *testing.B) {
			s := openBench(b, tg)
			importInto(b, s, *accrueN, nil)
			now := func() time.Time { return hijri.MustNew(1447, 1, 1).Time() }
			recs := records.New(s, &records.Options{Now: now})
			svc := leave.New(s, recs, &leave.Options{Now: now})
			ctx := context.Background()
			asOf := hijri.MustNew(1446, 12, 29)
			runtime.GC()
			b.ReportAllocs()
			var peak uint64
			var files int
			b.ResetTimer()
			start := time.Now()
			for b.Loop() {
				ph := startPeakHeap()
				res, err := svc.Accrue(ctx, s, asOf)
				peak = max(peak, ph.end())
				if err != nil {
					b.Fatal(err)
				}
				if res.Written != *accrueN {
					b.Fatalf("accrued %+v, want %d written", res, *accrueN)
				}
				files += res.Files
			}
			b.ReportMetric(float64(files)/time.Since(start).Seconds(), "files/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}
