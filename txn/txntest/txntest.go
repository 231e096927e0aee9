// Package txntest is the conformance suite of txn.Transactor.
//
// The suite writes through the audit.Store contract, which every adapter
// implements, and checks what a transaction keeps and what it undoes.
package txntest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/txn"
)

// Store is what the suite needs of an adapter: transactions and one store
// contract to write through.
type Store interface {
	txn.Transactor
	audit.Store
}

// Run runs the conformance suite of txn.Transactor: one subtest per
// behaviour, each on a fresh store from newStore (register cleanup with
// t.Cleanup).
func Run(t *testing.T, newStore func(t *testing.T) Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s Store)
	}{
		{"Commit", testCommit},
		{"RollbackOnError", testRollbackOnError},
		{"RollbackOnPanic", testRollbackOnPanic},
		{"NestedCommitsWithOuter", testNestedCommits},
		{"NestedErrorUndoesOnlyItself", testNestedError},
		{"NestedWritesRollBackWithOuter", testNestedRollsBackWithOuter},
		{"FailingWriteLeavesTxUsable", testFailingWrite},
		{"DoneContext", testDoneContext},
		{"ConcurrentTransactions", testConcurrent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore(t)) })
	}
}

var base = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

// entry returns a distinct audit entry for action.
func entry(action string, i int) audit.Entry {
	return audit.Entry{
		ID: fmt.Sprintf("txn-%s-%04d", action, i), At: base.Add(time.Duration(i) * time.Second),
		Actor: "actor", ActorMasked: "1*******01", Action: action, Outcome: audit.Succeeded,
	}
}

// ids lists the IDs of the stored entries of action.
func ids(t *testing.T, s Store, action string) []string {
	t.Helper()
	es, err := s.ListAudit(context.Background(), audit.Filter{Action: action, Limit: audit.MaxLimit})
	require.NoError(t, err)
	out := []string{}
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

var errBoom = errors.New("txntest: boom")

func testCommit(t *testing.T, s Store) {
	err := s.InTx(context.Background(), func(ctx context.Context) error {
		require.NoError(t, s.AppendAudit(ctx, entry("commit", 1)))
		require.NoError(t, s.AppendAudit(ctx, entry("commit", 2)))
		// Reads inside the transaction see its own writes.
		assert.Len(t, mustList(t, ctx, s, "commit"), 2)
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"txn-commit-0001", "txn-commit-0002"}, ids(t, s, "commit"))
}

func mustList(t *testing.T, ctx context.Context, s Store, action string) []audit.Entry {
	t.Helper()
	es, err := s.ListAudit(ctx, audit.Filter{Action: action, Limit: audit.MaxLimit})
	require.NoError(t, err)
	return es
}

func testRollbackOnError(t *testing.T, s Store) {
	err := s.InTx(context.Background(), func(ctx context.Context) error {
		require.NoError(t, s.AppendAudit(ctx, entry("rollback", 1)))
		return errBoom
	})
	assert.ErrorIs(t, err, errBoom, "InTx returns fn's error")
	assert.Empty(t, ids(t, s, "rollback"))
	// The store is usable afterwards.
	require.NoError(t, s.AppendAudit(context.Background(), entry("rollback", 2)))
	assert.Equal(t, []string{"txn-rollback-0002"}, ids(t, s, "rollback"))
}

func testRollbackOnPanic(t *testing.T, s Store) {
	assert.PanicsWithValue(t, "txntest panic", func() {
		_ = s.InTx(context.Background(), func(ctx context.Context) error {
			require.NoError(t, s.AppendAudit(ctx, entry("panic", 1)))
			panic("txntest panic")
		})
	})
	assert.Empty(t, ids(t, s, "panic"))
	require.NoError(t, s.AppendAudit(context.Background(), entry("panic", 2)), "the store is usable after a panic")
}

func testNestedCommits(t *testing.T, s Store) {
	err := s.InTx(context.Background(), func(ctx context.Context) error {
		require.NoError(t, s.AppendAudit(ctx, entry("nested", 1)))
		return s.InTx(ctx, func(ctx context.Context) error {
			return s.AppendAudit(ctx, entry("nested", 2))
		})
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"txn-nested-0001", "txn-nested-0002"}, ids(t, s, "nested"))
}

func testNestedError(t *testing.T, s Store) {
	err := s.InTx(context.Background(), func(ctx context.Context) error {
		require.NoError(t, s.AppendAudit(ctx, entry("inner", 1)))
		inner := s.InTx(ctx, func(ctx context.Context) error {
			require.NoError(t, s.AppendAudit(ctx, entry("inner", 2)))
			return errBoom
		})
		assert.ErrorIs(t, inner, errBoom)
		// The outer transaction goes on without the inner writes.
		assert.Len(t, mustList(t, ctx, s, "inner"), 1)
		return s.AppendAudit(ctx, entry("inner", 3))
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"txn-inner-0001", "txn-inner-0003"}, ids(t, s, "inner"))
}

func testNestedRollsBackWithOuter(t *testing.T, s Store) {
	err := s.InTx(context.Background(), func(ctx context.Context) error {
		require.NoError(t, s.InTx(ctx, func(ctx context.Context) error {
			return s.AppendAudit(ctx, entry("outer", 1))
		}))
		return errBoom
	})
	assert.ErrorIs(t, err, errBoom)
	assert.Empty(t, ids(t, s, "outer"), "a committed savepoint rolls back with its transaction")
}

func testFailingWrite(t *testing.T, s Store) {
	err := s.InTx(context.Background(), func(ctx context.Context) error {
		require.NoError(t, s.AppendAudit(ctx, entry("usable", 1)))
		dup := s.AppendAudit(ctx, entry("usable", 1))
		assert.ErrorIs(t, dup, audit.ErrConflict, "a duplicate entry is a conflict")
		// The transaction is still usable, and the failed write left nothing.
		require.NoError(t, s.AppendAudit(ctx, entry("usable", 2)))
		assert.Len(t, mustList(t, ctx, s, "usable"), 2)
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"txn-usable-0001", "txn-usable-0002"}, ids(t, s, "usable"))
}

func testDoneContext(t *testing.T, s Store) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	called := false
	err := s.InTx(ctx, func(context.Context) error { called = true; return nil })
	assert.ErrorIs(t, err, context.Canceled)
	assert.False(t, called, "fn is not called on a done context")
}

func testConcurrent(t *testing.T, s Store) {
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.InTx(context.Background(), func(ctx context.Context) error {
				if err := s.AppendAudit(ctx, entry("concurrent", 2*i)); err != nil {
					return err
				}
				return s.AppendAudit(ctx, entry("concurrent", 2*i+1))
			})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "transaction %d", i)
	}
	assert.Len(t, ids(t, s, "concurrent"), 2*n, "no write of a committed transaction is lost")
}
