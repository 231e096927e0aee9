package jobaudit_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/jobaudit"
	"github.com/masarhr/masar-go/jobaudit/jobaudittest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

func d(y, m, dd int) hijri.Date { return hijri.MustNew(y, m, dd) }

// failingRecords is memstore whose AppendHistoryEvents fails while fail is set.
type failingRecords struct {
	*memstore.Store
	fail atomic.Bool
}

var errDisk = errors.New("disk on fire")

func (f *failingRecords) AppendHistoryEvents(ctx context.Context, e records.Employee, evs []records.HistoryEvent) (records.Employee, error) {
	if f.fail.Load() {
		return records.Employee{}, errDisk
	}
	return f.Store.AppendHistoryEvents(ctx, e, evs)
}

type world struct {
	t     *testing.T
	mem   *memstore.Store
	rs    *failingRecords
	recs  *records.Service
	svc   *jobaudit.Service
	gen   *identitytest.Generator
	maker identity.NationalID
	check identity.NationalID
}

func newWorld(t *testing.T, rules *jobaudit.Rules) *world {
	t.Helper()
	w := &world{t: t, mem: memstore.New(nil), gen: identitytest.NewGenerator(41)}
	w.rs = &failingRecords{Store: w.mem}
	now := func() time.Time { return time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC) }
	w.recs = records.New(w.rs, &records.Options{Now: now})
	if rules == nil {
		r := jobaudit.DefaultRules()
		r.Policy.Default = true
		rules = &r
	}
	w.svc = jobaudit.New(w.mem, w.recs, &jobaudit.Options{Now: now, Rules: rules, Files: w.mem})
	w.maker, w.check = w.gen.Citizen(), w.gen.Citizen()
	return w
}

func (w *world) employee() records.Employee {
	w.t.Helper()
	e, err := w.recs.CreateEmployee(context.Background(), recordstest.NewEmployee(w.gen).Input())
	require.NoError(w.t, err)
	return e
}

func (w *world) history(e records.Employee) []records.HistoryEvent {
	h, err := w.recs.ListHistory(context.Background(), e.ID)
	require.NoError(w.t, err)
	return h
}

func promotion(e records.Employee, rank, step int) records.HistoryEvent {
	j := e.Job
	j.Rank, j.Step, j.StartDate = rank, step, d(1446, 3, 1)
	return records.HistoryEvent{Kind: records.KindPromotion, Start: d(1446, 3, 1), Job: &j,
		Decision: records.Decision{Number: "٤٥/١", Date: d(1446, 2, 20)}}
}

func (w *world) draft(e records.Employee, ev records.HistoryEvent) jobaudit.Variable {
	w.t.Helper()
	v, err := w.svc.Draft(context.Background(), jobaudit.DraftInput{By: w.maker, EmployeeID: e.ID, Events: []records.HistoryEvent{ev},
		Decision: ev.Decision, Documents: []records.Document{jobaudittest.Document("قرار الترقية.pdf")}})
	require.NoError(w.t, err)
	return v
}

func (w *world) submitted(e records.Employee) jobaudit.Variable {
	w.t.Helper()
	v := w.draft(e, promotion(e, 9, 1))
	v, err := w.svc.Submit(context.Background(), jobaudit.Action{By: w.maker, ID: v.ID, Version: v.Version})
	require.NoError(w.t, err)
	require.Equal(w.t, jobaudit.Submitted, v.State)
	return v
}

func TestApproveAppliesToTheFile(t *testing.T) {
	w := newWorld(t, nil)
	ctx := context.Background()
	e := w.employee()
	v := w.submitted(e)
	v, err := w.svc.Approve(ctx, jobaudit.Action{By: w.check, ID: v.ID, Version: v.Version})
	require.NoError(t, err)
	assert.Equal(t, jobaudit.Applied, v.State)
	assert.Equal(t, w.check, v.Checker)
	var states []jobaudit.State
	for _, tr := range v.Transitions {
		states = append(states, tr.To)
	}
	assert.Equal(t, []jobaudit.State{jobaudit.Draft, jobaudit.Submitted, jobaudit.Approved, jobaudit.Applied}, states)
	f, err := w.recs.GetEmployee(ctx, e.ID)
	require.NoError(t, err)
	assert.Equal(t, 9, f.Job.Rank)
	assert.Len(t, w.history(f), len(w.history(e)))
}

