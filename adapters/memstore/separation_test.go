package memstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/separation"
	"github.com/masarhr/masar-go/separation/separationtest"
)

func TestSeparationStore(t *testing.T) {
	separationtest.Run(t, func(t *testing.T) separation.Store { return memstore.New(nil) })
}
