package loadgen

import (
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Run makes b.N calls, call(i) with i the call's number, shared by clients
// goroutines, and reports calls per second as "<unit>/s" and the p50, p95
// and p99 latency in milliseconds. Any error fails the benchmark.
func Run(b *testing.B, clients int, unit string, call func(i int) error) {
	b.ReportAllocs()
	var next atomic.Int64
	lat := make([][]time.Duration, clients)
	var failed atomic.Pointer[error]
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for g := range clients {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= b.N || failed.Load() != nil {
					return
				}
				t0 := time.Now()
				if err := call(i); err != nil {
					failed.Store(&err)
					return
				}
				lat[g] = append(lat[g], time.Since(t0))
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if p := failed.Load(); p != nil {
		b.Fatal(*p)
	}
	all := slices.Concat(lat...)
	slices.Sort(all)
	q := func(p float64) float64 {
		if len(all) == 0 {
			return 0
		}
		return float64(all[min(len(all)-1, int(p*float64(len(all))))].Microseconds()) / 1000
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), unit+"/s")
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.95), "p95-ms")
	b.ReportMetric(q(0.99), "p99-ms")
}

// Side is one of the two calls RunPair compares.
type Side struct {
	// Name prefixes the side's metrics ("facade" gives facade-p50-ms).
	Name string `json:"name"`
	// Call makes the side's call number i.
	Call func(i int) error `json:"-"`
}

// RunPair makes b.N calls of each side, shared by clients goroutines, each
// goroutine alternating the two sides (and which goes first), so both see
// the same machine at the same moment: on a shared or noisy machine the
// ratio stays honest where two separate runs would not. It reports each
// side's p50 and p99 latency in milliseconds and the p50 and mean ratios of
// the second side to the first ("p50-ratio", "mean-ratio").
func RunPair(b *testing.B, clients int, first, second Side) {
	b.ReportAllocs()
	var next atomic.Int64
	lat := [2][][]time.Duration{make([][]time.Duration, clients), make([][]time.Duration, clients)}
	var failed atomic.Pointer[error]
	var wg sync.WaitGroup
	sides := [2]Side{first, second}
	b.ResetTimer()
	for g := range clients {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= b.N || failed.Load() != nil {
					return
				}
				for k := range 2 {
					s := (i + k) % 2
					t0 := time.Now()
					if err := sides[s].Call(i); err != nil {
						failed.Store(&err)
						return
					}
					lat[s][g] = append(lat[s][g], time.Since(t0))
				}
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	if p := failed.Load(); p != nil {
		b.Fatal(*p)
	}
	var p50, mean [2]float64
	for s := range 2 {
		all := slices.Concat(lat[s]...)
		if len(all) == 0 {
			return
		}
		slices.Sort(all)
		var sum time.Duration
		for _, d := range all {
			sum += d
		}
		ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
		p50[s], mean[s] = ms(all[len(all)/2]), ms(sum/time.Duration(len(all)))
		b.ReportMetric(p50[s], sides[s].Name+"-p50-ms")
		b.ReportMetric(ms(all[min(len(all)-1, int(0.99*float64(len(all))))]), sides[s].Name+"-p99-ms")
	}
	if p50[0] > 0 && mean[0] > 0 {
		b.ReportMetric(p50[1]/p50[0], "p50-ratio")
		b.ReportMetric(mean[1]/mean[0], "mean-ratio")
	}
}
