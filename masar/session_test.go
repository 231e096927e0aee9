package masar_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/masar/masartest"
)

func TestSessionSignInAuthenticateSignOut(t *testing.T) {
	w := masartest.New(t)
	p := w.Employee()
	w.Register(p)
	ch, err := w.Client.StartSignIn(w.Ctx, p.ID)
	require.NoError(t, err)
	_, err = w.Client.Authenticate(w.Ctx, ch.Token)
	assert.ErrorIs(t, err, identity.ErrSessionPending, "before the callback the token proves nothing")

	cb, err := w.Auth.Approve(ch.TransID)
	require.NoError(t, err)
	done, err := w.Client.CompleteSignIn(w.Ctx, cb)
	require.NoError(t, err)
	s, err := w.Client.Authenticate(w.Ctx, ch.Token)
	require.NoError(t, err)
	assert.Equal(t, done.ID, s.ID)
	assert.Equal(t, p.ID, s.NationalID)

	w.Clock.Advance(time.Minute)
	out, err := w.Client.SignOut(w.Ctx, ch.Token)
	require.NoError(t, err)
	assert.Equal(t, s.ID, out.ID)
	_, err = w.Client.Authenticate(w.Ctx, ch.Token)
	assert.ErrorIs(t, err, identity.ErrSessionRevoked)

	entries, err := w.Store.ListAudit(w.Ctx, audit.Filter{Subject: w.Ref(p.ID), Action: string(masar.UseSignOut)})
	require.NoError(t, err)
	require.Len(t, entries, 1, "sign-out is audited under the person")
	assert.Equal(t, s.ID, entries[0].Resource)

	_, err = w.Client.SignOut(w.Ctx, "forged."+ch.Token)
	assert.ErrorIs(t, err, identity.ErrSessionInvalid)

	n, err := w.Client.PurgeSessions(w.Ctx)
	require.NoError(t, err)
	assert.Zero(t, n, "a revoked session is kept until it expires")
	w.Clock.Advance(identity.DefaultSessionTTL + time.Second)
	n, err = w.Client.PurgeSessions(w.Ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
}
