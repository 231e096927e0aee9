package idempotencytest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/idempotency"
	"github.com/masarhr/masar-go/txn"
)

// Run runs the conformance suite of idempotency.Store: one subtest per
// behaviour, each on a fresh store from newStore. newStore must return an
// empty store each time and register any cleanup with t.Cleanup. The
// transaction cases run when the store is also a txn.Transactor (they are
// skipped, saying so, when it is not). Every adapter's tests call it.
func Run(t *testing.T, newStore func(t *testing.T) idempotency.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s idempotency.Store)
	}{
		{"ReserveNew", testReserveNew},
		{"ReserveExistingReturnsIt", testReserveExisting},
		{"ScopesAreIndependent", testScopes},
		{"Complete", testComplete},
		{"CompleteNotFound", testCompleteNotFound},
		{"GetNotFound", testGetNotFound},
		{"ExpiredReplaced", testExpiredReplaced},
		{"Purge", testPurge},
		{"ReturnsCopies", testCopies},
		{"BytesPreserved", testBytesPreserved},
		{"CancelledContext", testCancelledContext},
		{"ConcurrentReserves", testConcurrentReserves},
		{"RollbackUndoesReserve", testRollback},
		{"ConcurrentTransactionsSeeTheResponse", testConcurrentTransactions},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore(t)) })
	}
}

var (
	ctx = context.Background()
	// base is the suite's clock, with microseconds (what every store keeps).
	base = time.Date(2026, 3, 1, 9, 0, 0, 123456000, time.UTC)
)

const (
	scope = "0f3c9a1e5b7d2c4a6e8f0b1d3c5a7e9f1b3d5c7a9e0f2b4d6c8a0e2f4b6d8c0a"
	other = "public:portal-client"
	ttl   = 24 * time.Hour
)

// reservation returns a pending record of key, reserved at at.
func reservation(sc, key, hash string, at time.Time) idempotency.Record {
	return idempotency.Record{Scope: sc, Key: key, RequestHash: hash, CreatedAt: at, ExpiresAt: at.Add(ttl)}
}

func hashOf(i int) string {
	return idempotency.HashRequest("POST", "/v1/grievances", fmt.Appendf(nil, `{"n":%d}`, i))
}

var (
	respHeader = map[string]string{"Content-Type": "application/json", "ETag": `"1"`, "Location": "/v1/grievances/MOH-1447-000001"}
	respBody   = []byte(`{"tracking_number":"MOH-1447-000001","subject":"تظلم من قرار الترقية"}`)
)

func mustReserve(t *testing.T, s idempotency.Store, r idempotency.Record) idempotency.Record {
	t.Helper()
	got, found, err := s.ReserveIdempotencyKey(ctx, r)
	require.NoError(t, err)
	require.False(t, found, "a fresh key is reserved")
	return got
}

func mustComplete(t *testing.T, s idempotency.Store, r idempotency.Record) idempotency.Record {
	t.Helper()
	got, err := s.CompleteIdempotencyKey(ctx, r.Scope, r.Key, 201, respHeader, respBody)
	require.NoError(t, err)
	return got
}

func mustGet(t *testing.T, s idempotency.Store, sc, key string) idempotency.Record {
	t.Helper()
	got, err := s.GetIdempotencyKey(ctx, sc, key)
	require.NoError(t, err)
	return got
}

// assertSame checks got holds want's values: instants compared as instants,
// an empty Header or Body equal to a nil one.
func assertSame(t *testing.T, want, got idempotency.Record, what string) {
	t.Helper()
	assert.Equal(t, want.Scope, got.Scope, what)
	assert.Equal(t, want.Key, got.Key, what)
	assert.Equal(t, want.RequestHash, got.RequestHash, what)
	assert.Equal(t, want.Status, got.Status, what)
	if len(want.Header) == 0 {
		assert.Empty(t, got.Header, what)
	} else {
		assert.Equal(t, want.Header, got.Header, what)
	}
	assert.Equal(t, string(want.Body), string(got.Body), what)
	assert.True(t, want.CreatedAt.Equal(got.CreatedAt), "%s: created at %v, want %v", what, got.CreatedAt, want.CreatedAt)
	assert.True(t, want.ExpiresAt.Equal(got.ExpiresAt), "%s: expires at %v, want %v", what, got.ExpiresAt, want.ExpiresAt)
}

func testReserveNew(t *testing.T, s idempotency.Store) {
	r := reservation(scope, "k1", hashOf(1), base)
	got := mustReserve(t, s, r)
	assertSame(t, r, got, "returned")
	assert.False(t, got.Completed())
	assertSame(t, r, mustGet(t, s, scope, "k1"), "stored")
}

