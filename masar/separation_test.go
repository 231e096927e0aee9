package masar_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/pension"
	"github.com/masarhr/masar-go/adapters/pension/pensiontest"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/cv"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/jobaudit"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/outbox"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/separation"
)

// Bayan: a resignation postponed, accepted and ended by the sweep on its
// last day; a death ended at once with its settlement; a failed audit
// entry keeps nothing; each end writes its event and its pension package.
func storySeparation(t *testing.T, w *world, fs *faultyStore) {
	ctx, emp, peer, mgr := w.Ctx, w.MOH.Emp, w.MOH.Peer, w.MOH.Manager
	today := w.Clock.Today()

	_, err := w.Client.RequestSeparation(ctx, emp.Actor, masar.SeparationRequest{Cause: separation.CauseEarlyRetirement})
	assert.ErrorIs(t, err, separation.ErrRefused, "about 15 years of service are not 20")
	_, err = w.Client.RequestSeparation(ctx, mgr, masar.SeparationRequest{Cause: separation.CauseResignation})
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "staff without a file of their own")
	_, err = w.Client.RequestSeparation(ctx, emp.Actor, masar.SeparationRequest{Cause: separation.CauseDismissal})
	assert.ErrorIs(t, err, separation.ErrNotPermitted, "an employee asks only for a resignation or an early retirement")
	_, err = w.Client.OpenSeparation(ctx, w.MOH.Specialist, emp.ID, masar.SeparationOpening{Cause: separation.CauseResignation})
	assert.ErrorIs(t, err, separation.ErrNotPermitted, "HR does not resign for an employee")

	var sc separation.Case
	e := w.oneEntry(func() {
		sc, err = w.Client.RequestSeparation(ctx, emp.Actor, masar.SeparationRequest{
			Cause: separation.CauseResignation, Requested: addDays(today, 10), Note: "ظروف عائلية"})
		require.NoError(t, err)
	})
	assert.Equal(t, separation.Submitted, sc.State)
	assert.Equal(t, string(masar.UseRequestSeparation), e.Action)
	assert.Equal(t, sc.ID, e.Resource)
	_, err = w.Client.RequestSeparation(ctx, emp.Actor, masar.SeparationRequest{Cause: separation.CauseResignation})
	assert.ErrorIs(t, err, separation.ErrCaseOpen, "one open case per employee")

	// Another agency's manager, the employee, the specialist: not theirs to decide.
	for _, a := range []masar.Actor{w.MOE.Manager, emp.Actor, w.MOH.Specialist} {
		_, err = w.Client.AcceptSeparation(ctx, a, masar.SeparationDecision{ID: sc.ID, Version: sc.Version})
		assert.ErrorIs(t, err, masar.ErrPermissionDenied)
	}
	sc, err = w.Client.PostponeSeparation(ctx, mgr, masar.SeparationDecision{ID: sc.ID, Version: sc.Version,
		To: addDays(today, 40), Reason: "حاجة العمل"})
	require.NoError(t, err)
	assert.Equal(t, separation.Postponed, sc.State)
	_, err = w.Client.AcceptSeparation(ctx, mgr, masar.SeparationDecision{ID: sc.ID, Version: sc.Version - 1})
	assert.ErrorIs(t, err, masar.ErrConflict, "a stale version")

	// The acceptance's audit entry fails: the case is still postponed.
	fs.set(func(s *faultyStore) {
		s.failAudit = func(e audit.Entry) bool { return e.Action == string(masar.UseDecideSeparation) }
	})
	fp := w.fingerprint()
	_, err = w.Client.AcceptSeparation(ctx, mgr, masar.SeparationDecision{ID: sc.ID, Version: sc.Version})
	assert.ErrorIs(t, err, errInjected)
	fs.set(func(s *faultyStore) { s.failAudit = nil })
	assert.Equal(t, fp, w.fingerprint(), "a failed decision keeps nothing")

	sc, err = w.Client.AcceptSeparation(ctx, mgr, masar.SeparationDecision{ID: sc.ID, Version: sc.Version,
		Decision: records.Decision{Number: "Q-1447-301"}})
	require.NoError(t, err)
	assert.Equal(t, separation.Accepted, sc.State)
	assert.Equal(t, addDays(today, 40), sc.LastDay)
	queue, err := w.Client.SeparationQueue(ctx, w.MOH.Specialist, nil, masar.PageRequest{})
	require.NoError(t, err)
	assert.Equal(t, []string{sc.ID}, caseIDs(queue.Items))
	other, err := w.Client.SeparationQueue(ctx, w.MOE.Specialist, nil, masar.PageRequest{})
	require.NoError(t, err)
	assert.Empty(t, other.Items, "another agency's queue")

	// The sweep before the last day moves nothing; after it, service ends.
	moved, err := w.Client.SweepSeparations(ctx, moh)
	require.NoError(t, err)
	assert.Empty(t, moved)
	w.Clock.Advance(41 * 24 * time.Hour)
	es := w.audited(func() {
		moved, err = w.Client.SweepSeparations(ctx, moh)
		require.NoError(t, err)
	})
	require.Len(t, moved, 1)
	assert.Equal(t, separation.Ended, moved[0].State)
	require.Len(t, es, 1)
	assert.Equal(t, string(masar.UseSweepSeparations), es[0].Action)
	assert.Equal(t, ref(emp.ID), es[0].Subject)
	f := w.file(emp.ID)
	assert.Equal(t, sc.LastDay, f.ServiceEnd, "the end of service is in the file")
	got, err := w.Client.Separation(ctx, emp.Actor, sc.ID)
	require.NoError(t, err)
	assert.Equal(t, separation.Ended, got.State)
	require.NotNil(t, got.Settlement)

	// A death: HR opens it, it ends at once, with the full balance paid.
	var death separation.Case
	es = w.audited(func() {
		death, err = w.Client.OpenSeparation(ctx, w.MOH.Specialist, peer.ID, masar.SeparationOpening{
			Cause: separation.CauseDeath, Grounds: separation.Grounds{On: addDays(w.Clock.Today(), -2), Reference: "DC-1447-0042"}})
		require.NoError(t, err)
	})
	require.Len(t, es, 1)
	assert.Equal(t, separation.Ended, death.State)
	assert.Equal(t, addDays(w.Clock.Today(), -2), death.LastDay, "the day of death is the last day")
	require.NotNil(t, death.Settlement)
	assert.True(t, death.Settlement.FullBalance)
	bal, err := w.Client.LeaveBalance(ctx, w.MOH.Specialist, peer.ID, death.LastDay)
	require.NoError(t, err)
	assert.Equal(t, "ledger", death.Settlement.Source, "the balance comes from the leave ledger")
	assert.Equal(t, bal.Available, death.Settlement.Balance)
	assert.Equal(t, bal.Available, death.Settlement.Days, "death: the whole balance is paid (Reg 133)")
	assert.Equal(t, death.LastDay, w.file(peer.ID).ServiceEnd)
	_, err = w.Client.OpenSeparation(ctx, w.MOE.Specialist, peer.ID, masar.SeparationOpening{Cause: separation.CauseDeath})
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "another agency's HR")

	// Each end wrote its event and its pension package, once.
	for _, id := range []string{sc.ID, death.ID} {
		ms, err := w.Store.List(ctx, outbox.Filter{Aggregate: "separation:" + id})
		require.NoError(t, err)
		require.Len(t, ms, 2)
		assert.Equal(t, masar.EventServiceEnded, ms[0].Kind)
		assert.Equal(t, outbox.TopicPension, ms[1].Topic)
		assert.Equal(t, "pension:"+id, ms[1].ID)
		var p separation.Package
		require.NoError(t, json.Unmarshal(ms[1].Payload, &p))
		assert.Equal(t, id, p.ID)
		assert.NotEmpty(t, p.Spells)
	}
	// A withdrawn request cannot be accepted afterwards.
	moeEmp := w.MOE.Emp
	wc, err := w.Client.RequestSeparation(ctx, moeEmp.Actor, masar.SeparationRequest{Cause: separation.CauseResignation,
		Requested: addDays(w.Clock.Today(), 15)})
	require.NoError(t, err)
	wc, err = w.Client.WithdrawSeparation(ctx, moeEmp.Actor, masar.SeparationDecision{ID: wc.ID, Version: wc.Version, Reason: "عدلت عن الاستقالة"})
	require.NoError(t, err)
	assert.Equal(t, separation.Withdrawn, wc.State)
	_, err = w.Client.AcceptSeparation(ctx, w.MOE.Manager, masar.SeparationDecision{ID: wc.ID, Version: wc.Version})
	assert.ErrorIs(t, err, separation.ErrWrongState)
	assert.True(t, w.file(moeEmp.ID).ServiceEnd.IsZero(), "still in service")

	st, err := w.Client.PensionStatement(ctx, emp.Actor, emp.ID, w.Clock.Today())
	require.NoError(t, err)
	assert.NotEmpty(t, st.Spells)
	assert.Positive(t, st.Service.Days)
}

