package idempotency_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/idempotency"
)

func TestValidateKey(t *testing.T) {
	tests := []struct {
		name, key string
		ok        bool
	}{
		{"uuid", "8e0b5f0a-3c1d-4b7e-9f2a-6d4c8b1e0f3a", true},
		{"one character", "k", true},
		{"every printable ASCII character", " !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~", true},
		{"255 characters", strings.Repeat("k", 255), true},
		{"empty", "", false},
		{"256 characters", strings.Repeat("k", 256), false},
		{"Arabic", "مفتاح", false},
		{"tab", "a\tb", false},
		{"newline", "a\nb", false},
		{"NUL", "a\x00b", false},
		{"DEL", "a\x7fb", false},
		{"invalid UTF-8", "a\xffb", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := idempotency.ValidateKey(tc.key)
			if tc.ok {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, idempotency.ErrInvalidKey)
			assert.ErrorIs(t, err, fault.ErrInvalidInput, "an input-shape failure")
			assert.Equal(t, fault.Invalid, fault.CodeOf(err))
			assert.Equal(t, "validation.failed", fault.ReasonOf(err), "the reason of every input-shape failure")
			fe, ok := fault.As(err)
			require.True(t, ok)
			require.Len(t, fe.Fields, 1)
			assert.Equal(t, idempotency.KeyField, fe.Fields[0].Field)
			assert.Equal(t, "idempotency.invalid_key", fe.Fields[0].Reason)
			assert.NotEmpty(t, fe.Fields[0].Message.AR)
			assert.NotEqual(t, fe.Fields[0].Message.AR, fe.Fields[0].Message.EN)
		})
	}
}

func TestHashRequest(t *testing.T) {
	h := idempotency.HashRequest("POST", "/v1/grievances", []byte(`{"a":1}`))
	assert.Len(t, h, 64, "hex SHA-256")
	assert.Equal(t, h, idempotency.HashRequest("POST", "/v1/grievances", []byte(`{"a":1}`)), "deterministic")
	for name, other := range map[string]string{
		"another body":   idempotency.HashRequest("POST", "/v1/grievances", []byte(`{"a":2}`)),
		"another path":   idempotency.HashRequest("POST", "/v1/corrections", []byte(`{"a":1}`)),
		"another method": idempotency.HashRequest("PUT", "/v1/grievances", []byte(`{"a":1}`)),
		"shifted bytes":  idempotency.HashRequest("POST", "/v1/grievances{", []byte(`"a":1}`)),
	} {
		assert.NotEqual(t, h, other, name)
	}
	assert.NotEqual(t, idempotency.HashRequest("PO", "ST/x", nil), idempotency.HashRequest("POST", "/x", nil), "fields are delimited")
}

func TestRecord(t *testing.T) {
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	r := idempotency.Record{ExpiresAt: at, Header: map[string]string{"ETag": `"1"`}, Body: []byte("x")}
	assert.False(t, r.Completed())
	assert.True(t, r.Live(at.Add(-time.Microsecond)))
	assert.False(t, r.Live(at), "a record does not answer at its expiry")
	c := r.Clone()
	c.Header["ETag"], c.Body[0] = "y", 'y'
	assert.Equal(t, `"1"`, r.Header["ETag"])
	assert.Equal(t, "x", string(r.Body))
	empty := idempotency.Record{Header: map[string]string{}, Body: []byte{}}.Clone()
	assert.Nil(t, empty.Header)
	assert.Nil(t, empty.Body)
}

// clock is a settable clock for the Service.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

func newService(t *testing.T) (*idempotency.Service, *memstore.Store, *clock) {
	t.Helper()
	s := memstore.New(nil)
	c := &clock{now: time.Date(2026, 3, 1, 9, 0, 0, 123456789, time.FixedZone("AST", 3*3600))}
	return idempotency.New(s, &idempotency.Options{Now: c.Now, TTL: time.Hour}), s, c
}

var ctx = context.Background()