func testReserveExisting(t *testing.T, s idempotency.Store) {
	first := mustReserve(t, s, reservation(scope, "k1", hashOf(1), base))
	for _, h := range []string{hashOf(1), hashOf(2)} {
		got, found, err := s.ReserveIdempotencyKey(ctx, reservation(scope, "k1", h, base.Add(time.Minute)))
		require.NoError(t, err)
		assert.True(t, found, "the key is live")
		assertSame(t, first, got, "the existing record, whatever the hash")
	}
	assertSame(t, first, mustGet(t, s, scope, "k1"), "unchanged")
}

func testScopes(t *testing.T, s idempotency.Store) {
	a := mustReserve(t, s, reservation(scope, "k1", hashOf(1), base))
	b := mustReserve(t, s, reservation(other, "k1", hashOf(2), base))
	mustComplete(t, s, a)
	assertSame(t, b, mustGet(t, s, other, "k1"), "the other scope's record")
	_, err := s.GetIdempotencyKey(ctx, scope, "k2")
	assert.ErrorIs(t, err, idempotency.ErrNotFound, "another key of the scope")
}

func testComplete(t *testing.T, s idempotency.Store) {
	r := mustReserve(t, s, reservation(scope, "k1", hashOf(1), base))
	want := r
	want.Status, want.Header, want.Body = 201, respHeader, respBody
	got := mustComplete(t, s, r)
	assertSame(t, want, got, "returned")
	assert.True(t, got.Completed())
	assertSame(t, want, mustGet(t, s, scope, "k1"), "stored")
	again, found, err := s.ReserveIdempotencyKey(ctx, reservation(scope, "k1", hashOf(1), base.Add(time.Hour)))
	require.NoError(t, err)
	assert.True(t, found)
	assertSame(t, want, again, "a retry finds the response")

	_, err = s.CompleteIdempotencyKey(ctx, scope, "k1", 500, nil, []byte("other"))
	assert.ErrorIs(t, err, idempotency.ErrConflict, "a stored response is never overwritten")
	assertSame(t, want, mustGet(t, s, scope, "k1"), "unchanged")
}

func testCompleteNotFound(t *testing.T, s idempotency.Store) {
	mustReserve(t, s, reservation(scope, "k1", hashOf(1), base))
	_, err := s.CompleteIdempotencyKey(ctx, scope, "k2", 201, respHeader, respBody)
	assert.ErrorIs(t, err, idempotency.ErrNotFound)
	_, err = s.CompleteIdempotencyKey(ctx, other, "k1", 201, respHeader, respBody)
	assert.ErrorIs(t, err, idempotency.ErrNotFound, "the key of another scope")
	_, err = s.GetIdempotencyKey(ctx, scope, "k2")
	assert.ErrorIs(t, err, idempotency.ErrNotFound, "nothing was stored")
}

func testGetNotFound(t *testing.T, s idempotency.Store) {
	_, err := s.GetIdempotencyKey(ctx, scope, "k1")
	assert.ErrorIs(t, err, idempotency.ErrNotFound)
}

func testExpiredReplaced(t *testing.T, s idempotency.Store) {
	first := mustComplete(t, s, mustReserve(t, s, reservation(scope, "k1", hashOf(1), base)))
	// One microsecond before the expiry the record still answers.
	got, found, err := s.ReserveIdempotencyKey(ctx, reservation(scope, "k1", hashOf(2), first.ExpiresAt.Add(-time.Microsecond)))
	require.NoError(t, err)
	assert.True(t, found)
	assertSame(t, first, got, "live")
	// At its expiry it is replaced: the key starts afresh.
	fresh := reservation(scope, "k1", hashOf(2), first.ExpiresAt)
	got, found, err = s.ReserveIdempotencyKey(ctx, fresh)
	require.NoError(t, err)
	assert.False(t, found, "an expired record is replaced")
	assertSame(t, fresh, got, "returned")
	assertSame(t, fresh, mustGet(t, s, scope, "k1"), "stored: pending, without the old response")
}

