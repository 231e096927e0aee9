package identitytest

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
)

// Run runs the conformance suite of identity.Store: one subtest per
// behaviour, each on a fresh store from newStore, negative cases included
// (not found, duplicates, stale versions, unknown cursors, concurrent
// writers, returned values are copies, a cancelled context). newStore must
// return an empty store each time and register any cleanup with t.Cleanup.
// Every adapter's tests call it.
func Run(t *testing.T, newStore func(t *testing.T) identity.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s identity.Store)
	}{
		{"RegistrationCreateAndGet", testRegistrationCreateAndGet},
		{"RegistrationZeroFieldsRoundTrip", testRegistrationZeroFields},
		{"RegistrationDuplicates", testRegistrationDuplicates},
		{"RegistrationNotFound", testRegistrationNotFound},
		{"RegistrationUpdateCompareAndSwap", testRegistrationUpdate},
		{"RegistrationEmailTokenIndexFollowsUpdates", testRegistrationEmailTokenIndex},
		{"RegistrationDelete", testRegistrationDelete},
		{"RegistrationReturnsCopies", testRegistrationCopies},
		{"RegistrationConcurrentCreateSameNationalID", testRegistrationConcurrentCreate},
		{"RegistrationConcurrentCompareAndSwap", testRegistrationConcurrentCAS},
		{"RegistrationAttemptsOfOnePerson", testRegistrationAttempts},
		{"RegistrationOneActivePerPerson", testRegistrationOneActive},
		{"RegistrationConcurrentActivation", testRegistrationConcurrentActivation},
		{"SignInCreateGetConsume", testSignInCreateGetConsume},
		{"SignInConcurrentConsume", testSignInConcurrentConsume},
		{"SignInPurge", testSignInPurge},
		{"SessionCreateGetUpdate", testSessionCreateGetUpdate},
		{"SessionReturnsCopies", testSessionCopies},
		{"SessionConcurrentCompareAndSwap", testSessionConcurrentCompareAndSwap},
		{"SessionPurge", testSessionPurge},
		{"ConsentCreateGetUpdate", testConsentCreateGetUpdate},
		{"ConsentReturnsCopies", testConsentCopies},
		{"ConsentListFiltersAndOrder", testConsentList},
		{"ConsentListUnknownCursor", testConsentUnknownCursor},
		{"ConsentConcurrentCompareAndSwap", testConsentConcurrentCAS},
		{"CancelledContext", testCancelledContext},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore(t)) })
	}
}

var (
	ctx  = context.Background()
	base = time.Date(2026, 3, 1, 9, 0, 0, 123456000, time.UTC)
	// gen makes the suite's identity numbers (it is safe for concurrent use).
	gen = NewGenerator(8)
)

// hash returns a 32-byte test hash filled with b.
func hash(b byte) []byte { return bytes.Repeat([]byte{b}, 32) }

// reg returns a pending registration with every field set.
func reg(id string) identity.Registration {
	return identity.Registration{
		ID: id, NationalID: gen.Citizen(), Attempt: 1, BirthDate: hijri.MustNew(1410, 9, 29),
		Mobile: identity.MustParseMobile("0551234567"), Email: identity.MustParseEmail("noura@example.sa"),
		Status: identity.RegistrationPending,
		OTP: identity.OTP{Hash: hash(1), SentAt: base, ExpiresAt: base.Add(5 * time.Minute), Attempts: 2, Sends: 1,
			LockedUntil: base.Add(time.Hour)},
		EmailTokenHash: hash(byte(len(id))), EmailTokenExpiresAt: base.Add(24 * time.Hour),
		CreatedAt: base, UpdatedAt: base.Add(time.Second),
	}
}

// signIn returns a pending sign-in that expires at expires.
func signIn(trans string, expires time.Time) identity.SignIn {
	return identity.SignIn{TransID: trans, RequestID: "req-" + trans, NationalID: gen.Citizen(), Number: "42",
		StartedAt: expires.Add(-200 * time.Second), ExpiresAt: expires}
}

