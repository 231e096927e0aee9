package loadgen_test

import (
	"testing"
	"time"

	"github.com/masarhr/masar-go/internal/loadgen"
)

// TestRunPairRatio checks that the ratio is the second side's over the
// first's, each side timed on its own calls.
func TestRunPairRatio(t *testing.T) {
	calls := [2]int{}
	res := testing.Benchmark(func(b *testing.B) {
		loadgen.RunPair(b, 1,
			loadgen.Side{Name: "fast", Call: func(int) error { calls[0]++; time.Sleep(time.Millisecond); return nil }},
			loadgen.Side{Name: "slow", Call: func(int) error { calls[1]++; time.Sleep(4 * time.Millisecond); return nil }})
	})
	if calls[0] != calls[1] || calls[0] == 0 {
		t.Fatalf("each side is called as often: %v", calls)
	}
	if r := res.Extra["p50-ratio"]; r < 1.5 {
		t.Fatalf("p50-ratio %.2f: the slow side is the second", r)
	}
	if res.Extra["slow-p50-ms"] < 4 || res.Extra["fast-p50-ms"] >= res.Extra["slow-p50-ms"] {
		t.Fatalf("per-side latency: %v", res.Extra)
	}
}
