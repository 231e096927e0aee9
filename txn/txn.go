package txn

import (
	"context"

	"github.com/masarhr/masar-go/fault"
)

// Transactor runs a function atomically across the stores of one adapter.
type Transactor interface {
	// InTx runs fn in one transaction: every Store call made with the
	// context fn receives joins it. It commits if fn returns nil and rolls
	// back if fn returns an error (returned as it is) or panics (the panic
	// propagates). A nested InTx is a savepoint inside the outer transaction.
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// ReadTransactor is a Transactor that also runs read-only transactions,
// which do not serialise with each other: concurrent InReadTx calls read at
// the same time, and do not wait for, nor hold up, a writer longer than a
// read must (SQLite: a deferred transaction on WAL; PostgreSQL: READ ONLY,
// REPEATABLE READ; memstore: the read lock).
//
// An adapter that implements it proves it with txntest.RunRead.
type ReadTransactor interface {
	Transactor
	// InReadTx runs fn in one read-only transaction: every Store read made
	// with the context fn receives sees one consistent state of the
	// database, and every Store write made with it fails with an error
	// matching ErrReadOnly and writes nothing. fn's error is returned as it
	// is; a panic propagates. Called with a context that already carries a
	// transaction of the same adapter (InTx or InReadTx), fn runs inside
	// that transaction, writes included if it is InTx's. InReadTx returns
	// ctx's error, without calling fn, if ctx is done.
	InReadTx(ctx context.Context, fn func(ctx context.Context) error) error
	// InTransaction reports whether ctx carries a transaction of this
	// adapter (a context handed over by InTx or InReadTx).
	InTransaction(ctx context.Context) bool
}

// ErrReadOnly is the error of a Store write made inside a read-only
// transaction (InReadTx): a bug of the caller, code internal.
var ErrReadOnly = fault.New(fault.Internal, "txn.read_only",
	"a write was attempted in a read-only transaction", "محاولة كتابة في معاملة للقراءة فقط")

// Within runs fn in one transaction of store when store is a Transactor
// (joining the one ctx carries), and as it is otherwise: how a domain
// Service makes its writes to one store atomic without knowing the adapter.
func Within(ctx context.Context, store any, fn func(ctx context.Context) error) error {
	if tx, ok := store.(Transactor); ok {
		return tx.InTx(ctx, fn)
	}
	return fn(ctx)
}