func TestFourEyes(t *testing.T) {
	ctx := context.Background()
	type actor int
	const (
		maker actor = iota
		checker
		self
	)
	type step func(w *world, by identity.NationalID, v jobaudit.Variable) (jobaudit.Variable, error)
	act := func(fn func(*jobaudit.Service, context.Context, jobaudit.Action) (jobaudit.Variable, error)) step {
		return func(w *world, by identity.NationalID, v jobaudit.Variable) (jobaudit.Variable, error) {
			return fn(w.svc, ctx, jobaudit.Action{By: by, ID: v.ID, Version: v.Version, Note: "ملاحظة"})
		}
	}
	approve, ret, reject := act((*jobaudit.Service).Approve), act((*jobaudit.Service).Return), act((*jobaudit.Service).Reject)
	submit := act((*jobaudit.Service).Submit)
	tests := []struct {
		name string
		from jobaudit.State
		step step
		by   actor
		want jobaudit.State
		err  error
	}{
		{"maker cannot approve", jobaudit.Submitted, approve, maker, "", jobaudit.ErrFourEyes},
		{"maker cannot return", jobaudit.Submitted, ret, maker, "", jobaudit.ErrFourEyes},
		{"maker cannot reject", jobaudit.Submitted, reject, maker, "", jobaudit.ErrFourEyes},
		{"employee cannot approve own", jobaudit.Submitted, approve, self, "", jobaudit.ErrFourEyes},
		{"employee cannot return own", jobaudit.Submitted, ret, self, "", jobaudit.ErrFourEyes},
		{"checker approves", jobaudit.Submitted, approve, checker, jobaudit.Applied, nil},
		{"checker returns", jobaudit.Submitted, ret, checker, jobaudit.Returned, nil},
		{"checker rejects", jobaudit.Submitted, reject, checker, jobaudit.Rejected, nil},
		{"maker submits draft", jobaudit.Draft, submit, maker, jobaudit.Submitted, nil},
		{"checker cannot submit", jobaudit.Draft, submit, checker, "", jobaudit.ErrNotMaker},
		{"maker resubmits returned", jobaudit.Returned, submit, maker, jobaudit.Submitted, nil},
		{"checker cannot approve a draft", jobaudit.Draft, approve, checker, "", jobaudit.ErrWrongState},
		{"checker cannot approve returned", jobaudit.Returned, approve, checker, "", jobaudit.ErrWrongState},
		{"maker cannot resubmit rejected", jobaudit.Rejected, submit, maker, "", jobaudit.ErrWrongState},
		{"checker cannot approve applied", jobaudit.Applied, approve, checker, "", jobaudit.ErrWrongState},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t, nil)
			e := w.employee()
			v := w.draft(e, promotion(e, 9, 1))
			var err error
			if tc.from != jobaudit.Draft {
				v, err = submit(w, w.maker, v)
				require.NoError(t, err)
			}
			switch tc.from {
			case jobaudit.Returned:
				v, err = ret(w, w.check, v)
			case jobaudit.Rejected:
				v, err = reject(w, w.check, v)
			case jobaudit.Applied:
				v, err = approve(w, w.check, v)
			}
			require.NoError(t, err)
			by := map[actor]identity.NationalID{maker: w.maker, checker: w.check, self: e.NationalID}[tc.by]
			got, err := tc.step(w, by, v)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				_, coded := fault.As(err)
				assert.True(t, coded)
				assert.NotEmpty(t, fault.MessageOf(err, "ar"))
				again, err := w.svc.Get(ctx, v.ID)
				require.NoError(t, err)
				assert.Equal(t, v.Version, again.Version, "a refused step changes nothing")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got.State)
			last := got.Transitions[len(got.Transitions)-1]
			assert.Equal(t, tc.want, last.To)
			assert.Equal(t, by, last.By)
		})
	}
}

func TestMakerIsNeverTheEmployee(t *testing.T) {
	w := newWorld(t, nil)
	e := w.employee()
	_, err := w.svc.Draft(context.Background(), jobaudit.DraftInput{By: e.NationalID, EmployeeID: e.ID,
		Events: []records.HistoryEvent{promotion(e, 9, 1)}, Decision: records.Decision{Number: "1"}})
	assert.ErrorIs(t, err, jobaudit.ErrFourEyes)
}

