package sqlstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/outbox"
	"github.com/masarhr/masar-go/outbox/outboxtest"
)

func TestOutboxConformance(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			outboxtest.Run(t, func(t *testing.T) outbox.Store { s, _ := target.Open(t); return s })
		})
	}
}
