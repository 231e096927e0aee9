package identity_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

// TestParseNationalIDDomainExamples runs every worked example of DOMAIN.md §1.3.
func TestParseNationalIDDomainExamples(t *testing.T) {
	for _, tc := range []struct {
		in     string
		kind   identity.Kind // 0: invalid
		reason string
	}{
		{"1000000008", identity.Citizen, ""},
		{"2000000006", identity.Resident, ""},
		{"1010101010", identity.Citizen, ""},
		{"1058529940", identity.Citizen, ""},
		{"1001244019", identity.Citizen, ""},
		{"2172323137", identity.Resident, ""},
		{"3000000004", identity.Border, ""},
		{"١٠٠٠٠٠٠٠٠٨", identity.Citizen, ""},
		{"1234567890", 0, "national_id.checksum"},
		{"1000000000", 0, "national_id.checksum"},
		{"1058529941", 0, "national_id.checksum"},
		{"2000000007", 0, "national_id.checksum"},
		{"3000000002", 0, "national_id.checksum"},
		{"100000000", 0, "national_id.length"},
		{"5000000002", 0, "national_id.prefix"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			id, err := identity.ParseNationalID(tc.in)
			if tc.kind == 0 {
				assertIDReason(t, err, tc.reason)
				assert.True(t, id.IsZero())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.kind, id.Kind())
			assert.Len(t, id.String(), 10)
		})
	}
}

func assertIDReason(t *testing.T, err error, reason string) {
	t.Helper()
	require.Error(t, err)
	assert.ErrorIs(t, err, identity.ErrInvalidNationalID)
	assert.ErrorIs(t, err, fault.ErrInvalid)
	assert.Equal(t, reason, fault.ReasonOf(err))
	assert.NotEmpty(t, fault.MessageOf(err, i18n.Arabic))
	assert.NotEmpty(t, fault.MessageOf(err, i18n.English))
	assert.NotEqual(t, fault.MessageOf(err, i18n.Arabic), fault.MessageOf(err, i18n.English))
}

func TestParseNationalIDNormalises(t *testing.T) {
	for _, in := range []string{
		"1058529940",
		"١٠٥٨٥٢٩٩٤٠",                  // Arabic-Indic
		"۱۰۵۸۵۲۹۹۴۰",                  // Persian
		"١٠٥۸۵٢٩٩٤0",                  // mixed
		"1058 529 940",                // spaces
		"1-058-529-940",               // dashes
		"1_058_529_940",               // underscores
		" 1058529940\t",               // surrounding white space
		"1058\u00a0529\u00a0940",      // no-break spaces
		"\u200f١٠٥٨٥٢٩٩٤٠\u200e",      // bidi marks from RTL text
		"\u061c1058529940",            // Arabic letter mark
		"  -- ١ ٠ ٥ ٨ ٥ ٢ ٩ ٩ ٤ ٠ --", // everything at once
	} {
		id, err := identity.ParseNationalID(in)
		require.NoError(t, err, "%q", in)
		assert.Equal(t, "1058529940", id.String(), "%q", in)
		assert.Equal(t, identity.MustParseNationalID("1058529940"), id, "%q: values are comparable", in)
	}
}

func TestParseNationalIDFailures(t *testing.T) {
	for _, tc := range []struct{ in, reason string }{
		{"", "national_id.length"},
		{"   ", "national_id.length"},
		{"1", "national_id.length"},
		{"10000000081", "national_id.length"},
		{"١٠٠٠٠٠٠٠٠", "national_id.length"},
		{"1000 0000 081", "national_id.length"},
		{"10000x0008", "national_id.characters"},
		{"+1000000008", "national_id.characters"},
		{"1000000008.", "national_id.characters"},
		{"١٠٠٠٠٠٠٠٠أ", "national_id.characters"},
		{"１０００００００００８", "national_id.characters"}, // full-width digits are not accepted
		{"\xff000000008", "national_id.characters"},
		{"0000000000", "national_id.prefix"},
		{"5000000002", "national_id.prefix"},
		{"7000000002", "national_id.prefix"}, // a unified establishment number
		{"9000000008", "national_id.prefix"},
		{"٥٠٠٠٠٠٠٠٠٢", "national_id.prefix"},
		{"4000000001", "national_id.checksum"},
		{"٢٠٠٠٠٠٠٠٠٧", "national_id.checksum"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			_, err := identity.ParseNationalID(tc.in)
			assertIDReason(t, err, tc.reason)
		})
	}
}

func TestParseNationalIDEveryGeneratedKind(t *testing.T) {
	g := identitytest.NewGenerator(42)
	for range 300 {
		for kind, id := range map[identity.Kind]identity.NationalID{
			identity.Citizen: g.Citizen(), identity.Resident: g.Resident(), identity.Border: g.Border(),
		} {
			back, err := identity.ParseNationalID(id.String())
			require.NoError(t, err)
			assert.Equal(t, id, back)
			assert.Equal(t, kind, back.Kind())
		}
		for _, k := range identitytest.InvalidKinds {
			_, err := identity.ParseNationalID(g.Invalid(k))
			assertIDReason(t, err, k.Reason())
		}
	}
}

func TestNationalIDMethods(t *testing.T) {
	id := identity.MustParseNationalID("4000000002")
	assert.Equal(t, identity.Border, id.Kind())
	assert.Equal(t, "4000000002", id.String())
	assert.Equal(t, "4*******02", id.Masked())
	assert.False(t, id.IsZero())

	var zero identity.NationalID
	assert.True(t, zero.IsZero())
	assert.Equal(t, "", zero.String())
	assert.Equal(t, "", zero.Masked())
	assert.Equal(t, identity.Kind(0), zero.Kind())

	assert.Equal(t, "citizen", identity.Citizen.String())
	assert.Equal(t, "resident", identity.Resident.String())
	assert.Equal(t, "border", identity.Border.String())
	assert.Equal(t, "unknown", identity.Kind(0).String())

	assert.Equal(t, byte(8), identity.LuhnCheckDigit("100000000"))
	assert.Equal(t, byte(7), identity.LuhnCheckDigit("217232313"))
	assert.Equal(t, byte(9), identity.LuhnCheckDigit("100124401"))
}

func TestMustParseNationalIDPanics(t *testing.T) {
	defer func() {
		err, _ := recover().(error)
		assert.True(t, errors.Is(err, identity.ErrInvalidNationalID))
	}()
	identity.MustParseNationalID("1000000000")
	t.Fatal("no panic")
}

func TestParseNationalIDCanonicalDoesNotAllocate(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		sinkID, sinkErr = identity.ParseNationalID("1058529940")
	})
	assert.Zero(t, allocs)
	allocs = testing.AllocsPerRun(100, func() {
		sinkID, sinkErr = identity.ParseNationalID("1058529941")
	})
	assert.Zero(t, allocs, "rejections allocate nothing either")
}
