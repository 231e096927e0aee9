package records

import (
	"maps"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/masarhr/masar-go/i18n"
)

// TestLabelsComplete checks that every enumerated value has a label in
// both languages.
func TestLabelsComplete(t *testing.T) {
	assert.Empty(t, genderLabels.Missing(Male, Female))
	assert.Empty(t, systemLabels.Missing(CivilService, Military, Private, OtherSystem))
	assert.Empty(t, degreeLabels.Missing(Secondary, Diploma, Bachelor, HigherDiploma, Master, Doctorate, OtherDegree))
	assert.Empty(t, kindLabels.Missing(KindAppointment, KindPromotion, KindTransfer, KindAssignment, KindSecondment, KindLeave, KindTraining, KindScholarship, KindSuspension, KindAbsence, KindPenalty, KindEndOfService, KindTrialReferral, KindImprisonment, KindDeFacto))
	assert.Empty(t, leaveLabels.Missing(LeaveTypes...))
	assert.Len(t, leaveLabels, len(LeaveTypes))
	assert.Empty(t, hostLabels.Missing(HostGovernment, HostInternational, HostNonGovernment))
	assert.Empty(t, locationLabels.Missing(InsideKingdom, OutsideKingdom))
	assert.Empty(t, outcomeLabels.Missing(OutcomePending, Achieved, NotAchieved, Cleared, Penalized, Acquitted, Convicted, Dropped))
	assert.Empty(t, penaltyLabels.Missing(PenaltyWarning, PenaltyReprimand, PenaltyDeduction, PenaltyIncrementDeprivation, PenaltyPromotionBar, PenaltyDismissal))
	assert.Empty(t, endLabels.Missing(EndRetirement, EndEarlyRetirement, EndResignation, EndMedical, EndDismissal, EndJobAbolition, EndDeath, EndOther))
	assert.Empty(t, purposeLabels.Missing(PurposeTotal, PurposePromotion, PurposeLeaveAccrual))
	assert.Empty(t, noteLabels.Missing(noteReappointment, noteExceptional, noteImprisonment, noteDeFacto))
	assert.Len(t, noteLabels, 4)
	assert.Empty(t, statusLabels.Missing(CorrectionPending, CorrectionApproved, CorrectionRejected, CorrectionWithdrawn))
	assert.Empty(t, fieldLabels.Missing(slices.Collect(maps.Keys(correctable))...))
	assert.ElementsMatch(t, slices.Collect(maps.Keys(correctable)), slices.Collect(maps.Keys(fieldLabels)),
		"exactly the correctable fields have labels")
	assert.Equal(t, slices.Sorted(maps.Keys(kindLabels)), slices.Sorted(slices.Values(allKinds)), "every event kind has a label")
	assert.ElementsMatch(t, Purposes, slices.Collect(maps.Keys(purposeLabels)))
}

var allKinds = []EventKind{
	KindAppointment, KindPromotion, KindTransfer, KindAssignment, KindSecondment, KindLeave,
	KindTraining, KindScholarship, KindSuspension, KindAbsence, KindPenalty, KindEndOfService,
	KindTrialReferral, KindImprisonment, KindDeFacto,
}

func TestLabels(t *testing.T) {
	assert.Equal(t, "Civil service", CivilService.Label(i18n.English))
	assert.Equal(t, "الخدمة المدنية", CivilService.Label(i18n.Arabic))
	assert.Equal(t, "Outcome pending", OutcomePending.Label(i18n.English), "the zero Outcome has a label")
	assert.Equal(t, "Date obtained", FieldQualificationObtainedOn.Label(i18n.English))
	assert.Equal(t, "national_id", Field("national_id").Label(i18n.English), "a value without a label shows as itself")
	assert.Equal(t, "nope", Gender("nope").Label(i18n.Arabic))
	for _, k := range allKinds {
		assert.True(t, k.Valid(), k)
	}
	assert.False(t, EventKind("nope").Valid())
	assert.True(t, OutcomePending.Valid())
	assert.False(t, Gender("").Valid())
}
