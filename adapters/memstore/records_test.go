package memstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

func TestRecordsConformance(t *testing.T) {
	recordstest.Run(t, func(t *testing.T) records.Store { return memstore.New(nil) })
}