func testPurge(t *testing.T, s idempotency.Store) {
	for i := range 3 {
		mustReserve(t, s, reservation(scope, fmt.Sprint("k", i), hashOf(i), base.Add(time.Duration(i)*time.Hour)))
	}
	mustComplete(t, s, reservation(scope, "k0", "", base))
	before := base.Add(ttl + time.Hour) // k1's expiry
	n, err := s.PurgeIdempotencyKeys(ctx, before)
	require.NoError(t, err)
	assert.Equal(t, 1, n, "only k0 expired strictly before")
	_, err = s.GetIdempotencyKey(ctx, scope, "k0")
	assert.ErrorIs(t, err, idempotency.ErrNotFound)
	mustGet(t, s, scope, "k1")
	mustGet(t, s, scope, "k2")
	n, err = s.PurgeIdempotencyKeys(ctx, before)
	require.NoError(t, err)
	assert.Zero(t, n, "nothing left to delete")
	n, err = s.PurgeIdempotencyKeys(ctx, base.Add(ttl+3*time.Hour))
	require.NoError(t, err)
	assert.Equal(t, 2, n, "pending records expire too")
}

func testCopies(t *testing.T, s idempotency.Store) {
	r := mustReserve(t, s, reservation(scope, "k1", hashOf(1), base))
	header := map[string]string{"Content-Type": "application/json", "ETag": `"1"`}
	body := []byte(`{"id":"c1"}`)
	got, err := s.CompleteIdempotencyKey(ctx, r.Scope, r.Key, 201, header, body)
	require.NoError(t, err)
	header["ETag"], body[2] = "tampered", 'X'
	got.Header["Content-Type"], got.Body[3] = "tampered", 'Y'
	stored := mustGet(t, s, scope, "k1")
	assert.Equal(t, map[string]string{"Content-Type": "application/json", "ETag": `"1"`}, stored.Header)
	assert.Equal(t, `{"id":"c1"}`, string(stored.Body))
	stored.Header["ETag"], stored.Body[0] = "tampered", 'Z'
	again, found, err := s.ReserveIdempotencyKey(ctx, reservation(scope, "k1", hashOf(1), base))
	require.NoError(t, err)
	require.True(t, found)
	again.Header["Location"] = "/tampered"
	final := mustGet(t, s, scope, "k1")
	assert.Equal(t, map[string]string{"Content-Type": "application/json", "ETag": `"1"`}, final.Header, "the store shares no map with its callers")
	assert.Equal(t, `{"id":"c1"}`, string(final.Body), "the store shares no bytes with its callers")
}

func testBytesPreserved(t *testing.T, s idempotency.Store) {
	// Every printable ASCII character is allowed in a key.
	key := ` !"#$%&'()*+,-./0189:;<=>?@AZ[\]^_` + "`az{|}~"
	body := append([]byte("{\"reason\":\"لم يُحتسب \u200fالتدريب «١٤٤٦هـ»\"}\n"), 0x00, 0xff, 0xfe, 0x80)
	header := map[string]string{"Content-Type": "application/problem+json; charset=utf-8",
		"Location": "/v1/employees/%D9%85/file"}
	r := mustReserve(t, s, reservation(scope, key, hashOf(1), base))
	got, err := s.CompleteIdempotencyKey(ctx, scope, key, 422, header, body)
	require.NoError(t, err)
	assert.Equal(t, body, got.Body)
	stored := mustGet(t, s, scope, key)
	assert.Equal(t, key, stored.Key)
	assert.Equal(t, r.RequestHash, stored.RequestHash)
	assert.Equal(t, 422, stored.Status)
	assert.Equal(t, body, stored.Body, "the body comes back byte for byte, invalid UTF-8 and NUL included")
	assert.Equal(t, header, stored.Header)
}

func testCancelledContext(t *testing.T, s idempotency.Store) {
	r := mustReserve(t, s, reservation(scope, "k1", hashOf(1), base))
	done, cancel := context.WithCancel(ctx)
	cancel()
	_, _, err := s.ReserveIdempotencyKey(done, reservation(scope, "k2", hashOf(2), base))
	assert.Error(t, err, "ReserveIdempotencyKey with a cancelled context")
	_, err = s.CompleteIdempotencyKey(done, scope, "k1", 201, respHeader, respBody)
	assert.Error(t, err, "CompleteIdempotencyKey with a cancelled context")
	_, err = s.GetIdempotencyKey(done, scope, "k1")
	assert.Error(t, err, "GetIdempotencyKey with a cancelled context")
	_, err = s.PurgeIdempotencyKeys(done, base.Add(2*ttl))
	assert.Error(t, err, "PurgeIdempotencyKeys with a cancelled context")

	assertSame(t, r, mustGet(t, s, scope, "k1"), "unchanged")
	_, err = s.GetIdempotencyKey(ctx, scope, "k2")
	assert.ErrorIs(t, err, idempotency.ErrNotFound, "the cancelled reservation stored nothing")
}

