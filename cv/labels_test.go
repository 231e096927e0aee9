package cv

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLabelsComplete(t *testing.T) {
	assert.Empty(t, levelLabels.Missing(Levels...))
	assert.Len(t, levelLabels, len(Levels))
	assert.Empty(t, sectionLabels.Missing(sections...))
	assert.Len(t, sectionLabels, len(sections))
}
