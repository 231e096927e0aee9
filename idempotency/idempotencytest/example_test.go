package idempotencytest_test

import (
	"testing"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/idempotency"
	"github.com/masarhr/masar-go/idempotency/idempotencytest"
)

// An adapter's test runs the suite on a fresh store per case.
func ExampleRun() {
	t := &testing.T{} // in a real test, the test's own *testing.T
	_ = func(t *testing.T) {
		idempotencytest.Run(t, func(t *testing.T) idempotency.Store { return memstore.New(nil) })
	}
	_ = t
	// Output:
}
