package memstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/idempotency"
	"github.com/masarhr/masar-go/idempotency/idempotencytest"
)

func TestIdempotencyConformance(t *testing.T) {
	idempotencytest.Run(t, func(t *testing.T) idempotency.Store { return memstore.New(nil) })
}
