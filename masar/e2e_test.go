package masar_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/outbox"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/records"
)

// The sqlstore adapter implements the whole of allStore.
var _ allStore = (*sqlstore.Store)(nil)

// storeTarget opens a new, empty Store.
type storeTarget struct {
	name string
	open func(t testing.TB) allStore
}

// storeTargets are memstore, SQLite, and PostgreSQL when
// MASAR_TEST_POSTGRES_DSN is set.
func storeTargets() []storeTarget {
	out := []storeTarget{{"memstore", func(testing.TB) allStore { return memstore.New(nil) }}}
	for _, tg := range sqlstoretest.Targets() {
		out = append(out, storeTarget{tg.Name, func(t testing.TB) allStore {
			s, _ := tg.Open(t)
			return s
		}})
	}
	return out
}

// TestEndToEnd runs the facade's stories over every Store: each on a new
// Store and world, each ending with the check that the audit trail holds no
// national ID in clear.
func TestEndToEnd(t *testing.T) {
	stories := []struct {
		name string
		run  func(t *testing.T, w *world, fs *faultyStore)
	}{
		{"records", storyRecords},
		{"corrections", storyCorrections},
		{"grievances", storyGrievances},
		{"promotion", storyPromotion},
		{"consent", storyConsent},
		{"identity", storyIdentity},
		{"audit", storyAudit},
		{"leave", storyLeave},
		{"separation", storySeparation},
		{"cv", storyCV},
	}
	for _, st := range storeTargets() {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			for _, story := range stories {
				t.Run(story.name, func(t *testing.T) {
					t.Parallel()
					fs := &faultyStore{allStore: st.open(t)}
					w := newClient(t, fs)
					story.run(t, w, fs)
					w.assertNoClearIDs()
				})
			}
		})
	}
}

// audited runs fn and returns the audit entries it appended.
func (w *world) audited(fn func()) []audit.Entry {
	w.T.Helper()
	seen := map[string]bool{}
	for _, e := range w.trail(audit.Filter{}) {
		seen[e.ID] = true
	}
	fn()
	var out []audit.Entry
	for _, e := range w.trail(audit.Filter{}) {
		if !seen[e.ID] {
			out = append(out, e)
		}
	}
	return out
}

// oneEntry runs fn and returns the one audit entry it appended.
func (w *world) oneEntry(fn func()) audit.Entry {
	w.T.Helper()
	es := w.audited(fn)
	if len(es) != 1 {
		w.T.Fatalf("the call appended %d audit entries, want 1: %+v", len(es), es)
	}
	return es[0]
}

// The employee reads their file, their service and a statement, which a
// third party verifies.
func storyRecords(t *testing.T, w *world, _ *faultyStore) {
	ctx, emp, today := w.Ctx, w.MOH.Emp, w.Clock.Today()

	var f masar.File
	e := w.oneEntry(func() {
		var err error
		f, err = w.Client.EmployeeFile(ctx, emp.Actor, emp.ID)
		require.NoError(t, err)
	})
	assert.Equal(t, emp.ID, f.Employee.NationalID)
	assert.Equal(t, moh, f.Employee.Job.Agency.ID, "transferred to moh")
	assert.Equal(t, 8, f.Employee.Job.Rank)
	assert.Len(t, f.History, 8)
	assert.Empty(t, f.Redacted)
	assert.Equal(t, emp.Input.Name, f.Employee.Name)
	assert.Equal(t, string(masar.UseViewFile), e.Action)
	assert.Equal(t, audit.Succeeded, e.Outcome)
	assert.Equal(t, ref(emp.ID), e.Subject)
	assert.Equal(t, ref(emp.ID), e.Actor)
	assert.Equal(t, emp.ID.Masked(), e.SubjectMasked)
	assert.Equal(t, moh, e.Agency)
	assert.Equal(t, f.Employee.ID, e.Resource)
	assert.True(t, e.At.Equal(start), "the entry is stamped with the call's instant: %s", e.At)

	d, err := w.Client.ServiceDuration(ctx, emp.Actor, emp.ID, records.PurposeTotal, hijri.Date{})
	require.NoError(t, err)
	wantD, err := records.ServiceDuration(f.History, records.PurposeTotal, today)
	require.NoError(t, err)
	assert.Equal(t, wantD.Days, d.Days)
	assert.Equal(t, wantD.Period, d.Period)
	assert.Equal(t, hijri.MustNew(1432, 3, 15), d.Start)
	assert.Equal(t, today, d.AsOf)
	hrD, err := w.Client.ServiceDuration(ctx, w.MOH.Specialist, emp.ID, records.PurposeTotal, hijri.Date{})
	require.NoError(t, err)
	assert.Equal(t, d.Days, hrD.Days, "HR of the agency sees the same service")

	st, err := w.Client.IssueStatement(ctx, emp.Actor, emp.ID, hijri.Date{})
	require.NoError(t, err)
	require.NotEmpty(t, st.Code)
	w.secrets = append(w.secrets, st.Code, strings.ReplaceAll(st.Code, "-", ""), strings.ToLower(strings.ReplaceAll(st.Code, "-", " ")))
	assert.Equal(t, today, st.AsOf)
	assert.Equal(t, d.Days, st.Service.Days)
	text, err := st.RenderText(masar.Arabic)
	require.NoError(t, err)
	assert.Equal(t, "بيان خدمة", strings.SplitN(text, "\n", 2)[0])
	assert.Contains(t, text, emp.Input.Name.AR.Full())
	assert.Contains(t, text, st.Code)
	var html bytes.Buffer
	require.NoError(t, st.RenderHTML(&html, masar.Arabic))
	assert.Contains(t, html.String(), `<html lang="ar" dir="rtl">`)
	assert.Contains(t, html.String(), emp.Input.Name.AR.Full())
	en, err := st.RenderText(masar.English)
	require.NoError(t, err)
	assert.Contains(t, en, emp.Input.Name.EN.Full())

	// A third party verifies the printed code, typed however they like.
	for _, code := range []string{st.Code, strings.ToLower(strings.ReplaceAll(st.Code, "-", " "))} {
		e := w.oneEntry(func() {
			v, err := w.Client.VerifyStatement(ctx, code)
			require.NoError(t, err)
			assert.Equal(t, st.ID, v.ID)
			assert.Equal(t, emp.ID.String(), v.NationalID)
			assert.Equal(t, d.Days, v.Service.Days)
		})
		assert.Equal(t, string(masar.UseVerifyStatement), e.Action)
		assert.Equal(t, audit.Succeeded, e.Outcome)
		assert.Equal(t, ref(emp.ID), e.Subject, "the verification is on the person's trail")
	}
	tampered := []byte(st.Code)
	tampered[0] = map[bool]byte{true: 'B', false: 'A'}[tampered[0] == 'A']
	e = w.oneEntry(func() {
		_, err = w.Client.VerifyStatement(ctx, string(tampered))
		assert.ErrorIs(t, err, records.ErrStatementNotFound)
		assert.Equal(t, masar.NotFound, masar.ErrorCode(err))
	})
	assert.Equal(t, audit.Failed, e.Outcome)
	assert.Equal(t, string(masar.NotFound), e.Code)

	// Another agency's HR reads nothing, and is on the trail for trying.
	e = w.oneEntry(func() {
		_, err = w.Client.EmployeeFile(ctx, w.MOE.Specialist, emp.ID)
		assert.ErrorIs(t, err, masar.ErrPermissionDenied)
	})
	assert.Equal(t, audit.Denied, e.Outcome)
	assert.Equal(t, ref(emp.ID), e.Subject)
	assert.Equal(t, moe, e.ActorAgency)
}

