package memstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/outbox"
	"github.com/masarhr/masar-go/outbox/outboxtest"
)

func TestOutboxStore(t *testing.T) {
	outboxtest.Run(t, func(t *testing.T) outbox.Store { return memstore.New(nil) })
}
