package memstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/audit/audittest"
)

func TestAuditConformance(t *testing.T) {
	audittest.Run(t, func(t *testing.T) audit.Store { return memstore.New(nil) })
}
