package idempotencytest_test

import (
	"flag"
	"fmt"
	"testing"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/idempotency"
	"github.com/masarhr/masar-go/idempotency/idempotencytest"
)

// An adapter proves it keeps idempotency records correctly by running the
// suite from its own tests, with a factory that returns an empty store:
//
//	func TestIdempotencyConformance(t *testing.T) {
//		idempotencytest.Run(t, func(t *testing.T) idempotency.Store { return memstore.New(nil) })
//	}
//
// This example runs exactly that against memstore.
func ExampleRun() {
	fmt.Println("conformant:", runQuietly(func(t *testing.T) {
		idempotencytest.Run(t, func(t *testing.T) idempotency.Store { return memstore.New(nil) })
	}))
	// Output: conformant: true
}

// runQuietly runs f as a test, without -v chatter in the example's output.
func runQuietly(f func(t *testing.T)) bool {
	if v := flag.Lookup("test.v"); v != nil {
		old := v.Value.String()
		_ = v.Value.Set("false")
		defer func() { _ = v.Value.Set(old) }()
	}
	return testing.RunTests(func(string, string) (bool, error) { return true, nil },
		[]testing.InternalTest{{Name: "TestConformance", F: f}})
}
