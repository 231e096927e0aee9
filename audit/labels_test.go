package audit

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestOutcomeLabelsComplete(t *testing.T) {
	assert.Empty(t, outcomeLabels.Missing(Outcomes()...))
	assert.Empty(t, outcomeLabels.Missing(Succeeded, Denied, Failed))
}
