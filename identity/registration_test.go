package identity_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/internal/validation"
)

func TestRegistrationHappyPath(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	id, in := e.citizen()

	r, err := e.svc.StartRegistration(ctx, in)
	require.NoError(t, err)
	assert.Equal(t, identity.RegistrationPending, r.Status)
	assert.Equal(t, id, r.NationalID)
	assert.Equal(t, "+966551234567", r.Mobile.String())
	assert.Equal(t, "noura@example.sa", r.Email.String())
	assert.Equal(t, "1410-09-29", r.BirthDate.String())
	assert.Equal(t, e.clock.Now(), r.CreatedAt)
	assert.Equal(t, e.clock.Now().Add(identity.DefaultOTPTTL), r.OTP.ExpiresAt)
	assert.Equal(t, 1, r.OTP.Sends)

	msgs := e.sms.Messages()
	require.Len(t, msgs, 1)
	assert.Equal(t, r.Mobile, msgs[0].To)
	assert.Contains(t, msgs[0].Text, "رمز التحقق")
	assert.Contains(t, msgs[0].Text, "registration code")
	require.Len(t, e.mail.Messages(), 1)

	code, _ := e.sms.LastCode(r.Mobile)
	r, err = e.svc.VerifyMobile(ctx, r.ID, code)
	require.NoError(t, err)
	assert.Equal(t, e.clock.Now(), r.MobileConfirmedAt)
	assert.Equal(t, identity.RegistrationPending, r.Status, "the email is not confirmed yet")

	e.clock.Advance(time.Hour)
	token, _ := e.mail.LastToken(r.Email)
	r, err = e.svc.ConfirmEmail(ctx, token)
	require.NoError(t, err)
	assert.Equal(t, identity.RegistrationActive, r.Status)
	assert.Equal(t, e.clock.Now(), r.ActivatedAt)

	got, err := e.svc.RegistrationByNationalID(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, r, got)
}

func TestRegistrationEmailFirst(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	_, in := e.citizen()
	r, err := e.svc.StartRegistration(ctx, in)
	require.NoError(t, err)
	token, _ := e.mail.LastToken(r.Email)
	r, err = e.svc.ConfirmEmail(ctx, token)
	require.NoError(t, err)
	assert.False(t, r.Active())
	code, _ := e.sms.LastCode(r.Mobile)
	r, err = e.svc.VerifyMobile(ctx, r.ID, code)
	require.NoError(t, err)
	assert.True(t, r.Active())
}

func TestRegistrationAcceptsEitherCalendar(t *testing.T) {
	for _, date := range []string{"1410-09-29", "29/9/1410 هـ", "١٤١٠/٩/٢٩", "1990-04-24", "24/4/1990", "1990/04/24 م"} {
		t.Run(date, func(t *testing.T) {
			e := newSvcEnv(t, nil)
			_, in := e.citizen()
			in.BirthDate = date
			_, err := e.svc.StartRegistration(context.Background(), in)
			assert.NoError(t, err)
		})
	}
}

func TestRegistrationResident(t *testing.T) {
	e := newSvcEnv(t, nil)
	id := e.gen.Resident()
	e.reg.Add(identity.Person{NationalID: id, BirthDate: mustParseAny(t, "1985-02-11"), Nationality: "EG"})
	r, err := e.svc.StartRegistration(context.Background(), identity.RegisterInput{
		NationalID: id.String(), BirthDate: "11/2/1985", Mobile: "+966 50 111 2233", Email: "a@b.sa"})
	require.NoError(t, err)
	assert.Equal(t, id, r.NationalID)
}

func TestRegistrationValidationListsEveryField(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	_, err := e.svc.StartRegistration(ctx, identity.RegisterInput{
		NationalID: "1000000000", BirthDate: "1410-13-01", Mobile: "0521234567", Email: "not an email"})
	require.ErrorIs(t, err, fault.ErrInvalidInput)
	msgs := validation.Messages(err, i18n.Arabic)
	assert.Len(t, msgs, 4, "%v", msgs)
	for _, f := range []string{"national_id", "birth_date", "mobile", "email"} {
		assert.NotEmpty(t, msgs[f], f)
	}

	_, err = e.svc.StartRegistration(ctx, identity.RegisterInput{})
	require.ErrorIs(t, err, fault.ErrInvalidInput)
	assert.Len(t, validation.Messages(err, i18n.English), 4)

	_, in := e.citizen()
	in.NationalID = e.gen.Border().String()
	_, err = e.svc.StartRegistration(ctx, in)
	require.ErrorIs(t, err, fault.ErrInvalidInput)
	fe, _ := fault.As(err)
	require.Len(t, fe.Fields, 1)
	assert.Equal(t, "registration.id_kind", fe.Fields[0].Reason)

	assert.Empty(t, e.sms.Messages())
	assert.Zero(t, e.reg.Calls(), "invalid input never reaches the registry")
}