func TestReturnNeedsNotesAndEditIsTheMakers(t *testing.T) {
	w := newWorld(t, nil)
	ctx := context.Background()
	e := w.employee()
	v := w.submitted(e)
	_, err := w.svc.Return(ctx, jobaudit.Action{By: w.check, ID: v.ID, Version: v.Version})
	assert.ErrorIs(t, err, jobaudit.ErrNotesRequired)
	v, err = w.svc.Return(ctx, jobaudit.Action{By: w.check, ID: v.ID, Version: v.Version, Note: "أرفق القرار موقعاً"})
	require.NoError(t, err)
	assert.Equal(t, "أرفق القرار موقعاً", v.Notes)
	evs := []records.HistoryEvent{promotion(e, 9, 2)}
	_, err = w.svc.Edit(ctx, jobaudit.EditInput{By: w.check, ID: v.ID, Version: v.Version, Events: &evs})
	assert.ErrorIs(t, err, jobaudit.ErrNotMaker)
	v, err = w.svc.Edit(ctx, jobaudit.EditInput{By: w.maker, ID: v.ID, Version: v.Version, Events: &evs})
	require.NoError(t, err)
	assert.Equal(t, 2, v.Events[0].Job.Step)
	p, err := w.svc.List(ctx, jobaudit.VariableFilter{State: jobaudit.Returned, Maker: w.maker.String()})
	require.NoError(t, err)
	assert.Len(t, p.Items, 1)
}

func TestApproveIsAtomic(t *testing.T) {
	w := newWorld(t, nil)
	ctx := context.Background()
	e := w.employee()
	before := w.history(e)
	v := w.submitted(e)
	w.rs.fail.Store(true)
	_, err := w.svc.Approve(ctx, jobaudit.Action{By: w.check, ID: v.ID, Version: v.Version})
	require.ErrorIs(t, err, errDisk)
	got, err := w.svc.Get(ctx, v.ID)
	require.NoError(t, err)
	assert.Equal(t, jobaudit.Submitted, got.State)
	assert.Equal(t, v.Version, got.Version)
	f, err := w.recs.GetEmployee(ctx, e.ID)
	require.NoError(t, err)
	assert.Equal(t, e.Version, f.Version)
	assert.Equal(t, e.Job.Rank, f.Job.Rank)
	assert.Equal(t, before, w.history(e))
	w.rs.fail.Store(false)
	got, err = w.svc.Approve(ctx, jobaudit.Action{By: w.check, ID: v.ID, Version: v.Version})
	require.NoError(t, err)
	assert.Equal(t, jobaudit.Applied, got.State)
}

func TestSubmitRefusesWithEveryReason(t *testing.T) {
	w := newWorld(t, nil)
	ctx := context.Background()
	e := w.employee()
	ev := promotion(e, 9, 40) // step off the scale
	ev.Start = e.BirthDate
	ev.Start, _ = ev.Start.AddDays(-1) // before birth, before the first appointment
	v, err := w.svc.Draft(ctx, jobaudit.DraftInput{By: w.maker, EmployeeID: e.ID, Events: []records.HistoryEvent{ev}, Decision: ev.Decision})
	require.NoError(t, err)
	_, err = w.svc.Submit(ctx, jobaudit.Action{By: w.maker, ID: v.ID, Version: v.Version})
	require.ErrorIs(t, err, jobaudit.ErrRefused)
	fe, _ := fault.As(err)
	var reasons []string
	for _, f := range fe.Fields {
		reasons = append(reasons, f.Reason)
	}
	for _, want := range []string{"jobaudit.documents_required", "jobaudit.history_invalid", "jobaudit.step_off_scale",
		"jobaudit.before_birth", "jobaudit.before_appointment"} {
		assert.Contains(t, reasons, want)
	}
}

func TestCheckVariableMinimumAge(t *testing.T) {
	b := recordstest.NewBuilder(identitytest.NewGenerator(5))
	e := b.Employee("emp-1", time.Now())
	j := records.Job{Agency: recordstest.MinistryOfEducation, Rank: 6, Step: 1}
	at17 := hijri.MustNew(e.BirthDate.Year+17, 1, 1)
	ev := records.HistoryEvent{Kind: records.KindAppointment, Start: at17, Job: &j, Decision: records.Decision{Number: "1", Date: at17}}
	j.StartDate = at17
	v := jobaudit.CheckVariable(e, nil, []records.HistoryEvent{ev}, nil, jobaudit.DefaultRules())
	require.Len(t, v, 1)
	assert.Equal(t, "jobaudit.under_age", v[0].Reason)
	ev.Start = hijri.MustNew(e.BirthDate.Year+19, 1, 1)
	ev.Job.StartDate = ev.Start
	assert.Empty(t, jobaudit.CheckVariable(e, nil, []records.HistoryEvent{ev}, nil, jobaudit.DefaultRules()))
}

