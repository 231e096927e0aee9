package identitytest_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

type authClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *authClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *authClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newAuth(t *testing.T) (*identitytest.Authenticator, *authClock, *identitytest.Generator) {
	t.Helper()
	c := &authClock{t: time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)}
	return identitytest.NewAuthenticator(&identitytest.AuthenticatorOptions{Now: c.Now}), c, identitytest.NewGenerator(21)
}

func TestAuthenticatorFlow(t *testing.T) {
	a, clk, gen := newAuth(t)
	ctx := context.Background()
	id := gen.Citizen()

	ch, err := a.StartSignIn(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, id, ch.NationalID)
	assert.Regexp(t, `^\d\d$`, ch.Number)
	assert.NotEmpty(t, ch.TransID)
	assert.NotEmpty(t, ch.RequestID)
	assert.Equal(t, clk.Now().Add(identitytest.DefaultSignInLifetime), ch.ExpiresAt)

	st, err := a.SignInStatus(ctx, ch)
	require.NoError(t, err)
	assert.Equal(t, identity.SignInWaiting, st)
	active, ok := a.Active(id)
	require.True(t, ok)
	assert.Equal(t, ch, active)

	_, err = a.StartSignIn(ctx, id)
	assert.ErrorIs(t, err, identity.ErrSignInActive)
	assert.Equal(t, fault.FailedPrecondition, fault.CodeOf(err))

	cb, err := a.Approve(ch.TransID)
	require.NoError(t, err)
	assert.Equal(t, ch.TransID, cb.TransID)
	assert.Equal(t, ch.RequestID, cb.RequestID)
	got, ok := a.Callback(ch.TransID)
	require.True(t, ok)
	assert.Equal(t, cb, got)
	st, err = a.SignInStatus(ctx, ch)
	require.NoError(t, err)
	assert.Equal(t, identity.SignInCompleted, st)
	_, ok = a.Active(id)
	assert.False(t, ok)

	claims, err := a.VerifyCallback(ctx, cb)
	require.NoError(t, err)
	p := identitytest.DefaultProfile(id)
	assert.Equal(t, id, claims.NationalID)
	assert.Equal(t, ch.TransID, claims.TransID)
	assert.Equal(t, p.FirstNameAR, claims.FirstNameAR)
	assert.Equal(t, p.FamilyNameEN, claims.FamilyNameEN)
	assert.Equal(t, p.DateOfBirth, claims.DateOfBirth)
	assert.Equal(t, clk.Now(), claims.IssuedAt)
	assert.Equal(t, clk.Now().Add(identitytest.DefaultTokenTTL), claims.ExpiresAt)

	_, err = a.Approve(ch.TransID)
	assert.ErrorIs(t, err, identitytest.ErrNotWaiting)

	// A new request for the same identity is allowed once the last is answered.
	_, err = a.StartSignIn(ctx, id)
	require.NoError(t, err)
}

func TestAuthenticatorRejectExpire(t *testing.T) {
	a, clk, gen := newAuth(t)
	ctx := context.Background()

	ch, err := a.StartSignIn(ctx, gen.Citizen())
	require.NoError(t, err)
	require.NoError(t, a.Reject(ch.TransID))
	st, err := a.SignInStatus(ctx, ch)
	require.NoError(t, err)
	assert.Equal(t, identity.SignInRejected, st)
	_, ok := a.Callback(ch.TransID)
	assert.False(t, ok)
	assert.ErrorIs(t, a.Expire(ch.TransID), identitytest.ErrNotWaiting)

	ch, err = a.StartSignIn(ctx, gen.Resident())
	require.NoError(t, err)
	require.NoError(t, a.Expire(ch.TransID))
	st, err = a.SignInStatus(ctx, ch)
	require.NoError(t, err)
	assert.Equal(t, identity.SignInExpired, st)

	ch, err = a.StartSignIn(ctx, gen.Border())
	require.NoError(t, err)
	clk.Advance(identitytest.DefaultSignInLifetime - time.Second)
	st, _ = a.SignInStatus(ctx, ch)
	assert.Equal(t, identity.SignInWaiting, st)
	clk.Advance(time.Second)
	st, _ = a.SignInStatus(ctx, ch)
	assert.Equal(t, identity.SignInExpired, st)
	_, err = a.Approve(ch.TransID)
	assert.ErrorIs(t, err, identitytest.ErrNotWaiting)
	_, err = a.StartSignIn(ctx, ch.NationalID)
	assert.NoError(t, err)

	_, err = a.Approve("nope")
	assert.ErrorIs(t, err, identity.ErrSignInNotFound)
	assert.ErrorIs(t, a.Reject("nope"), identity.ErrSignInNotFound)
	assert.ErrorIs(t, a.Expire("nope"), identity.ErrSignInNotFound)
}

