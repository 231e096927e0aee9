package sqlstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

func TestRecordsConformance(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			recordstest.Run(t, func(t *testing.T) records.Store { s, _ := target.Open(t); return s })
		})
	}
}
