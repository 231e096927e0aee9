package identity_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
)

func TestStateLabels(t *testing.T) {
	for _, s := range []identity.SignInState{identity.SignInWaiting, identity.SignInCompleted, identity.SignInRejected, identity.SignInExpired} {
		assert.NotEqual(t, string(s), s.Label(i18n.Arabic), s)
		assert.NotEmpty(t, s.Label(i18n.English), s)
	}
	for _, s := range []identity.RegistrationStatus{identity.RegistrationPending, identity.RegistrationActive} {
		assert.NotEqual(t, string(s), s.Label(i18n.Arabic), s)
		assert.NotEmpty(t, s.Label(i18n.English), s)
	}
	assert.Equal(t, "x", identity.SignInState("x").Label(i18n.Arabic))
}
