package identity_test

import (
	"database/sql"
	"database/sql/driver"
	"encoding"
	"encoding/json"
	"errors"
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity"
)

var (
	_ json.Marshaler           = identity.NationalID{}
	_ json.Unmarshaler         = (*identity.NationalID)(nil)
	_ encoding.TextMarshaler   = identity.NationalID{}
	_ encoding.TextUnmarshaler = (*identity.NationalID)(nil)
	_ driver.Valuer            = identity.NationalID{}
	_ sql.Scanner              = (*identity.NationalID)(nil)
	_ validator.Valuer         = identity.NationalID{}

	_ json.Marshaler           = identity.Mobile{}
	_ json.Unmarshaler         = (*identity.Mobile)(nil)
	_ encoding.TextMarshaler   = identity.Mobile{}
	_ encoding.TextUnmarshaler = (*identity.Mobile)(nil)
	_ driver.Valuer            = identity.Mobile{}
	_ sql.Scanner              = (*identity.Mobile)(nil)
	_ validator.Valuer         = identity.Mobile{}

	_ json.Marshaler           = identity.Email{}
	_ json.Unmarshaler         = (*identity.Email)(nil)
	_ encoding.TextMarshaler   = identity.Email{}
	_ encoding.TextUnmarshaler = (*identity.Email)(nil)
	_ driver.Valuer            = identity.Email{}
	_ sql.Scanner              = (*identity.Email)(nil)
	_ validator.Valuer         = identity.Email{}
)

type person struct {
	ID     identity.NationalID `json:"id"`
	Mobile identity.Mobile     `json:"mobile"`
	Email  identity.Email      `json:"email"`
}

type sparse struct {
	ID     identity.NationalID `json:"id,omitzero"`
	Mobile identity.Mobile     `json:"mobile,omitzero"`
	Email  identity.Email      `json:"email,omitzero"`
}

func TestJSONRoundTrip(t *testing.T) {
	p := person{
		ID:     identity.MustParseNationalID("2172323137"),
		Mobile: identity.MustParseMobile("0551234567"),
		Email:  identity.MustParseEmail("Sara@Example.com"),
	}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"2172323137","mobile":"+966551234567","email":"Sara@example.com"}`, string(b))

	var back person
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, p, back)
}

func TestJSONNormalisesInput(t *testing.T) {
	var p person
	require.NoError(t, json.Unmarshal([]byte(`{"id":"١٠٥٨٥٢٩٩٤٠","mobile":"٠٥٥ ١٢٣ ٤٥٦٧","email":" Sara@EXAMPLE.com "}`), &p))
	assert.Equal(t, person{
		ID:     identity.MustParseNationalID("1058529940"),
		Mobile: identity.MustParseMobile("+966551234567"),
		Email:  identity.MustParseEmail("Sara@example.com"),
	}, p)

	require.NoError(t, json.Unmarshal([]byte(`{"id":"\u0031058529940"}`), &p), "JSON escapes are decoded")
	assert.Equal(t, "1058529940", p.ID.String())
}

// The zero value is null; omitzero omits it; null leaves a value alone and ""
// clears it, so a missing value reaches validation's required rule.
func TestJSONZeroNullAndEmpty(t *testing.T) {
	b, err := json.Marshal(person{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":null,"mobile":null,"email":null}`, string(b))

	b, err = json.Marshal(sparse{})
	require.NoError(t, err)
	assert.Equal(t, `{}`, string(b))

	var p person
	require.NoError(t, json.Unmarshal([]byte(`{"id":null,"mobile":null,"email":null}`), &p))
	assert.Equal(t, person{}, p)
	require.NoError(t, json.Unmarshal([]byte(`{"id":"","mobile":"","email":""}`), &p))
	assert.Equal(t, person{}, p)

	p = person{ID: identity.MustParseNationalID("1000000008")}
	require.NoError(t, json.Unmarshal([]byte(`{"id":null}`), &p))
	assert.Equal(t, "1000000008", p.ID.String(), "null is a no-op, as for other types")
	require.NoError(t, json.Unmarshal([]byte(`{"id":""}`), &p))
	assert.True(t, p.ID.IsZero())
}