// The employee asks for corrections; HR decides them atomically with the
// audit entry; the Notifier hears of a decision only once it is committed.
func storyCorrections(t *testing.T, w *world, fs *faultyStore) {
	ctx, emp, spec, mgr := w.Ctx, w.MOH.Emp, w.MOH.Specialist, w.MOH.Manager
	request := func(changes ...records.ProposedChange) records.Correction {
		t.Helper()
		r, err := w.Client.RequestCorrection(ctx, emp.Actor, masar.CorrectionInput{
			Changes: changes, Justification: "مطابقة الهوية الوطنية", AcceptTerms: true, TermsVersion: "1.0"})
		require.NoError(t, err)
		require.Equal(t, records.CorrectionPending, r.Status)
		return r
	}
	decide := func(a masar.Actor, r records.Correction) (records.Correction, error) {
		return w.Client.ApproveCorrection(ctx, a, masar.CorrectionAction{ID: r.ID, Version: r.Version, Note: "تمت المطابقة"})
	}
	before := w.file(emp.ID)
	r := request(
		records.ProposedChange{Field: records.FieldNameARFirst, New: "عبدالرحمن"},
		records.ProposedChange{Field: records.FieldAddress, New: "الرياض، حي النرجس، 13327"},
	)
	queue, err := w.Client.AgencyCorrections(ctx, spec, records.CorrectionPending, masar.PageRequest{})
	require.NoError(t, err)
	assert.Equal(t, []string{r.ID}, ids(queue.Items))
	mine, err := w.Client.MyCorrections(ctx, emp.Actor, "", masar.PageRequest{})
	require.NoError(t, err)
	assert.Equal(t, []string{r.ID}, ids(mine.Items))
	theirs, err := w.Client.AgencyCorrections(ctx, w.MOE.Specialist, "", masar.PageRequest{})
	require.NoError(t, err)
	assert.Empty(t, theirs.Items, "another agency's queue")

	// Approval: the file changes, the entry has every field's old and new
	// value, the Notifier is told once, after the commit.
	e := w.oneEntry(func() {
		got, err := decide(spec, r)
		require.NoError(t, err)
		assert.Equal(t, records.CorrectionApproved, got.Status)
	})
	after := w.file(emp.ID)
	assert.Equal(t, "عبدالرحمن", after.Name.AR.First)
	assert.Equal(t, "الرياض، حي النرجس، 13327", after.Contact.Address)
	assert.Equal(t, before.Version+1, after.Version)
	assert.Equal(t, string(masar.UseDecideCorrection), e.Action)
	assert.Equal(t, audit.Succeeded, e.Outcome)
	assert.Equal(t, r.ID, e.Resource)
	assert.Equal(t, ref(emp.ID), e.Subject)
	assert.Equal(t, ref(spec.NationalID), e.Actor)
	assert.Equal(t, []audit.Change{
		{Field: "status", Old: "pending", New: "approved"},
		{Field: "name.ar.first", Old: before.Name.AR.First, New: "عبدالرحمن"},
		{Field: "contact.address", Old: before.Contact.Address, New: "الرياض، حي النرجس، 13327"},
	}, e.Changes)
	ns := w.notices()
	require.Len(t, ns, 1)
	assert.Equal(t, r.ID, ns[0].Correction.ID)
	assert.Equal(t, records.CorrectionApproved, ns[0].Correction.Status)
	assert.Equal(t, records.CorrectionApproved, ns[0].Stored, "the Notifier ran after the commit")
	f, err := w.Client.EmployeeFile(ctx, emp.Actor, emp.ID)
	require.NoError(t, err)
	assert.Equal(t, "عبدالرحمن", f.Employee.Name.AR.First)

	// The audit entry cannot be written: the approval is rolled back.
	r2 := request(records.ProposedChange{Field: records.FieldAddress, New: "جدة، حي الشاطئ"})
	fs.set(func(s *faultyStore) {
		s.failAudit = func(e audit.Entry) bool {
			return e.Action == string(masar.UseDecideCorrection) && e.Outcome == audit.Succeeded
		}
	})
	fileBefore := w.file(emp.ID)
	es := w.audited(func() {
		_, err = decide(spec, r2)
		assert.ErrorIs(t, err, errInjected)
		assert.Equal(t, masar.Internal, masar.ErrorCode(err))
	})
	fs.set(func(s *faultyStore) { s.failAudit = nil })
	stored, err := w.Store.GetCorrection(ctx, r2.ID)
	require.NoError(t, err)
	assert.Equal(t, records.CorrectionPending, stored.Status, "the request is still pending")
	assert.Equal(t, r2.Version, stored.Version)
	assert.Equal(t, fileBefore, w.file(emp.ID), "the file is unchanged")
	assert.Len(t, w.notices(), 1, "nobody was told of a decision that did not happen")
	require.Len(t, es, 1, "the failed call is still on the trail")
	assert.Equal(t, audit.Failed, es[0].Outcome)
	assert.Empty(t, es[0].Changes)
	got, err := decide(spec, r2)
	require.NoError(t, err, "the same approval, once the trail works")
	assert.Equal(t, records.CorrectionApproved, got.Status)
	assert.Len(t, w.notices(), 2)

	// Two reviewers approve at once: exactly one wins.
	r3 := request(records.ProposedChange{Field: records.FieldNameENFirst, New: "Abdulrahman"})
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, a := range []masar.Actor{spec, mgr} {
		wg.Go(func() { _, errs[i] = decide(a, r3) })
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
		} else {
			assert.ErrorIs(t, err, masar.ErrConflict)
		}
	}
	assert.Equal(t, 1, won, "exactly one reviewer wins: %v", errs)
	assert.Len(t, w.notices(), 3)
	var outcomes []audit.Outcome
	for _, e := range w.trail(audit.Filter{Action: string(masar.UseDecideCorrection)}) {
		if e.Resource == r3.ID {
			outcomes = append(outcomes, e.Outcome)
		}
	}
	assert.ElementsMatch(t, []audit.Outcome{audit.Succeeded, audit.Failed}, outcomes)

	// A rejection needs its reason; a withdrawal is the employee's own.
	r4 := request(records.ProposedChange{Field: records.FieldAddress, New: "مكة المكرمة، العزيزية"})
	_, err = w.Client.RejectCorrection(ctx, mgr, masar.CorrectionAction{ID: r4.ID, Version: r4.Version})
	assert.ErrorIs(t, err, records.ErrReasonRequired)
	got, err = w.Client.RejectCorrection(ctx, mgr, masar.CorrectionAction{ID: r4.ID, Version: r4.Version, Note: "لم يرفق صك العنوان"})
	require.NoError(t, err)
	assert.Equal(t, records.CorrectionRejected, got.Status)
	assert.Len(t, w.notices(), 4)
	r5 := request(records.ProposedChange{Field: records.FieldAddress, New: "المدينة المنورة، قباء"})
	_, err = w.Client.WithdrawCorrection(ctx, spec, masar.CorrectionAction{ID: r5.ID, Version: r5.Version})
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "HR cannot withdraw the employee's request")
	got, err = w.Client.WithdrawCorrection(ctx, emp.Actor, masar.CorrectionAction{ID: r5.ID, Version: r5.Version})
	require.NoError(t, err)
	assert.Equal(t, records.CorrectionWithdrawn, got.Status)
	assert.Len(t, w.notices(), 4, "a withdrawal is not notified")
}

