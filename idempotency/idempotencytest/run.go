package idempotencytest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/masarhr/masar-go/idempotency"
	"github.com/masarhr/masar-go/txn"
)

// Run runs the conformance suite of idempotency.Store: one subtest per
// behaviour, each on a fresh store from newStore (which must return an
// empty store each time and register any cleanup with t.Cleanup). A store
// that is also a txn.Transactor is checked inside transactions too.
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
		{"NotFound", testNotFound},
		{"ExpiredIsReplaced", testExpiredReplaced},
		{"Purge", testPurge},
		{"ReturnsCopies", testCopies},
		{"BodyBytesKept", testBodyBytes},
		{"ConcurrentReservesOneWins", testConcurrentReserves},
		{"RollbackUndoesReserve", testRollback},
		{"CancelledContext", testCancelled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore(t)) })
	}
}

var (
	ctx  = context.Background()
	base = time.Date(2026, 3, 1, 9, 0, 0, 123456000, time.UTC)
)

func rec(scope, key string) idempotency.Record {
	return idempotency.Record{Scope: scope, Key: key, RequestHash: idempotency.HashRequest("POST", "/v1/x", []byte(key)),
		CreatedAt: base, ExpiresAt: base.Add(24 * time.Hour)}
}

func mustReserve(t *testing.T, s idempotency.Store, r idempotency.Record) idempotency.Record {
	t.Helper()
	got, found, err := s.ReserveIdempotencyKey(ctx, r)
	if err != nil || found {
		t.Fatalf("reserve %s/%s: found=%v err=%v", r.Scope, r.Key, found, err)
	}
	return got
}

func check(t *testing.T, what string, got, want idempotency.Record) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

func testReserveNew(t *testing.T, s idempotency.Store) {
	want := rec("person:1", "k1")
	check(t, "reserve", mustReserve(t, s, want), want)
	got, err := s.GetIdempotencyKey(ctx, "person:1", "k1")
	if err != nil {
		t.Fatal(err)
	}
	check(t, "get", got, want)
	if got.Completed() {
		t.Fatal("a reserved record is not completed")
	}
}

func testReserveExisting(t *testing.T, s idempotency.Store) {
	first := mustReserve(t, s, rec("person:1", "k1"))
	second := rec("person:1", "k1")
	second.RequestHash = "other"
	second.CreatedAt = base.Add(time.Minute)
	got, found, err := s.ReserveIdempotencyKey(ctx, second)
	if err != nil || !found {
		t.Fatalf("second reserve: found=%v err=%v", found, err)
	}
	check(t, "second reserve returns the first", got, first)
	stored, _ := s.GetIdempotencyKey(ctx, "person:1", "k1")
	check(t, "nothing replaced", stored, first)
}

func testScopes(t *testing.T, s idempotency.Store) {
	mustReserve(t, s, rec("person:1", "k1"))
	mustReserve(t, s, rec("person:2", "k1"))
	mustReserve(t, s, rec("public:192.0.2.1", "k1"))
	if _, err := s.CompleteIdempotencyKey(ctx, "person:2", "k1", 201, nil, []byte("{}")); err != nil {
		t.Fatal(err)
	}
	got, _ := s.GetIdempotencyKey(ctx, "person:1", "k1")
	if got.Completed() {
		t.Fatal("completing another scope's key completed this one")
	}
}

func testComplete(t *testing.T, s idempotency.Store) {
	want := mustReserve(t, s, rec("person:1", "k1"))
	h := map[string]string{"Content-Type": "application/json", "ETag": `"1"`, "Location": "/v1/grievances/G-1"}
	got, err := s.CompleteIdempotencyKey(ctx, "person:1", "k1", 201, h, []byte(`{"id":"g1"}`))
	if err != nil {
		t.Fatal(err)
	}
	want.Status, want.Header, want.Body = 201, h, []byte(`{"id":"g1"}`)
	check(t, "complete", got, want)
	stored, _ := s.GetIdempotencyKey(ctx, "person:1", "k1")
	check(t, "get", stored, want)
	if again, found, err := s.ReserveIdempotencyKey(ctx, rec("person:1", "k1")); err != nil || !found {
		t.Fatalf("reserve after complete: %v %v", found, err)
	} else {
		check(t, "reserve after complete", again, want)
	}
}

func testNotFound(t *testing.T, s idempotency.Store) {
	if _, err := s.GetIdempotencyKey(ctx, "person:1", "nope"); !errors.Is(err, idempotency.ErrNotFound) {
		t.Fatalf("get unknown: %v", err)
	}
	if _, err := s.CompleteIdempotencyKey(ctx, "person:1", "nope", 200, nil, nil); !errors.Is(err, idempotency.ErrNotFound) {
		t.Fatalf("complete unknown: %v", err)
	}
}

func testExpiredReplaced(t *testing.T, s idempotency.Store) {
	old := rec("person:1", "k1")
	old.ExpiresAt = base.Add(time.Hour)
	mustReserve(t, s, old)
	if _, err := s.CompleteIdempotencyKey(ctx, "person:1", "k1", 201, nil, []byte("old")); err != nil {
		t.Fatal(err)
	}
	fresh := rec("person:1", "k1")
	fresh.RequestHash = "new"
	fresh.CreatedAt, fresh.ExpiresAt = base.Add(time.Hour), base.Add(25*time.Hour) // at the expiry instant: expired
	got, found, err := s.ReserveIdempotencyKey(ctx, fresh)
	if err != nil || found {
		t.Fatalf("reserve over an expired record: found=%v err=%v", found, err)
	}
	check(t, "replaced", got, fresh)
	stored, _ := s.GetIdempotencyKey(ctx, "person:1", "k1")
	check(t, "stored", stored, fresh)
}

