package audittest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/masarhr/masar-go/audit"
)

// Run runs the conformance suite of audit.Store: one subtest per behaviour,
// each on a fresh store from newStore. newStore must return an empty store
// each time and register any cleanup with t.Cleanup. Every adapter's tests
// call it.
func Run(t *testing.T, newStore func(t *testing.T) audit.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s audit.Store)
	}{
		{"AppendAndList", testAppendAndList},
		{"DuplicateIDConflicts", testDuplicateID},
		{"FiltersAndOrder", testFiltersAndOrder},
		{"SameInstantOrdersByID", testSameInstant},
		{"UnknownCursorNotFound", testUnknownCursor},
		{"InvalidFilter", testInvalidFilter},
		{"LimitCapped", testLimitCapped},
		{"ReturnsCopies", testReturnsCopies},
		{"ConcurrentAppends", testConcurrentAppends},
		{"CancelledContext", testCancelledContext},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore(t)) })
	}
}

var (
	ctx  = context.Background()
	key  = []byte("audittest-key")
	base = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
)

const alice, bob, staff = "1000000008", "1010101010", "2000000006"

// entry returns the i-th test entry, i minutes after base.
func entry(i int, subject, actor string, agency, action string) audit.Entry {
	return audit.Entry{
		ID: fmt.Sprintf("e%04d", i), At: base.Add(time.Duration(i) * time.Minute),
		Actor: audit.NewRef(key, actor), ActorMasked: actor[:1] + "*******" + actor[8:], ActorRoles: []string{"hr_specialist"},
		ActorAgency: agency, Action: action, Subject: audit.NewRef(key, subject), SubjectMasked: subject[:1] + "*******" + subject[8:],
		Agency: agency, Resource: "res-" + fmt.Sprint(i), Outcome: audit.Succeeded,
		Changes: []audit.Change{{Field: "name.ar", Old: "محمد", New: "محمّد"}},
	}
}

