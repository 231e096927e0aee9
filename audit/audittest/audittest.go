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

// Run checks that the stores newStore returns satisfy the audit.Store
// contract. newStore must return an empty store each time and register any
// cleanup with t.Cleanup.
func Run(t *testing.T, newStore func(t *testing.T) audit.Store) {
	t.Helper()
	key := []byte("audittest-key")
	base := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	entry := func(i int, subject, actor string, agency, action string) audit.Entry {
		return audit.Entry{
			ID: fmt.Sprintf("e%04d", i), At: base.Add(time.Duration(i) * time.Minute),
			Actor: audit.NewRef(key, actor), ActorMasked: actor[:1] + "*******" + actor[8:], ActorRoles: []string{"hr_specialist"},
			ActorAgency: agency, Action: action, Subject: audit.NewRef(key, subject), SubjectMasked: subject[:1] + "*******" + subject[8:],
			Agency: agency, Resource: "res-" + fmt.Sprint(i), Outcome: audit.Succeeded,
			Changes: []audit.Change{{Field: "name.ar", Old: "محمد", New: "محمّد"}},
		}
	}
	ctx := context.Background()
	const alice, bob, staff = "1000000008", "1010101010", "2000000006"

	t.Run("AppendAndList", func(t *testing.T) {
		s := newStore(t)
		want := entry(1, alice, staff, "moh", "records.view_file")
		if err := s.AppendAudit(ctx, want); err != nil {
			t.Fatal(err)
		}
		got, err := s.ListAudit(ctx, audit.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || !equal(got[0], want) {
			t.Fatalf("got %+v, want %+v", got, want)
		}
	})
	t.Run("DuplicateIDConflicts", func(t *testing.T) {
		s := newStore(t)
		e := entry(1, alice, staff, "moh", "a")
		if err := s.AppendAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
		e.Action = "b"
		if err := s.AppendAudit(ctx, e); !errors.Is(err, audit.ErrConflict) {
			t.Fatalf("duplicate: got %v, want ErrConflict", err)
		}
		got, _ := s.ListAudit(ctx, audit.Filter{})
		if len(got) != 1 || got[0].Action != "a" {
			t.Fatalf("the duplicate changed the trail: %+v", got)
		}
	})
	t.Run("FiltersAndOrder", func(t *testing.T) {
		s := newStore(t)
		// Append out of order; the trail sorts by At then ID.
		for _, i := range []int{5, 2, 9, 1, 7, 3, 8, 4, 6} {
			subj, agency, action := alice, "moh", "records.view_file"
			if i%2 == 0 {
				subj, agency, action = bob, "moe", "grievance.file"
			}
			if err := s.AppendAudit(ctx, entry(i, subj, staff, agency, action)); err != nil {
				t.Fatal(err)
			}
		}
		ids := func(f audit.Filter) []string {
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
		check := func(name string, f audit.Filter, want ...string) {
			t.Helper()
			if got := ids(f); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s: got %v, want %v", name, got, want)
			}
		}
		check("all", audit.Filter{}, "e0001", "e0002", "e0003", "e0004", "e0005", "e0006", "e0007", "e0008", "e0009")
		check("subject", audit.Filter{Subject: audit.NewRef(key, bob)}, "e0002", "e0004", "e0006", "e0008")
		check("actor", audit.Filter{Actor: audit.NewRef(key, staff), Limit: 2}, "e0001", "e0002")
		check("agency", audit.Filter{Agency: "moh"}, "e0001", "e0003", "e0005", "e0007", "e0009")
		check("action", audit.Filter{Action: "grievance.file"}, "e0002", "e0004", "e0006", "e0008")
		check("period", audit.Filter{From: base.Add(3 * time.Minute), To: base.Add(6 * time.Minute)}, "e0003", "e0004", "e0005")
		check("page", audit.Filter{After: audit.Cursor{At: base.Add(7 * time.Minute), ID: "e0007"}}, "e0008", "e0009")
		check("none", audit.Filter{Subject: audit.NewRef(key, "3000000004")})
	})
	t.Run("SameInstantOrdersByID", func(t *testing.T) {
		s := newStore(t)
		for _, id := range []string{"c", "a", "b"} {
			e := entry(0, alice, staff, "moh", "x")
			e.ID = id
			if err := s.AppendAudit(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		es, err := s.ListAudit(ctx, audit.Filter{After: audit.Cursor{At: base, ID: "a"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 2 || es[0].ID != "b" || es[1].ID != "c" {
			t.Fatalf("got %+v", es)
		}
	})
	t.Run("InvalidFilter", func(t *testing.T) {
		s := newStore(t)
		for _, f := range []audit.Filter{{Limit: -1}, {From: base, To: base.Add(-time.Second)}} {
			if _, err := s.ListAudit(ctx, f); !errors.Is(err, audit.ErrInvalidFilter) {
				t.Errorf("%+v: got %v, want ErrInvalidFilter", f, err)
			}
		}
	})
	t.Run("LimitCapped", func(t *testing.T) {
		s := newStore(t)
		for i := 0; i < audit.DefaultLimit+5; i++ {
			if err := s.AppendAudit(ctx, entry(i, alice, staff, "moh", "x")); err != nil {
				t.Fatal(err)
			}
		}
		es, _ := s.ListAudit(ctx, audit.Filter{})
		if len(es) != audit.DefaultLimit {
			t.Fatalf("default page: %d entries, want %d", len(es), audit.DefaultLimit)
		}
	})
	t.Run("ReturnsCopies", func(t *testing.T) {
		s := newStore(t)
		e := entry(1, alice, staff, "moh", "x")
		if err := s.AppendAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
		e.Changes[0].New = "tampered"
		e.ActorRoles[0] = "tampered"
		got, _ := s.ListAudit(ctx, audit.Filter{})
		got[0].Changes[0].Old = "tampered"
		again, _ := s.ListAudit(ctx, audit.Filter{})
		if again[0].Changes[0].New == "tampered" || again[0].Changes[0].Old == "tampered" || again[0].ActorRoles[0] == "tampered" {
			t.Fatal("the store shares memory with its callers")
		}
	})
	t.Run("ConcurrentAppends", func(t *testing.T) {
		s := newStore(t)
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
	})
	t.Run("CancelledContext", func(t *testing.T) {
		s := newStore(t)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if err := s.AppendAudit(cctx, entry(1, alice, staff, "moh", "x")); err == nil {
			t.Fatal("append with a cancelled context succeeded")
		}
		es, _ := s.ListAudit(ctx, audit.Filter{})
		if len(es) != 0 {
			t.Fatal("a cancelled append was stored")
		}
	})
}

func equal(a, b audit.Entry) bool {
	return a.ID == b.ID && a.At.Equal(b.At) && a.Actor == b.Actor && a.ActorMasked == b.ActorMasked &&
		fmt.Sprint(a.ActorRoles) == fmt.Sprint(b.ActorRoles) && a.ActorAgency == b.ActorAgency &&
		a.Action == b.Action && a.Subject == b.Subject && a.SubjectMasked == b.SubjectMasked &&
		a.Agency == b.Agency && a.Resource == b.Resource && a.Outcome == b.Outcome && a.Code == b.Code &&
		fmt.Sprint(a.Changes) == fmt.Sprint(b.Changes)
}
