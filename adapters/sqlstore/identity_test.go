package sqlstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

func TestIdentityConformance(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			identitytest.Run(t, func(t *testing.T) identity.Store { s, _ := target.Open(t); return s })
		})
	}
}