func TestRegistrationDetailsMismatch(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	_, in := e.citizen()
	wrongDay := in
	wrongDay.BirthDate = "1410-09-28"
	unknown := in
	unknown.NationalID = e.gen.Citizen().String()
	for _, bad := range []identity.RegisterInput{wrongDay, unknown} {
		_, err := e.svc.StartRegistration(ctx, bad)
		assertReason(t, err, identity.ErrDetailsMismatch, "registration.details_mismatch")
	}
	// Unknown ID and wrong date are indistinguishable.
	_, err1 := e.svc.StartRegistration(ctx, wrongDay)
	_, err2 := e.svc.StartRegistration(ctx, unknown)
	assert.Equal(t, err1.Error(), err2.Error())
	assert.Empty(t, e.sms.Messages())
}

func TestRegistrationRegistryDown(t *testing.T) {
	e := newSvcEnv(t, nil)
	_, in := e.citizen()
	e.reg.Fail(errors.New("timeout"))
	_, err := e.svc.StartRegistration(context.Background(), in)
	assertReason(t, err, identity.ErrRegistryUnavailable, "registration.registry_unavailable")
	assert.Equal(t, fault.Unavailable, fault.CodeOf(err))
}

func TestRegistrationAlreadyRegistered(t *testing.T) {
	e := newSvcEnv(t, nil)
	r := e.register(t)
	in := identity.RegisterInput{NationalID: r.NationalID.String(), BirthDate: "1410-09-29", Mobile: "0559999999", Email: "x@y.sa"}
	e.clock.Advance(time.Hour)
	_, err := e.svc.StartRegistration(context.Background(), in)
	assertReason(t, err, identity.ErrAlreadyRegistered, "registration.already_registered")
	assert.Equal(t, fault.Conflict, fault.CodeOf(err))
}

// A restart with the same mobile and email is the owner asking again: the
// attempt restarts in place, as a resend, and its old code and token are
// void. (A restart with other channels is a separate attempt:
// registration_attempts_test.go.)
func TestRegistrationRestartWithSameChannelsIsInPlace(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	_, in := e.citizen()
	first, err := e.svc.StartRegistration(ctx, in)
	require.NoError(t, err)
	oldCode, _ := e.sms.LastCode(first.Mobile)
	oldToken, _ := e.mail.LastToken(first.Email)

	// Too soon: the restart is a resend.
	_, err = e.svc.StartRegistration(ctx, in)
	assert.ErrorIs(t, err, identity.ErrResendTooSoon)

	e.clock.Advance(identity.DefaultResendCooldown)
	in.Mobile = "+966 55 123 4567" // the same number, written otherwise
	second, err := e.svc.StartRegistration(ctx, in)
	require.NoError(t, err)
	assert.Equal(t, first.ID, second.ID, "restarted in place")
	assert.Equal(t, 2, second.OTP.Sends)
	assert.Equal(t, first.Mobile, second.Mobile)

	_, err = e.svc.ConfirmEmail(ctx, oldToken)
	assert.ErrorIs(t, err, identity.ErrInvalidEmailToken, "the old token is void")
	_, err = e.svc.VerifyMobile(ctx, second.ID, oldCode)
	assert.ErrorIs(t, err, identity.ErrOTPMismatch, "the old code is void")
	code, _ := e.sms.LastCode(second.Mobile)
	_, err = e.svc.VerifyMobile(ctx, second.ID, code)
	assert.NoError(t, err)
}

func TestRegistrationSMSFailureLeavesNothing(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	id, in := e.citizen()
	e.sms.Fail(errors.New("gateway down"))
	_, err := e.svc.StartRegistration(ctx, in)
	assertReason(t, err, identity.ErrSMSUnavailable, "registration.sms_unavailable")
	_, err = e.svc.RegistrationByNationalID(ctx, id)
	assert.ErrorIs(t, err, identity.ErrRegistrationNotFound, "no registration is left pending")
	assert.Empty(t, e.mail.Messages(), "no email goes out when the SMS failed")

	// Once the gateway is back, registration works at once: no cooldown was left behind.
	e.sms.Fail(nil)
	_, err = e.svc.StartRegistration(ctx, in)
	assert.NoError(t, err)
}

func TestRegistrationMailFailureLeavesNothing(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	id, in := e.citizen()
	e.mail.Fail(errors.New("smtp down"))
	_, err := e.svc.StartRegistration(ctx, in)
	assertReason(t, err, identity.ErrMailUnavailable, "registration.mail_unavailable")
	_, err = e.svc.RegistrationByNationalID(ctx, id)
	assert.ErrorIs(t, err, identity.ErrRegistrationNotFound)
}

