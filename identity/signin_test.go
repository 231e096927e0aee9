package identity_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

func TestSignInHappyPath(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	r := e.register(t)

	ch, err := e.svc.StartSignIn(ctx, r.NationalID)
	require.NoError(t, err)
	assert.Len(t, ch.Number, 2)
	assert.Equal(t, r.NationalID, ch.NationalID)
	st, err := e.svc.SignInStatus(ctx, ch.TransID)
	require.NoError(t, err)
	assert.Equal(t, identity.SignInWaiting, st)

	e.clock.Advance(10 * time.Second)
	cb, err := e.auth.Approve(ch.TransID)
	require.NoError(t, err)
	st, err = e.svc.SignInStatus(ctx, ch.TransID)
	require.NoError(t, err)
	assert.Equal(t, identity.SignInCompleted, st)

	sess, err := e.svc.CompleteSignIn(ctx, cb)
	require.NoError(t, err)
	assert.Equal(t, r.NationalID, sess.NationalID)
	assert.Equal(t, r.NationalID, sess.Claims.NationalID)
	assert.NotEmpty(t, sess.Claims.FirstNameAR)
	assert.Equal(t, e.clock.Now(), sess.IssuedAt)

	// Replay: the same callback is refused.
	_, err = e.svc.CompleteSignIn(ctx, cb)
	assertReason(t, err, identity.ErrSignInReplayed, "signin.replayed")
	assert.Equal(t, fault.Unauthenticated, fault.CodeOf(err))
	assert.ErrorIs(t, err, identity.ErrInvalidToken)
}

func TestSignInRequiresActiveRegistration(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	_, err := e.svc.StartSignIn(ctx, e.gen.Citizen())
	assertReason(t, err, identity.ErrNotRegistered, "signin.not_registered")

	r, _ := e.started(t) // pending
	_, err = e.svc.StartSignIn(ctx, r.NationalID)
	assert.ErrorIs(t, err, identity.ErrNotRegistered)

	_, err = e.svc.StartSignIn(ctx, identity.NationalID{})
	assert.ErrorIs(t, err, identity.ErrInvalidNationalID)

	open := newSvcEnv(t, func(o *identity.Options) { o.SignInWithoutRegistration = true })
	_, err = open.svc.StartSignIn(ctx, open.gen.Citizen())
	assert.NoError(t, err)
}

func TestSignInOneActiveRequestPerIdentity(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	r := e.register(t)
	_, err := e.svc.StartSignIn(ctx, r.NationalID)
	require.NoError(t, err)
	_, err = e.svc.StartSignIn(ctx, r.NationalID)
	assert.ErrorIs(t, err, identity.ErrSignInActive)
}

func TestSignInRejectedAndExpired(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	r := e.register(t)

	ch, err := e.svc.StartSignIn(ctx, r.NationalID)
	require.NoError(t, err)
	require.NoError(t, e.auth.Reject(ch.TransID))
	st, err := e.svc.SignInStatus(ctx, ch.TransID)
	require.NoError(t, err)
	assert.Equal(t, identity.SignInRejected, st)

	ch, err = e.svc.StartSignIn(ctx, r.NationalID)
	require.NoError(t, err)
	e.clock.Advance(identitytest.DefaultSignInLifetime)
	st, err = e.svc.SignInStatus(ctx, ch.TransID)
	require.NoError(t, err)
	assert.Equal(t, identity.SignInExpired, st)

	_, err = e.svc.SignInStatus(ctx, "unknown")
	assert.ErrorIs(t, err, identity.ErrSignInNotFound)
	_, err = e.svc.CompleteSignIn(ctx, identity.Callback{TransID: "unknown", Token: "x"})
	assert.ErrorIs(t, err, identity.ErrSignInNotFound)
}

func TestSignInLateCallback(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	r := e.register(t)
	ch, err := e.svc.StartSignIn(ctx, r.NationalID)
	require.NoError(t, err)
	e.clock.Advance(identitytest.DefaultSignInLifetime - time.Second)
	cb, err := e.auth.Approve(ch.TransID)
	require.NoError(t, err)
	e.clock.Advance(identity.DefaultCallbackGrace + 2*time.Second)
	_, err = e.svc.CompleteSignIn(ctx, cb)
	assert.ErrorIs(t, err, identity.ErrSignInExpired)
}

