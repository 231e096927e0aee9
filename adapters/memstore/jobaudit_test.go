package memstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/jobaudit"
	"github.com/masarhr/masar-go/jobaudit/jobaudittest"
)

func TestJobauditConformance(t *testing.T) {
	jobaudittest.Run(t, func(t *testing.T) jobaudit.Store { return memstore.New(nil) })
}
