package sqlstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/txn"
	"github.com/masarhr/masar-go/txn/txntest"
)

var _ txn.ReadTransactor = (*sqlstore.Store)(nil)

func TestTxnConformance(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			txntest.Run(t, func(t *testing.T) txntest.Store { s, _ := target.Open(t); return s })
		})
	}
}

func TestReadTxnConformance(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			txntest.RunRead(t, func(t *testing.T) txntest.ReadStore { s, _ := target.Open(t); return s })
		})
	}
}