func ids(cs []records.Correction) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

// Eligibility, a grievance through review, answer and closure, a
// committee grievance, and the sweep that deems silence a rejection.
func storyGrievances(t *testing.T, w *world, _ *faultyStore) {
	ctx, emp, spec, mgr := w.Ctx, w.MOH.Emp, w.MOH.Specialist, w.MOH.Manager

	// Without a Nafath account or a permission on the service: refused,
	// with every reason.
	p := w.hire(w.MOH, w.career(moh))
	w.Accounts.Set(p.ID, identity.Accounts{Absher: true})
	a := p.Actor
	a.Services = nil
	e := w.oneEntry(func() {
		_, err := w.Client.FileGrievance(ctx, a, w.grievanceInput(moh, grievance.KindDecision))
		require.ErrorIs(t, err, grievance.ErrNotEligible)
		assert.Equal(t, masar.FailedPrecondition, masar.ErrorCode(err))
		var fe *masar.Error
		require.True(t, errors.As(err, &fe))
		var reasons []string
		for _, f := range fe.Fields {
			reasons = append(reasons, f.Reason)
			assert.NotEmpty(t, f.Message.AR)
		}
		assert.Equal(t, []string{identity.ReasonNoNafath, identity.ReasonNoPermission}, reasons)
		assert.NotEmpty(t, masar.FieldMessages(err, masar.Arabic))
	})
	// Ineligible and too late: one refusal lists the window too.
	lateIn := w.grievanceInput(moh, grievance.KindDecision)
	lateIn.Decision.Date, _ = w.Clock.Today().AddDays(-200)
	lateIn.Decision.LearntOn, _ = w.Clock.Today().AddDays(-100)
	_, err := w.Client.FileGrievance(ctx, a, lateIn)
	require.ErrorIs(t, err, grievance.ErrFilingRefused)
	var refused *masar.Error
	require.True(t, errors.As(err, &refused))
	var all []string
	for _, f := range refused.Fields {
		all = append(all, f.Reason)
	}
	assert.ElementsMatch(t, []string{identity.ReasonNoNafath, identity.ReasonNoPermission, grievance.ReasonWindowClosed}, all)
	assert.Equal(t, audit.Failed, e.Outcome)
	assert.Equal(t, string(masar.FailedPrecondition), e.Code)
	gs, err := w.Store.ListGrievances(ctx, grievance.Filter{Filer: p.ID})
	require.NoError(t, err)
	assert.Empty(t, gs)
	w.Accounts.Set(p.ID, identity.Accounts{Absher: true, Nafath: true})
	a.Services = []identity.MasarService{identity.Grievances}
	_, err = w.Client.FileGrievance(ctx, a, w.grievanceInput(moh, grievance.KindDecision))
	require.NoError(t, err, "with a Nafath account and the permission")

	// Filed, reviewed, answered, closed.
	g := w.fileGrievance(emp, moh, grievance.KindDecision)
	assert.Equal(t, grievance.StatusSubmitted, g.Status)
	assert.False(t, g.AnswerDue.IsZero())
	queue, err := w.Client.AgencyGrievances(ctx, spec, grievance.Filter{Agency: moe}, masar.PageRequest{})
	require.NoError(t, err)
	assert.Len(t, queue.Items, 2, "the agency's own queue, whatever the filter asks")
	act := func(fn func(masar.GrievanceAction) (grievance.Grievance, error)) {
		t.Helper()
		e := w.oneEntry(func() {
			next, err := fn(masar.GrievanceAction{ID: g.ID, Version: g.Version})
			require.NoError(t, err)
			assert.Equal(t, g.Version+1, next.Version)
			g = next
		})
		assert.Equal(t, ref(emp.ID), e.Subject)
		assert.Equal(t, g.TrackingNumber.String(), e.Resource)
		assert.Len(t, e.Changes, 1)
		assert.Equal(t, string(g.Status), e.Changes[0].New)
	}
	act(func(in masar.GrievanceAction) (grievance.Grievance, error) {
		return w.Client.StartGrievanceReview(ctx, spec, in)
	})
	_, err = w.Client.AnswerGrievance(ctx, spec, masar.GrievanceAction{ID: g.ID}, grievance.OutcomeRejected, "x")
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "only the manager answers")
	act(func(in masar.GrievanceAction) (grievance.Grievance, error) {
		return w.Client.AnswerGrievance(ctx, mgr, in, grievance.OutcomeRejected, "صدر القرار وفق المادة ٤٣ من اللائحة")
	})
	assert.Equal(t, grievance.OutcomeRejected, g.Outcome)
	act(func(in masar.GrievanceAction) (grievance.Grievance, error) {
		return w.Client.CloseGrievance(ctx, spec, in)
	})
	seen, err := w.Client.Grievance(ctx, emp.Actor, g.ID)
	require.NoError(t, err)
	assert.Equal(t, grievance.StatusClosed, seen.Status)
	var actions []grievance.Action
	for _, h := range seen.History {
		actions = append(actions, h.Action)
	}
	assert.Equal(t, []grievance.Action{grievance.ActionFile, grievance.ActionStartReview, grievance.ActionAnswer, grievance.ActionClose}, actions)
	_, err = w.Client.Grievance(ctx, w.MOE.Specialist, g.ID)
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "another agency's HR")
	_, err = w.Client.Grievance(ctx, w.MOH.Committee, g.ID)
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "the committee sees only committee grievances")

	// A performance-rating grievance goes to the committee.
	pr := w.fileGrievance(emp, moh, grievance.KindPerformanceRating)
	list, err := w.Client.AgencyGrievances(ctx, w.MOH.Committee, grievance.Filter{}, masar.PageRequest{})
	require.NoError(t, err)
	require.Len(t, list.Items, 1)
	assert.Equal(t, pr.ID, list.Items[0].ID)
	pr, err = w.Client.StartGrievanceReview(ctx, w.MOH.Committee, masar.GrievanceAction{ID: pr.ID, Version: pr.Version})
	require.NoError(t, err)
	pr, err = w.Client.AnswerGrievance(ctx, w.MOH.Committee, masar.GrievanceAction{ID: pr.ID, Version: pr.Version}, grievance.OutcomeAccepted, "")
	require.NoError(t, err)
	assert.Equal(t, grievance.StatusAnswered, pr.Status)
	_, err = w.Client.CloseGrievance(ctx, w.MOH.Committee, masar.GrievanceAction{ID: pr.ID, Version: pr.Version})
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "the committee recommends; HR closes")

	// Silence past the answer period: the sweep deems it rejected.
	late := w.fileGrievance(emp, moh, grievance.KindDecision)
	res, err := w.Client.SweepGrievances(ctx)
	require.NoError(t, err)
	assert.Zero(t, res.DeemedRejected)
	w.Clock.Advance(100*24*time.Hour + 1500*time.Nanosecond)
	sweeps := w.audited(func() {
		res, err = w.Client.SweepGrievances(ctx)
		require.NoError(t, err)
	})
	assert.Equal(t, 2, res.DeemedRejected, "the employee's and p's silent grievances")
	require.Len(t, sweeps, 2, "one entry per grievance marked")
	byNumber := map[string]grievance.Grievance{}
	for _, g := range res.Deemed {
		byNumber[g.TrackingNumber.String()] = g
	}
	for _, e := range sweeps {
		g, ok := byNumber[e.Resource]
		require.True(t, ok, "entry %q names a grievance the sweep marked", e.Resource)
		assert.Equal(t, string(masar.UseSweepGrievances), e.Action)
		assert.Equal(t, audit.Succeeded, e.Outcome)
		assert.Equal(t, g.Filer.Masked(), e.SubjectMasked, "the filer is the entry's subject")
		assert.Equal(t, []audit.Change{{Field: "status", Old: string(grievance.StatusSubmitted), New: string(grievance.StatusDeemedRejected)}}, e.Changes)
		assert.Equal(t, w.Clock.Now().UTC().Truncate(time.Microsecond), e.At, "stored instants are UTC microseconds")
	}
	late, err = w.Client.Grievance(ctx, emp.Actor, late.ID)
	require.NoError(t, err)
	assert.Equal(t, grievance.StatusDeemedRejected, late.Status)
	assert.Equal(t, grievance.OutcomeDeemedRejected, late.Outcome)
	res, err = w.Client.SweepGrievances(ctx)
	require.NoError(t, err)
	assert.Zero(t, res.DeemedRejected, "the sweep is idempotent")
	_, err = w.Client.StartGrievanceReview(ctx, spec, masar.GrievanceAction{ID: late.ID, Version: late.Version})
	assert.Error(t, err, "no review after a deemed rejection")
	late, err = w.Client.EscalateGrievance(ctx, emp.Actor, masar.GrievanceAction{ID: late.ID, Version: late.Version}, grievance.RouteCourt)
	require.NoError(t, err)
	assert.Equal(t, grievance.StatusEscalated, late.Status)
}