func caseIDs(cs []separation.Case) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

// crashingAgency delivers to the real agency, then fails the first n
// answers, as a process that dies after the agency has the package and
// before the outbox records it.
type crashingAgency struct {
	separation.PensionAgency
	n atomic.Int32
}

func (a *crashingAgency) Deliver(ctx context.Context, p separation.Package) (separation.Receipt, error) {
	rc, err := a.PensionAgency.Deliver(ctx, p)
	if err == nil && a.n.Add(-1) >= 0 {
		return separation.Receipt{}, errors.New("crashed before recording the delivery")
	}
	return rc, err
}

// The pension handover survives the agency being down, a lost answer, a
// crash between the delivery and its record, and a replay: the agency
// holds each package once, and the host sees what waits.
func TestPensionHandover(t *testing.T) {
	for _, st := range storeTargets() {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			agency := pensiontest.NewServer(nil)
			t.Cleanup(agency.Close)
			pc, err := pension.New(agency.URL, &pension.Options{Timeout: 5 * time.Second})
			require.NoError(t, err)
			crash := &crashingAgency{PensionAgency: pc}
			w := newClientWith(t, st.open(t), func(c *masar.Config) {
				c.Pension = crash
				c.Outbox = &outbox.RelayOptions{Backoff: outbox.Backoff{Base: time.Minute, Max: time.Hour, Factor: 2}, Rand: func() float64 { return 0.5 }}
			})
			ctx := w.Ctx
			drain := func() int {
				t.Helper()
				n, _ := w.Client.DrainOutbox(ctx) // failures are retried later
				return n
			}
			later := func() { w.Clock.Advance(2 * time.Hour) }

			agency.Down()
			sc, err := w.Client.OpenSeparation(ctx, w.MOH.Specialist, w.MOH.Peer.ID, masar.SeparationOpening{
				Cause: separation.CauseDeath, Grounds: separation.Grounds{On: w.Clock.Today(), Reference: "DC-1447-0007"}})
			require.NoError(t, err)
			require.Equal(t, separation.Ended, sc.State)
			drain()
			pending, err := w.Client.PendingHandovers(ctx, false, masar.PageRequest{})
			require.NoError(t, err)
			require.Len(t, pending.Items, 1, "the package waits while the agency is down")
			assert.Equal(t, "pension:"+sc.ID, pending.Items[0].ID)
			assert.Equal(t, 1, pending.Items[0].Attempts)
			assert.NotEmpty(t, pending.Items[0].LastError)
			assert.Empty(t, agency.Packages())
			assert.Zero(t, drain(), "not due before its backoff")

			// Back up, but the answer is lost after the agency stored it.
			require.NoError(t, agency.Up())
			agency.AnswerTwice()
			later()
			drain()
			assert.Len(t, agency.Packages(), 1)
			// Then the process crashes after the next delivery, before
			// recording it.
			crash.n.Store(1)
			later()
			drain()
			later()
			drain()
			pending, err = w.Client.PendingHandovers(ctx, false, masar.PageRequest{})
			require.NoError(t, err)
			assert.Empty(t, pending.Items, "delivered")
			all, err := w.Client.PendingHandovers(ctx, true, masar.PageRequest{})
			require.NoError(t, err)
			require.Len(t, all.Items, 1)
			assert.True(t, strings.HasSuffix(all.Items[0].Outcome, "(duplicate)"), all.Items[0].Outcome)
			require.Len(t, agency.Packages(), 1, "the agency holds the package once")
			assert.Equal(t, sc.ID, agency.Packages()[0].ID)
			assert.GreaterOrEqual(t, agency.Received(sc.ID), 3)

			// A replay sends it again; the agency still holds it once.
			require.NoError(t, w.Client.ReplayHandover(ctx, sc.ID))
			assert.Equal(t, 1, drain())
			assert.Len(t, agency.Packages(), 1)
			assert.ErrorIs(t, w.Client.ReplayHandover(ctx, "no-such-case"), outbox.ErrNotFound)
			inspected := w.trail(audit.Filter{Action: string(masar.UseReplayOutbox)})
			assert.Len(t, inspected, 2, "replays are audited, failed ones too")
		})
	}
}

