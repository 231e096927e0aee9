package masar_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
)

// Issue 13 item 5 through the facade, on every store: an attacker who knows
// an employee's ID and birth date starts a registration for them with their
// own mobile and email while the employee is completing theirs. The
// employee's attempt is untouched and completes; the attacker's attempt is
// a separate one, deleted when the employee's wins, and both starts are in
// the trail under the employee's (masked) identity.
func TestRegistrationTakeoverThroughTheFacade(t *testing.T) {
	for _, target := range storeTargets() {
		t.Run(target.name, func(t *testing.T) {
			w := newClient(t, target.open(t))
			ctx, p := w.Ctx, w.MOH.Emp
			mobile, email := w.Gen.Mobile(), w.Gen.Email()
			in := identity.RegisterInput{NationalID: p.ID.String(), BirthDate: p.Input.BirthDate.String(),
				Mobile: mobile.String(), Email: email.String()}
			mine, err := w.Client.StartRegistration(ctx, in)
			require.NoError(t, err)
			code, _ := w.SMS.LastCode(mobile)
			_, err = w.Client.VerifyMobile(ctx, mine.ID, code)
			require.NoError(t, err)

			w.Clock.Advance(identity.DefaultResendCooldown)
			evil := in
			evilMobile, evilEmail := w.Gen.Mobile(), w.Gen.Email()
			evil.Mobile, evil.Email = evilMobile.String(), evilEmail.String()
			theirs, err := w.Client.StartRegistration(ctx, evil)
			require.NoError(t, err)
			assert.NotEqual(t, mine.ID, theirs.ID)

			// The employee's email token still works, and completes their registration.
			token, _ := w.Mail.LastToken(email)
			done, err := w.Client.ConfirmEmail(ctx, token)
			require.NoError(t, err)
			assert.True(t, done.Active())
			assert.Equal(t, mine.ID, done.ID)
			assert.Equal(t, mobile, done.Mobile)

			// The attacker's attempt lost.
			evilToken, _ := w.Mail.LastToken(evilEmail)
			_, err = w.Client.ConfirmEmail(ctx, evilToken)
			assert.ErrorIs(t, err, identity.ErrInvalidEmailToken)
			_, err = w.Client.StartRegistration(ctx, evil)
			assert.ErrorIs(t, err, identity.ErrAlreadyRegistered)

			// Both starts are audited under the employee's identity, each with its attempt.
			var resources []string
			for _, e := range w.trail(audit.Filter{Subject: ref(p.ID), Action: string(masar.UseRegister)}) {
				if e.Outcome == audit.Succeeded {
					resources = append(resources, e.Resource)
				}
			}
			assert.ElementsMatch(t, []string{mine.ID, theirs.ID}, resources)
		})
	}
}
