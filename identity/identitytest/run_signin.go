package identitytest

import (
	"fmt"
	"testing"
	"time"

	"github.com/masarhr/masar-go/identity"
)

func testSignInCreateGetConsume(t *testing.T, s identity.Store) {
	want := signIn("t1", base)
	created, err := s.CreateSignIn(ctx, want)
	if err != nil {
		t.Fatal(err)
	}
	checkSignIn(t, "create", created, want)
	_, err = s.CreateSignIn(ctx, signIn("t1", base.Add(time.Hour)))
	wantConflict(t, "duplicate", err)
	got, err := s.GetSignIn(ctx, "t1")
	if err != nil {
		t.Fatal(err)
	}
	checkSignIn(t, "get", got, want)
	at := base.Add(-time.Minute)
	consumed, err := s.ConsumeSignIn(ctx, "t1", at)
	if err != nil {
		t.Fatal(err)
	}
	want.ConsumedAt = at
	checkSignIn(t, "consume", consumed, want)
	_, err = s.ConsumeSignIn(ctx, "t1", at.Add(time.Second))
	wantConflict(t, "second consume", err)
	got, _ = s.GetSignIn(ctx, "t1")
	checkSignIn(t, "after second consume", got, want)
	_, err = s.GetSignIn(ctx, "nope")
	wantNotFound(t, "get unknown", err)
	_, err = s.ConsumeSignIn(ctx, "nope", at)
	wantNotFound(t, "consume unknown", err)
}

func testSignInConcurrentConsume(t *testing.T, s identity.Store) {
	mustCreateSignIn(t, s, signIn("t1", base))
	const n = 8
	exactlyOne(t, "consumes", n, func(i int) error {
		_, err := s.ConsumeSignIn(ctx, "t1", base.Add(time.Duration(i)*time.Second))
		return err
	})
}

func testSignInPurge(t *testing.T, s identity.Store) {
	for i, d := range []time.Duration{-2 * time.Hour, -time.Hour, 0, time.Hour} {
		mustCreateSignIn(t, s, signIn(fmt.Sprint("t", i), base.Add(d)))
	}
	if _, err := s.ConsumeSignIn(ctx, "t0", base.Add(-3*time.Hour)); err != nil {
		t.Fatal(err)
	}
	n, err := s.PurgeSignIns(ctx, base)
	if err != nil || n != 2 {
		t.Fatalf("purge: %d %v, want 2", n, err)
	}
	for i, want := range []bool{false, false, true, true} {
		_, err := s.GetSignIn(ctx, fmt.Sprint("t", i))
		if (err == nil) != want {
			t.Errorf("t%d: %v, want kept=%v", i, err, want)
		}
	}
	if n, err := s.PurgeSignIns(ctx, base); err != nil || n != 0 {
		t.Errorf("second purge: %d %v", n, err)
	}
}
