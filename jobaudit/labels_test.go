package jobaudit

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLabelsComplete(t *testing.T) {
	assert.Empty(t, stateLabels.Missing(States...))
	assert.Len(t, stateLabels, len(States))
	assert.Empty(t, requestStateLabels.Missing(RequestStates...))
	assert.Len(t, requestStateLabels, len(RequestStates))
}
