package identity_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity"
)

func TestSessionLifecycle(t *testing.T) {
	e := newSvcEnv(t, func(o *identity.Options) { o.SessionTTL = time.Hour })
	ctx := context.Background()
	r := e.register(t)
	ch, err := e.svc.StartSignIn(ctx, r.NationalID)
	require.NoError(t, err)
	require.NotEmpty(t, ch.Token)

	_, err = e.svc.Authenticate(ctx, ch.Token)
	assertReason(t, err, identity.ErrSessionPending, "session.pending")
	assert.Equal(t, fault.Unauthenticated, fault.CodeOf(err))

	cb, err := e.auth.Approve(ch.TransID)
	require.NoError(t, err)
	done, err := e.svc.CompleteSignIn(ctx, cb)
	require.NoError(t, err)
	assert.NotEmpty(t, done.ID)
	assert.Equal(t, e.clock.Now().Add(time.Hour), done.ExpiresAt)

	s, err := e.svc.Authenticate(ctx, ch.Token)
	require.NoError(t, err)
	assert.Equal(t, done, s)
	assert.Equal(t, r.NationalID, s.NationalID)

	e.clock.Advance(59 * time.Minute)
	_, err = e.svc.Authenticate(ctx, ch.Token)
	require.NoError(t, err)

	out, err := e.svc.SignOut(ctx, ch.Token)
	require.NoError(t, err)
	assert.Equal(t, s.ID, out.ID)
	_, err = e.svc.Authenticate(ctx, ch.Token)
	assertReason(t, err, identity.ErrSessionRevoked, "session.revoked")
	_, err = e.svc.SignOut(ctx, ch.Token)
	assert.NoError(t, err, "signing out twice is no error")
}

func TestSessionExpires(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	r := e.register(t)
	ch, err := e.svc.StartSignIn(ctx, r.NationalID)
	require.NoError(t, err)
	cb, err := e.auth.Approve(ch.TransID)
	require.NoError(t, err)
	_, err = e.svc.CompleteSignIn(ctx, cb)
	require.NoError(t, err)
	e.clock.Advance(identity.DefaultSessionTTL)
	_, err = e.svc.Authenticate(ctx, ch.Token)
	assertReason(t, err, identity.ErrSessionExpired, "session.expired")
	n, err := e.svc.PurgeSessions(ctx)
	require.NoError(t, err)
	assert.Zero(t, n, "it expired at the instant: purged strictly after")
	e.clock.Advance(time.Second)
	n, err = e.svc.PurgeSessions(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	_, err = e.svc.Authenticate(ctx, ch.Token)
	assertReason(t, err, identity.ErrSessionInvalid, "session.invalid")
}

func TestSessionAbandonedSignInNeverActivates(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	r := e.register(t)
	ch, err := e.svc.StartSignIn(ctx, r.NationalID)
	require.NoError(t, err)
	e.clock.Advance(10 * time.Minute) // past the sign-in's expiry and grace
	_, err = e.svc.Authenticate(ctx, ch.Token)
	assertReason(t, err, identity.ErrSessionExpired, "session.expired")
}

func TestSessionForgedTokens(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	r := e.register(t)
	ch, err := e.svc.StartSignIn(ctx, r.NationalID)
	require.NoError(t, err)
	cb, err := e.auth.Approve(ch.TransID)
	require.NoError(t, err)
	_, err = e.svc.CompleteSignIn(ctx, cb)
	require.NoError(t, err)

	id, secret, err := identity.ParseSessionToken(ch.Token)
	require.NoError(t, err)
	flipped := bytes.Clone(secret)
	flipped[0] ^= 1
	other, _ := e.svc.StartSignIn(ctx, e.register(t).NationalID)
	otherID, _, _ := identity.ParseSessionToken(other.Token)
	forged := []string{
		"", "x", ch.Token + "x", strings.ToUpper(ch.Token), id + "." + b64(flipped), otherID + "." + b64(secret),
		id, id + ".", "." + b64(secret), strings.Replace(ch.Token, ".", "..", 1),
	}
	for _, tok := range forged {
		_, err := e.svc.Authenticate(ctx, tok)
		assert.ErrorIs(t, err, identity.ErrSessionInvalid, "%q", tok)
		_, err = e.svc.SignOut(ctx, tok)
		assert.ErrorIs(t, err, identity.ErrSessionInvalid, "%q", tok)
	}
	// A service with another session key does not accept the token.
	keyed, err := identity.New(e.store, identity.Ports{}, &identity.Options{OTPKey: otpKey(), SessionKey: bytes.Repeat([]byte("K"), 32)})
	require.NoError(t, err)
	_, err = keyed.Authenticate(ctx, ch.Token)
	assert.ErrorIs(t, err, identity.ErrSessionInvalid)
	// The real token still works: nothing was consumed by the attempts.
	_, err = e.svc.Authenticate(ctx, ch.Token)
	require.NoError(t, err)
}

func TestSessionKeyOption(t *testing.T) {
	_, err := identity.New(memstore.New(nil), identity.Ports{}, &identity.Options{OTPKey: otpKey(), SessionKey: []byte("short")})
	assert.ErrorIs(t, err, identity.ErrInvalidOptions)
	_, err = identity.New(memstore.New(nil), identity.Ports{}, &identity.Options{OTPKey: otpKey(), SessionTTL: -time.Second})
	assert.ErrorIs(t, err, identity.ErrInvalidOptions)
}

func TestParseSessionToken(t *testing.T) {
	good := strings.Repeat("A", 22) + "." + strings.Repeat("B", 42) + "w"
	id, secret, err := identity.ParseSessionToken(good)
	require.NoError(t, err)
	assert.Len(t, id, 22)
	assert.Len(t, secret, 32)
	for _, bad := range []string{"", ".", good[:len(good)-1], good + "A", strings.Repeat("A", 22) + "." + strings.Repeat("B", 43),
		strings.Repeat("A", 21) + "=." + strings.Repeat("B", 43), strings.Repeat("+", 22) + "." + strings.Repeat("B", 43)} {
		_, _, err := identity.ParseSessionToken(bad)
		assert.ErrorIs(t, err, identity.ErrSessionInvalid, "%q", bad)
	}
}

func FuzzParseSessionToken(f *testing.F) {
	f.Add(strings.Repeat("A", 22) + "." + strings.Repeat("B", 42) + "w")
	f.Add("")
	f.Add("a.b")
	f.Add(strings.Repeat("_", 22) + "." + strings.Repeat("-", 43))
	f.Fuzz(func(t *testing.T, tok string) {
		id, secret, err := identity.ParseSessionToken(tok)
		if err != nil {
			if fault.CodeOf(err) != fault.Unauthenticated {
				t.Fatalf("%q: %v", tok, err)
			}
			return
		}
		if id+"."+b64(secret) != tok {
			t.Fatalf("%q does not round-trip: %q %x", tok, id, secret)
		}
	})
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func otpKey() []byte { return bytes.Repeat([]byte("o"), identity.MinOTPKeyLen) }
