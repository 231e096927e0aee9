package identitytest_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

func TestGeneratedMobilesParse(t *testing.T) {
	g := identitytest.NewGenerator(3)
	seconds := map[byte]bool{}
	for range 2000 {
		m := g.Mobile()
		require.False(t, m.IsZero())
		back, err := identity.ParseMobile(m.National())
		require.NoError(t, err, m.String())
		assert.Equal(t, m, back)
		seconds[m.String()[5]] = true
	}
	assert.Len(t, seconds, 9, "every allocated second digit, 7 included")
}

func TestInvalidMobilesFailForTheirReason(t *testing.T) {
	g := identitytest.NewGenerator(4)
	for range 300 {
		for _, k := range identitytest.InvalidMobileKinds {
			s := g.InvalidMobile(k)
			_, err := identity.ParseMobile(s)
			require.True(t, errors.Is(err, identity.ErrInvalidMobile), "%s %q: %v", k, s, err)
			require.Equal(t, k.Reason(), fault.ReasonOf(err), "%s %q", k, s)
		}
	}
	assert.Equal(t, "MobileUnallocated", identitytest.MobileUnallocated.String())
	assert.Equal(t, "InvalidMobileKind(99)", identitytest.InvalidMobileKind(99).String())
	assert.Equal(t, "", identitytest.InvalidMobileKind(99).Reason())
	assert.Panics(t, func() { g.InvalidMobile(99) })
}

func TestGeneratedEmails(t *testing.T) {
	g := identitytest.NewGenerator(5)
	for range 200 {
		e := g.Email()
		assert.Equal(t, "example.com", e.Domain())
		assert.True(t, strings.HasPrefix(e.Local(), "user"))
	}
}

func TestContactGeneratorsAreDeterministic(t *testing.T) {
	a, b := identitytest.NewGenerator(9), identitytest.NewGenerator(9)
	for range 20 {
		assert.Equal(t, a.Mobile(), b.Mobile())
		assert.Equal(t, a.Email(), b.Email())
		assert.Equal(t, a.InvalidMobile(identitytest.MobileUnallocated), b.InvalidMobile(identitytest.MobileUnallocated))
	}
}
