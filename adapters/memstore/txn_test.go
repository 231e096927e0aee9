package memstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/txn"
	"github.com/masarhr/masar-go/txn/txntest"
)

var _ txn.ReadTransactor = (*memstore.Store)(nil)

func TestTxnConformance(t *testing.T) {
	txntest.Run(t, func(t *testing.T) txntest.Store { return memstore.New(nil) })
}

func TestReadTxnConformance(t *testing.T) {
	txntest.RunRead(t, func(t *testing.T) txntest.ReadStore { return memstore.New(nil) })
}
