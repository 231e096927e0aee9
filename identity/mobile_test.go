package identity_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
)

func TestParseMobileAcceptedForms(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// DOMAIN.md §1.4's five forms.
		{"0551234567", "+966551234567"},
		{"551234567", "+966551234567"},
		{"+966551234567", "+966551234567"},
		{"966551234567", "+966551234567"},
		{"00966551234567", "+966551234567"},
		// The national 0 after the country code.
		{"+966 055 123 4567", "+966551234567"},
		{"0096605 51234567", "+966551234567"},
		{"9660551234567", "+966551234567"},
		// Digits and separators.
		{"٠٥٥١٢٣٤٥٦٧", "+966551234567"},
		{"+٩٦٦٥٥١٢٣٤٥٦٧", "+966551234567"},
		{"۰۵۵۱۲۳۴۵۶۷", "+966551234567"},
		{"055-123-4567", "+966551234567"},
		{" +966 55 123 4567 ", "+966551234567"},
		{"\u200e+966\u00a055\u00a0123\u00a04567\u200f", "+966551234567"},
		{"055_123_4567", "+966551234567"},
		// Every allocated second digit, and the edges of 057.
		{"0501234567", "+966501234567"},
		{"0511234567", "+966511234567"},
		{"0531234567", "+966531234567"},
		{"0541234567", "+966541234567"},
		{"0561234567", "+966561234567"},
		{"0581234567", "+966581234567"},
		{"0591234567", "+966591234567"},
		{"0570123456", "+966570123456"},
		{"0578999999", "+966578999999"},
		{"0579012345", "+966579012345"},
		{"0579199999", "+966579199999"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			m, err := identity.ParseMobile(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, m.String())
			assert.Equal(t, identity.MustParseMobile(tc.want), m)
		})
	}
}

func TestParseMobileFailures(t *testing.T) {
	for _, tc := range []struct{ in, reason string }{
		{"", "mobile.length"},
		{"+", "mobile.length"},
		{"00", "mobile.length"},
		{"055123456", "mobile.length"},
		{"05512345678", "mobile.length"},
		{"55123456", "mobile.length"},
		{"+96655123456", "mobile.length"},
		{"+9665512345678", "mobile.length"},
		{"0966551234567", "mobile.length"},
		{"0551234567890123456", "mobile.length"},
		{"05x1234567", "mobile.characters"},
		{"(055) 123 4567", "mobile.characters"},
		{"055.123.4567", "mobile.characters"},
		{"055+1234567", "mobile.characters"},
		{"++966551234567", "mobile.characters"},
		{"+966 55 123 456٧a", "mobile.characters"},
		{"\xff0551234567", "mobile.characters"},
		{"+971501234567", "mobile.country"},
		{"00971501234567", "mobile.country"},
		{"+14155550100", "mobile.country"},
		{"+0551234567", "mobile.country"},
		{"0112345678", "mobile.prefix"},    // a Riyadh landline
		{"+966112345678", "mobile.prefix"}, // the same, international
		{"112345678", "mobile.prefix"},
		{"٠١٢٣٤٥٦٧٨٩", "mobile.prefix"},
		{"0521234567", "mobile.unallocated"},
		{"+966521234567", "mobile.unallocated"},
		{"0579212345", "mobile.unallocated"},
		{"0579999999", "mobile.unallocated"},
		{"٠٥٢١٢٣٤٥٦٧", "mobile.unallocated"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			m, err := identity.ParseMobile(tc.in)
			require.Error(t, err)
			assert.True(t, m.IsZero())
			assert.ErrorIs(t, err, identity.ErrInvalidMobile)
			assert.ErrorIs(t, err, fault.ErrInvalid)
			assert.NotErrorIs(t, err, identity.ErrInvalidNationalID)
			assert.Equal(t, tc.reason, fault.ReasonOf(err))
			assert.NotEmpty(t, fault.MessageOf(err, i18n.Arabic))
			assert.NotEmpty(t, fault.MessageOf(err, i18n.English))
		})
	}
}

func TestMobileMethods(t *testing.T) {
	m := identity.MustParseMobile("0551234567")
	assert.Equal(t, "+966551234567", m.String())
	assert.Equal(t, "0551234567", m.National())
	assert.Equal(t, "+96655*****67", m.Masked())
	assert.False(t, m.IsZero())
	back, err := identity.ParseMobile(m.National())
	require.NoError(t, err)
	assert.Equal(t, m, back)

	var zero identity.Mobile
	assert.True(t, zero.IsZero())
	assert.Equal(t, "", zero.String())
	assert.Equal(t, "", zero.National())
	assert.Equal(t, "", zero.Masked())
}

func TestMustParseMobilePanics(t *testing.T) {
	defer func() {
		err, _ := recover().(error)
		assert.True(t, errors.Is(err, identity.ErrInvalidMobile))
	}()
	identity.MustParseMobile("0521234567")
	t.Fatal("no panic")
}

func TestParseMobileCanonicalDoesNotAllocate(t *testing.T) {
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		sinkMobile, sinkErr = identity.ParseMobile("+966551234567")
	}))
}

// TestParseMobileMatchesReference crosses every written prefix with national
// numbers of every outcome, in the three digit sets and with separators, and
// compares ParseMobile with the regular-expression reference of the fuzz test.
func TestParseMobileMatchesReference(t *testing.T) {
	prefixes := []string{"", "0", "00", "+", "966", "+966", "00966", "9660", "+9660", "009660", "0966", "+0", "+00966", "9966", "+965"}
	nsns := []string{"551234567", "501234567", "521234567", "570000000", "578999999", "579012345", "579199999", "579212345", "112345678", "55123456", "5512345678", ""}
	digitSets := []func(string) string{
		func(s string) string { return s },
		func(s string) string { return mapDigits(s, '٠') },
		func(s string) string { return mapDigits(s, '۰') },
	}
	n := 0
	for _, p := range prefixes {
		for _, nsn := range nsns {
			for _, digits := range digitSets {
				for _, sep := range []string{"", " ", "-"} {
					in := digits(p + sep + nsn)
					m, err := identity.ParseMobile(in)
					want, ok := mobileRef(in)
					require.Equal(t, ok, err == nil, "%q: %v", in, err)
					require.Equal(t, want, m.String(), "%q", in)
					n++
				}
			}
		}
	}
	assert.Equal(t, len(prefixes)*len(nsns)*9, n)
}

// mapDigits rewrites the ASCII digits of s in the digit set starting at zero.
func mapDigits(s string, zero rune) string {
	out := []rune(s)
	for i, r := range out {
		if r >= '0' && r <= '9' {
			out[i] = zero + r - '0'
		}
	}
	return string(out)
}
