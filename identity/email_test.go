package identity_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
)

func TestParseEmailAccepts(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"sara@example.com", "sara@example.com"},
		{"  Sara.Ali@Example.COM\t", "Sara.Ali@example.com"}, // trimmed; the local part keeps its case
		{"s.ali+hr@mail.moe.gov.sa", "s.ali+hr@mail.moe.gov.sa"},
		{"o'brien@example.org", "o'brien@example.org"},
		{"a@b.co", "a@b.co"},
		{"user@sub-domain.example.sa", "user@sub-domain.example.sa"},
		{"سارة@مثال.السعودية", "سارة@مثال.السعودية"},
		{strings.Repeat("a", 64) + "@example.com", strings.Repeat("a", 64) + "@example.com"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			e, err := identity.ParseEmail(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, e.String())
			back, err := identity.ParseEmail(e.String())
			require.NoError(t, err)
			assert.Equal(t, e, back)
		})
	}
}

func TestParseEmailFailures(t *testing.T) {
	for _, tc := range []struct{ in, reason string }{
		{"", "email.format"},
		{"   ", "email.format"},
		{"sara", "email.format"},
		{"sara@", "email.format"},
		{"@example.com", "email.format"},
		{"sara@@example.com", "email.format"},
		{"a@b@example.com", "email.format"},
		{"sara ali@example.com", "email.format"},
		{"a..b@example.com", "email.format"},
		{".a@example.com", "email.format"},
		{"a@example..com", "email.format"},
		{`"sara ali"@example.com`, "email.format"},
		{`"sara"@example.com`, "email.format"},
		{"sara@example.com, ali@example.com", "email.format"},
		{"Sara <sara@example.com>", "email.display_name"},
		{`"Sara Ali" <sara@example.com>`, "email.display_name"},
		{"<sara@example.com>", "email.display_name"},
		{"sara@example.com (Sara)", "email.display_name"},
		{"Sara <sara@example", "email.display_name"},
		{"sara@localhost", "email.domain"},
		{"sara@[192.0.2.1]", "email.domain"},
		{"sara@-example.com", "email.domain"},
		{"sara@example-.com", "email.domain"},
		{strings.Repeat("a", 65) + "@example.com", "email.length"},
		{"a@" + strings.Repeat("b", 250) + ".com", "email.length"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			e, err := identity.ParseEmail(tc.in)
			require.Error(t, err)
			assert.True(t, e.IsZero())
			assert.ErrorIs(t, err, identity.ErrInvalidEmail)
			assert.ErrorIs(t, err, fault.ErrInvalid)
			assert.Equal(t, tc.reason, fault.ReasonOf(err))
			assert.NotEmpty(t, fault.MessageOf(err, i18n.Arabic))
		})
	}
}

func TestEmailMethods(t *testing.T) {
	e := identity.MustParseEmail("Sara.Ali@Example.SA")
	assert.Equal(t, "Sara.Ali", e.Local())
	assert.Equal(t, "example.sa", e.Domain())
	assert.Equal(t, "S***@example.sa", e.Masked())
	assert.Equal(t, "س***@مثال.السعودية", identity.MustParseEmail("سارة@مثال.السعودية").Masked())

	var zero identity.Email
	assert.True(t, zero.IsZero())
	assert.Equal(t, "", zero.String())
	assert.Equal(t, "", zero.Local())
	assert.Equal(t, "", zero.Domain())
	assert.Equal(t, "", zero.Masked())
}

func TestMustParseEmailPanics(t *testing.T) {
	defer func() {
		err, _ := recover().(error)
		assert.True(t, errors.Is(err, identity.ErrInvalidEmail))
	}()
	identity.MustParseEmail("Sara <sara@example.com>")
	t.Fatal("no panic")
}
