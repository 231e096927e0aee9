package identity_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity"
)

// onEveryStore runs f on a Service over memstore, SQLite and (when
// MASAR_TEST_POSTGRES_DSN is set) PostgreSQL.
func onEveryStore(t *testing.T, tweak func(*identity.Options), f func(t *testing.T, e *svcEnv)) {
	t.Run("memstore", func(t *testing.T) { f(t, newSvcEnvOn(t, memstore.New(nil), tweak)) })
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			f(t, newSvcEnvOn(t, s, tweak))
		})
	}
}

// The attack of issue 13 item 5: knowing only the victim's ID and birth
// date, an attacker restarts the victim's pending registration with their
// own mobile and email. The victim's attempt must be untouched: their code
// and token still work, they complete, and the attacker's attempt is gone.
func TestRegistrationCannotBeTakenOver(t *testing.T) {
	onEveryStore(t, nil, func(t *testing.T, e *svcEnv) {
		ctx := context.Background()
		id, victimIn := e.citizen()
		victim, err := e.svc.StartRegistration(ctx, victimIn)
		require.NoError(t, err)
		victimCode, _ := e.sms.LastCode(victim.Mobile)
		victimToken, _ := e.mail.LastToken(victim.Email)

		e.clock.Advance(identity.DefaultResendCooldown) // the cooldown is no protection
		attackerIn := victimIn
		attackerIn.Mobile, attackerIn.Email = "0509990000", "attacker@example.com"
		attacker, err := e.svc.StartRegistration(ctx, attackerIn)
		require.NoError(t, err)
		assert.NotEqual(t, victim.ID, attacker.ID, "a separate attempt")
		assert.Equal(t, 1, victim.Attempt)
		assert.Equal(t, 2, attacker.Attempt)

		// The victim's attempt still has the victim's channels, code and token.
		still, err := e.svc.Registration(ctx, victim.ID)
		require.NoError(t, err)
		assert.Equal(t, victim.Mobile, still.Mobile)
		assert.Equal(t, victim.Email, still.Email)
		_, err = e.svc.VerifyMobile(ctx, victim.ID, victimCode)
		require.NoError(t, err)
		r, err := e.svc.ConfirmEmail(ctx, victimToken)
		require.NoError(t, err)
		require.True(t, r.Active())
		assert.Equal(t, victim.ID, r.ID)
		assert.Equal(t, victim.Mobile, r.Mobile)

		// The attacker's attempt lost: deleted, its code and token find nothing.
		_, err = e.svc.Registration(ctx, attacker.ID)
		assert.ErrorIs(t, err, identity.ErrRegistrationNotFound)
		attackerCode, _ := e.sms.LastCode(attacker.Mobile)
		_, err = e.svc.VerifyMobile(ctx, attacker.ID, attackerCode)
		assert.ErrorIs(t, err, identity.ErrRegistrationNotFound)
		attackerToken, _ := e.mail.LastToken(attacker.Email)
		_, err = e.svc.ConfirmEmail(ctx, attackerToken)
		assert.ErrorIs(t, err, identity.ErrInvalidEmailToken)
		got, err := e.svc.RegistrationByNationalID(ctx, id)
		require.NoError(t, err)
		assert.Equal(t, victim.ID, got.ID)

		// Starting again now says the number is registered.
		_, err = e.svc.StartRegistration(ctx, attackerIn)
		assert.ErrorIs(t, err, identity.ErrAlreadyRegistered)
	})
}

// Whoever confirms both channels first wins; the other attempt, even half
// confirmed, cannot become a second registration.
func TestRegistrationFirstToCompleteWins(t *testing.T) {
	onEveryStore(t, nil, func(t *testing.T, e *svcEnv) {
		ctx := context.Background()
		_, in := e.citizen()
		a, err := e.svc.StartRegistration(ctx, in)
		require.NoError(t, err)
		in.Mobile, in.Email = "0501112233", "second@example.sa"
		b, err := e.svc.StartRegistration(ctx, in)
		require.NoError(t, err)

		codeA, _ := e.sms.LastCode(a.Mobile)
		_, err = e.svc.VerifyMobile(ctx, a.ID, codeA)
		require.NoError(t, err)
		tokenB, _ := e.mail.LastToken(b.Email)
		_, err = e.svc.ConfirmEmail(ctx, tokenB)
		require.NoError(t, err)
		codeB, _ := e.sms.LastCode(b.Mobile)
		won, err := e.svc.VerifyMobile(ctx, b.ID, codeB)
		require.NoError(t, err)
		assert.True(t, won.Active())

		tokenA, _ := e.mail.LastToken(a.Email)
		_, err = e.svc.ConfirmEmail(ctx, tokenA)
		assert.ErrorIs(t, err, identity.ErrInvalidEmailToken, "the losing attempt was deleted")
		all, err := e.store.ListRegistrationsByNationalID(ctx, a.NationalID)
		require.NoError(t, err)
		require.Len(t, all, 1)
		assert.Equal(t, b.ID, all[0].ID)
	})
}