func TestAuthenticatorStatusNotFound(t *testing.T) {
	a, _, gen := newAuth(t)
	ctx := context.Background()
	ch, err := a.StartSignIn(ctx, gen.Citizen())
	require.NoError(t, err)
	for name, mod := range map[string]func(*identity.Challenge){
		"unknown transaction": func(c *identity.Challenge) { c.TransID = "nope" },
		"other identity":      func(c *identity.Challenge) { c.NationalID = gen.Citizen() },
		"other number": func(c *identity.Challenge) {
			c.Number = map[bool]string{true: "01", false: "00"}[c.Number == "00"]
		},
	} {
		t.Run(name, func(t *testing.T) {
			c := ch
			mod(&c)
			_, err := a.SignInStatus(ctx, c)
			assert.ErrorIs(t, err, identity.ErrSignInNotFound)
			assert.Equal(t, fault.NotFound, fault.CodeOf(err))
		})
	}
	_, err = a.StartSignIn(ctx, identity.NationalID{})
	assert.ErrorIs(t, err, identity.ErrInvalidNationalID)
}

func TestAuthenticatorRejectsForgedTokens(t *testing.T) {
	a, clk, gen := newAuth(t)
	ctx := context.Background()
	ch, err := a.StartSignIn(ctx, gen.Citizen())
	require.NoError(t, err)
	cb, err := a.Approve(ch.TransID)
	require.NoError(t, err)
	ch2, err := a.StartSignIn(ctx, gen.Citizen())
	require.NoError(t, err)
	cb2, err := a.Approve(ch2.TransID)
	require.NoError(t, err)

	other := identitytest.NewAuthenticator(&identitytest.AuthenticatorOptions{Now: clk.Now})
	och, err := other.StartSignIn(ctx, ch.NationalID)
	require.NoError(t, err)
	ocb, err := other.Approve(och.TransID)
	require.NoError(t, err)

	parts := strings.Split(cb.Token, ".")
	parts2 := strings.Split(cb2.Token, ".")
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.HS256, Key: []byte("0123456789abcdef0123456789abcdef")}, nil)
	require.NoError(t, err)
	guessed, err := jwt.Signed(signer).Claims(map[string]any{"transId": ch.TransID, "nin": ch.NationalID.String(), "aud": "identitytest", "exp": clk.Now().Add(time.Minute).Unix()}).Serialize()
	require.NoError(t, err)

	cases := map[string]identity.Callback{
		"another authenticator's token": {Token: ocb.Token, TransID: och.TransID},
		"another transaction":           {Token: cb2.Token, TransID: ch.TransID},
		"no transaction":                {Token: cb.Token},
		"payload swapped":               {Token: parts[0] + "." + parts2[1] + "." + parts[2], TransID: ch2.TransID},
		"alg none":                      {Token: "eyJhbGciOiJub25lIn0." + parts[1] + ".", TransID: ch.TransID},
		"guessed secret":                {Token: guessed, TransID: ch.TransID},
		"garbage":                       {Token: "x.y.z", TransID: ch.TransID},
		"empty":                         {TransID: ch.TransID},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := a.VerifyCallback(ctx, c)
			assert.ErrorIs(t, err, identity.ErrInvalidToken)
			assert.Equal(t, fault.Unauthenticated, fault.CodeOf(err))
		})
	}

	_, err = a.VerifyCallback(ctx, cb)
	require.NoError(t, err)
	clk.Advance(identitytest.DefaultTokenTTL + time.Second)
	_, err = a.VerifyCallback(ctx, cb)
	assert.ErrorIs(t, err, identity.ErrInvalidToken, "expired")
}