func TestServiceReserveAndReplay(t *testing.T) {
	svc, store, c := newService(t)
	h := idempotency.HashRequest("POST", "/v1/consents", []byte(`{"grantee":"moh"}`))
	r, found, err := svc.Reserve(ctx, "scope", "k1", h)
	require.NoError(t, err)
	assert.False(t, found)
	want := c.now.UTC().Truncate(time.Microsecond)
	assert.Equal(t, want, r.CreatedAt, "UTC, microseconds")
	assert.Equal(t, want.Add(time.Hour), r.ExpiresAt, "the TTL")
	assert.Equal(t, time.Hour, svc.TTL())

	_, _, err = svc.Reserve(ctx, "scope", "k1", h)
	assert.ErrorIs(t, err, idempotency.ErrInProgress, "seen outside the reserving transaction")
	assert.Equal(t, fault.Conflict, fault.CodeOf(err))

	done, err := svc.Complete(ctx, "scope", "k1", 201, map[string]string{"Location": "/v1/consents/c1"}, []byte(`{"id":"c1"}`))
	require.NoError(t, err)
	assert.Equal(t, 201, done.Status)

	c.now = c.now.Add(59 * time.Minute)
	r, found, err = svc.Reserve(ctx, "scope", "k1", h)
	require.NoError(t, err)
	assert.True(t, found, "a retry within the window")
	assert.Equal(t, `{"id":"c1"}`, string(r.Body))
	assert.Equal(t, "/v1/consents/c1", r.Header["Location"])

	_, _, err = svc.Reserve(ctx, "scope", "k1", idempotency.HashRequest("POST", "/v1/consents", []byte(`{"grantee":"moe"}`)))
	assert.ErrorIs(t, err, idempotency.ErrKeyReused)
	assert.Equal(t, fault.FailedPrecondition, fault.CodeOf(err))
	assert.NotEqual(t, fault.MessageOf(err, i18n.Arabic), fault.MessageOf(err, i18n.English))

	c.now = c.now.Add(time.Minute)
	r, found, err = svc.Reserve(ctx, "scope", "k1", idempotency.HashRequest("POST", "/v1/consents", []byte(`{"grantee":"moe"}`)))
	require.NoError(t, err)
	assert.False(t, found, "past the window the key starts afresh")
	assert.False(t, r.Completed())

	stored, err := store.GetIdempotencyKey(ctx, "scope", "k1")
	require.NoError(t, err)
	assert.False(t, stored.Completed())
}

func TestServiceRefusals(t *testing.T) {
	svc, store, _ := newService(t)
	_, _, err := svc.Reserve(ctx, "scope", "", "h")
	assert.ErrorIs(t, err, idempotency.ErrInvalidKey)
	_, _, err = svc.Reserve(ctx, "", "k", "h")
	assert.ErrorIs(t, err, idempotency.ErrInvalidRecord)
	_, _, err = svc.Reserve(ctx, "scope", "k", "")
	assert.ErrorIs(t, err, idempotency.ErrInvalidRecord)
	_, err = store.GetIdempotencyKey(ctx, "scope", "k")
	assert.ErrorIs(t, err, idempotency.ErrNotFound, "nothing stored")

	_, _, err = svc.Reserve(ctx, "scope", "k", "h")
	require.NoError(t, err)
	for _, status := range []int{0, 99, 600} {
		_, err = svc.Complete(ctx, "scope", "k", status, nil, nil)
		assert.ErrorIs(t, err, idempotency.ErrInvalidRecord, "status %d", status)
	}
	_, err = svc.Complete(ctx, "scope", "other", 201, nil, nil)
	assert.ErrorIs(t, err, idempotency.ErrNotFound)
}

func TestServicePurge(t *testing.T) {
	svc, store, c := newService(t)
	_, _, err := svc.Reserve(ctx, "scope", "old", "h")
	require.NoError(t, err)
	c.now = c.now.Add(30 * time.Minute)
	_, _, err = svc.Reserve(ctx, "scope", "new", "h")
	require.NoError(t, err)
	c.now = c.now.Add(31 * time.Minute)
	n, err := svc.Purge(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	_, err = store.GetIdempotencyKey(ctx, "scope", "old")
	assert.ErrorIs(t, err, idempotency.ErrNotFound)
	_, err = store.GetIdempotencyKey(ctx, "scope", "new")
	assert.NoError(t, err)
}

func TestDefaults(t *testing.T) {
	svc := idempotency.New(memstore.New(nil), nil)
	assert.Equal(t, idempotency.DefaultTTL, svc.TTL())
	assert.Equal(t, 24*time.Hour, idempotency.DefaultTTL)
	r, _, err := svc.Reserve(ctx, "scope", "k", "h")
	require.NoError(t, err)
	assert.False(t, r.CreatedAt.IsZero(), "the default clock is time.Now")
	assert.Equal(t, time.UTC, r.CreatedAt.Location())
	assert.Equal(t, r.CreatedAt.Add(idempotency.DefaultTTL), r.ExpiresAt)
}
