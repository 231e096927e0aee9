package masar_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/leave"
	"github.com/masarhr/masar-go/leave/leavetest"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
)

// The leave story: a request decided by HR of the file's agency, a
// decision that fails rolled back whole, a request that follows its file on
// transfer, medical reports received by the system and audited per person,
// and the year-end accrual.
func storyLeave(t *testing.T, w *world, fs *faultyStore) {
	ctx, emp, spec := w.Ctx, w.MOH.Emp, w.MOH.Specialist
	balance := func(p person, asOf hijri.Date) int {
		st, err := w.Client.LeaveBalance(ctx, p.Actor, p.ID, asOf)
		require.NoError(t, err)
		return st.Available
	}

	l, err := w.Client.RequestLeave(ctx, emp.Actor, w.leaveRequest(10))
	require.NoError(t, err)
	before := balance(emp, l.From)
	_, err = w.Client.RequestLeave(ctx, w.MOH.Manager, w.leaveRequest(10))
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "staff without a file of their own")

	// HR cannot approve their own leave: the manager's own request.
	_, err = w.Client.ApproveLeave(ctx, emp.Actor, masar.LeaveAction{ID: l.ID, Version: l.Version})
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "an employee approving their own leave")
	_, err = w.Client.ApproveLeave(ctx, w.MOE.Specialist, masar.LeaveAction{ID: l.ID, Version: l.Version})
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "another agency's HR")

	// The decision's audit entry fails: no history event, no approval.
	fs.set(func(s *faultyStore) {
		s.failAudit = func(e audit.Entry) bool { return e.Action == string(masar.UseDecideLeave) }
	})
	fp := w.fingerprint()
	_, err = w.Client.ApproveLeave(ctx, spec, masar.LeaveAction{ID: l.ID, Version: l.Version})
	assert.ErrorIs(t, err, errInjected)
	fs.set(func(s *faultyStore) { s.failAudit = nil })
	assert.Equal(t, fp, w.fingerprint(), "a failed decision keeps nothing")

	var got leave.Leave
	e := w.oneEntry(func() {
		got, err = w.Client.ApproveLeave(ctx, spec, masar.LeaveAction{ID: l.ID, Version: l.Version})
		require.NoError(t, err)
	})
	assert.Equal(t, leave.Approved, got.Status)
	assert.Equal(t, string(masar.UseDecideLeave), e.Action)
	assert.Equal(t, ref(emp.ID), e.Subject)
	assert.Equal(t, got.ID, e.Resource)
	assert.Equal(t, audit.Change{Field: "status", Old: "requested", New: "approved"}, e.Changes[0])
	assert.Equal(t, before-got.Days, balance(emp, got.From), "taken from its first day")
	h, err := w.Store.ListHistoryEvents(ctx, w.file(emp.ID).ID)
	require.NoError(t, err)
	n := 0
	for _, ev := range h {
		if ev.ID == got.EventID && ev.Kind == records.KindLeave && ev.Leave == leave.Annual {
			n++
		}
	}
	assert.Equal(t, 1, n, "the approved leave is one history event")

	// A request follows its file on transfer: the old agency's HR can no
	// longer decide it, the new one's can.
	peer := w.MOH.Peer
	pl, err := w.Client.RequestLeave(ctx, peer.Actor, w.leaveRequest(5))
	require.NoError(t, err)
	f := w.file(peer.ID)
	job := f.Job
	job.Agency = records.Agency{ID: moe, Name: job.Agency.Name}
	job.StartDate = w.Clock.Today()
	_, _, err = w.Client.AddHistoryEvents(ctx, spec, records.HistoryChange{EmployeeID: f.ID, Version: f.Version,
		Events: []records.HistoryEvent{{Kind: records.KindTransfer, Start: w.Clock.Today(), Job: &job, Decision: records.Decision{Number: "7788", Date: w.Clock.Today()}}}})
	require.NoError(t, err)
	_, err = w.Client.ApproveLeave(ctx, spec, masar.LeaveAction{ID: pl.ID, Version: pl.Version})
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "the old agency after the transfer")
	_, err = w.Client.RejectLeave(ctx, w.MOE.Specialist, masar.LeaveAction{ID: pl.ID, Version: pl.Version, Reason: "حاجة العمل"})
	require.NoError(t, err)

	// Medical reports: one applied, one refused, each audited with its person.
	seha := leavetest.NewSeha("")
	today := w.Clock.Today()
	seha.Issue(leave.Report{Patient: emp.ID, From: addDays(today, -3), To: addDays(today, -1)})
	seha.Issue(leave.Report{Patient: w.MOE.Emp.ID, From: addDays(today, -40), To: addDays(today, -1)})
	var res leave.SyncResult
	es := w.audited(func() {
		res, err = w.Client.ReceiveMedicalReports(ctx, seha, "", 0)
		require.NoError(t, err)
	})
	require.Len(t, res.Reports, 2)
	assert.Equal(t, leave.ReportApplied, res.Reports[0].Status)
	assert.Equal(t, leave.ReportRefused, res.Reports[1].Status)
	require.Len(t, es, 2)
	subjects := []audit.Ref{es[0].Subject, es[1].Subject}
	assert.ElementsMatch(t, []audit.Ref{ref(emp.ID), ref(w.MOE.Emp.ID)}, subjects)
	for _, e := range es {
		assert.Equal(t, string(masar.UseReceiveReports), e.Action)
		assert.Equal(t, audit.Succeeded, e.Outcome)
	}
	reps, err := w.Client.MedicalReports(ctx, w.MOE.Manager, leave.ReportRefused, masar.PageRequest{})
	require.NoError(t, err)
	require.Len(t, reps.Items, 1)
	assert.Equal(t, "leave.report.needs_certification", reps.Items[0].Reasons[0].Reason)
	again, err := w.Client.ReceiveMedicalReports(ctx, seha, "", 0)
	require.NoError(t, err)
	assert.Equal(t, res.Reports[0].LeaveID, again.Reports[0].LeaveID, "idempotent on the report number")
	pay, err := w.Client.SickPay(ctx, spec, res.Reports[0].LeaveID)
	require.NoError(t, err)
	assert.Len(t, pay.Days, 3)

	// The year-end accrual: every file in service, audited once.
	var acc leave.AccrualResult
	e = w.oneEntry(func() {
		acc, err = w.Client.AccrueLeave(ctx, today)
		require.NoError(t, err)
	})
	assert.Equal(t, string(masar.UseAccrueLeave), e.Action)
	assert.Equal(t, 4, acc.Written)
	b, err := w.Store.GetBalance(ctx, w.file(emp.ID).ID, today)
	require.NoError(t, err)
	assert.Equal(t, balance(emp, today), b.Available)
}

// A refused or invalid request changes nothing and is audited as failed.
func TestLeaveRefusalsChangeNothing(t *testing.T) {
	w := newClient(t, memstore.New(nil))
	emp := w.MOH.Emp
	fp := w.fingerprint()
	in := w.leaveRequest(400)
	var err error
	e := w.oneEntry(func() { _, err = w.Client.RequestLeave(w.Ctx, emp.Actor, in) })
	assert.ErrorIs(t, err, leave.ErrRefused)
	assert.Equal(t, audit.Failed, e.Outcome)
	assert.Equal(t, fp, w.fingerprint())
	_, err = w.Client.RequestLeave(w.Ctx, emp.Actor, masar.LeaveRequest{Kind: "holiday", From: in.From, To: in.From})
	assert.ErrorIs(t, err, leave.ErrUnknownKind)
	_, err = w.Client.RequestLeave(w.Ctx, without(emp.Actor, identity.MyJobData), w.leaveRequest(5))
	assert.ErrorIs(t, err, identity.ErrNotEligible, "the job-data service's policy")
	assert.Equal(t, fp, w.fingerprint())
}