// Two attempts completing at the same moment: exactly one becomes the
// registration; the other is told the number is registered (or finds its
// attempt gone), never a second active registration.
func TestRegistrationConcurrentCompletion(t *testing.T) {
	onEveryStore(t, nil, func(t *testing.T, e *svcEnv) {
		ctx := context.Background()
		_, in := e.citizen()
		const n = 3
		regs := make([]identity.Registration, n)
		tokens := make([]string, n)
		for i := range regs {
			in.Mobile, in.Email = fmt.Sprintf("05011122%02d", i), fmt.Sprintf("p%d@example.sa", i)
			r, err := e.svc.StartRegistration(ctx, in)
			require.NoError(t, err)
			code, _ := e.sms.LastCode(r.Mobile)
			_, err = e.svc.VerifyMobile(ctx, r.ID, code)
			require.NoError(t, err)
			regs[i] = r
			tokens[i], _ = e.mail.LastToken(r.Email)
		}
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { _, errs[i] = e.svc.ConfirmEmail(ctx, tokens[i]) })
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case fault.ReasonOf(err) == identity.ErrAlreadyRegistered.Reason,
				fault.ReasonOf(err) == identity.ErrInvalidEmailToken.Reason,
				fault.ReasonOf(err) == identity.ErrConflict.Reason:
			default:
				t.Errorf("unexpected error %v", err)
			}
		}
		assert.Equal(t, 1, won)
		all, err := e.store.ListRegistrationsByNationalID(ctx, regs[0].NationalID)
		require.NoError(t, err)
		active := 0
		for _, r := range all {
			if r.Active() {
				active++
			}
		}
		assert.Equal(t, 1, active)
	})
}

// At most Options.MaxRegistrationAttempts attempts are under way; a lapsed
// one no longer counts, cannot be completed, and its number is reused.
func TestRegistrationAttemptsAreBounded(t *testing.T) {
	onEveryStore(t, func(o *identity.Options) { o.MaxRegistrationAttempts = 2 }, func(t *testing.T, e *svcEnv) {
		ctx := context.Background()
		_, in := e.citizen()
		first, err := e.svc.StartRegistration(ctx, in)
		require.NoError(t, err)
		e.clock.Advance(time.Hour)
		in.Mobile, in.Email = "0501112233", "b@example.sa"
		_, err = e.svc.StartRegistration(ctx, in)
		require.NoError(t, err)
		in.Mobile, in.Email = "0501112244", "c@example.sa"
		_, err = e.svc.StartRegistration(ctx, in)
		assert.ErrorIs(t, err, identity.ErrTooManyRegistrationAttempts)
		assert.Equal(t, "registration.too_many_attempts", fault.ReasonOf(err))
		assert.Equal(t, fault.FailedPrecondition, fault.CodeOf(err))
		assert.Contains(t, fault.MessageOf(err, "en"), "(in 1380 min)", "the first attempt lapses 23 h later")

		// The first lapses: it cannot be completed, and a new start takes its number.
		e.clock.Advance(identity.DefaultEmailTokenTTL - time.Hour)
		_, err = e.svc.ResendOTP(ctx, first.ID)
		assert.ErrorIs(t, err, identity.ErrRegistrationExpired)
		_, err = e.svc.VerifyMobile(ctx, first.ID, "123456")
		assert.ErrorIs(t, err, identity.ErrRegistrationExpired)
		third, err := e.svc.StartRegistration(ctx, in)
		require.NoError(t, err)
		assert.Equal(t, 1, third.Attempt)
		_, err = e.svc.Registration(ctx, first.ID)
		assert.ErrorIs(t, err, identity.ErrRegistrationNotFound, "the lapsed attempt was deleted")
	})
}

// Concurrent starts with different channels cannot exceed the bound: they
// compete for attempt numbers, and a start that loses is a conflict.
func TestRegistrationConcurrentStarts(t *testing.T) {
	onEveryStore(t, func(o *identity.Options) { o.MaxRegistrationAttempts = 2 }, func(t *testing.T, e *svcEnv) {
		ctx := context.Background()
		_, in := e.citizen()
		const n = 8
		var wg sync.WaitGroup
		for i := range n {
			in := in
			in.Mobile, in.Email = fmt.Sprintf("05011133%02d", i), fmt.Sprintf("s%d@example.sa", i)
			wg.Go(func() {
				_, err := e.svc.StartRegistration(ctx, in)
				if err != nil && fault.ReasonOf(err) != identity.ErrConflict.Reason &&
					fault.ReasonOf(err) != identity.ErrTooManyRegistrationAttempts.Reason {
					t.Errorf("unexpected error %v", err)
				}
			})
		}
		wg.Wait()
		id, _ := identity.ParseNationalID(in.NationalID)
		all, err := e.store.ListRegistrationsByNationalID(ctx, id)
		require.NoError(t, err)
		assert.NotEmpty(t, all)
		assert.LessOrEqual(t, len(all), 2)
	})
}
