package masar_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/masar"
)

// An action names its grievance by tracking number as well as by ID (the
// HTTP API's paths carry the number): it reads the grievance once and its
// audit entry is the action's own, refusals included.
func TestGrievanceActionsByTrackingNumber(t *testing.T) {
	w := newClient(t, memstore.New(nil))
	emp := w.MOH.Emp
	g := w.fileGrievance(emp, moh, grievance.KindDecision)
	tn := g.TrackingNumber.String()
	trail := func(action masar.UseCase) []audit.Entry {
		return w.trail(audit.Filter{Action: string(action)})
	}
	views := len(trail(masar.UseViewGrievance))

	// Staff of another agency: refused and audited as the action, under the number.
	_, err := w.Client.StartGrievanceReview(w.Ctx, w.MOE.Specialist, masar.GrievanceAction{TrackingNumber: tn, Version: g.Version})
	require.ErrorIs(t, err, masar.ErrDenied)
	es := trail(masar.UseWorkGrievance)
	require.Len(t, es, 1)
	assert.Equal(t, audit.Denied, es[0].Outcome)
	assert.Equal(t, tn, es[0].Resource)

	// Any form of the number people type; the answer is the grievance as stored.
	next, err := w.Client.StartGrievanceReview(w.Ctx, w.MOH.Specialist,
		masar.GrievanceAction{TrackingNumber: " grv-" + tn[4:] + " ", Version: g.Version, Note: "تمت الإحالة للدراسة"})
	require.NoError(t, err)
	assert.Equal(t, grievance.StatusUnderReview, next.Status)
	assert.Equal(t, g.ID, next.ID)
	assert.Equal(t, g.Version+1, next.Version)
	es = trail(masar.UseWorkGrievance)
	require.Len(t, es, 2)
	ok := es[0]
	if ok.Outcome != audit.Succeeded {
		ok = es[1] // entries of one instant come in ID order
	}
	assert.Equal(t, audit.Succeeded, ok.Outcome)
	assert.Equal(t, tn, ok.Resource)
	assert.Equal(t, []audit.Change{{Field: "status", Old: string(grievance.StatusSubmitted), New: string(grievance.StatusUnderReview)}}, ok.Changes)
	assert.Len(t, trail(masar.UseViewGrievance), views, "the action reads the grievance without a view of its own")

	// The version still guards the action.
	_, err = w.Client.ReturnGrievanceForInfo(w.Ctx, w.MOH.Specialist, masar.GrievanceAction{TrackingNumber: tn, Version: g.Version, Note: "أرفق القرار"})
	assert.ErrorIs(t, err, grievance.ErrConflict)

	// The exception, on a late rights claim, by number too.
	in := w.grievanceInput(moh, grievance.KindRightsClaim)
	in.Decision.Date, _ = w.Clock.Today().AddDays(-11 * 355)
	in.Decision.LearntOn = in.Decision.Date
	in.LateClaim = "كنت مبتعثاً خارج المملكة طوال المدة"
	late, err := w.Client.FileGrievance(w.Ctx, emp.Actor, in)
	require.NoError(t, err)
	require.True(t, late.Limitation.Pending())
	late, err = w.Client.RecordGrievanceException(w.Ctx, w.MOH.Manager,
		masar.GrievanceAction{TrackingNumber: late.TrackingNumber.String(), Version: late.Version}, grievance.GroundExcuse, "ثبت ابتعاثه")
	require.NoError(t, err)
	assert.Equal(t, grievance.GroundExcuse, late.Limitation.Ground)

	// Not a number; a number no grievance has, audited under it.
	_, err = w.Client.WithdrawGrievance(w.Ctx, emp.Actor, masar.GrievanceAction{TrackingNumber: "GRV-14470-1"})
	assert.ErrorIs(t, err, grievance.ErrInvalidTrackingNumber)
	_, err = w.Client.WithdrawGrievance(w.Ctx, emp.Actor, masar.GrievanceAction{TrackingNumber: "GRV-1447-999999"})
	assert.ErrorIs(t, err, grievance.ErrNotFound)
	var resources []string
	for _, e := range trail(masar.UseWithdrawGrievance) {
		resources = append(resources, e.Resource)
	}
	assert.Contains(t, resources, "GRV-1447-999999")

	// The ID, when given, names the grievance.
	_, err = w.Client.WithdrawGrievance(w.Ctx, emp.Actor, masar.GrievanceAction{ID: "no-such-id", TrackingNumber: tn})
	assert.True(t, errors.Is(err, grievance.ErrNotFound), "%v", err)
}
