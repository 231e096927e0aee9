package leave

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLabelsComplete(t *testing.T) {
	assert.Empty(t, categoryLabels.Missing(Categories...))
	assert.Len(t, categoryLabels, len(Categories))
	for _, c := range Categories {
		_, ok := DefaultSickRules()[c]
		assert.True(t, ok, c)
	}
}

func TestStatusLabelsComplete(t *testing.T) {
	assert.Empty(t, statusLabels.Missing(Statuses...))
	assert.Len(t, statusLabels, len(Statuses))
	assert.Empty(t, reportStatusLabels.Missing(ReportStatuses...))
	assert.Len(t, reportStatusLabels, len(ReportStatuses))
}
