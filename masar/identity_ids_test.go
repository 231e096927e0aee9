package masar_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/identity"
)

// The identity Service refuses, at its entry, a registration, consent or
// sign-in ID, a grantee or a cursor no store could hold, with the same
// coded invalid and field violation on every Store, and changes nothing;
// well-formed unknown IDs keep their own errors (issue 13, item 6).
func TestIdentityServiceRefusesBadIDs(t *testing.T) {
	for _, st := range storeTargets() {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			w := newClient(t, st.open(t))
			ctx, owner := w.Ctx, w.MOH.Emp.ID
			svc, err := identity.New(w.Store, identity.Ports{Registry: w.Registry, Accounts: w.Accounts,
				SMS: w.SMS, Mail: w.Mail, Authenticator: w.Auth}, &identity.Options{OTPKey: otpKey, Now: w.Clock.Now})
			require.NoError(t, err)
			c, err := svc.GrantConsent(ctx, identity.GrantInput{Owner: owner, Grantee: gosi, Purpose: "التحقق من الاشتراك",
				Parts: []identity.Part{identity.PartJob}, Until: w.Clock.Now().AddDate(0, 1, 0)})
			require.NoError(t, err)
			before := w.fingerprint()
			sent := len(w.SMS.Messages())

			for name, bad := range badIDs() {
				_, err := svc.Registration(ctx, bad)
				assertInvalidID(t, err, "id", name)
				_, err = svc.VerifyMobile(ctx, bad, "123456")
				assertInvalidID(t, err, "id", name)
				_, err = svc.ResendOTP(ctx, bad)
				assertInvalidID(t, err, "id", name)
				_, err = svc.Consent(ctx, owner, bad)
				assertInvalidID(t, err, "id", name)
				_, err = svc.RevokeConsent(ctx, owner, bad)
				assertInvalidID(t, err, "id", name)
				_, err = svc.ListConsents(ctx, identity.ConsentFilter{Owner: owner, After: bad})
				assertInvalidID(t, err, "after", name)
				_, err = svc.ListConsents(ctx, identity.ConsentFilter{Grantee: bad})
				assertInvalidID(t, err, "grantee", name)
				ok, err := svc.ConsentAllowed(ctx, bad, owner, identity.PartJob)
				assertInvalidID(t, err, "grantee", name)
				assert.False(t, ok)
				_, err = svc.SignInStatus(ctx, bad)
				assertInvalidID(t, err, "trans_id", name)
				_, err = svc.CompleteSignIn(ctx, identity.Callback{TransID: bad, Token: "x"})
				assertInvalidID(t, err, "trans_id", name)
			}
			assert.Equal(t, before, w.fingerprint(), "nothing changed")
			assert.Len(t, w.SMS.Messages(), sent, "no code sent")

			// What a store can hold goes on to the store as before.
			unknown := "0123456789abcdef0123456789abcdef"
			_, err = svc.Registration(ctx, unknown)
			assert.ErrorIs(t, err, identity.ErrRegistrationNotFound)
			_, err = svc.Consent(ctx, owner, unknown)
			assert.ErrorIs(t, err, identity.ErrConsentNotFound)
			_, err = svc.ListConsents(ctx, identity.ConsentFilter{Owner: owner, After: unknown})
			assert.ErrorIs(t, err, identity.ErrNotFound)
			_, err = svc.SignInStatus(ctx, unknown)
			assert.ErrorIs(t, err, identity.ErrSignInNotFound)
			got, err := svc.Consent(ctx, owner, c.ID)
			require.NoError(t, err)
			assert.Equal(t, c.ID, got.ID)
			ok, err := svc.ConsentAllowed(ctx, gosi, owner, identity.PartJob)
			require.NoError(t, err)
			assert.True(t, ok)
		})
	}
}