func TestJSONRejectsInvalid(t *testing.T) {
	for _, tc := range []struct {
		doc      string
		sentinel error
		reason   string
	}{
		{`{"id":"1000000000"}`, identity.ErrInvalidNationalID, "national_id.checksum"},
		{`{"id":"5000000002"}`, identity.ErrInvalidNationalID, "national_id.prefix"},
		{`{"id":"12"}`, identity.ErrInvalidNationalID, "national_id.length"},
		{`{"id":"abc"}`, identity.ErrInvalidNationalID, "national_id.characters"},
		{`{"id":1000000008}`, identity.ErrInvalidNationalID, "national_id.type"},
		{`{"id":true}`, identity.ErrInvalidNationalID, "national_id.type"},
		{`{"id":["1000000008"]}`, identity.ErrInvalidNationalID, "national_id.type"},
		{`{"mobile":"0521234567"}`, identity.ErrInvalidMobile, "mobile.unallocated"},
		{`{"mobile":"+971501234567"}`, identity.ErrInvalidMobile, "mobile.country"},
		{`{"mobile":966551234567}`, identity.ErrInvalidMobile, "mobile.type"},
		{`{"email":"Sara <sara@example.com>"}`, identity.ErrInvalidEmail, "email.display_name"},
		{`{"email":"sara"}`, identity.ErrInvalidEmail, "email.format"},
		{`{"email":{}}`, identity.ErrInvalidEmail, "email.type"},
	} {
		t.Run(tc.doc, func(t *testing.T) {
			var p person
			err := json.Unmarshal([]byte(tc.doc), &p)
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.sentinel)
			assert.Equal(t, fault.Invalid, fault.CodeOf(err))
			assert.Equal(t, tc.reason, fault.ReasonOf(err))
		})
	}
}

func TestTextAndMapKeys(t *testing.T) {
	id := identity.MustParseNationalID("1000000008")
	b, err := json.Marshal(map[identity.NationalID]int{id: 1})
	require.NoError(t, err)
	assert.Equal(t, `{"1000000008":1}`, string(b))

	var m map[identity.NationalID]int
	require.NoError(t, json.Unmarshal([]byte(`{"١٠٠٠٠٠٠٠٠٨":2}`), &m))
	assert.Equal(t, map[identity.NationalID]int{id: 2}, m)
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"1000000000":2}`), &m), identity.ErrInvalidNationalID)

	var mob identity.Mobile
	require.NoError(t, mob.UnmarshalText([]byte("0551234567")))
	text, err := mob.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "+966551234567", string(text))
	require.NoError(t, mob.UnmarshalText(nil))
	assert.True(t, mob.IsZero())
	var em identity.Email
	assert.ErrorIs(t, em.UnmarshalText([]byte("nope")), identity.ErrInvalidEmail)
	text, err = identity.MustParseEmail("a@B.sa").MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "a@b.sa", string(text))
}

// scanner is what database/sql drives: Value on the way in, Scan on the way out.
type scanner interface {
	driver.Valuer
	sql.Scanner
}

func TestSQLRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name      string
		value     driver.Valuer
		fresh     func() scanner
		wantValue string
	}{
		{"national ID", identity.MustParseNationalID("٣٠٠٠٠٠٠٠٠٤"), func() scanner { return new(identity.NationalID) }, "3000000004"},
		{"mobile", identity.MustParseMobile("0591234567"), func() scanner { return new(identity.Mobile) }, "+966591234567"},
		{"email", identity.MustParseEmail("x@Y.com"), func() scanner { return new(identity.Email) }, "x@y.com"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := tc.value.Value()
			require.NoError(t, err)
			assert.Equal(t, tc.wantValue, v)

			for _, src := range []any{v, []byte(v.(string))} {
				s := tc.fresh()
				require.NoError(t, s.Scan(src))
				got, err := s.Value()
				require.NoError(t, err)
				assert.Equal(t, v, got)
			}

			s := tc.fresh()
			require.NoError(t, s.Scan(nil), "NULL")
			got, err := s.Value()
			require.NoError(t, err)
			assert.Nil(t, got, "the zero value is NULL")
			require.NoError(t, s.Scan(""))
			got, _ = s.Value()
			assert.Nil(t, got)

			assert.Error(t, s.Scan(3.5), "a float is never an identity")
			assert.Equal(t, fault.Internal, fault.CodeOf(s.Scan(true)), "an unexpected type is a storage bug")
		})
	}
}

func TestSQLScan(t *testing.T) {
	var id identity.NationalID
	require.NoError(t, id.Scan(int64(1000000008)), "a number column")
	assert.Equal(t, "1000000008", id.String())

	err := id.Scan("1000000000")
	assert.ErrorIs(t, err, identity.ErrInvalidNationalID)
	assert.Equal(t, "national_id.checksum", fault.ReasonOf(err))
	assert.NotContains(t, err.Error(), "1000000000", "the stored number is not echoed")

	var m identity.Mobile
	assert.Error(t, m.Scan(int64(966551234567)), "mobiles are text")
	assert.ErrorIs(t, m.Scan("0521234567"), identity.ErrInvalidMobile)
	var e identity.Email
	assert.ErrorIs(t, e.Scan([]byte("a@localhost")), identity.ErrInvalidEmail)
	assert.False(t, errors.Is(e.Scan(int64(1)), identity.ErrInvalidEmail))
}
