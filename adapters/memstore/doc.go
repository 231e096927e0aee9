// Package memstore implements every masar-go Store contract in memory.
//
// It is a full behavioural implementation, not a mock: versions and
// compare-and-swap, uniqueness, filters and transactions behave as the
// contracts say, and it passes every conformance suite (recordstest,
// grievancetest, promotiontest, identitytest, audittest). Use it in tests, in
// development, and for a small deployment that can afford to lose its data on
// restart.
//
// # Concurrency
//
// A Store is safe for concurrent use. Reads share a lock; writes and
// transactions (InTx) are serialised. Every value goes in and out as a deep
// copy.
package memstore
