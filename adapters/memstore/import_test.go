package memstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/records/recordstest"
)

func TestRecordsImportConformance(t *testing.T) {
	recordstest.RunImport(t, func(t *testing.T) recordstest.BulkStore { return memstore.New(nil) })
}