// eventLog is a bus that records what it is given.
type eventLog struct {
	fail atomic.Bool
	mu   sync.Mutex
	got  []outbox.Event
}

func (l *eventLog) Deliver(_ context.Context, m outbox.Message) (string, error) {
	if l.fail.Load() {
		return "", errors.New("bus unreachable")
	}
	var ev outbox.Event
	if err := json.Unmarshal(m.Payload, &ev); err != nil {
		return "", err
	}
	if ev.ID != m.ID {
		return "", errors.New("the event's ID is not the message's")
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.got = append(l.got, ev)
	return "", nil
}

func (l *eventLog) kinds(aggregate string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, ev := range l.got {
		if ev.Aggregate == aggregate {
			out = append(out, ev.Kind)
		}
	}
	return out
}

// Every service's domain events reach the bus once committed, in commit
// order per aggregate, and never for a change rolled back; a bus that is
// down delays them, loses none.
func TestDomainEvents(t *testing.T) {
	for _, st := range storeTargets() {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			bus := &eventLog{}
			fs := &faultyStore{allStore: st.open(t)}
			w := newClientWith(t, fs, func(c *masar.Config) {
				c.Events = bus
				c.Outbox = &outbox.RelayOptions{Backoff: outbox.Backoff{Base: time.Minute, Max: time.Hour, Factor: 2}, Rand: func() float64 { return 0.5 }}
			})
			ctx, emp, spec := w.Ctx, w.MOH.Emp, w.MOH.Specialist
			drain := func() {
				t.Helper()
				_, err := w.Client.DrainOutbox(ctx)
				require.NoError(t, err)
			}

			// A correction decided; one rolled back is never announced.
			r, err := w.Client.RequestCorrection(ctx, emp.Actor, addressChange("الخبر، حي العليا"))
			require.NoError(t, err)
			fs.set(func(s *faultyStore) {
				s.failAudit = func(e audit.Entry) bool { return e.Action == string(masar.UseDecideCorrection) }
			})
			_, err = w.Client.ApproveCorrection(ctx, spec, masar.CorrectionAction{ID: r.ID, Version: r.Version})
			require.ErrorIs(t, err, errInjected)
			fs.set(func(s *faultyStore) { s.failAudit = nil })
			drain()
			assert.Empty(t, bus.got, "a rolled-back decision")
			_, err = w.Client.ApproveCorrection(ctx, spec, masar.CorrectionAction{ID: r.ID, Version: r.Version})
			require.NoError(t, err)

			// A grievance filed and answered; a leave approved.
			g := w.fileGrievance(emp, moh, grievance.KindDecision)
			g, err = w.Client.StartGrievanceReview(ctx, spec, masar.GrievanceAction{ID: g.ID, Version: g.Version})
			require.NoError(t, err)
			_, err = w.Client.AnswerGrievance(ctx, w.MOH.Manager, masar.GrievanceAction{ID: g.ID, Version: g.Version},
				grievance.OutcomeRejected, "القرار صحيح نظاماً")
			require.NoError(t, err)
			l, err := w.Client.RequestLeave(ctx, emp.Actor, w.leaveRequest(5))
			require.NoError(t, err)
			_, err = w.Client.ApproveLeave(ctx, spec, masar.LeaveAction{ID: l.ID, Version: l.Version})
			require.NoError(t, err)

			// The bus is down: nothing is lost, it all goes once it is back.
			bus.fail.Store(true)
			drain()
			assert.Empty(t, bus.got)
			bus.fail.Store(false)
			w.Clock.Advance(2 * time.Minute)
			drain()
			assert.Equal(t, []string{masar.EventCorrectionDecided}, bus.kinds("correction:"+r.ID))
			assert.Equal(t, []string{masar.EventGrievanceFiled, masar.EventGrievanceAnswered}, bus.kinds("grievance:"+g.ID),
				"in commit order")
			assert.Equal(t, []string{masar.EventLeaveApproved}, bus.kinds("leave:"+l.ID))
			ns := w.Notified.Notices()
			require.Len(t, ns, 1, "the Notifier consumed the decision once")
			assert.Equal(t, r.ID, ns[0].Correction.ID)

			// A grievance deemed rejected by the sweep.
			g2 := w.fileGrievance(w.MOH.Peer, moh, grievance.KindDecision)
			w.Clock.Advance(120 * 24 * time.Hour)
			_, err = w.Client.SweepGrievances(ctx)
			require.NoError(t, err)
			drain()
			assert.Equal(t, []string{masar.EventGrievanceFiled, masar.EventGrievanceDeemedRejected}, bus.kinds("grievance:"+g2.ID))
			seen := map[string]bool{}
			for _, ev := range bus.got {
				assert.False(t, seen[ev.ID], "event %s delivered twice", ev.ID)
				seen[ev.ID] = true
				assert.Equal(t, moh, ev.AgencyID)
				assert.NotContains(t, string(ev.Data), emp.ID.String(), "events carry no national ID")
			}
		})
	}
}