// A promotion round from draft to decisions recorded in the winner's file,
// atomically.
func storyPromotion(t *testing.T, w *world, fs *faultyStore) {
	ctx, m, emp, peer := w.Ctx, w.MOH.Manager, w.MOH.Emp, w.MOH.Peer
	r, err := w.Client.CreateRound(ctx, m, w.roundInput(moh))
	require.NoError(t, err)
	r, err = w.Client.AnnounceRound(ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
	require.NoError(t, err)
	r, err = w.Client.OpenRound(ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
	require.NoError(t, err)
	_, err = w.Client.AddCandidates(ctx, m, r.ID, r.Version, []masar.CandidateInput{candidate(w.MOE.Emp, 5, 9)})
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "a candidate from another agency")
	// The peer is rated Satisfactory (2): not eligible (Reg art 49(e)).
	r, err = w.Client.AddCandidates(ctx, m, r.ID, r.Version, []masar.CandidateInput{candidate(emp, 5, 8), candidate(peer, 2, 9)})
	require.NoError(t, err)
	cs, err := w.Store.ListCandidates(ctx, r.ID, promotion.CandidateFilter{})
	require.NoError(t, err)
	require.Len(t, cs, 2)
	for _, c := range cs {
		assert.Equal(t, 8, c.Rank, "read from the file")
		assert.Equal(t, hijri.MustNew(1432, 3, 15), c.AppointmentDate)
		assert.Equal(t, hijri.MustNew(1440, 7, 1), c.RankDate)
		assert.Positive(t, c.RankDays[8])
	}
	r, rk, err := w.Client.RankRound(ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
	require.NoError(t, err)
	require.Len(t, rk.Entries, 2)
	assert.Equal(t, emp.ID, rk.Entries[0].NationalID)
	assert.True(t, rk.Entries[0].Winner)
	assert.False(t, rk.Entries[1].Eligible)

	// Each employee sees their standing and why.
	mine, err := w.Client.PromotionStanding(ctx, emp.Actor, emp.ID, r.ID)
	require.NoError(t, err)
	require.Len(t, mine, 1)
	assert.True(t, mine[0].Result.Winner)
	assert.True(t, mine[0].Eligibility.Eligible)
	theirs, err := w.Client.PromotionStanding(ctx, peer.Actor, peer.ID, r.ID)
	require.NoError(t, err)
	require.Len(t, theirs, 1)
	assert.False(t, theirs[0].Eligibility.Eligible)
	require.NotEmpty(t, theirs[0].Eligibility.Reasons)
	assert.Equal(t, "promotion.rating", theirs[0].Eligibility.Reasons[0].Code)
	assert.NotEmpty(t, theirs[0].Eligibility.Reasons[0].Message.AR)
	d, err := w.Client.PromotionEligibility(ctx, peer.Actor, peer.ID, r.ID, "V-9-2512")
	require.NoError(t, err)
	assert.Equal(t, theirs[0].Eligibility, d)
	_, err = w.Client.PromotionStanding(ctx, peer.Actor, emp.ID, r.ID)
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "a colleague's standing")

	// Recording the promotion in the file fails: nothing is issued.
	fs.set(func(s *faultyStore) {
		s.failHistory = func(e records.Employee) bool { return e.NationalID == emp.ID }
	})
	before := w.fingerprint()
	_, _, err = w.Client.IssuePromotions(ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
	assert.ErrorIs(t, err, errInjected)
	fs.set(func(s *faultyStore) { s.failHistory = nil })
	assert.Equal(t, before, w.fingerprint(), "no decision without its file event, and no file event without its decision")

	_, _, err = w.Client.IssuePromotions(ctx, w.MOH.Specialist, masar.RoundAction{ID: r.ID, Version: r.Version})
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "only the manager issues decisions")
	var ds []promotion.PromotionDecision
	e := w.oneEntry(func() {
		r, ds, err = w.Client.IssuePromotions(ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
		require.NoError(t, err)
	})
	assert.Equal(t, promotion.RoundDecided, r.Status)
	require.Len(t, ds, 1)
	dec := ds[0]
	assert.Equal(t, emp.ID, dec.NationalID)
	assert.Equal(t, 9, dec.Placement.ToRank)
	assert.Equal(t, w.Clock.Today(), dec.EffectiveDate)
	file := w.file(emp.ID)
	assert.Equal(t, 9, file.Job.Rank)
	assert.Equal(t, dec.Placement.ToStep, file.Job.Step)
	assert.Equal(t, "V-9-2512", file.Job.JobNumber)
	assert.Equal(t, "أخصائي أول نظم معلومات", file.Job.Title.AR)
	f, err := w.Client.EmployeeFile(ctx, emp.Actor, emp.ID)
	require.NoError(t, err)
	last := f.History[len(f.History)-1]
	assert.Equal(t, records.KindPromotion, last.Kind)
	assert.Equal(t, w.Clock.Today(), last.Start)
	assert.Equal(t, dec.ID, last.Decision.Number)
	assert.Equal(t, 8, w.file(peer.ID).Job.Rank, "the ineligible peer is unchanged")
	evs, err := w.Store.List(ctx, outbox.Filter{Topic: outbox.TopicEvents, Kind: masar.EventPromotionIssued})
	require.NoError(t, err)
	require.Len(t, evs, 1, "one event per decision, none for the failed issue")
	var ev struct {
		Data masar.PromotionIssued `json:"data"`
	}
	require.NoError(t, json.Unmarshal(evs[0].Payload, &ev))
	assert.Equal(t, masar.PromotionIssued{DecisionID: dec.ID, RoundID: r.ID, VacancyID: "V-9-2512", EmployeeID: file.ID,
		ToRank: 9, ToStep: dec.Placement.ToStep, EffectiveDate: dec.EffectiveDate}, ev.Data)
	assert.Equal(t, "round:"+r.ID, evs[0].Aggregate)
	assert.Equal(t, string(masar.UseIssuePromotions), e.Action)
	assert.Equal(t, []audit.Change{{
		Field: "promotion." + emp.ID.Masked(),
		Old:   "rank 8 step 1", New: "rank 9 step " + strconv.Itoa(dec.Placement.ToStep),
	}}, e.Changes)

	r, err = w.Client.CloseRound(ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
	require.NoError(t, err)
	assert.Equal(t, promotion.RoundClosed, r.Status)
}

// A grantee reads only what a live consent names.
func storyConsent(t *testing.T, w *world, _ *faultyStore) {
	ctx, emp, g := w.Ctx, w.MOE.Emp, w.Grantee
	_, err := w.Client.EmployeeFile(ctx, g, emp.ID)
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "before any consent")

	c1, err := w.Client.GrantConsent(ctx, emp.Actor, masar.GrantConsentInput{
		Grantee: gosi, Parts: []identity.Part{identity.PartServiceDuration, identity.PartJob},
		Purpose: "احتساب مدة الاشتراك", Until: w.Clock.Now().Add(30 * 24 * time.Hour)})
	require.NoError(t, err)
	assert.Equal(t, []identity.Part{identity.PartJob, identity.PartServiceDuration}, c1.Parts)
	var f masar.File
	e := w.oneEntry(func() {
		f, err = w.Client.EmployeeFile(ctx, g, emp.ID)
		require.NoError(t, err)
	})
	assert.Equal(t, ref(emp.ID), e.Subject)
	assert.Equal(t, gosi, e.ActorAgency)
	assert.Equal(t, []identity.Part{identity.PartPersonal, identity.PartHistory, identity.PartQualifications, identity.PartTraining}, f.Redacted)
	assert.Equal(t, emp.ID, f.Employee.NationalID)
	assert.Equal(t, 8, f.Employee.Job.Rank, "the job part")
	assert.Equal(t, moe, f.Employee.Job.Agency.ID)
	assert.Zero(t, f.Employee.Name, "the name is personal data")
	assert.Zero(t, f.Employee.BirthDate)
	assert.Zero(t, f.Employee.Gender)
	assert.Zero(t, f.Employee.Nationality)
	assert.Zero(t, f.Employee.Contact)
	assert.Empty(t, f.Employee.Qualifications)
	assert.Empty(t, f.History)
	_, err = w.Client.ServiceDuration(ctx, g, emp.ID, records.PurposeTotal, hijri.Date{})
	assert.NoError(t, err)
	_, err = w.Client.IssueStatement(ctx, g, emp.ID, hijri.Date{})
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "the statement is not granted")
	_, err = w.Client.EmployeeFile(ctx, g, w.MOE.Peer.ID)
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "someone else's file")
	other := g
	other.Agency = "nic"
	_, err = w.Client.EmployeeFile(ctx, other, emp.ID)
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "another grantee agency")

	// The history without its training part: training and scholarships are withheld.
	c2, err := w.Client.GrantConsent(ctx, emp.Actor, masar.GrantConsentInput{
		Grantee: gosi, Parts: []identity.Part{identity.PartHistory},
		Purpose: "احتساب مدة الاشتراك", Until: w.Clock.Now().Add(30 * 24 * time.Hour)})
	require.NoError(t, err)
	f, err = w.Client.EmployeeFile(ctx, g, emp.ID)
	require.NoError(t, err)
	assert.Equal(t, []identity.Part{identity.PartPersonal, identity.PartQualifications, identity.PartTraining}, f.Redacted)
	require.NotEmpty(t, f.History)
	for _, ev := range f.History {
		assert.NotContains(t, []records.EventKind{records.KindTraining, records.KindScholarship}, ev.Kind)
	}

	// Revoked: denied.
	for _, c := range []identity.Consent{c1, c2} {
		c, err = w.Client.RevokeConsent(ctx, emp.Actor, c.ID)
		require.NoError(t, err)
		assert.False(t, c.RevokedAt.IsZero())
	}
	_, err = w.Client.EmployeeFile(ctx, g, emp.ID)
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "after the revocation")
	_, err = w.Client.RevokeConsent(ctx, w.MOE.Peer.Actor, c1.ID)
	assert.ErrorIs(t, err, masar.ErrNotFound, "someone else's consent cannot even be found")

	// Every part, for an hour; then expired.
	_, err = w.Client.GrantConsent(ctx, emp.Actor, masar.GrantConsentInput{
		Grantee: gosi, Parts: identity.Parts(), Purpose: "احتساب مدة الاشتراك", Until: w.Clock.Now().Add(time.Hour)})
	require.NoError(t, err)
	f, err = w.Client.EmployeeFile(ctx, g, emp.ID)
	require.NoError(t, err)
	assert.Empty(t, f.Redacted)
	assert.Equal(t, emp.Input.Name, f.Employee.Name)
	_, err = w.Client.IssueStatement(ctx, g, emp.ID, hijri.Date{})
	assert.NoError(t, err)
	w.Clock.Advance(2 * time.Hour)
	_, err = w.Client.EmployeeFile(ctx, g, emp.ID)
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "after the expiry")

	mine, err := w.Client.MyConsents(ctx, emp.Actor)
	require.NoError(t, err)
	assert.Len(t, mine, 3)
	var outcomes []audit.Outcome
	for _, e := range w.trail(audit.Filter{Actor: ref(g.NationalID), Action: string(masar.UseViewFile)}) {
		outcomes = append(outcomes, e.Outcome)
	}
	assert.ElementsMatch(t, []audit.Outcome{audit.Denied, audit.Succeeded, audit.Denied, audit.Denied, audit.Succeeded,
		audit.Denied, audit.Succeeded, audit.Denied}, outcomes, "every read by the grantee, allowed or not")
}

