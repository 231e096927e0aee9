package identity_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
)

// started starts a registration and returns it with the code sent.
func (e *svcEnv) started(t *testing.T) (identity.Registration, string) {
	t.Helper()
	_, in := e.citizen()
	r, err := e.svc.StartRegistration(context.Background(), in)
	require.NoError(t, err)
	code, ok := e.sms.LastCode(r.Mobile)
	require.True(t, ok)
	return r, code
}

// wrong returns a six-digit code other than code.
func wrong(code string, i int) string {
	for {
		c := fmt.Sprintf("%06d", (i*7919+13)%1_000_000)
		if c != code {
			return c
		}
		i++
	}
}

func TestOTPCodeNeverStoredInClear(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	r, code := e.started(t)
	stored, err := e.store.GetRegistration(ctx, r.ID)
	require.NoError(t, err)
	require.Len(t, stored.OTP.Hash, sha256.Size)
	assert.NotContains(t, string(stored.OTP.Hash), code)
	assert.NotContains(t, fmt.Sprintf("%x", stored.OTP.Hash), code)
	b, err := json.Marshal(stored)
	require.NoError(t, err)
	assert.NotContains(t, string(b), code)
	assert.NotContains(t, fmt.Sprintf("%+v", stored), code)

	// It is a keyed hash: the code's plain SHA-256, or an HMAC under
	// another key, is not what is stored.
	plain := sha256.Sum256([]byte(code))
	assert.NotEqual(t, plain[:], stored.OTP.Hash)
	m := hmac.New(sha256.New, []byte(strings.Repeat("x", 32)))
	m.Write([]byte("masar-otp\x00" + r.ID + "\x00" + code))
	assert.NotEqual(t, m.Sum(nil), stored.OTP.Hash)
}

func TestOTPBruteForceLocks(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	r, code := e.started(t)
	for i := 1; i < identity.DefaultOTPMaxAttempts; i++ {
		_, err := e.svc.VerifyMobile(ctx, r.ID, wrong(code, i))
		assertReason(t, err, identity.ErrOTPMismatch, "otp.mismatch")
		assert.Contains(t, fault.MessageOf(err, i18n.English), fmt.Sprintf("attempts left: %d", identity.DefaultOTPMaxAttempts-i))
	}
	_, err := e.svc.VerifyMobile(ctx, r.ID, wrong(code, 99))
	assertReason(t, err, identity.ErrOTPLocked, "otp.attempts_exhausted")
	assert.Contains(t, fault.MessageOf(err, i18n.English), "15 min")

	// The right code is refused while locked, and refused after the lock
	// too: the lock voided it.
	_, err = e.svc.VerifyMobile(ctx, r.ID, code)
	assertReason(t, err, identity.ErrOTPLocked, "otp.locked")
	_, err = e.svc.ResendOTP(ctx, r.ID)
	assert.ErrorIs(t, err, identity.ErrOTPLocked, "no resend while locked")
	_, in := e.citizen()
	in.NationalID = r.NationalID.String()
	_, err = e.svc.StartRegistration(ctx, in)
	assert.ErrorIs(t, err, identity.ErrOTPLocked, "restarting does not bypass the lock")

	stored, _ := e.store.GetRegistration(ctx, r.ID)
	assert.Equal(t, identity.DefaultOTPMaxAttempts, stored.OTP.Attempts)
	assert.Nil(t, stored.OTP.Hash)
	assert.True(t, stored.MobileConfirmedAt.IsZero())

	e.clock.Advance(identity.DefaultOTPLockDuration)
	_, err = e.svc.VerifyMobile(ctx, r.ID, code)
	assert.ErrorIs(t, err, identity.ErrOTPExpired)

	// After the lock, a new code can be sent, with a fresh set of attempts.
	_, err = e.svc.ResendOTP(ctx, r.ID)
	require.NoError(t, err)
	code2, _ := e.sms.LastCode(r.Mobile)
	_, err = e.svc.VerifyMobile(ctx, r.ID, wrong(code2, 1))
	assert.Contains(t, fault.MessageOf(err, i18n.English), "attempts left: 4")
	got, err := e.svc.VerifyMobile(ctx, r.ID, code2)
	require.NoError(t, err)
	assert.False(t, got.MobileConfirmedAt.IsZero())
}

func TestOTPExpired(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	r, code := e.started(t)
	e.clock.Advance(identity.DefaultOTPTTL - time.Microsecond)
	_, err := e.svc.VerifyMobile(ctx, r.ID, wrong(code, 1))
	require.ErrorIs(t, err, identity.ErrOTPMismatch, "still valid a moment before expiry")
	e.clock.Advance(time.Microsecond)
	_, err = e.svc.VerifyMobile(ctx, r.ID, code)
	assertReason(t, err, identity.ErrOTPExpired, "otp.expired")
	stored, _ := e.store.GetRegistration(ctx, r.ID)
	assert.Equal(t, 1, stored.OTP.Attempts, "an expired code counts no attempt")
}

func TestOTPCodeIsSingleUse(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	r, code := e.started(t)
	_, err := e.svc.VerifyMobile(ctx, r.ID, code)
	require.NoError(t, err)
	_, err = e.svc.VerifyMobile(ctx, r.ID, code)
	assert.ErrorIs(t, err, identity.ErrMobileAlreadyConfirmed)
	_, err = e.svc.ResendOTP(ctx, r.ID)
	assert.ErrorIs(t, err, identity.ErrMobileAlreadyConfirmed)
}