// The CV: the employee's own sections, versioned; a grantee sees only what
// its consent covers; a share code opens what it names until it expires
// or is revoked.
func storyCV(t *testing.T, w *world, _ *faultyStore) {
	ctx, emp := w.Ctx, w.MOH.Emp
	p1, err := w.Client.SaveCVProfile(ctx, emp.Actor, masar.CVProfileInput{Summary: "أخصائي نظم معلومات",
		Skills: []string{"تحليل البيانات"}, Languages: []cv.Language{{Name: "English", Level: cv.LevelAdvanced}}})
	require.NoError(t, err)
	_, err = w.Client.SaveCVProfile(ctx, emp.Actor, masar.CVProfileInput{Summary: "نسخة قديمة", Version: 0})
	assert.ErrorIs(t, err, masar.ErrConflict, "a stale version")
	p2, err := w.Client.SaveCVProfile(ctx, emp.Actor, masar.CVProfileInput{Summary: "أخصائي أول نظم معلومات", Version: p1.Version})
	require.NoError(t, err)
	vs, err := w.Client.CVVersions(ctx, emp.Actor, masar.PageRequest{})
	require.NoError(t, err)
	assert.Len(t, vs.Items, 2)
	old, err := w.Client.CVProfile(ctx, emp.Actor, p1.Version)
	require.NoError(t, err)
	assert.Equal(t, "أخصائي نظم معلومات", old.Summary)

	mine, err := w.Client.CV(ctx, emp.Actor, emp.ID)
	require.NoError(t, err)
	require.NotNil(t, mine.Profile)
	assert.Equal(t, p2.Summary, mine.Profile.Summary)
	assert.NotEmpty(t, mine.History)
	_, err = w.Client.CV(ctx, w.MOH.Specialist, emp.ID)
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "HR does not read the CV")
	_, err = w.Client.CV(ctx, w.Grantee, emp.ID)
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "no consent")
	_, err = w.Client.GrantConsent(ctx, emp.Actor, masar.GrantConsentInput{Grantee: gosi,
		Parts: []identity.Part{identity.PartPersonal, identity.PartJob}, Purpose: "التقديم على وظيفة", Until: w.Clock.Now().Add(24 * time.Hour)})
	require.NoError(t, err)
	theirs, err := w.Client.CV(ctx, w.Grantee, emp.ID)
	require.NoError(t, err)
	assert.ElementsMatch(t, []identity.Part{identity.PartPersonal, identity.PartJob}, theirs.Parts)
	assert.NotNil(t, theirs.Job)
	assert.Empty(t, theirs.History, "the history is not covered")
	assert.Empty(t, theirs.Qualifications, "the qualifications are not covered")

	code, sh, err := w.Client.ShareCV(ctx, emp.Actor, masar.CVShareInput{Parts: []identity.Part{identity.PartJob}, Lifetime: 48 * time.Hour})
	require.NoError(t, err)
	assert.NotContains(t, sh.CodeHash, code, "only the code's hash is kept")
	shared, err := w.Client.OpenSharedCV(ctx, code)
	require.NoError(t, err)
	assert.NotNil(t, shared.Job)
	assert.Nil(t, shared.Person, "the personal part was not shared")
	assert.Nil(t, shared.Profile)
	_, err = w.Client.OpenSharedCV(ctx, "AAAA-BBBB-CCCC-DDDD")
	assert.ErrorIs(t, err, cv.ErrShareNotFound)
	w.Clock.Advance(49 * time.Hour)
	_, err = w.Client.OpenSharedCV(ctx, code)
	assert.ErrorIs(t, err, cv.ErrShareExpired)

	code2, sh2, err := w.Client.ShareCV(ctx, emp.Actor, masar.CVShareInput{Parts: []identity.Part{identity.PartQualifications}})
	require.NoError(t, err)
	_, err = w.Client.RevokeCVShare(ctx, w.MOH.Peer.Actor, sh2.CodeHash, sh2.Version)
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "someone else's share")
	_, err = w.Client.RevokeCVShare(ctx, emp.Actor, sh2.CodeHash, sh2.Version)
	require.NoError(t, err)
	_, err = w.Client.OpenSharedCV(ctx, code2)
	assert.ErrorIs(t, err, cv.ErrShareRevoked)
	for _, e := range w.trail(audit.Filter{Action: string(masar.UseOpenSharedCV)}) {
		assert.NotContains(t, e.Resource, code)
	}
}