// Registration with a mobile code and an email token, brute force locked,
// then sign-in through the authenticator.
func storyIdentity(t *testing.T, w *world, _ *faultyStore) {
	ctx, p := w.Ctx, w.MOH.Peer
	mobile, email := w.Gen.Mobile(), w.Gen.Email()
	in := identity.RegisterInput{NationalID: p.ID.String(), BirthDate: p.Input.BirthDate.String(), Mobile: mobile.String(), Email: email.String()}

	wrongBirth := in
	wrongBirth.BirthDate = "1400-01-01"
	_, err := w.Client.StartRegistration(ctx, wrongBirth)
	assert.ErrorIs(t, err, identity.ErrDetailsMismatch)

	reg, err := w.Client.StartRegistration(ctx, in)
	require.NoError(t, err)
	assert.Equal(t, identity.RegistrationPending, reg.Status)
	code, ok := w.SMS.LastCode(mobile)
	require.True(t, ok)
	wrong := []byte(code)
	wrong[0] = '0' + (wrong[0]-'0'+1)%10

	// Wrong codes are counted although the call fails; the fifth locks.
	for i := 1; i <= 4; i++ {
		_, err = w.Client.VerifyMobile(ctx, reg.ID, string(wrong))
		require.ErrorIs(t, err, identity.ErrOTPMismatch)
		stored, err := w.Store.GetRegistration(ctx, reg.ID)
		require.NoError(t, err)
		assert.Equal(t, i, stored.OTP.Attempts, "attempt %d is counted", i)
	}
	_, err = w.Client.VerifyMobile(ctx, reg.ID, string(wrong))
	assert.ErrorIs(t, err, identity.ErrOTPLocked)
	_, err = w.Client.VerifyMobile(ctx, reg.ID, code)
	assert.ErrorIs(t, err, identity.ErrOTPLocked, "even the right code, while locked")
	var codes []string
	for _, e := range w.trail(audit.Filter{Subject: ref(p.ID), Action: string(masar.UseVerifyMobile)}) {
		assert.Equal(t, audit.Failed, e.Outcome)
		assert.Equal(t, reg.ID, e.Resource)
		codes = append(codes, e.Code)
	}
	assert.ElementsMatch(t, []string{"invalid", "invalid", "invalid", "invalid", "failed_precondition", "failed_precondition"}, codes)

	// After the lock, a new code.
	w.Clock.Advance(16 * time.Minute)
	_, err = w.Client.ResendOTP(ctx, reg.ID)
	require.NoError(t, err)
	code, _ = w.SMS.LastCode(mobile)
	reg, err = w.Client.VerifyMobile(ctx, reg.ID, code)
	require.NoError(t, err)
	assert.False(t, reg.MobileConfirmedAt.IsZero())
	assert.Equal(t, identity.RegistrationPending, reg.Status, "the email is not confirmed yet")
	token, ok := w.Mail.LastToken(email)
	require.True(t, ok)
	reg, err = w.Client.ConfirmEmail(ctx, token)
	require.NoError(t, err)
	assert.Equal(t, identity.RegistrationActive, reg.Status)
	_, err = w.Client.ConfirmEmail(ctx, token)
	assert.ErrorIs(t, err, identity.ErrInvalidEmailToken, "a token works once")

	// Sign-in: start, the person approves in the app, the callback completes it.
	_, err = w.Client.StartSignIn(ctx, w.MOE.Emp.ID)
	assert.ErrorIs(t, err, identity.ErrNotRegistered)
	ch, err := w.Client.StartSignIn(ctx, p.ID)
	require.NoError(t, err)
	state, err := w.Client.SignInStatus(ctx, ch.TransID)
	require.NoError(t, err)
	assert.Equal(t, identity.SignInWaiting, state)
	cb, err := w.Auth.Approve(ch.TransID)
	require.NoError(t, err)
	sess, err := w.Client.CompleteSignIn(ctx, cb)
	require.NoError(t, err)
	assert.Equal(t, p.ID, sess.NationalID)
	_, err = w.Client.CompleteSignIn(ctx, cb)
	assert.ErrorIs(t, err, identity.ErrSignInReplayed)
	assert.Equal(t, masar.Unauthenticated, masar.ErrorCode(err))

	var done []string
	for _, e := range w.trail(audit.Filter{Subject: ref(p.ID)}) {
		if e.Outcome == audit.Succeeded && strings.HasPrefix(e.Action, "identity.") {
			done = append(done, e.Action)
		}
	}
	for _, uc := range []masar.UseCase{masar.UseRegister, masar.UseResendOTP, masar.UseVerifyMobile, masar.UseConfirmEmail, masar.UseStartSignIn, masar.UseCompleteSignIn} {
		assert.Contains(t, done, string(uc))
	}
}