func testConcurrentReserves(t *testing.T, s idempotency.Store) {
	const n = 16
	var wg sync.WaitGroup
	got := make([]idempotency.Record, n)
	found := make([]bool, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], found[i], errs[i] = s.ReserveIdempotencyKey(ctx, reservation(scope, "k1", hashOf(i), base))
		}()
	}
	wg.Wait()
	winner := -1
	for i := range n {
		require.NoError(t, errs[i], "reservation %d", i)
		if !found[i] {
			assert.Equal(t, -1, winner, "two reservations won: %d and %d", winner, i)
			winner = i
		}
	}
	require.NotEqual(t, -1, winner, "one reservation wins")
	for i := range n {
		assert.Equal(t, hashOf(winner), got[i].RequestHash, "reservation %d returns the winner's record", i)
	}
	assert.Equal(t, hashOf(winner), mustGet(t, s, scope, "k1").RequestHash)
}

var errBoom = errors.New("idempotencytest: the call failed")

// transactor returns s as a txn.Transactor, or skips t.
func transactor(t *testing.T, s idempotency.Store) txn.Transactor {
	t.Helper()
	tx, ok := s.(txn.Transactor)
	if !ok {
		t.Skip("the store is not a txn.Transactor")
	}
	return tx
}

func testRollback(t *testing.T, s idempotency.Store) {
	tx := transactor(t, s)
	r := reservation(scope, "k1", hashOf(1), base)
	err := tx.InTx(ctx, func(ctx context.Context) error {
		_, found, err := s.ReserveIdempotencyKey(ctx, r)
		require.NoError(t, err)
		require.False(t, found)
		// The facade's own transaction nests; its failure undoes only itself.
		assert.ErrorIs(t, tx.InTx(ctx, func(context.Context) error { return errBoom }), errBoom)
		_, err = s.CompleteIdempotencyKey(ctx, scope, "k1", 201, respHeader, respBody)
		require.NoError(t, err)
		assertSame(t, idempotency.Record{Scope: scope, Key: "k1", RequestHash: r.RequestHash, Status: 201, Header: respHeader,
			Body: respBody, CreatedAt: r.CreatedAt, ExpiresAt: r.ExpiresAt}, mustGetIn(t, ctx, s), "seen inside")
		return errBoom
	})
	require.ErrorIs(t, err, errBoom)
	_, err = s.GetIdempotencyKey(ctx, scope, "k1")
	assert.ErrorIs(t, err, idempotency.ErrNotFound, "a rolled-back call leaves no record: the client may retry")

	require.NoError(t, tx.InTx(ctx, func(ctx context.Context) error {
		if _, _, err := s.ReserveIdempotencyKey(ctx, r); err != nil {
			return err
		}
		_, err := s.CompleteIdempotencyKey(ctx, scope, "k1", 201, respHeader, respBody)
		return err
	}))
	assert.Equal(t, 201, mustGet(t, s, scope, "k1").Status, "committed")
}

func mustGetIn(t *testing.T, ctx context.Context, s idempotency.Store) idempotency.Record {
	t.Helper()
	got, err := s.GetIdempotencyKey(ctx, scope, "k1")
	require.NoError(t, err)
	return got
}

// testConcurrentTransactions runs the HTTP layer's flow from several
// goroutines with one key: exactly one runs the call, and every other one
// finds its completed response, never a pending record.
func testConcurrentTransactions(t *testing.T, s idempotency.Store) {
	tx := transactor(t, s)
	const n = 8
	var wg sync.WaitGroup
	ran := make([]bool, n)
	replayed := make([]idempotency.Record, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = tx.InTx(ctx, func(ctx context.Context) error {
				r, found, err := s.ReserveIdempotencyKey(ctx, reservation(scope, "k1", hashOf(0), base))
				if err != nil || found {
					replayed[i] = r
					return err
				}
				ran[i] = true
				_, err = s.CompleteIdempotencyKey(ctx, scope, "k1", 201, respHeader, fmt.Appendf(nil, `{"by":%d}`, i))
				return err
			})
		}()
	}
	wg.Wait()
	winner := -1
	for i := range n {
		require.NoError(t, errs[i], "transaction %d", i)
		if ran[i] {
			assert.Equal(t, -1, winner, "two calls ran: %d and %d", winner, i)
			winner = i
		}
	}
	require.NotEqual(t, -1, winner, "one call ran")
	for i := range n {
		if i != winner {
			assert.True(t, replayed[i].Completed(), "transaction %d saw a pending record", i)
			assert.Equal(t, fmt.Sprintf(`{"by":%d}`, winner), string(replayed[i].Body), "transaction %d replays the response", i)
		}
	}
}
