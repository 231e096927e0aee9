package audit_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/i18n"
)

func TestOutcomeLabels(t *testing.T) {
	for _, o := range []audit.Outcome{audit.Succeeded, audit.Denied, audit.Failed} {
		assert.NotEqual(t, string(o), o.Label(i18n.Arabic), o)
		assert.Equal(t, string(o), o.Label(i18n.English), o)
	}
	assert.Equal(t, "x", audit.Outcome("x").Label(i18n.Arabic))
}
