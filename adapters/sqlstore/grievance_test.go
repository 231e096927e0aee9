package sqlstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/grievance/grievancetest"
)

func TestGrievanceConformance(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			grievancetest.Run(t, func(t *testing.T) grievance.Store { s, _ := target.Open(t); return s })
		})
	}
}
