package memstore_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/audit"
)

func entry(id string) audit.Entry {
	return audit.Entry{ID: id, At: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Action: "x", Outcome: audit.Succeeded}
}

func count(t *testing.T, s *memstore.Store) int {
	t.Helper()
	es, err := s.ListAudit(context.Background(), audit.Filter{Limit: audit.MaxLimit})
	require.NoError(t, err)
	return len(es)
}

func TestInTxCommitsAll(t *testing.T) {
	s := memstore.New(nil)
	err := s.InTx(context.Background(), func(ctx context.Context) error {
		require.NoError(t, s.AppendAudit(ctx, entry("a")))
		require.NoError(t, s.AppendAudit(ctx, entry("b")))
		assert.Equal(t, 2, func() int { es, _ := s.ListAudit(ctx, audit.Filter{}); return len(es) }(), "reads inside the transaction see its writes")
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, 2, count(t, s))
}

func TestInTxRollsBackOnError(t *testing.T) {
	s := memstore.New(nil)
	require.NoError(t, s.AppendAudit(context.Background(), entry("before")))
	boom := errors.New("boom")
	err := s.InTx(context.Background(), func(ctx context.Context) error {
		require.NoError(t, s.AppendAudit(ctx, entry("a")))
		require.NoError(t, s.AppendAudit(ctx, entry("b")))
		return boom
	})
	require.ErrorIs(t, err, boom)
	assert.Equal(t, 1, count(t, s), "a failed transaction leaves nothing behind")
}

func TestInTxRollsBackOnPanic(t *testing.T) {
	s := memstore.New(nil)
	assert.Panics(t, func() {
		_ = s.InTx(context.Background(), func(ctx context.Context) error {
			require.NoError(t, s.AppendAudit(ctx, entry("a")))
			panic("boom")
		})
	})
	assert.Equal(t, 0, count(t, s))
	require.NoError(t, s.AppendAudit(context.Background(), entry("after")), "the store is usable after a panic")
}

func TestFailedWriteInsideTxUndoesOnlyItself(t *testing.T) {
	s := memstore.New(nil)
	err := s.InTx(context.Background(), func(ctx context.Context) error {
		require.NoError(t, s.AppendAudit(ctx, entry("a")))
		require.ErrorIs(t, s.AppendAudit(ctx, entry("a")), audit.ErrConflict)
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, 1, count(t, s))
}

func TestNestedInTxJoins(t *testing.T) {
	s := memstore.New(nil)
	err := s.InTx(context.Background(), func(ctx context.Context) error {
		require.NoError(t, s.InTx(ctx, func(ctx context.Context) error { return s.AppendAudit(ctx, entry("inner")) }))
		return errors.New("outer fails")
	})
	require.Error(t, err)
	assert.Equal(t, 0, count(t, s), "the inner write is undone with the outer transaction")
}

func TestInTxIsolatesConcurrentTransactions(t *testing.T) {
	s := memstore.New(nil)
	var wg sync.WaitGroup
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_ = s.InTx(context.Background(), func(ctx context.Context) error {
				es, err := s.ListAudit(ctx, audit.Filter{Limit: audit.MaxLimit})
				if err != nil {
					return err
				}
				// Read-then-write: serialised transactions never lose an append.
				return s.AppendAudit(ctx, entry(string(rune('A'+len(es)))))
			})
		}(i)
	}
	wg.Wait()
	assert.Equal(t, 32, count(t, s))
}

func TestCancelledContext(t *testing.T) {
	s := memstore.New(nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, s.InTx(ctx, func(context.Context) error { return nil }), context.Canceled)
}
