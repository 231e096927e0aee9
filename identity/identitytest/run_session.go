package identitytest

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/masarhr/masar-go/identity"
)

// session returns a pending session of the sign-in trans, expiring at expires.
func session(id, trans string, expires time.Time) identity.SessionRecord {
	return identity.SessionRecord{ID: id, TransID: trans, NationalID: gen.Citizen(), SecretHash: hash(byte(len(id) + len(trans))),
		CreatedAt: base.Add(-time.Minute), ExpiresAt: expires}
}

func checkSession(t *testing.T, what string, got, want identity.SessionRecord) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

func mustCreateSession(t *testing.T, s identity.Store, r identity.SessionRecord) identity.SessionRecord {
	t.Helper()
	out, err := s.CreateSession(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func testSessionCreateGetUpdate(t *testing.T, s identity.Store) {
	want := session("s1", "t1", base.Add(time.Minute))
	want.Version = 7 // ignored: a new session has Version 1
	created := mustCreateSession(t, s, want)
	want.Version = 1
	checkSession(t, "create", created, want)
	_, err := s.CreateSession(ctx, session("s1", "t2", base))
	wantConflict(t, "duplicate ID", err)
	_, err = s.CreateSession(ctx, session("s2", "t1", base))
	wantConflict(t, "second session of one sign-in", err)

	got, err := s.GetSession(ctx, "s1")
	if err != nil {
		t.Fatal(err)
	}
	checkSession(t, "get", got, want)
	got, err = s.GetSessionByTransID(ctx, "t1")
	if err != nil {
		t.Fatal(err)
	}
	checkSession(t, "get by sign-in", got, want)

	act := got
	act.Claims = identity.Claims{NationalID: want.NationalID, TransID: "t1", FirstNameAR: "نورة", FamilyNameAR: "العتيبي", FirstNameEN: "Noura"}
	act.ActivatedAt, act.ExpiresAt = base, base.Add(8*time.Hour)
	act.SecretHash, act.TransID = hash(9), "other" // never change
	updated, err := s.UpdateSession(ctx, act)
	if err != nil {
		t.Fatal(err)
	}
	want.Claims, want.ActivatedAt, want.ExpiresAt, want.Version = act.Claims, act.ActivatedAt, act.ExpiresAt, 2
	checkSession(t, "activate", updated, want)
	_, err = s.UpdateSession(ctx, act) // act still has Version 1
	wantConflict(t, "stale version", err)
	revoke := updated
	revoke.RevokedAt = base.Add(time.Hour)
	if updated, err = s.UpdateSession(ctx, revoke); err != nil {
		t.Fatal(err)
	}
	want.RevokedAt, want.Version = revoke.RevokedAt, 3
	checkSession(t, "revoke", updated, want)
	got, _ = s.GetSession(ctx, "s1")
	checkSession(t, "get after revoke", got, want)

	_, err = s.GetSession(ctx, "nope")
	wantNotFound(t, "get unknown", err)
	_, err = s.GetSessionByTransID(ctx, "nope")
	wantNotFound(t, "get unknown sign-in", err)
	_, err = s.UpdateSession(ctx, session("nope", "t9", base))
	wantNotFound(t, "update unknown", err)
}

func testSessionCopies(t *testing.T, s identity.Store) {
	in := session("s1", "t1", base)
	created := mustCreateSession(t, s, in)
	in.SecretHash[0] ^= 0xff
	created.SecretHash[1] ^= 0xff
	got, _ := s.GetSession(ctx, "s1")
	if !reflect.DeepEqual(got.SecretHash, hash(byte(4))) {
		t.Fatalf("the stored hash changed with the caller's slices: %x", got.SecretHash)
	}
	got.SecretHash[2] ^= 0xff
	again, _ := s.GetSession(ctx, "s1")
	if !reflect.DeepEqual(again.SecretHash, hash(byte(4))) {
		t.Fatalf("the stored hash changed with a returned slice: %x", again.SecretHash)
	}
}

func testSessionConcurrentCompareAndSwap(t *testing.T, s identity.Store) {
	r := mustCreateSession(t, s, session("s1", "t1", base.Add(time.Hour)))
	exactlyOne(t, "updates", 8, func(i int) error {
		u := r
		u.RevokedAt = base.Add(time.Duration(i) * time.Second)
		_, err := s.UpdateSession(ctx, u)
		return err
	})
}

func testSessionPurge(t *testing.T, s identity.Store) {
	for i, d := range []time.Duration{-2 * time.Hour, -time.Hour, 0, time.Hour} {
		mustCreateSession(t, s, session(fmt.Sprint("s", i), fmt.Sprint("t", i), base.Add(d)))
	}
	n, err := s.PurgeSessions(ctx, base)
	if err != nil || n != 2 {
		t.Fatalf("purge: %d %v, want 2", n, err)
	}
	for i, want := range []bool{false, false, true, true} {
		_, err := s.GetSession(ctx, fmt.Sprint("s", i))
		if (err == nil) != want {
			t.Fatalf("session s%d: kept=%v, want %v", i, err == nil, want)
		}
	}
	if _, err := s.CreateSession(ctx, session("s9", "t0", base)); err != nil {
		t.Fatalf("a purged session's sign-in is free again: %v", err)
	}
}
