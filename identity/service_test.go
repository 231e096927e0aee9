package identity_test

import (
	"bytes"
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

// testClock is a settable clock for the Service and the fake Authenticator.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// svcEnv is a Service over memstore and the identitytest fakes.
type svcEnv struct {
	svc   *identity.Service
	store identity.Store
	reg   *identitytest.Registry
	acc   *identitytest.Accounts
	emp   *identitytest.Employment
	sms   *identitytest.SMS
	mail  *identitytest.Mail
	auth  *identitytest.Authenticator
	clock *testClock
	gen   *identitytest.Generator
	key   []byte
}

var testKey = bytes.Repeat([]byte("k"), identity.MinOTPKeyLen)

func newSvcEnv(t *testing.T, tweak func(*identity.Options)) *svcEnv {
	t.Helper()
	return newSvcEnvOn(t, memstore.New(nil), tweak)
}

// newSvcEnvOn is newSvcEnv on the given store.
func newSvcEnvOn(t *testing.T, store identity.Store, tweak func(*identity.Options)) *svcEnv {
	t.Helper()
	e := &svcEnv{
		store: store,
		reg:   identitytest.NewRegistry(),
		acc:   identitytest.NewAccounts(),
		emp:   identitytest.NewEmployment(),
		sms:   &identitytest.SMS{},
		mail:  &identitytest.Mail{},
		clock: &testClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)},
		gen:   identitytest.NewGenerator(uint64(len(t.Name()))),
		key:   testKey,
	}
	e.auth = identitytest.NewAuthenticator(&identitytest.AuthenticatorOptions{Now: e.clock.Now})
	opts := &identity.Options{Now: e.clock.Now, OTPKey: e.key}
	if tweak != nil {
		tweak(opts)
	}
	svc, err := identity.New(e.store, identity.Ports{
		Registry: e.reg, Accounts: e.acc, Employment: e.emp, SMS: e.sms, Mail: e.mail, Authenticator: e.auth,
	}, opts)
	require.NoError(t, err)
	e.svc = svc
	return e
}

// citizen adds a Saudi citizen born on 1410-09-29 AH (1990-04-24) to the
// registry and returns the input that registers them.
func (e *svcEnv) citizen() (identity.NationalID, identity.RegisterInput) {
	id := e.gen.Citizen()
	e.reg.Add(identity.Person{NationalID: id, BirthDate: hijri.MustNew(1410, 9, 29), Nationality: "SA", NameAR: "نورة العتيبي"})
	return id, identity.RegisterInput{NationalID: id.String(), BirthDate: "1410/09/29", Mobile: "0551234567", Email: "noura@example.sa"}
}

// register runs a whole registration and returns the active registration.
func (e *svcEnv) register(t *testing.T) identity.Registration {
	t.Helper()
	ctx := context.Background()
	_, in := e.citizen()
	r, err := e.svc.StartRegistration(ctx, in)
	require.NoError(t, err)
	code, ok := e.sms.LastCode(r.Mobile)
	require.True(t, ok)
	_, err = e.svc.VerifyMobile(ctx, r.ID, code)
	require.NoError(t, err)
	token, ok := e.mail.LastToken(r.Email)
	require.True(t, ok)
	r, err = e.svc.ConfirmEmail(ctx, token)
	require.NoError(t, err)
	require.True(t, r.Active())
	return r
}

func mustParseAny(t *testing.T, s string) hijri.Date {
	t.Helper()
	d, err := hijri.ParseAny(s)
	require.NoError(t, err)
	return d
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }

func assertReason(t *testing.T, err error, target error, reason string) {
	t.Helper()
	require.Error(t, err)
	assert.ErrorIs(t, err, target)
	assert.Equal(t, reason, fault.ReasonOf(err), "reason of %v", err)
}

func TestNewRequiresAKey(t *testing.T) {
	store := memstore.New(nil)
	for _, key := range [][]byte{nil, bytes.Repeat([]byte("k"), identity.MinOTPKeyLen-1)} {
		_, err := identity.New(store, identity.Ports{}, &identity.Options{OTPKey: key})
		assert.ErrorIs(t, err, identity.ErrInvalidOptions)
	}
	_, err := identity.New(store, identity.Ports{}, nil)
	assert.ErrorIs(t, err, identity.ErrInvalidOptions)
	_, err = identity.New(store, identity.Ports{}, &identity.Options{OTPKey: testKey, OTPTTL: -time.Second})
	assert.ErrorIs(t, err, identity.ErrInvalidOptions)
	_, err = identity.New(store, identity.Ports{}, &identity.Options{OTPKey: testKey,
		Policies: identity.Policies{identity.CV: {Service: identity.Promotions}}})
	assert.ErrorIs(t, err, identity.ErrInvalidOptions)
	svc, err := identity.New(store, identity.Ports{}, &identity.Options{OTPKey: testKey})
	require.NoError(t, err)
	assert.Equal(t, identity.DefaultPolicies(), svc.Policies())
}

func TestMissingPortsAreNotConfigured(t *testing.T) {
	svc, err := identity.New(memstore.New(nil), identity.Ports{}, &identity.Options{OTPKey: testKey})
	require.NoError(t, err)
	ctx := context.Background()
	id := identitytest.NewGenerator(1).Citizen()
	_, err = svc.StartRegistration(ctx, identity.RegisterInput{})
	assert.ErrorIs(t, err, identity.ErrNotConfigured)
	_, err = svc.ResendOTP(ctx, "x")
	assert.ErrorIs(t, err, identity.ErrNotConfigured)
	_, err = svc.StartSignIn(ctx, id)
	assert.ErrorIs(t, err, identity.ErrNotConfigured)
	_, err = svc.CheckEligibility(ctx, id, identity.Grievances, nil)
	assert.ErrorIs(t, err, identity.ErrNotConfigured)
}