func TestPolicy(t *testing.T) {
	yes, no := true, false
	p := jobaudit.Policy{Agencies: map[string]jobaudit.AgencyPolicy{
		"moe": {Default: &yes, Kinds: map[records.EventKind]bool{records.KindLeave: false}},
		"moh": {Default: &no, Kinds: map[records.EventKind]bool{records.KindPromotion: true}},
		"mof": {},
	}}
	assert.False(t, jobaudit.Policy{}.Requires("moe", records.KindPromotion), "default: not required")
	assert.True(t, p.Requires("moe", records.KindPromotion))
	assert.False(t, p.Requires("moe", records.KindLeave))
	assert.True(t, p.Requires("moh", records.KindPromotion))
	assert.False(t, p.Requires("moh", records.KindTransfer))
	assert.False(t, p.Requires("mof", records.KindTransfer))
	p.Default = true
	assert.True(t, p.Requires("mof", records.KindTransfer))
	assert.True(t, p.Requires("other", records.KindTransfer))
}

func TestDirectEntryWhenNotRequired(t *testing.T) {
	r := jobaudit.DefaultRules()
	w := newWorld(t, &r)
	e := w.employee()
	v := w.draft(e, promotion(e, 9, 1))
	v, err := w.svc.Submit(context.Background(), jobaudit.Action{By: w.maker, ID: v.ID, Version: v.Version})
	require.NoError(t, err)
	assert.Equal(t, jobaudit.Applied, v.State)
	assert.True(t, v.Direct)
	f, err := w.recs.GetEmployee(context.Background(), e.ID)
	require.NoError(t, err)
	assert.Equal(t, 9, f.Job.Rank)
}

func TestQualificationDocumentation(t *testing.T) {
	w := newWorld(t, nil)
	ctx := context.Background()
	e := w.employee()
	fx := jobaudittest.NewFixture(3)
	proto := fx.Request(e.ID, time.Now())
	in := jobaudit.QualificationInput{By: e.NationalID, EmployeeID: e.ID, Qualification: proto.Qualification}
	_, err := w.svc.SubmitQualification(ctx, in)
	assert.ErrorIs(t, err, jobaudit.ErrDocumentsRequired)
	in.Documents = proto.Documents
	_, err = w.svc.SubmitQualification(ctx, in)
	assert.ErrorIs(t, err, jobaudit.ErrEquivalencyRequired, "a degree from GB needs its equivalency")
	in.Equivalency = proto.Equivalency
	q, err := w.svc.SubmitQualification(ctx, in)
	require.NoError(t, err)
	assert.Equal(t, jobaudit.RequestSubmitted, q.State)

	_, err = w.svc.DocumentQualification(ctx, jobaudit.QualificationDecision{By: e.NationalID, ID: q.ID, Version: q.Version})
	assert.ErrorIs(t, err, jobaudit.ErrFourEyes, "no one documents their own")
	q, err = w.svc.DocumentQualification(ctx, jobaudit.QualificationDecision{By: w.check, ID: q.ID, Version: q.Version})
	require.NoError(t, err)
	assert.Equal(t, jobaudit.RequestDocumented, q.State)
	f, err := w.recs.GetEmployee(ctx, e.ID)
	require.NoError(t, err)
	require.Len(t, f.Qualifications, len(e.Qualifications)+1)
	added := f.Qualifications[len(f.Qualifications)-1]
	assert.True(t, added.IsDocumented())
	require.NotNil(t, added.Documentation)
	assert.Equal(t, q.ID, added.Documentation.RequestID)
	assert.Equal(t, "م/١٢٣", added.Documentation.Equivalency.Number)
	assert.True(t, f.Qualifications[0].IsDocumented(), "what HR entered counts as documented")

	r, err := w.svc.SubmitQualification(ctx, in)
	require.NoError(t, err)
	_, err = w.svc.RejectQualification(ctx, jobaudit.QualificationDecision{By: w.check, ID: r.ID, Version: r.Version})
	assert.ErrorIs(t, err, jobaudit.ErrNotesRequired)
	r, err = w.svc.RejectQualification(ctx, jobaudit.QualificationDecision{By: w.check, ID: r.ID, Version: r.Version, Reason: "غير مصدق"})
	require.NoError(t, err)
	assert.Equal(t, jobaudit.RequestRejected, r.State)
	p, err := w.svc.ListRequests(ctx, jobaudit.RequestFilter{EmployeeID: e.ID})
	require.NoError(t, err)
	assert.Len(t, p.Items, 2)
}
