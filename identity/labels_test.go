package identity

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/masarhr/masar-go/i18n"
)

func TestStateLabels(t *testing.T) {
	for _, s := range []SignInState{SignInWaiting, SignInCompleted, SignInRejected, SignInExpired} {
		assert.NotEqual(t, string(s), s.Label(i18n.Arabic), s)
		assert.NotEmpty(t, s.Label(i18n.English), s)
	}
	for _, s := range []RegistrationStatus{RegistrationPending, RegistrationActive} {
		assert.NotEqual(t, string(s), s.Label(i18n.Arabic), s)
		assert.NotEmpty(t, s.Label(i18n.English), s)
	}
	assert.Equal(t, "x", SignInState("x").Label(i18n.Arabic))
}

// Every enumerated value has a label in both languages.
func TestLabelTablesComplete(t *testing.T) {
	assert.Empty(t, signInLabels.Missing(SignInWaiting, SignInCompleted, SignInRejected, SignInExpired))
	assert.Empty(t, registrationLabels.Missing(RegistrationPending, RegistrationActive))
	assert.Empty(t, partLabels.Missing(Parts()...))
	assert.Empty(t, serviceLabels.Missing(MasarServices()...))
	assert.Len(t, partLabels, len(Parts()), "every labelled part is listed by Parts")
	assert.Len(t, serviceLabels, len(MasarServices()), "every labelled service is listed by MasarServices")
	assert.Equal(t, "x", Part("x").Label(i18n.English))
	assert.Equal(t, "x", MasarService("x").Label(i18n.Arabic))
	assert.Equal(t, "x", RegistrationStatus("x").Label(i18n.Arabic))
}
