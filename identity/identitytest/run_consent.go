package identitytest

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/masarhr/masar-go/identity"
)

func testConsentCreateGetUpdate(t *testing.T, s identity.Store) {
	owner1, owner2 := gen.Citizen(), gen.Citizen()
	want := consent("c1", owner1, "moh", base)
	want.Version = 9
	got, err := s.CreateConsent(ctx, want)
	if err != nil {
		t.Fatal(err)
	}
	want.Version = 1
	checkConsent(t, "create", got, want)
	_, err = s.CreateConsent(ctx, consent("c1", owner2, "moe", base))
	wantConflict(t, "duplicate", err)
	got, err = s.GetConsent(ctx, "c1")
	if err != nil {
		t.Fatal(err)
	}
	checkConsent(t, "get", got, want)
	next := got
	next.RevokedAt = base.Add(time.Hour)
	next.Parts = []identity.Part{identity.PartStatement}
	upd, err := s.UpdateConsent(ctx, next)
	if err != nil {
		t.Fatal(err)
	}
	next.Version = 2
	checkConsent(t, "update", upd, next)
	_, err = s.UpdateConsent(ctx, got)
	wantConflict(t, "stale update", err)
	again, _ := s.GetConsent(ctx, "c1")
	checkConsent(t, "after stale update", again, next)
	_, err = s.GetConsent(ctx, "nope")
	wantNotFound(t, "get unknown", err)
	_, err = s.UpdateConsent(ctx, identity.Consent{ID: "nope", Version: 1})
	wantNotFound(t, "update unknown", err)
}

func testConsentCopies(t *testing.T, s identity.Store) {
	in := consent("c1", gen.Citizen(), "moh", base)
	out := mustCreateConsent(t, s, in)
	in.Parts[0], out.Parts[1] = "tampered", "tampered"
	got, _ := s.GetConsent(ctx, "c1")
	got.Parts[0] = "tampered"
	list, _ := s.ListConsents(ctx, identity.ConsentFilter{})
	list[0].Parts[1] = "tampered"
	again, _ := s.GetConsent(ctx, "c1")
	if fmt.Sprint(again.Parts) != "[personal job]" {
		t.Errorf("stored parts share memory with the caller: %v", again.Parts)
	}
}

// consentIDs lists the IDs of the consents s lists for f.
func consentIDs(t *testing.T, s identity.Store, f identity.ConsentFilter) []string {
	t.Helper()
	got, err := s.ListConsents(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, c := range got {
		ids = append(ids, c.ID)
	}
	return ids
}

func testConsentList(t *testing.T, s identity.Store) {
	owner1, owner2 := gen.Citizen(), gen.Citizen()
	// Created out of order; c3 and c4 share an instant (ordered by ID).
	cs := []identity.Consent{
		consent("c5", owner2, "moh", base.Add(4*time.Hour)),
		consent("c2", owner1, "moe", base.Add(time.Hour)),
		consent("c4", owner1, "moh", base.Add(3*time.Hour)),
		consent("c1", owner1, "moh", base),
		consent("c3", owner2, "moh", base.Add(3*time.Hour)),
	}
	cs[1].RevokedAt = base.Add(10 * time.Hour)
	for _, c := range cs {
		mustCreateConsent(t, s, c)
	}
	list := func(name string, f identity.ConsentFilter, want ...string) {
		t.Helper()
		if ids := consentIDs(t, s, f); fmt.Sprint(ids) != fmt.Sprint(want) {
			t.Errorf("%s: got %v, want %v", name, ids, want)
		}
	}
	list("all", identity.ConsentFilter{}, "c1", "c2", "c3", "c4", "c5")
	list("owner", identity.ConsentFilter{Owner: owner1}, "c1", "c2", "c4")
	list("grantee", identity.ConsentFilter{Grantee: "moh"}, "c1", "c3", "c4", "c5")
	list("owner and grantee", identity.ConsentFilter{Owner: owner1, Grantee: "moh"}, "c1", "c4")
	list("live: From is inclusive", identity.ConsentFilter{LiveAt: base.Add(3 * time.Hour)}, "c1", "c2", "c3", "c4")
	list("live: revoked at the instant", identity.ConsentFilter{LiveAt: base.Add(10 * time.Hour)}, "c1", "c3", "c4", "c5")
	list("live: Until is exclusive", identity.ConsentFilter{LiveAt: base.Add(30 * 24 * time.Hour)}, "c3", "c4", "c5")
	list("live: none", identity.ConsentFilter{LiveAt: base.Add(-time.Second)})
	list("limit", identity.ConsentFilter{Limit: 2}, "c1", "c2")
	list("after", identity.ConsentFilter{After: "c3"}, "c4", "c5")
	list("after and limit", identity.ConsentFilter{Grantee: "moh", After: "c1", Limit: 1}, "c3")
	list("after a consent the filter excludes", identity.ConsentFilter{Owner: owner1, After: "c3"}, "c4")
	list("nobody", identity.ConsentFilter{Owner: gen.Citizen()})
	if _, err := s.ListConsents(ctx, identity.ConsentFilter{Limit: -1}); !errors.Is(err, identity.ErrInvalidConsentFilter) {
		t.Errorf("negative limit: got %v, want ErrInvalidConsentFilter", err)
	}
}

func testConsentUnknownCursor(t *testing.T, s identity.Store) {
	mustCreateConsent(t, s, consent("c1", gen.Citizen(), "moh", base))
	_, err := s.ListConsents(ctx, identity.ConsentFilter{After: "nope"})
	wantNotFound(t, "unknown cursor", err)
}

func testConsentConcurrentCAS(t *testing.T, s identity.Store) {
	c := mustCreateConsent(t, s, consent("c1", gen.Citizen(), "moh", base))
	const n = 8
	exactlyOne(t, "updates from one version", n, func(i int) error {
		next := c
		next.RevokedAt = base.Add(time.Duration(i+1) * time.Minute)
		_, err := s.UpdateConsent(ctx, next)
		return err
	})
}
