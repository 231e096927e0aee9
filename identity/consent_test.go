package identity_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/internal/validation"
)

func TestAllowed(t *testing.T) {
	gen := identitytest.NewGenerator(5)
	owner, other := gen.Citizen(), gen.Citizen()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	grant := identity.Consent{Owner: owner, Grantee: "moh", Parts: []identity.Part{identity.PartJob, identity.PartStatement},
		From: t0, Until: t0.Add(48 * time.Hour)}
	revoked := grant
	revoked.Grantee = "moe"
	revoked.RevokedAt = t0.Add(time.Hour)
	cs := []identity.Consent{grant, revoked}
	for _, tc := range []struct {
		name    string
		grantee string
		owner   identity.NationalID
		part    identity.Part
		at      time.Time
		want    bool
	}{
		{"granted part", "moh", owner, identity.PartJob, t0.Add(time.Hour), true},
		{"from is inclusive", "moh", owner, identity.PartStatement, t0, true},
		{"before from", "moh", owner, identity.PartJob, t0.Add(-time.Nanosecond), false},
		{"until is exclusive: expired", "moh", owner, identity.PartJob, t0.Add(48 * time.Hour), false},
		{"part not granted", "moh", owner, identity.PartPersonal, t0.Add(time.Hour), false},
		{"other grantee", "mof", owner, identity.PartJob, t0.Add(time.Hour), false},
		{"other owner", "moh", other, identity.PartJob, t0.Add(time.Hour), false},
		{"before revocation", "moe", owner, identity.PartJob, t0.Add(time.Minute), true},
		{"revoked: at the instant", "moe", owner, identity.PartJob, t0.Add(time.Hour), false},
		{"revoked: after", "moe", owner, identity.PartJob, t0.Add(2 * time.Hour), false},
		{"zero owner", "moh", identity.NationalID{}, identity.PartJob, t0.Add(time.Hour), false},
		{"empty grantee", "", owner, identity.PartJob, t0.Add(time.Hour), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, identity.Allowed(cs, tc.grantee, tc.owner, tc.part, tc.at))
		})
	}
	assert.False(t, identity.Allowed(nil, "moh", owner, identity.PartJob, t0))
}

func TestGrantConsent(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	owner := e.gen.Citizen()
	now := e.clock.Now()
	c, err := e.svc.GrantConsent(ctx, identity.GrantInput{
		Owner: owner, Grantee: " moh ", Purpose: "التحقق من الخبرة",
		Parts: []identity.Part{identity.PartStatement, identity.PartJob, identity.PartStatement},
		From:  now.Add(-time.Hour), Until: now.Add(30 * 24 * time.Hour),
	})
	require.NoError(t, err)
	assert.Equal(t, []identity.Part{identity.PartJob, identity.PartStatement}, c.Parts, "deduplicated, in Parts order")
	assert.Equal(t, "moh", c.Grantee)
	assert.Equal(t, now, c.From, "a past From means now")
	assert.Equal(t, now, c.CreatedAt)
	assert.Equal(t, int64(1), c.Version)

	ok, err := e.svc.ConsentAllowed(ctx, "moh", owner, identity.PartJob)
	require.NoError(t, err)
	assert.True(t, ok)
	ok, _ = e.svc.ConsentAllowed(ctx, "moh", owner, identity.PartPersonal)
	assert.False(t, ok)
	ok, _ = e.svc.ConsentAllowed(ctx, "moe", owner, identity.PartJob)
	assert.False(t, ok)

	e.clock.Advance(30 * 24 * time.Hour)
	ok, _ = e.svc.ConsentAllowed(ctx, "moh", owner, identity.PartJob)
	assert.False(t, ok, "an expired consent allows nothing")

	got, err := e.svc.Consent(ctx, owner, c.ID)
	require.NoError(t, err)
	assert.Equal(t, c, got)
	_, err = e.svc.Consent(ctx, e.gen.Citizen(), c.ID)
	assert.ErrorIs(t, err, identity.ErrConsentNotFound)
}

func TestGrantConsentFutureFrom(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	owner := e.gen.Citizen()
	now := e.clock.Now()
	_, err := e.svc.GrantConsent(ctx, identity.GrantInput{Owner: owner, Grantee: "moh", Purpose: "p",
		Parts: []identity.Part{identity.PartJob}, From: now.Add(time.Hour), Until: now.Add(2 * time.Hour)})
	require.NoError(t, err)
	ok, _ := e.svc.ConsentAllowed(ctx, "moh", owner, identity.PartJob)
	assert.False(t, ok, "not in force yet")
	e.clock.Advance(time.Hour)
	ok, _ = e.svc.ConsentAllowed(ctx, "moh", owner, identity.PartJob)
	assert.True(t, ok)
}