func appendAll(t *testing.T, s audit.Store, es ...audit.Entry) {
	t.Helper()
	for _, e := range es {
		if err := s.AppendAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
}

// ids lists the IDs of the entries s returns for f.
func ids(t *testing.T, s audit.Store, f audit.Filter) []string {
	t.Helper()
	es, err := s.ListAudit(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

func testAppendAndList(t *testing.T, s audit.Store) {
	want := entry(1, alice, staff, "moh", "records.view_file")
	appendAll(t, s, want)
	got, err := s.ListAudit(ctx, audit.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !equal(got[0], want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}

func testDuplicateID(t *testing.T, s audit.Store) {
	e := entry(1, alice, staff, "moh", "a")
	appendAll(t, s, e)
	e.Action = "b"
	if err := s.AppendAudit(ctx, e); !errors.Is(err, audit.ErrConflict) {
		t.Fatalf("duplicate: got %v, want ErrConflict", err)
	}
	got, _ := s.ListAudit(ctx, audit.Filter{})
	if len(got) != 1 || got[0].Action != "a" {
		t.Fatalf("the duplicate changed the trail: %+v", got)
	}
}

func testFiltersAndOrder(t *testing.T, s audit.Store) {
	// Append out of order; the trail sorts by At then ID.
	for _, i := range []int{5, 2, 9, 1, 7, 3, 8, 4, 6} {
		subj, agency, action := alice, "moh", "records.view_file"
		if i%2 == 0 {
			subj, agency, action = bob, "moe", "grievance.file"
		}
		appendAll(t, s, entry(i, subj, staff, agency, action))
	}
	check := func(name string, f audit.Filter, want ...string) {
		t.Helper()
		if got := ids(t, s, f); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: got %v, want %v", name, got, want)
		}
	}
	check("all", audit.Filter{}, "e0001", "e0002", "e0003", "e0004", "e0005", "e0006", "e0007", "e0008", "e0009")
	check("subject", audit.Filter{Subject: audit.NewRef(key, bob)}, "e0002", "e0004", "e0006", "e0008")
	check("actor", audit.Filter{Actor: audit.NewRef(key, staff), Limit: 2}, "e0001", "e0002")
	check("agency", audit.Filter{Agency: "moh"}, "e0001", "e0003", "e0005", "e0007", "e0009")
	check("action", audit.Filter{Action: "grievance.file"}, "e0002", "e0004", "e0006", "e0008")
	check("period", audit.Filter{From: base.Add(3 * time.Minute), To: base.Add(6 * time.Minute)}, "e0003", "e0004", "e0005")
	check("page", audit.Filter{After: "e0007"}, "e0008", "e0009")
	check("page of a filter", audit.Filter{Agency: "moe", After: "e0003", Limit: 2}, "e0004", "e0006")
	check("none", audit.Filter{Subject: audit.NewRef(key, "3000000004")})
}

func testSameInstant(t *testing.T, s audit.Store) {
	for _, id := range []string{"c", "a", "b"} {
		e := entry(0, alice, staff, "moh", "x")
		e.ID = id
		appendAll(t, s, e)
	}
	es, err := s.ListAudit(ctx, audit.Filter{After: "a"})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 || es[0].ID != "b" || es[1].ID != "c" {
		t.Fatalf("got %+v", es)
	}
}

func testUnknownCursor(t *testing.T, s audit.Store) {
	appendAll(t, s, entry(1, alice, staff, "moh", "x"))
	if _, err := s.ListAudit(ctx, audit.Filter{After: "nope"}); !errors.Is(err, audit.ErrNotFound) {
		t.Fatalf("unknown cursor: got %v, want ErrNotFound", err)
	}
}

func testInvalidFilter(t *testing.T, s audit.Store) {
	for _, f := range []audit.Filter{{Limit: -1}, {From: base, To: base.Add(-time.Second)}} {
		if _, err := s.ListAudit(ctx, f); !errors.Is(err, audit.ErrInvalidFilter) {
			t.Errorf("%+v: got %v, want ErrInvalidFilter", f, err)
		}
	}
}

func testLimitCapped(t *testing.T, s audit.Store) {
	for i := 0; i < audit.DefaultLimit+5; i++ {
		appendAll(t, s, entry(i, alice, staff, "moh", "x"))
	}
	es, _ := s.ListAudit(ctx, audit.Filter{})
	if len(es) != audit.DefaultLimit {
		t.Fatalf("default page: %d entries, want %d", len(es), audit.DefaultLimit)
	}
}

func testReturnsCopies(t *testing.T, s audit.Store) {
	e := entry(1, alice, staff, "moh", "x")
	appendAll(t, s, e)
	e.Changes[0].New = "tampered"
	e.ActorRoles[0] = "tampered"
	got, _ := s.ListAudit(ctx, audit.Filter{})
	got[0].Changes[0].Old = "tampered"
	again, _ := s.ListAudit(ctx, audit.Filter{})
	if again[0].Changes[0].New == "tampered" || again[0].Changes[0].Old == "tampered" || again[0].ActorRoles[0] == "tampered" {
		t.Fatal("the store shares memory with its callers")
	}
}

func testConcurrentAppends(t *testing.T, s audit.Store) {
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := 0; i < 64; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			errs <- s.AppendAudit(ctx, entry(i, alice, staff, "moh", "x"))
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	es, _ := s.ListAudit(ctx, audit.Filter{Limit: 100})
	if len(es) != 64 {
		t.Fatalf("%d entries, want 64", len(es))
	}
}

func testCancelledContext(t *testing.T, s audit.Store) {
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.AppendAudit(cctx, entry(1, alice, staff, "moh", "x")); err == nil {
		t.Fatal("append with a cancelled context succeeded")
	}
	es, _ := s.ListAudit(ctx, audit.Filter{})
	if len(es) != 0 {
		t.Fatal("a cancelled append was stored")
	}
}

func equal(a, b audit.Entry) bool {
	return a.ID == b.ID && a.At.Equal(b.At) && a.Actor == b.Actor && a.ActorMasked == b.ActorMasked &&
		fmt.Sprint(a.ActorRoles) == fmt.Sprint(b.ActorRoles) && a.ActorAgency == b.ActorAgency &&
		a.Action == b.Action && a.Subject == b.Subject && a.SubjectMasked == b.SubjectMasked &&
		a.Agency == b.Agency && a.Resource == b.Resource && a.Outcome == b.Outcome && a.Code == b.Code &&
		fmt.Sprint(a.Changes) == fmt.Sprint(b.Changes)
}