func TestOTPAcceptsArabicDigitsAndRejectsMalformedWithoutCounting(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	r, code := e.started(t)
	for _, bad := range []string{"", "12345", "1234567", "12a456", "١٢٣٤٥"} {
		_, err := e.svc.VerifyMobile(ctx, r.ID, bad)
		assertReason(t, err, identity.ErrOTPMismatch, "otp.format")
	}
	stored, _ := e.store.GetRegistration(ctx, r.ID)
	assert.Zero(t, stored.OTP.Attempts)

	arabic := strings.Map(func(c rune) rune { return c - '0' + '٠' }, code)
	_, err := e.svc.VerifyMobile(ctx, r.ID, " "+arabic[:6]+" "+arabic[6:]+" ")
	assert.NoError(t, err)
}

func TestOTPConcurrentGuessesCannotExceedTheLimit(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	r, code := e.started(t)
	const n = 24
	reasons := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				_, err := e.svc.VerifyMobile(ctx, r.ID, wrong(code, i))
				if errors.Is(err, identity.ErrConflict) {
					continue // the client retries
				}
				reasons[i] = fault.ReasonOf(err)
				return
			}
		}()
	}
	wg.Wait()
	count := map[string]int{}
	for _, r := range reasons {
		count[r]++
	}
	assert.Equal(t, map[string]int{
		"otp.mismatch":           identity.DefaultOTPMaxAttempts - 1,
		"otp.attempts_exhausted": 1,
		"otp.locked":             n - identity.DefaultOTPMaxAttempts,
	}, count)
	stored, _ := e.store.GetRegistration(ctx, r.ID)
	assert.Equal(t, identity.DefaultOTPMaxAttempts, stored.OTP.Attempts)
}

func TestOTPConcurrentResendsSendOnce(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	r, _ := e.started(t)
	e.clock.Advance(identity.DefaultResendCooldown)
	const n = 8
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = e.svc.ResendOTP(ctx, r.ID)
		}()
	}
	wg.Wait()
	assert.Len(t, e.sms.Messages(), 2, "one start and exactly one resend")
}

func TestOTPResendCooldownAndLimit(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	r, first := e.started(t)

	_, err := e.svc.ResendOTP(ctx, r.ID)
	assertReason(t, err, identity.ErrResendTooSoon, "otp.resend_too_soon")
	e.clock.Advance(identity.DefaultResendCooldown - time.Second)
	_, err = e.svc.ResendOTP(ctx, r.ID)
	assert.ErrorIs(t, err, identity.ErrResendTooSoon)

	e.clock.Advance(time.Second)
	r2, err := e.svc.ResendOTP(ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, 2, r2.OTP.Sends)
	second, _ := e.sms.LastCode(r.Mobile)
	if second != first {
		_, err = e.svc.VerifyMobile(ctx, r.ID, first)
		assert.ErrorIs(t, err, identity.ErrOTPMismatch, "a resend voids the previous code")
	}

	for sends := 3; sends <= identity.DefaultOTPMaxSends; sends++ {
		e.clock.Advance(identity.DefaultResendCooldown)
		_, err = e.svc.ResendOTP(ctx, r.ID)
		require.NoError(t, err)
	}
	e.clock.Advance(identity.DefaultResendCooldown)
	_, err = e.svc.ResendOTP(ctx, r.ID)
	assertReason(t, err, identity.ErrOTPSendLimit, "otp.send_limit")
	assert.Len(t, e.sms.Messages(), identity.DefaultOTPMaxSends)

	e.clock.Advance(identity.DefaultOTPLockDuration - identity.DefaultResendCooldown)
	r3, err := e.svc.ResendOTP(ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, r3.OTP.Sends, "the count starts again after the wait")
}

func TestOTPResendFailureRestoresState(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	r, code := e.started(t)
	before, _ := e.store.GetRegistration(ctx, r.ID)
	e.clock.Advance(identity.DefaultResendCooldown)
	e.sms.Fail(errors.New("gateway down"))
	_, err := e.svc.ResendOTP(ctx, r.ID)
	assertReason(t, err, identity.ErrSMSUnavailable, "registration.sms_unavailable")
	after, _ := e.store.GetRegistration(ctx, r.ID)
	assert.Equal(t, before.OTP, after.OTP)

	e.sms.Fail(nil)
	_, err = e.svc.ResendOTP(ctx, r.ID)
	require.NoError(t, err, "the failed resend left no cooldown behind")
	_, err = e.svc.VerifyMobile(ctx, r.ID, code)
	assert.Error(t, err)
}

func TestOTPUnknownRegistration(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	_, err := e.svc.VerifyMobile(ctx, "nope", "123456")
	assertReason(t, err, identity.ErrRegistrationNotFound, "registration.not_found")
	_, err = e.svc.ResendOTP(ctx, "nope")
	assert.ErrorIs(t, err, identity.ErrRegistrationNotFound)
	_, err = e.svc.Registration(ctx, "nope")
	assert.ErrorIs(t, err, identity.ErrNotFound)
}

func TestOTPOptions(t *testing.T) {
	e := newSvcEnv(t, func(o *identity.Options) {
		o.OTPMaxAttempts, o.OTPLockDuration, o.OTPTTL = 2, time.Minute, 30*time.Second
	})
	ctx := context.Background()
	r, code := e.started(t)
	assert.Equal(t, e.clock.Now().Add(30*time.Second), r.OTP.ExpiresAt)
	_, err := e.svc.VerifyMobile(ctx, r.ID, wrong(code, 1))
	assert.ErrorIs(t, err, identity.ErrOTPMismatch)
	_, err = e.svc.VerifyMobile(ctx, r.ID, wrong(code, 2))
	assert.ErrorIs(t, err, identity.ErrOTPLocked)
	stored, _ := e.store.GetRegistration(ctx, r.ID)
	assert.Equal(t, e.clock.Now().Add(time.Minute), stored.OTP.LockedUntil)
}
