package promotion

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/masarhr/masar-go/i18n"
)

// Every enumerated value has a label in both languages.
func TestLabelsComplete(t *testing.T) {
	assert.Empty(t, roundStatusLabels.Missing(RoundDraft, RoundAnnounced, RoundOpen, RoundRanked, RoundDecided, RoundClosed, RoundCancelled))
	assert.Empty(t, tieElementLabels.Missing(TieElements()...))
	assert.Empty(t, criterionLabels.Missing(CriterionRating, CriterionInitiatives, CriterionTraining, CriterionInterview, CriterionTest))
	assert.Empty(t, qualificationLevelLabels.Missing(Primary, Intermediate, Secondary, Diploma, Bachelor, HigherDiploma, Master, Doctorate))
	assert.Empty(t, statusKindLabels.Missing(Scholarship, StudyDelegation, Training, StudyLeave, ExceptionalLeave, Suspension, TrialReferral))
	assert.Empty(t, ruleLabels.Missing(AllRules.Rules()...))
	assert.Len(t, ruleLabels, AllRules.Len())
	for _, r := range AllRules.Rules() {
		assert.NotEmpty(t, r.info().articleAR, r.Code())
	}
}

// Unknown values fall back to their codes; Name keeps its documented fallbacks.
func TestLabelFallbacks(t *testing.T) {
	assert.Equal(t, "criterion(99)", Criterion(99).Label(i18n.Arabic))
	assert.Equal(t, i18n.Text{AR: "criterion(99)", EN: "criterion(99)"}, Criterion(99).Name())
	assert.Equal(t, "المقابلة الشخصية", CriterionInterview.Label(i18n.Arabic))
	assert.Equal(t, i18n.Text{AR: "level 9", EN: "level 9"}, QualificationLevel(9).Name())
	assert.Equal(t, "bachelor's", Bachelor.Label(i18n.English))
	assert.Equal(t, i18n.Text{AR: "حالة", EN: "status"}, StatusKind(0).name())
	assert.Equal(t, "status(0)", StatusKind(0).Label(i18n.English))
	assert.Equal(t, "في إجازة دراسية", StudyLeave.Label(i18n.Arabic))
	assert.Equal(t, "promotion.unknown_rule", Rule(3).Label(i18n.English))
	assert.Equal(t, i18n.Text{}, Rule(3).Name())
	assert.Equal(t, "مسودة", RoundDraft.Label(i18n.Arabic))
}