func TestRegistrationRestartFailureRestoresPrevious(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	id, in := e.citizen()
	_, err := e.svc.StartRegistration(ctx, in)
	require.NoError(t, err)
	before, err := e.svc.RegistrationByNationalID(ctx, id)
	require.NoError(t, err)
	code, _ := e.sms.LastCode(before.Mobile)

	e.clock.Advance(2 * time.Minute)
	e.sms.Fail(errors.New("gateway down"))
	in.Mobile = "0509998877"
	_, err = e.svc.StartRegistration(ctx, in)
	require.ErrorIs(t, err, identity.ErrSMSUnavailable)
	after, err := e.svc.RegistrationByNationalID(ctx, id)
	require.NoError(t, err)
	after.Version = before.Version
	assert.Equal(t, before, after, "the previous state is back")

	// And its code still works.
	e.sms.Fail(nil)
	_, err = e.svc.VerifyMobile(ctx, before.ID, code)
	assert.NoError(t, err)
}

func TestConfirmEmailToken(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	_, in := e.citizen()
	r, err := e.svc.StartRegistration(ctx, in)
	require.NoError(t, err)
	token, ok := e.mail.LastToken(r.Email)
	require.True(t, ok)

	for _, bad := range []string{"", "short", token[:42] + "!", "A" + token[1:] + "A"} {
		_, err := e.svc.ConfirmEmail(ctx, bad)
		assertReason(t, err, identity.ErrInvalidEmailToken, "registration.email_token_invalid")
	}
	other := "A" + token[1:]
	if token[0] == 'A' {
		other = "B" + token[1:]
	}
	_, err = e.svc.ConfirmEmail(ctx, other)
	assert.ErrorIs(t, err, identity.ErrInvalidEmailToken)

	_, err = e.svc.ConfirmEmail(ctx, token)
	require.NoError(t, err)
	_, err = e.svc.ConfirmEmail(ctx, token)
	assert.ErrorIs(t, err, identity.ErrInvalidEmailToken, "a token works once")
}

func TestConfirmEmailExpired(t *testing.T) {
	e := newSvcEnv(t, func(o *identity.Options) { o.EmailTokenTTL = time.Hour })
	ctx := context.Background()
	_, in := e.citizen()
	r, err := e.svc.StartRegistration(ctx, in)
	require.NoError(t, err)
	token, _ := e.mail.LastToken(r.Email)
	e.clock.Advance(time.Hour)
	_, err = e.svc.ConfirmEmail(ctx, token)
	assertReason(t, err, identity.ErrEmailTokenExpired, "registration.email_token_expired")
}

func TestEmailTokenStoredHashed(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	_, in := e.citizen()
	r, err := e.svc.StartRegistration(ctx, in)
	require.NoError(t, err)
	token, _ := e.mail.LastToken(r.Email)
	stored, err := e.store.GetRegistration(ctx, r.ID)
	require.NoError(t, err)
	assert.Len(t, stored.EmailTokenHash, 32)
	assert.NotContains(t, string(stored.EmailTokenHash), token)
	_, err = e.store.GetRegistrationByEmailToken(ctx, []byte(token))
	assert.ErrorIs(t, err, identity.ErrNotFound, "the token itself is not a key")
}

func TestRegistrationCustomTexts(t *testing.T) {
	e := newSvcEnv(t, func(o *identity.Options) {
		o.SMSText = func(code string, ttl time.Duration) string { return "code " + code + " " + ttl.String() }
		o.EmailText = func(token string, ttl time.Duration) (string, string) {
			return "confirm", "https://portal.example.sa/confirm?token=" + token
		}
	})
	_, in := e.citizen()
	_, err := e.svc.StartRegistration(context.Background(), in)
	require.NoError(t, err)
	assert.Regexp(t, `^code \d{6} 5m0s$`, e.sms.Messages()[0].Text)
	m := e.mail.Messages()[0]
	assert.Equal(t, "confirm", m.Subject)
	token, ok := e.mail.LastToken(m.To)
	require.True(t, ok)
	assert.Equal(t, "https://portal.example.sa/confirm?token="+token, m.Body)
}

func TestRegistrationJSONHidesSecrets(t *testing.T) {
	e := newSvcEnv(t, nil)
	_, in := e.citizen()
	r, err := e.svc.StartRegistration(context.Background(), in)
	require.NoError(t, err)
	b, err := jsonMarshal(r)
	require.NoError(t, err)
	assert.NotContains(t, string(b), "hash")
	assert.Contains(t, string(b), `"status":"pending"`)
}
