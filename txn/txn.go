package txn

import "context"

// Transactor runs a function atomically across the stores of one adapter.
type Transactor interface {
	// InTx runs fn in one transaction: every Store call made with the
	// context fn receives joins it. It commits if fn returns nil and rolls
	// back if fn returns an error (returned as it is) or panics (the panic
	// propagates). A nested InTx is a savepoint inside the outer transaction.
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}
