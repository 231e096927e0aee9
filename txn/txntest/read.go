package txntest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/txn"
)

// ReadStore is what RunRead needs of an adapter: read-only transactions
// and one store contract to read and write through.
type ReadStore interface {
	txn.ReadTransactor
	audit.Store
}

// RunRead runs the conformance suite of txn.ReadTransactor: one subtest per
// behaviour, each on a fresh store from newStore. Run it beside Run.
func RunRead(t *testing.T, newStore func(t *testing.T) ReadStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s ReadStore)
	}{
		{"SeesCommitted", testReadSeesCommitted},
		{"WriteFails", testReadWriteFails},
		{"ErrorAndPanic", testReadErrorAndPanic},
		{"DoneContext", testReadDoneContext},
		{"InTransaction", testInTransaction},
		{"InsideWriteTx", testReadInsideWriteTx},
		{"ReadersDoNotSerialise", testReadersDoNotSerialise},
		{"ConsistentView", testReadConsistentView},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore(t)) })
	}
}

func testReadSeesCommitted(t *testing.T, s ReadStore) {
	require.NoError(t, s.AppendAudit(context.Background(), entry("rseen", 1)))
	var got []audit.Entry
	require.NoError(t, s.InReadTx(context.Background(), func(ctx context.Context) error {
		got = mustList(t, ctx, s, "rseen")
		return nil
	}))
	require.Len(t, got, 1)
	assert.Equal(t, "txn-rseen-0001", got[0].ID)
}

func testReadWriteFails(t *testing.T, s ReadStore) {
	var werr error
	require.NoError(t, s.InReadTx(context.Background(), func(ctx context.Context) error {
		werr = s.AppendAudit(ctx, entry("rwrite", 1))
		// The read transaction stays usable after the refused write.
		assert.Empty(t, mustList(t, ctx, s, "rwrite"))
		return nil
	}))
	assert.ErrorIs(t, werr, txn.ErrReadOnly, "a write in a read-only transaction is refused")
	assert.Empty(t, ids(t, s, "rwrite"), "the refused write left nothing")
}

func testReadErrorAndPanic(t *testing.T, s ReadStore) {
	err := s.InReadTx(context.Background(), func(context.Context) error { return errBoom })
	assert.ErrorIs(t, err, errBoom, "InReadTx returns fn's error")
	assert.PanicsWithValue(t, "txntest read panic", func() {
		_ = s.InReadTx(context.Background(), func(context.Context) error { panic("txntest read panic") })
	})
	// The store is usable afterwards, for reads and writes.
	require.NoError(t, s.AppendAudit(context.Background(), entry("rpanic", 1)))
	require.NoError(t, s.InReadTx(context.Background(), func(ctx context.Context) error {
		assert.Len(t, mustList(t, ctx, s, "rpanic"), 1)
		return nil
	}))
}

func testReadDoneContext(t *testing.T, s ReadStore) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	called := false
	err := s.InReadTx(ctx, func(context.Context) error { called = true; return nil })
	assert.ErrorIs(t, err, context.Canceled)
	assert.False(t, called, "fn is not called on a done context")
}

func testInTransaction(t *testing.T, s ReadStore) {
	assert.False(t, s.InTransaction(context.Background()))
	require.NoError(t, s.InReadTx(context.Background(), func(ctx context.Context) error {
		assert.True(t, s.InTransaction(ctx), "InReadTx's context carries its transaction")
		return nil
	}))
	require.NoError(t, s.InTx(context.Background(), func(ctx context.Context) error {
		assert.True(t, s.InTransaction(ctx), "InTx's context carries its transaction")
		return nil
	}))
}

func testReadInsideWriteTx(t *testing.T, s ReadStore) {
	err := s.InTx(context.Background(), func(ctx context.Context) error {
		require.NoError(t, s.AppendAudit(ctx, entry("rnested", 1)))
		return s.InReadTx(ctx, func(ctx context.Context) error {
			assert.Len(t, mustList(t, ctx, s, "rnested"), 1, "a read inside InTx sees its writes")
			return s.AppendAudit(ctx, entry("rnested", 2))
		})
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"txn-rnested-0001", "txn-rnested-0002"}, ids(t, s, "rnested"))
}

// readerWait bounds how long a reader waits for another to be inside its
// read transaction at the same time: only a serialising adapter reaches it.
const readerWait = 10 * time.Second

func testReadersDoNotSerialise(t *testing.T, s ReadStore) {
	require.NoError(t, s.AppendAudit(context.Background(), entry("rpar", 1)))
	const n = 4
	inside := make(chan struct{}, n)
	all := make(chan struct{})
	errs := make(chan error, n)
	for range n {
		go func() {
			errs <- s.InReadTx(context.Background(), func(ctx context.Context) error {
				if _, err := s.ListAudit(ctx, audit.Filter{Action: "rpar"}); err != nil {
					return err
				}
				inside <- struct{}{}
				select {
				case <-all:
					return nil
				case <-time.After(readerWait):
					return errBoom
				}
			})
		}()
	}
	for range n {
		<-inside
	}
	close(all)
	for range n {
		assert.NoError(t, <-errs, "every reader was inside its read transaction at once")
	}
}

// writerWait is how long the consistent-view test lets a concurrent writer
// commit while the reader is inside its transaction; an adapter whose
// readers block writers (memstore) makes it wait this long.
const writerWait = 300 * time.Millisecond

func testReadConsistentView(t *testing.T, s ReadStore) {
	require.NoError(t, s.AppendAudit(context.Background(), entry("rview", 1)))
	wrote := make(chan error, 1)
	require.NoError(t, s.InReadTx(context.Background(), func(ctx context.Context) error {
		assert.Len(t, mustList(t, ctx, s, "rview"), 1)
		go func() { wrote <- s.AppendAudit(context.Background(), entry("rview", 2)) }()
		select {
		case err := <-wrote:
			require.NoError(t, err)
			wrote <- nil
		case <-time.After(writerWait):
		}
		assert.Len(t, mustList(t, ctx, s, "rview"), 1, "a read transaction does not see a write committed after its first read")
		return nil
	}))
	require.NoError(t, <-wrote)
	assert.Len(t, ids(t, s, "rview"), 2)
}
