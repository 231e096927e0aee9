package memstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

func TestIdentityConformance(t *testing.T) {
	identitytest.Run(t, func(t *testing.T) identity.Store { return memstore.New(nil) })
}
