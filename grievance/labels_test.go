package grievance

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Every enumerated value has a label in both languages.
func TestLabelsComplete(t *testing.T) {
	assert.Empty(t, kindLabels.Missing(KindDecision, KindRightsClaim, KindPerformanceRating))
	var kinds []Kind
	for k := range DefaultRules() {
		kinds = append(kinds, k)
	}
	assert.Empty(t, kindLabels.Missing(kinds...), "every default kind")
	assert.Empty(t, triggerLabels.Missing(TriggerLearntOn, TriggerDecisionDate))
	assert.Empty(t, routeLabels.Missing(RouteCourt, RouteMinistry))
	assert.Empty(t, statusLabels.Missing(Statuses()...))
	assert.Empty(t, outcomeLabels.Missing(Outcomes()...))
	assert.Empty(t, roleLabels.Missing(Roles()...))
	assert.Empty(t, actionLabels.Missing(Actions()...))
	assert.Empty(t, groundLabels.Missing(LimitationGrounds()...))
}