func TestSignInForgedCallbackConsumesNothing(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	r := e.register(t)
	ch, err := e.svc.StartSignIn(ctx, r.NationalID)
	require.NoError(t, err)
	_, err = e.svc.CompleteSignIn(ctx, identity.Callback{TransID: ch.TransID, Token: "forged.token.value"})
	assert.ErrorIs(t, err, identity.ErrInvalidToken)
	cb, err := e.auth.Approve(ch.TransID)
	require.NoError(t, err)
	_, err = e.svc.CompleteSignIn(ctx, cb)
	assert.NoError(t, err, "the real callback still completes")
}

// otherIdentity is an Authenticator whose tokens prove another identity than
// the one the sign-in was started for.
type otherIdentity struct {
	*identitytest.Authenticator
	id identity.NationalID
}

func (o otherIdentity) VerifyCallback(ctx context.Context, cb identity.Callback) (identity.Claims, error) {
	c, err := o.Authenticator.VerifyCallback(ctx, cb)
	c.NationalID = o.id
	return c, err
}

func TestSignInIdentityMismatch(t *testing.T) {
	ctx := context.Background()
	gen := identitytest.NewGenerator(3)
	auth := identitytest.NewAuthenticator(nil)
	svc, err := identity.New(memstore.New(nil), identity.Ports{Authenticator: otherIdentity{auth, gen.Citizen()}},
		&identity.Options{OTPKey: testKey, SignInWithoutRegistration: true})
	require.NoError(t, err)
	ch, err := svc.StartSignIn(ctx, gen.Citizen())
	require.NoError(t, err)
	cb, err := auth.Approve(ch.TransID)
	require.NoError(t, err)
	_, err = svc.CompleteSignIn(ctx, cb)
	assertReason(t, err, identity.ErrSignInMismatch, "signin.identity_mismatch")
}

func TestSignInConcurrentCallbacksCompleteOnce(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	r := e.register(t)
	ch, err := e.svc.StartSignIn(ctx, r.NationalID)
	require.NoError(t, err)
	cb, err := e.auth.Approve(ch.TransID)
	require.NoError(t, err)
	const n = 8
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = e.svc.CompleteSignIn(ctx, cb)
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else {
			assert.ErrorIs(t, err, identity.ErrSignInReplayed)
		}
	}
	assert.Equal(t, 1, ok)
}

func TestSignInAuthenticatorDown(t *testing.T) {
	ctx := context.Background()
	svc, err := identity.New(memstore.New(nil), identity.Ports{Authenticator: downAuth{}},
		&identity.Options{OTPKey: testKey, SignInWithoutRegistration: true})
	require.NoError(t, err)
	_, err = svc.StartSignIn(ctx, identitytest.NewGenerator(4).Citizen())
	assert.ErrorIs(t, err, identity.ErrAuthenticatorUnavailable)
	assert.Equal(t, fault.Unavailable, fault.CodeOf(err))
}

type downAuth struct{ identity.Authenticator }

func (downAuth) StartSignIn(context.Context, identity.NationalID) (identity.Challenge, error) {
	return identity.Challenge{}, errors.New("dial tcp: i/o timeout")
}

func TestPurgeSignIns(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	r := e.register(t)
	ch, err := e.svc.StartSignIn(ctx, r.NationalID)
	require.NoError(t, err)
	n, err := e.svc.PurgeSignIns(ctx)
	require.NoError(t, err)
	assert.Zero(t, n)
	e.clock.Advance(identitytest.DefaultSignInLifetime + identity.DefaultCallbackGrace + time.Second)
	n, err = e.svc.PurgeSignIns(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	_, err = e.svc.SignInStatus(ctx, ch.TransID)
	assert.ErrorIs(t, err, identity.ErrSignInNotFound)
}