func testPurge(t *testing.T, s idempotency.Store) {
	for i, d := range []time.Duration{-2 * time.Hour, -time.Hour, 0, time.Hour} {
		r := rec("person:1", fmt.Sprint("k", i))
		r.ExpiresAt = base.Add(d)
		r.CreatedAt = r.ExpiresAt.Add(-time.Hour)
		mustReserve(t, s, r)
	}
	n, err := s.PurgeIdempotencyKeys(ctx, base)
	if err != nil || n != 2 {
		t.Fatalf("purge: %d %v, want 2", n, err)
	}
	for i, kept := range []bool{false, false, true, true} {
		_, err := s.GetIdempotencyKey(ctx, "person:1", fmt.Sprint("k", i))
		if (err == nil) != kept {
			t.Fatalf("k%d: kept=%v, want %v (%v)", i, err == nil, kept, err)
		}
	}
}

func testCopies(t *testing.T, s idempotency.Store) {
	mustReserve(t, s, rec("person:1", "k1"))
	h := map[string]string{"ETag": `"1"`}
	body := []byte("abc")
	got, err := s.CompleteIdempotencyKey(ctx, "person:1", "k1", 200, h, body)
	if err != nil {
		t.Fatal(err)
	}
	h["ETag"], body[0] = "changed", 'X'
	got.Header["ETag"], got.Body[1] = "changed", 'Y'
	stored, _ := s.GetIdempotencyKey(ctx, "person:1", "k1")
	if stored.Header["ETag"] != `"1"` || string(stored.Body) != "abc" {
		t.Fatalf("the stored answer changed with the caller's values: %+v", stored)
	}
	stored.Header["ETag"], stored.Body[2] = "changed", 'Z'
	again, _ := s.GetIdempotencyKey(ctx, "person:1", "k1")
	if again.Header["ETag"] != `"1"` || string(again.Body) != "abc" {
		t.Fatalf("the stored answer changed with a returned value: %+v", again)
	}
}

func testBodyBytes(t *testing.T, s idempotency.Store) {
	mustReserve(t, s, rec("person:1", "k1"))
	body := append([]byte(`{"subject":"تظلم من قرار النقل"}`), 0, 0xff, '\n')
	if _, err := s.CompleteIdempotencyKey(ctx, "person:1", "k1", 422, map[string]string{"Content-Language": "ar"}, body); err != nil {
		t.Fatal(err)
	}
	got, _ := s.GetIdempotencyKey(ctx, "person:1", "k1")
	if string(got.Body) != string(body) || got.Status != 422 || got.Header["Content-Language"] != "ar" {
		t.Fatalf("body not kept byte for byte: %q", got.Body)
	}
}

func testConcurrentReserves(t *testing.T, s idempotency.Store) {
	const n = 8
	var won atomic.Int32
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rec("person:1", "k1")
			r.RequestHash = fmt.Sprint("h", i)
			_, found, err := s.ReserveIdempotencyKey(ctx, r)
			if err != nil {
				errs <- err
				return
			}
			if !found {
				won.Add(1)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if won.Load() != 1 {
		t.Fatalf("%d reserves won, want exactly 1", won.Load())
	}
}

func testRollback(t *testing.T, s idempotency.Store) {
	tx, ok := s.(txn.Transactor)
	if !ok {
		t.Skip("the store is not a txn.Transactor")
	}
	boom := errors.New("the call failed")
	err := tx.InTx(ctx, func(ctx context.Context) error {
		if _, _, err := s.ReserveIdempotencyKey(ctx, rec("person:1", "k1")); err != nil {
			return err
		}
		if _, err := s.CompleteIdempotencyKey(ctx, "person:1", "k1", 201, nil, []byte("x")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if _, err := s.GetIdempotencyKey(ctx, "person:1", "k1"); !errors.Is(err, idempotency.ErrNotFound) {
		t.Fatalf("a rolled-back reservation is still there: %v", err)
	}
	mustReserve(t, s, rec("person:1", "k1"))
}

func testCancelled(t *testing.T, s idempotency.Store) {
	mustReserve(t, s, rec("person:1", "k1"))
	done, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := s.ReserveIdempotencyKey(done, rec("person:1", "k2")); err == nil {
		t.Fatal("reserve with a cancelled context")
	}
	if _, err := s.CompleteIdempotencyKey(done, "person:1", "k1", 200, nil, nil); err == nil {
		t.Fatal("complete with a cancelled context")
	}
	if _, err := s.GetIdempotencyKey(done, "person:1", "k1"); err == nil {
		t.Fatal("get with a cancelled context")
	}
	if _, err := s.PurgeIdempotencyKeys(done, base.Add(48*time.Hour)); err == nil {
		t.Fatal("purge with a cancelled context")
	}
	got, err := s.GetIdempotencyKey(ctx, "person:1", "k1")
	if err != nil || got.Completed() {
		t.Fatalf("changed by cancelled calls: %+v %v", got, err)
	}
	if _, err := s.GetIdempotencyKey(ctx, "person:1", "k2"); !errors.Is(err, idempotency.ErrNotFound) {
		t.Fatalf("reserved by a cancelled call: %v", err)
	}
}
