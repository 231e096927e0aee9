package identitytest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/masarhr/masar-go/identity"
)

// testCancelledContext checks that every method fails with a cancelled
// context and that the failed calls changed nothing.
func testCancelledContext(t *testing.T, s identity.Store) {
	r := mustCreateRegistration(t, s, reg("r1"))
	mustCreateSignIn(t, s, signIn("t1", base))
	mustCreateSession(t, s, session("s1", "t1", base))
	owner := gen.Citizen()
	c := mustCreateConsent(t, s, consent("c1", owner, "moh", base))
	done, cancel := context.WithCancel(ctx)
	cancel()
	cancelledRegistrationCalls(t, s, done, r)
	cancelledSignInCalls(t, s, done)
	cancelledConsentCalls(t, s, done, c)
	unchangedAfterCancel(t, s)
}

// failed fails the test if err is nil: what was called with a cancelled context.
func failed(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		t.Errorf("%s with a cancelled context succeeded", what)
	}
}

func cancelledRegistrationCalls(t *testing.T, s identity.Store, done context.Context, r identity.Registration) {
	t.Helper()
	_, err := s.CreateRegistration(done, reg("r2"))
	failed(t, "CreateRegistration", err)
	_, err = s.GetRegistration(done, "r1")
	failed(t, "GetRegistration", err)
	_, err = s.GetRegistrationByNationalID(done, r.NationalID)
	failed(t, "GetRegistrationByNationalID", err)
	_, err = s.GetRegistrationByEmailToken(done, r.EmailTokenHash)
	failed(t, "GetRegistrationByEmailToken", err)
	r.Status = identity.RegistrationActive
	_, err = s.UpdateRegistration(done, r)
	failed(t, "UpdateRegistration", err)
	failed(t, "DeleteRegistration", s.DeleteRegistration(done, "r1", r.Version))
}

func cancelledSignInCalls(t *testing.T, s identity.Store, done context.Context) {
	t.Helper()
	_, err := s.CreateSignIn(done, signIn("t2", base))
	failed(t, "CreateSignIn", err)
	_, err = s.GetSignIn(done, "t1")
	failed(t, "GetSignIn", err)
	_, err = s.ConsumeSignIn(done, "t1", base)
	failed(t, "ConsumeSignIn", err)
	_, err = s.PurgeSignIns(done, base.Add(time.Hour))
	failed(t, "PurgeSignIns", err)
	_, err = s.CreateSession(done, session("s2", "t2", base))
	failed(t, "CreateSession", err)
	_, err = s.GetSession(done, "s1")
	failed(t, "GetSession", err)
	_, err = s.GetSessionByTransID(done, "t1")
	failed(t, "GetSessionByTransID", err)
	_, err = s.UpdateSession(done, session("s1", "t1", base))
	failed(t, "UpdateSession", err)
	_, err = s.PurgeSessions(done, base.Add(time.Hour))
	failed(t, "PurgeSessions", err)
}

func cancelledConsentCalls(t *testing.T, s identity.Store, done context.Context, c identity.Consent) {
	t.Helper()
	_, err := s.CreateConsent(done, consent("c2", c.Owner, "moh", base))
	failed(t, "CreateConsent", err)
	_, err = s.GetConsent(done, "c1")
	failed(t, "GetConsent", err)
	c.RevokedAt = base
	_, err = s.UpdateConsent(done, c)
	failed(t, "UpdateConsent", err)
	_, err = s.ListConsents(done, identity.ConsentFilter{})
	failed(t, "ListConsents", err)
}

// unchangedAfterCancel checks the state testCancelledContext set up is intact.
func unchangedAfterCancel(t *testing.T, s identity.Store) {
	t.Helper()
	if got, err := s.GetRegistration(ctx, "r1"); err != nil || got.Status != identity.RegistrationPending || got.Version != 1 {
		t.Errorf("registration changed: %+v %v", got, err)
	}
	if _, err := s.GetRegistration(ctx, "r2"); !errors.Is(err, identity.ErrNotFound) {
		t.Errorf("registration created: %v", err)
	}
	if got, err := s.GetSignIn(ctx, "t1"); err != nil || !got.ConsumedAt.IsZero() {
		t.Errorf("sign-in changed: %+v %v", got, err)
	}
	if _, err := s.GetSignIn(ctx, "t2"); !errors.Is(err, identity.ErrNotFound) {
		t.Errorf("sign-in created: %v", err)
	}
	if got, err := s.GetSession(ctx, "s1"); err != nil || got.Version != 1 {
		t.Errorf("session changed: %+v %v", got, err)
	}
	if _, err := s.GetSession(ctx, "s2"); !errors.Is(err, identity.ErrNotFound) {
		t.Errorf("session created: %v", err)
	}
	if got, err := s.GetConsent(ctx, "c1"); err != nil || !got.RevokedAt.IsZero() || got.Version != 1 {
		t.Errorf("consent changed: %+v %v", got, err)
	}
	if _, err := s.GetConsent(ctx, "c2"); !errors.Is(err, identity.ErrNotFound) {
		t.Errorf("consent created: %v", err)
	}
}
