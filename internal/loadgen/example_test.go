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
