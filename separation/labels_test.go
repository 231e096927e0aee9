package separation

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLabelsComplete(t *testing.T) {
	assert.Empty(t, causeLabels.Missing(Causes...))
	assert.Len(t, causeLabels, len(Causes))
	assert.Empty(t, stateLabels.Missing(States...))
	assert.Len(t, stateLabels, len(States))
	assert.Empty(t, regimeLabels.Missing(Regimes...))
	assert.Len(t, regimeLabels, len(Regimes))
	assert.Empty(t, roleLabels.Missing(Roles...))
	assert.Len(t, roleLabels, len(Roles))
}