func TestGrantConsentValidation(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	now := e.clock.Now()
	_, err := e.svc.GrantConsent(ctx, identity.GrantInput{})
	require.ErrorIs(t, err, fault.ErrInvalidInput)
	msgs := validation.Messages(err, i18n.Arabic)
	for _, f := range []string{"owner", "grantee", "parts", "purpose", "until"} {
		assert.NotEmpty(t, msgs[f], f)
	}

	_, err = e.svc.GrantConsent(ctx, identity.GrantInput{Owner: e.gen.Citizen(), Grantee: "moh", Purpose: "p",
		Parts: []identity.Part{identity.PartJob, "salary_slip"}, Until: now})
	require.ErrorIs(t, err, fault.ErrInvalidInput)
	fe, _ := fault.As(err)
	reasons := map[string]string{}
	for _, f := range fe.Fields {
		reasons[f.Field] = f.Reason
	}
	assert.Equal(t, map[string]string{"parts[1]": "consent.unknown_part", "until": "consent.until_not_after_from"}, reasons)

	list, err := e.svc.ListConsents(ctx, identity.ConsentFilter{})
	require.NoError(t, err)
	assert.Empty(t, list.Items)
}

func TestRevokeConsent(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	owner := e.gen.Citizen()
	c, err := e.svc.GrantConsent(ctx, identity.GrantInput{Owner: owner, Grantee: "moh", Purpose: "p",
		Parts: []identity.Part{identity.PartHistory}, Until: e.clock.Now().Add(time.Hour)})
	require.NoError(t, err)

	_, err = e.svc.RevokeConsent(ctx, e.gen.Citizen(), c.ID)
	assertReason(t, err, identity.ErrConsentNotFound, "consent.not_found")
	_, err = e.svc.RevokeConsent(ctx, owner, "nope")
	assert.ErrorIs(t, err, identity.ErrConsentNotFound)

	e.clock.Advance(time.Minute)
	r, err := e.svc.RevokeConsent(ctx, owner, c.ID)
	require.NoError(t, err)
	assert.Equal(t, e.clock.Now(), r.RevokedAt)
	assert.Equal(t, int64(2), r.Version)
	ok, _ := e.svc.ConsentAllowed(ctx, "moh", owner, identity.PartHistory)
	assert.False(t, ok, "a revoked consent allows nothing")

	e.clock.Advance(time.Minute)
	again, err := e.svc.RevokeConsent(ctx, owner, c.ID)
	require.NoError(t, err, "revoking twice is a no-op")
	assert.Equal(t, r, again)
}

func TestListConsents(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	owner := e.gen.Citizen()
	var ids []string
	for _, g := range []string{"moh", "moe", "moh"} {
		c, err := e.svc.GrantConsent(ctx, identity.GrantInput{Owner: owner, Grantee: g, Purpose: "p",
			Parts: []identity.Part{identity.PartJob}, Until: e.clock.Now().Add(time.Hour)})
		require.NoError(t, err)
		ids = append(ids, c.ID)
		e.clock.Advance(time.Second)
	}
	_, err := e.svc.RevokeConsent(ctx, owner, ids[0])
	require.NoError(t, err)
	all, err := e.svc.ListConsents(ctx, identity.ConsentFilter{Owner: owner})
	require.NoError(t, err)
	require.Len(t, all.Items, 3)
	assert.Empty(t, all.Next)
	for i, c := range all.Items {
		assert.Equal(t, ids[i], c.ID)
	}
	live, err := e.svc.ListConsents(ctx, identity.ConsentFilter{Owner: owner, Grantee: "moh", LiveAt: e.clock.Now()})
	require.NoError(t, err)
	require.Len(t, live.Items, 1)
	assert.Equal(t, ids[2], live.Items[0].ID)
	_, err = e.svc.ListConsents(ctx, identity.ConsentFilter{Limit: -1})
	assert.ErrorIs(t, err, identity.ErrInvalidConsentFilter)

	// Pages: Next is the ID of the page's last consent, "" on the last page.
	first, err := e.svc.ListConsents(ctx, identity.ConsentFilter{Owner: owner, Limit: 2})
	require.NoError(t, err)
	require.Len(t, first.Items, 2)
	assert.Equal(t, ids[1], first.Next)
	rest, err := e.svc.ListConsents(ctx, identity.ConsentFilter{Owner: owner, Limit: 2, After: first.Next})
	require.NoError(t, err)
	require.Len(t, rest.Items, 1)
	assert.Equal(t, ids[2], rest.Items[0].ID)
	assert.Empty(t, rest.Next)
	_, err = e.svc.ListConsents(ctx, identity.ConsentFilter{Owner: owner, After: "nope"})
	assert.ErrorIs(t, err, identity.ErrNotFound, "a cursor that names no consent")
}

func TestParts(t *testing.T) {
	for _, p := range identity.Parts() {
		assert.True(t, p.Valid())
		assert.NotEqual(t, string(p), p.Label(i18n.Arabic))
		assert.NotEqual(t, string(p), p.Label(i18n.English))
	}
	assert.False(t, identity.Part("salary_slip").Valid())
	assert.Equal(t, "salary_slip", identity.Part("salary_slip").Label(i18n.Arabic))
}
