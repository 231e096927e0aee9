// Package outboxtest is the conformance suite of outbox.Store: Run, which
// every implementation must pass (adapters/memstore and adapters/sqlstore
// run it), and Messages, a builder of test messages.
//
// An adapter's test calls Run with a factory that returns a fresh, empty
// store and registers its own cleanup:
//
//	func TestOutboxStore(t *testing.T) {
//		outboxtest.Run(t, func(t *testing.T) outbox.Store { return memstore.New(nil) })
//	}
//
// A store that is a txn.Transactor is also checked to join its
// transactions: Append inside InTx is undone with the transaction.
package outboxtest