func TestAuthenticatorPeopleAndAudience(t *testing.T) {
	gen := identitytest.NewGenerator(22)
	id, id2 := gen.Resident(), gen.Citizen()
	dob := hijri.MustNew(1400, 1, 1)
	a := identitytest.NewAuthenticator(&identitytest.AuthenticatorOptions{
		Audience: "dev-portal",
		Profiles: map[identity.NationalID]identitytest.Profile{id: {FirstNameEN: "Amal", DateOfBirth: dob}},
	})
	a.SetProfile(id2, identitytest.Profile{FirstNameEN: "Saud"})
	ctx := context.Background()
	for want, id := range map[string]identity.NationalID{"Amal": id, "Saud": id2} {
		ch, err := a.StartSignIn(ctx, id)
		require.NoError(t, err)
		cb, err := a.Approve(ch.TransID)
		require.NoError(t, err)
		claims, err := a.VerifyCallback(ctx, cb)
		require.NoError(t, err)
		assert.Equal(t, want, claims.FirstNameEN)
		if want == "Amal" {
			assert.Equal(t, dob, claims.DateOfBirth)
		}
	}
}

func TestAuthenticatorContextDone(t *testing.T) {
	a, _, gen := newAuth(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := a.StartSignIn(ctx, gen.Citizen())
	assert.ErrorIs(t, err, identity.ErrAuthenticatorUnavailable)
	assert.ErrorIs(t, err, context.Canceled)
	_, err = a.SignInStatus(ctx, identity.Challenge{})
	assert.ErrorIs(t, err, context.Canceled)
	_, err = a.VerifyCallback(ctx, identity.Callback{})
	assert.ErrorIs(t, err, context.Canceled)
}

func TestAuthenticatorConcurrentUse(t *testing.T) {
	a, _, gen := newAuth(t)
	ctx := context.Background()
	id := gen.Citizen()
	var wg sync.WaitGroup
	var mu sync.Mutex
	started := 0
	for range 20 {
		wg.Go(func() {
			if _, err := a.StartSignIn(ctx, id); err == nil {
				mu.Lock()
				started++
				mu.Unlock()
			}
		})
		other := gen.Citizen()
		wg.Go(func() {
			ch, err := a.StartSignIn(ctx, other)
			if err != nil {
				t.Error(err)
				return
			}
			cb, err := a.Approve(ch.TransID)
			if err != nil {
				t.Error(err)
				return
			}
			if _, err := a.VerifyCallback(ctx, cb); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, 1, started, "one waiting request per identity, even under contention")
}

func TestDefaultPerson(t *testing.T) {
	gen := identitytest.NewGenerator(23)
	for range 50 {
		for _, id := range []identity.NationalID{gen.Citizen(), gen.Resident(), gen.Border()} {
			p := identitytest.DefaultProfile(id)
			assert.Equal(t, p, identitytest.DefaultProfile(id), "deterministic")
			assert.NotEmpty(t, p.FirstNameAR)
			assert.NotEmpty(t, p.FamilyNameEN)
			assert.Contains(t, []string{"M", "F"}, p.Gender)
			assert.True(t, p.DateOfBirth.IsValid())
			y, _, _ := p.DateOfBirth.Gregorian()
			assert.GreaterOrEqual(t, y, 1960)
			assert.LessOrEqual(t, y, 2005)
			if id.Kind() == identity.Citizen {
				assert.Equal(t, "SA", p.Nationality)
			} else {
				assert.NotEqual(t, "SA", p.Nationality)
			}
		}
	}
}

func TestProfilePerson(t *testing.T) {
	id := identitytest.NewGenerator(24).Citizen()
	p := identitytest.DefaultProfile(id)
	got := p.Person(id)
	assert.Equal(t, id, got.NationalID)
	assert.Equal(t, p.DateOfBirth, got.BirthDate)
	assert.Equal(t, "SA", got.Nationality)
	assert.Equal(t, p.FirstNameEN+" "+p.FatherNameEN+" "+p.GrandNameEN+" "+p.FamilyNameEN, got.NameEN)
	assert.True(t, got.Saudi())
	assert.Equal(t, "Reem", identitytest.Profile{FirstNameEN: "Reem"}.Person(id).NameEN)
}
