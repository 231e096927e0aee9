// Package txn is the contract of transactions across masar-go's stores.
//
// Each domain package defines its own Store contract (records.Store,
// grievance.Store, …) and knows nothing of transactions. An adapter that
// implements several contracts over one database (memstore, sqlstore) also
// implements Transactor, so that the facade can make one use case's change
// and its audit entry atomic: every Store call made with the context that
// InTx hands to fn joins the transaction.
//
// # The contract
//
//   - fn returning nil commits; fn returning an error rolls back every write
//     made with fn's context and InTx returns that error; a panic in fn rolls
//     back and propagates.
//   - A Store method that fails inside the transaction has written nothing,
//     and the transaction stays usable (on PostgreSQL an adapter needs a
//     savepoint per write for this).
//   - A nested InTx (called with a context that already carries a
//     transaction of the same adapter) runs inside the outer one, as a
//     savepoint: its error undoes its own writes only, and the outer
//     transaction decides whether the rest commits.
//   - InTx returns ctx's error, without calling fn, if ctx is done.
//
// txntest.Run proves an adapter keeps it.
//
// # Read-only transactions
//
// A ReadTransactor also runs read-only transactions (InReadTx): one
// consistent view of the database for several reads, which concurrent
// readers share instead of queueing on the write lock. A write made inside
// one fails with ErrReadOnly. txntest.RunRead proves an adapter keeps it.
package txn