// The job-data audit: an agency whose assignments go through a checker
// refuses their direct entry; a variable is made, returned, resubmitted
// and applied by a second person; a failed application keeps nothing; a
// qualification is documented into the file.
func TestJobAudit(t *testing.T) {
	for _, st := range storeTargets() {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			fs := &faultyStore{allStore: st.open(t)}
			w := newClientWith(t, fs, func(c *masar.Config) {
				c.JobAudit.Rules = &jobaudit.Rules{MinimumAge: 18, DocumentsRequired: true, Policy: jobaudit.Policy{
					Agencies: map[string]jobaudit.AgencyPolicy{moh: {Kinds: map[records.EventKind]bool{records.KindAssignment: true}}}}}
			})
			ctx, peer, spec, mgr := w.Ctx, w.MOH.Peer, w.MOH.Specialist, w.MOH.Manager
			in := w.variableInput()
			f := w.file(peer.ID)
			_, _, err := w.Client.AddHistoryEvents(ctx, spec, records.HistoryChange{EmployeeID: f.ID, Version: f.Version, Events: in.Events})
			assert.ErrorIs(t, err, jobaudit.ErrCheckerRequired, "direct entry where the policy asks a checker")

			v, err := w.Client.DraftVariable(ctx, spec, peer.ID, in)
			require.NoError(t, err)
			_, err = w.Client.DraftVariable(ctx, w.MOE.Specialist, peer.ID, in)
			assert.ErrorIs(t, err, masar.ErrPermissionDenied, "another agency's HR")
			v, err = w.Client.SubmitVariable(ctx, spec, masar.VariableAction{ID: v.ID, Version: v.Version})
			require.NoError(t, err)
			assert.Equal(t, jobaudit.Submitted, v.State)
			_, err = w.Client.ApproveVariable(ctx, spec, masar.VariableAction{ID: v.ID, Version: v.Version})
			assert.ErrorIs(t, err, jobaudit.ErrFourEyes, "the maker does not check")
			v, err = w.Client.ReturnVariable(ctx, mgr, masar.VariableAction{ID: v.ID, Version: v.Version, Note: "أرفق صورة القرار"})
			require.NoError(t, err)
			assert.Equal(t, jobaudit.Returned, v.State)
			v, err = w.Client.SubmitVariable(ctx, spec, masar.VariableAction{ID: v.ID, Version: v.Version})
			require.NoError(t, err)

			// The file cannot be written: the variable stays submitted.
			fs.set(func(s *faultyStore) { s.failHistory = func(e records.Employee) bool { return e.NationalID == peer.ID } })
			fp := w.fingerprint()
			_, err = w.Client.ApproveVariable(ctx, mgr, masar.VariableAction{ID: v.ID, Version: v.Version})
			assert.ErrorIs(t, err, errInjected)
			fs.set(func(s *faultyStore) { s.failHistory = nil })
			assert.Equal(t, fp, w.fingerprint(), "a failed approval keeps nothing")

			v, err = w.Client.ApproveVariable(ctx, mgr, masar.VariableAction{ID: v.ID, Version: v.Version})
			require.NoError(t, err)
			assert.Equal(t, jobaudit.Applied, v.State)
			file, err := w.Client.EmployeeFile(ctx, spec, peer.ID)
			require.NoError(t, err)
			found := false
			for _, ev := range file.History {
				found = found || ev.Kind == records.KindAssignment && ev.Start == in.Events[0].Start
			}
			assert.True(t, found, "the assignment is in the file")

			q, err := w.Client.SubmitQualification(ctx, peer.Actor, qualificationSubmission())
			require.NoError(t, err)
			_, err = w.Client.DocumentQualification(ctx, peer.Actor, masar.QualificationAction{ID: q.ID, Version: q.Version})
			assert.ErrorIs(t, err, masar.ErrPermissionDenied, "not on one's own")
			q, err = w.Client.DocumentQualification(ctx, spec, masar.QualificationAction{ID: q.ID, Version: q.Version})
			require.NoError(t, err)
			assert.Equal(t, jobaudit.RequestDocumented, q.State)
			qs := w.file(peer.ID).Qualifications
			require.NotEmpty(t, qs)
			assert.True(t, qs[len(qs)-1].IsDocumented())

			rep, err := w.Client.AuditAgency(ctx, spec, masar.PageRequest{})
			require.NoError(t, err)
			for _, ff := range rep.Items {
				assert.Equal(t, moh, ff.AgencyID)
				assert.NotEmpty(t, ff.Findings)
			}
		})
	}
}
