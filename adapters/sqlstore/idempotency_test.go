package sqlstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/idempotency"
	"github.com/masarhr/masar-go/idempotency/idempotencytest"
)

func TestIdempotencyConformance(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			idempotencytest.Run(t, func(t *testing.T) idempotency.Store { s, _ := target.Open(t); return s })
		})
	}
}