// consent returns owner's consent to grantee, created (and in force) at created.
func consent(id string, owner identity.NationalID, grantee string, created time.Time) identity.Consent {
	return identity.Consent{ID: id, Owner: owner, Grantee: grantee,
		Parts:   []identity.Part{identity.PartPersonal, identity.PartJob},
		Purpose: "التحقق من الخبرة لغرض التعيين", From: created, Until: created.Add(30 * 24 * time.Hour),
		CreatedAt: created}
}

func mustCreateRegistration(t *testing.T, s identity.Store, r identity.Registration) identity.Registration {
	t.Helper()
	out, err := s.CreateRegistration(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mustCreateSignIn(t *testing.T, s identity.Store, si identity.SignIn) {
	t.Helper()
	if _, err := s.CreateSignIn(ctx, si); err != nil {
		t.Fatal(err)
	}
}

func mustCreateConsent(t *testing.T, s identity.Store, c identity.Consent) identity.Consent {
	t.Helper()
	out, err := s.CreateConsent(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// wantNotFound fails the test unless err matches identity.ErrNotFound.
func wantNotFound(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, identity.ErrNotFound) {
		t.Errorf("%s: got %v, want ErrNotFound", what, err)
	}
}

// wantConflict fails the test unless err matches identity.ErrConflict.
func wantConflict(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, identity.ErrConflict) {
		t.Errorf("%s: got %v, want ErrConflict", what, err)
	}
}

// normTime makes instants comparable across adapters: UTC, zero stays zero.
func normTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC()
}

func normBytes(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return b
}

func normReg(r identity.Registration) identity.Registration {
	r.MobileConfirmedAt = normTime(r.MobileConfirmedAt)
	r.EmailConfirmedAt = normTime(r.EmailConfirmedAt)
	r.ActivatedAt = normTime(r.ActivatedAt)
	r.OTP.Hash = normBytes(r.OTP.Hash)
	r.OTP.SentAt = normTime(r.OTP.SentAt)
	r.OTP.ExpiresAt = normTime(r.OTP.ExpiresAt)
	r.OTP.LockedUntil = normTime(r.OTP.LockedUntil)
	r.EmailTokenHash = normBytes(r.EmailTokenHash)
	r.EmailTokenExpiresAt = normTime(r.EmailTokenExpiresAt)
	r.CreatedAt = normTime(r.CreatedAt)
	r.UpdatedAt = normTime(r.UpdatedAt)
	return r
}

func checkReg(t *testing.T, what string, got, want identity.Registration) {
	t.Helper()
	if g, w := normReg(got), normReg(want); !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, g, w)
	}
}

func checkSignIn(t *testing.T, what string, got, want identity.SignIn) {
	t.Helper()
	norm := func(s identity.SignIn) identity.SignIn {
		s.StartedAt, s.ExpiresAt, s.ConsumedAt = normTime(s.StartedAt), normTime(s.ExpiresAt), normTime(s.ConsumedAt)
		return s
	}
	if g, w := norm(got), norm(want); g != w {
		t.Errorf("%s:\n got %+v\nwant %+v", what, g, w)
	}
}

func checkConsent(t *testing.T, what string, got, want identity.Consent) {
	t.Helper()
	norm := func(c identity.Consent) identity.Consent {
		c.From, c.Until, c.CreatedAt, c.RevokedAt = normTime(c.From), normTime(c.Until), normTime(c.CreatedAt), normTime(c.RevokedAt)
		if len(c.Parts) == 0 {
			c.Parts = nil
		}
		return c
	}
	if g, w := norm(got), norm(want); !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, g, w)
	}
}

// exactlyOne runs op n times at once and checks that exactly one call
// succeeds and every other fails with identity.ErrConflict: what names the
// calls in the failure message.
func exactlyOne(t *testing.T, what string, n int, op func(i int) error) {
	t.Helper()
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = op(i)
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, identity.ErrConflict):
			t.Errorf("got %v, want nil or ErrConflict", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d %s succeeded, want exactly 1", ok, what)
	}
}
