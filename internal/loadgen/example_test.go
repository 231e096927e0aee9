package loadgen_test

import (
	"fmt"
	"testing"

	"github.com/masarhr/masar-go/internal/loadgen"
)

func ExampleRun() {
	res := testing.Benchmark(func(b *testing.B) {
		loadgen.Run(b, 4, "calls", func(int) error { return nil })
	})
	_, ok := res.Extra["calls/s"]
	fmt.Println(ok, res.Extra["p99-ms"] >= 0)
	// Output: true true
}

func ExampleRunPair() {
	res := testing.Benchmark(func(b *testing.B) {
		loadgen.RunPair(b, 2,
			loadgen.Side{Name: "direct", Call: func(int) error { return nil }},
			loadgen.Side{Name: "wrapped", Call: func(int) error { return nil }})
	})
	_, a := res.Extra["direct-p50-ms"]
	_, w := res.Extra["wrapped-p99-ms"]
	fmt.Println(a, w)
	// Output: true true
}