// A ministry auditor queries the trail by subject, actor and period.
func storyAudit(t *testing.T, w *world, _ *faultyStore) {
	ctx, emp, hr := w.Ctx, w.MOH.Emp, w.MOH.Specialist
	for range 2 {
		_, err := w.Client.EmployeeFile(ctx, emp.Actor, emp.ID)
		require.NoError(t, err)
	}
	_, err := w.Client.EmployeeFile(ctx, hr, emp.ID)
	require.NoError(t, err)
	_, err = w.Client.EmployeeFile(ctx, w.MOE.Specialist, emp.ID)
	require.ErrorIs(t, err, masar.ErrPermissionDenied)
	w.Clock.Advance(time.Hour)
	later := w.Clock.Now()
	_, err = w.Client.ServiceDuration(ctx, hr, emp.ID, records.PurposeTotal, hijri.Date{})
	require.NoError(t, err)

	query := func(q masar.AuditQuery) []audit.Entry {
		t.Helper()
		p, err := w.Client.AuditTrail(ctx, w.Auditor, q)
		require.NoError(t, err)
		return p.Items
	}
	summary := func(es []audit.Entry) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.Action+" "+string(e.Outcome)+" by "+e.ActorMasked)
		}
		return out
	}
	hrM, empM, moeM := hr.NationalID.Masked(), emp.ID.Masked(), w.MOE.Specialist.NationalID.Masked()

	bySubject := query(masar.AuditQuery{Subject: emp.ID})
	for _, e := range bySubject {
		assert.Equal(t, empM, e.SubjectMasked)
		assert.Equal(t, ref(emp.ID), e.Subject)
	}
	assert.ElementsMatch(t, []string{
		"records.create_employee succeeded by " + hrM,
		"records.view_file succeeded by " + empM,
		"records.view_file succeeded by " + empM,
		"records.view_file succeeded by " + hrM,
		"records.view_file denied by " + moeM,
		"records.service_duration succeeded by " + hrM,
	}, summary(bySubject))

	byActor := query(masar.AuditQuery{Actor: hr.NationalID})
	assert.ElementsMatch(t, []string{
		"records.create_employee succeeded by " + hrM,
		"records.create_employee succeeded by " + hrM,
		"records.view_file succeeded by " + hrM,
		"records.service_duration succeeded by " + hrM,
	}, summary(byActor))

	// The auditor's queries are on the subject's trail too, from now on.
	assert.Equal(t, []string{"records.service_duration succeeded by " + hrM},
		summary(query(masar.AuditQuery{Subject: emp.ID, From: later, Action: masar.UseServiceDuration})))
	assert.Len(t, query(masar.AuditQuery{Subject: emp.ID, To: later}), 5)
	assert.Len(t, query(masar.AuditQuery{Subject: emp.ID, From: later, Action: masar.UseQueryAudit}), 3)
	assert.Len(t, query(masar.AuditQuery{Subject: emp.ID, Action: masar.UseViewFile}), 4)
	assert.Len(t, query(masar.AuditQuery{Agency: moe, Action: masar.UseViewFile}), 0, "no moe file was read")
	assert.Len(t, query(masar.AuditQuery{Agency: moh, Action: masar.UseViewFile}), 4)
	for _, e := range query(masar.AuditQuery{Subject: emp.ID, From: later}) {
		assert.True(t, e.At.Equal(later))
	}

	// Paging gives the same trail.
	views := query(masar.AuditQuery{Subject: emp.ID, Action: masar.UseViewFile})
	var paged []audit.Entry
	q := masar.AuditQuery{Subject: emp.ID, Action: masar.UseViewFile, Limit: 3}
	for {
		page := query(q)
		paged = append(paged, page...)
		if len(page) < q.Limit {
			break
		}
		q.After = page[len(page)-1].ID
	}
	assert.Equal(t, views, paged)
	assert.True(t, slices.IsSortedFunc(paged, func(a, b audit.Entry) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	}), "oldest first")

	// The queries themselves are on the trail; nobody else may query.
	assert.NotEmpty(t, w.trail(audit.Filter{Actor: ref(w.Auditor.NationalID), Action: string(masar.UseQueryAudit)}))
	_, err = w.Client.AuditTrail(ctx, hr, masar.AuditQuery{Subject: emp.ID})
	assert.ErrorIs(t, err, masar.ErrPermissionDenied)
	_, err = w.Client.AuditTrail(ctx, w.Auditor, masar.AuditQuery{From: later, To: start})
	assert.ErrorIs(t, err, masar.ErrInvalid, "a period that ends before it starts")
}
