package leave_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/leave"
	"github.com/masarhr/masar-go/leave/leavetest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

// world is a leave Service over memstore with a settable clock.
type world struct {
	t     *testing.T
	store *memstore.Store
	recs  *records.Service
	svc   *leave.Service
	mu    sync.Mutex
	now   time.Time
	gen   *identitytest.Generator
	hr    identity.NationalID
}

func newWorld(t *testing.T, today hijri.Date) *world {
	t.Helper()
	w := &world{t: t, store: memstore.New(nil), gen: identitytest.NewGenerator(7)}
	w.setToday(today)
	clock := func() time.Time { w.mu.Lock(); defer w.mu.Unlock(); return w.now }
	w.recs = records.New(w.store, &records.Options{Now: clock})
	w.svc = leave.New(w.store, w.recs, &leave.Options{Now: clock})
	w.hr = w.gen.Citizen()
	return w
}

func (w *world) setToday(d hijri.Date) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.now = d.Time().Add(9 * time.Hour) // 12:00 in Riyadh
}

// employee creates a file from b.
func (w *world) employee(b *recordstest.Builder) records.Employee {
	w.t.Helper()
	e, err := w.recs.CreateEmployee(context.Background(), b.Input())
	require.NoError(w.t, err)
	return e
}

func (w *world) request(e records.Employee, k leave.Kind, from, to hijri.Date) (leave.Leave, error) {
	return w.svc.Request(context.Background(), leave.RequestInput{EmployeeID: e.ID, Kind: k, From: from, To: to})
}

func (w *world) approve(l leave.Leave) (leave.Leave, error) {
	return w.svc.Approve(context.Background(), leave.DecisionInput{ID: l.ID, Version: l.Version, By: w.hr})
}

func (w *world) available(e records.Employee, asOf hijri.Date) int {
	w.t.Helper()
	st, err := w.svc.Statement(context.Background(), e.ID, asOf, nil)
	require.NoError(w.t, err)
	return st.Available
}

func TestRequestApproveBecomesHistoryEvent(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, d(1447, 3, 1))
	e := w.employee(recordstest.NewEmployee(w.gen))
	before := w.available(e, d(1447, 5, 1))

	l, err := w.request(e, leave.Annual, d(1447, 5, 1), d(1447, 5, 10))
	require.NoError(t, err)
	assert.Equal(t, leave.Requested, l.Status)
	assert.Equal(t, 10, l.Days)
	assert.Equal(t, e.Job.Agency.ID, l.AgencyID)
	assert.Equal(t, before, w.available(e, d(1447, 5, 1)), "a request is not yet taken")

	got, err := w.approve(l)
	require.NoError(t, err)
	assert.Equal(t, leave.Approved, got.Status)
	assert.Equal(t, l.Version+1, got.Version)
	require.NotEmpty(t, got.EventID)
	h, err := w.recs.ListHistory(ctx, e.ID)
	require.NoError(t, err)
	var ev *records.HistoryEvent
	for i := range h {
		if h[i].ID == got.EventID {
			ev = &h[i]
		}
	}
	require.NotNil(t, ev)
	assert.Equal(t, records.KindLeave, ev.Kind)
	assert.Equal(t, leave.Annual, ev.Leave)
	assert.Equal(t, l.From, ev.Start)
	assert.Equal(t, l.To, ev.End)
	assert.Equal(t, before-10, w.available(e, d(1447, 5, 1)))
	// the statement of a past day does not see it
	assert.Equal(t, w.available(e, d(1447, 4, 29)), before)

	_, err = w.approve(got)
	assert.ErrorIs(t, err, leave.ErrWrongStatus)
	_, err = w.svc.Approve(ctx, leave.DecisionInput{ID: l.ID, Version: l.Version, By: w.hr})
	assert.ErrorIs(t, err, leave.ErrConflict, "stale version")
}

func TestRequestRefusalsListEveryReason(t *testing.T) {
	w := newWorld(t, d(1447, 3, 1))
	e := w.employee(recordstest.NewEmployee(w.gen))
	avail := w.available(e, d(1447, 4, 1))
	require.Positive(t, avail)

	// longer than the balance and than the yearly cap
	_, err := w.request(e, leave.Annual, d(1447, 4, 1), d(1447, 10, 29))
	require.ErrorIs(t, err, leave.ErrRefused)
	assert.Contains(t, reasons(t, err), "leave.beyond_balance")
	assert.Contains(t, reasons(t, err), "leave.beyond_cap")

	// paternity over 3 days
	_, err = w.request(e, leave.Paternity, d(1447, 4, 2), d(1447, 4, 5))
	assert.Equal(t, []string{"leave.kind_max_days"}, reasons(t, err))

	ok, err := w.request(e, leave.Annual, d(1447, 5, 1), d(1447, 5, 10))
	require.NoError(t, err)
	// overlapping a pending request
	_, err = w.request(e, leave.Paternity, d(1447, 5, 10), d(1447, 5, 12))
	assert.Equal(t, []string{"leave.overlap"}, reasons(t, err))
	// the pending request holds its days
	_, err = w.request(e, leave.Annual, d(1447, 6, 1), w.span(leave.Annual, d(1447, 6, 1), avail-9))
	assert.Contains(t, reasons(t, err), "leave.beyond_balance")
	_ = ok

	for _, c := range []struct {
		name string
		k    leave.Kind
		from hijri.Date
		to   hijri.Date
		want error
	}{
		{"sick", leave.Sick, d(1447, 4, 1), d(1447, 4, 2), leave.ErrNotRequestable},
		{"companion", leave.Companion, d(1447, 4, 1), d(1447, 4, 2), leave.ErrNotRequestable},
		{"past", leave.Annual, d(1447, 2, 20), d(1447, 2, 29), leave.ErrInPast},
		{"reversed", leave.Annual, d(1447, 4, 10), d(1447, 4, 1), leave.ErrInvalidPeriod},
		{"unknown kind", leave.Kind("holiday"), d(1447, 4, 1), d(1447, 4, 2), leave.ErrUnknownKind},
	} {
		_, err := w.request(e, c.k, c.from, c.to)
		assert.ErrorIs(t, err, c.want, c.name)
	}
	_, err = w.svc.Request(context.Background(), leave.RequestInput{Kind: leave.Annual, From: d(1447, 4, 1), To: d(1447, 4, 2)})
	assert.ErrorIs(t, err, fault.ErrInvalidInput)
	ls, err := w.svc.List(context.Background(), leave.Filter{EmployeeID: e.ID})
	require.NoError(t, err)
	assert.Len(t, ls.Items, 1, "refusals stored nothing")
}

func TestNotInService(t *testing.T) {
	w := newWorld(t, d(1447, 3, 1))
	e := w.employee(recordstest.NewEmployee(w.gen).EndService(d(1446, 12, 29), records.EndRetirement))
	_, err := w.request(e, leave.Annual, d(1447, 4, 1), d(1447, 4, 10))
	assert.ErrorIs(t, err, leave.ErrNotInService)
}

func TestRejectCancel(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, d(1447, 3, 1))
	e := w.employee(recordstest.NewEmployee(w.gen))
	l, err := w.request(e, leave.Annual, d(1447, 4, 1), d(1447, 4, 10))
	require.NoError(t, err)
	_, err = w.svc.Reject(ctx, leave.DecisionInput{ID: l.ID, Version: l.Version, By: w.hr})
	assert.ErrorIs(t, err, fault.ErrInvalidInput, "a rejection needs its reason")
	r, err := w.svc.Reject(ctx, leave.DecisionInput{ID: l.ID, Version: l.Version, By: w.hr, Reason: "ضغط العمل"})
	require.NoError(t, err)
	assert.Equal(t, leave.Rejected, r.Status)
	assert.Equal(t, "ضغط العمل", r.Reason)
	_, err = w.svc.Cancel(ctx, leave.DecisionInput{ID: r.ID, Version: r.Version, By: e.NationalID})
	assert.ErrorIs(t, err, leave.ErrWrongStatus)

	// an approved leave not begun is cancelled with its event
	before := w.available(e, d(1447, 5, 1))
	l, err = w.request(e, leave.Annual, d(1447, 5, 1), d(1447, 5, 10))
	require.NoError(t, err)
	a, err := w.approve(l)
	require.NoError(t, err)
	c, err := w.svc.Cancel(ctx, leave.DecisionInput{ID: a.ID, Version: a.Version, By: e.NationalID})
	require.NoError(t, err)
	assert.Equal(t, leave.Cancelled, c.Status)
	assert.Empty(t, c.EventID)
	h, err := w.recs.ListHistory(ctx, e.ID)
	require.NoError(t, err)
	for _, ev := range h {
		assert.NotEqual(t, a.EventID, ev.ID)
	}
	assert.Equal(t, before, w.available(e, d(1447, 5, 1)))

	// once begun it cannot be cancelled
	l, err = w.request(e, leave.Annual, d(1447, 6, 1), d(1447, 6, 10))
	require.NoError(t, err)
	a, err = w.approve(l)
	require.NoError(t, err)
	w.setToday(d(1447, 6, 2))
	_, err = w.svc.Cancel(ctx, leave.DecisionInput{ID: a.ID, Version: a.Version, By: e.NationalID})
	assert.ErrorIs(t, err, leave.ErrWrongStatus)
}

func TestDeferAndRecall(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, d(1447, 3, 1))
	e := w.employee(recordstest.NewEmployee(w.gen))
	l, err := w.request(e, leave.Annual, d(1447, 4, 1), d(1447, 4, 20))
	require.NoError(t, err)
	a, err := w.approve(l)
	require.NoError(t, err)

	// 90 days at most after the start first approved (Reg 131(c))
	_, err = w.svc.Defer(ctx, leave.DeferInput{ID: a.ID, Version: a.Version, By: w.hr, From: add(d(1447, 4, 1), 91), Reason: "حاجة العمل"})
	assert.ErrorIs(t, err, leave.ErrDeferral)
	df, err := w.svc.Defer(ctx, leave.DeferInput{ID: a.ID, Version: a.Version, By: w.hr, From: add(d(1447, 4, 1), 90), Reason: "حاجة العمل"})
	require.NoError(t, err)
	assert.Equal(t, d(1447, 4, 1), df.DeferredFrom)
	assert.Equal(t, 19, hijri.DaysBetween(df.From, df.To))
	h, _ := w.recs.ListHistory(ctx, e.ID)
	for _, ev := range h {
		if ev.ID == df.EventID {
			assert.Equal(t, df.From, ev.Start)
			assert.Equal(t, df.To, ev.End)
		}
	}
	// a second deferral counts from the first start
	_, err = w.svc.Defer(ctx, leave.DeferInput{ID: df.ID, Version: df.Version, By: w.hr, From: add(df.From, 1), Reason: "x"})
	assert.ErrorIs(t, err, leave.ErrDeferral)

	// recall: not before RecallMinDays (5) have run (Reg 159)
	w.setToday(add(df.From, 4))
	_, err = w.svc.Recall(ctx, leave.RecallInput{ID: df.ID, Version: df.Version, By: w.hr, Reason: "حاجة العمل"})
	assert.ErrorIs(t, err, leave.ErrRecall)
	before := w.available(e, add(df.To, 1))
	w.setToday(add(df.From, 5))
	rc, err := w.svc.Recall(ctx, leave.RecallInput{ID: df.ID, Version: df.Version, By: w.hr, Reason: "حاجة العمل"})
	require.NoError(t, err)
	assert.Equal(t, add(df.From, 5), rc.RecalledOn)
	assert.Equal(t, add(df.From, 4), rc.To)
	assert.Greater(t, w.available(e, add(df.To, 1)), before, "the days not used return to the balance")
	_, err = w.svc.Defer(ctx, leave.DeferInput{ID: rc.ID, Version: rc.Version, By: w.hr, From: add(rc.From, 3), Reason: "x"})
	assert.ErrorIs(t, err, leave.ErrDeferral, "a leave begun cannot be deferred")
}

func TestLeaveSpanningEidDoesNotCountTheHolidays(t *testing.T) {
	w := newWorld(t, d(1447, 8, 1))
	e := w.employee(recordstest.NewEmployee(w.gen))
	from, to := d(1447, 9, 25), d(1447, 10, 14)
	hol := w.svc.Calendar().HolidaysBetween(from, to)
	require.Positive(t, hol, "Eid al-Fitr falls inside")
	l, err := w.request(e, leave.Annual, from, to)
	require.NoError(t, err)
	assert.Equal(t, hijri.DaysBetween(from, to)+1-hol, l.Days)
	// bereavement counts the holidays (Reg 150)
	rules := w.svc.Rules()
	assert.Equal(t, 5, rules.Days(leave.Bereavement, d(1447, 10, 1), d(1447, 10, 5), w.svc.Calendar()))
}

func TestExtendMovesExpiry(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, d(1447, 3, 1))
	e := w.employee(recordstest.NewBuilder(w.gen).Appoint(d(1440, 1, 1), 5))
	st, err := w.svc.Statement(ctx, e.ID, d(1447, 3, 1), nil)
	require.NoError(t, err)
	// year 4 (1443-01-01..1443-12-29) expires on the last day of 1446
	y4 := st.Years[3]
	assert.Equal(t, d(1446, 12, hijri.DaysInMonth(1446, 12)), y4.ExpiresOn)
	assert.Zero(t, y4.Remaining)
	_, err = w.svc.Extend(ctx, leave.ExtendInput{EmployeeID: e.ID, Year: 4, By: w.hr, Reason: "حاجة العمل"})
	assert.ErrorIs(t, err, leave.ErrExtension, "expired already")
	x, err := w.svc.Extend(ctx, leave.ExtendInput{EmployeeID: e.ID, Year: 5, By: w.hr, Reason: "حاجة العمل"})
	require.NoError(t, err)
	assert.Equal(t, 5, x.Year)
	_, err = w.svc.Extend(ctx, leave.ExtendInput{EmployeeID: e.ID, Year: 5, By: w.hr, Reason: "again"})
	assert.ErrorIs(t, err, leave.ErrConflict)
	_, err = w.svc.Extend(ctx, leave.ExtendInput{EmployeeID: e.ID, Year: 9, By: w.hr, Reason: "future"})
	assert.ErrorIs(t, err, leave.ErrExtension, "not begun")
	st2, err := w.svc.Statement(ctx, e.ID, d(1447, 3, 1), nil)
	require.NoError(t, err)
	next := st.Years[4].ExpiresOn.Year + 1
	assert.Equal(t, d(next, 12, hijri.DaysInMonth(next, 12)), st2.Years[4].ExpiresOn, "a year later, to the end of the Hijri year")
}

func TestMedicalReports(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, d(1447, 3, 1))
	e := w.employee(recordstest.NewEmployee(w.gen))
	other := w.gen.Citizen()
	seha := leavetest.NewSeha("")
	ok := seha.Issue(leave.Report{Patient: e.NationalID, From: d(1447, 2, 20), To: d(1447, 2, 24)})
	abroad := seha.Issue(leave.Report{Patient: e.NationalID, From: d(1447, 2, 1), To: d(1447, 2, 3), Abroad: true})
	long := seha.Issue(leave.Report{Patient: e.NationalID, From: d(1447, 1, 1), To: d(1447, 2, 5), Abroad: true})
	nofile := seha.Issue(leave.Report{Patient: other, From: d(1447, 2, 1), To: d(1447, 2, 3)})

	res, err := w.svc.Sync(ctx, seha, "", 2)
	require.NoError(t, err)
	require.Len(t, res.Reports, 2)
	assert.Equal(t, leave.ReportApplied, res.Reports[0].Status)
	assert.Equal(t, leave.ReportRefused, res.Reports[1].Status)
	assert.Equal(t, []string{"leave.report.not_attested"}, reasonsOf(res.Reports[1]))
	res2, err := w.svc.Sync(ctx, seha, res.Next, 10)
	require.NoError(t, err)
	require.Len(t, res2.Reports, 2)
	assert.ElementsMatch(t, []string{"leave.report.needs_certification", "leave.report.not_attested"}, reasonsOf(res2.Reports[0]))
	assert.Equal(t, []string{"leave.report.no_file"}, reasonsOf(res2.Reports[1]))
	assert.Equal(t, nofile.Number, res2.Reports[1].Report.Number)

	applied := res.Reports[0]
	l, err := w.svc.Get(ctx, applied.LeaveID)
	require.NoError(t, err)
	assert.Equal(t, leave.Sick, l.Kind)
	assert.Equal(t, leave.Approved, l.Status)
	assert.Equal(t, ok.Number, l.ReportNumber)
	assert.Equal(t, 5, l.Days)

	// idempotent on the number, whatever the report now says
	again := ok
	again.To = d(1447, 2, 28)
	again.Days = 9
	mr, err := w.svc.Receive(ctx, again)
	require.NoError(t, err)
	assert.Equal(t, applied.LeaveID, mr.LeaveID)
	ls, err := w.svc.List(ctx, leave.Filter{EmployeeID: e.ID})
	require.NoError(t, err)
	assert.Len(t, ls.Items, 1)
	// a refused one stays refused
	mr, err = w.svc.Receive(ctx, abroad)
	require.NoError(t, err)
	assert.Equal(t, leave.ReportRefused, mr.Status)
	_ = long

	// an overlapping report is refused with the reason
	over := seha.Issue(leave.Report{Patient: e.NationalID, From: d(1447, 2, 22), To: d(1447, 2, 23)})
	mr, err = w.svc.Receive(ctx, over)
	require.NoError(t, err)
	assert.Equal(t, []string{"leave.overlap"}, reasonsOf(mr))

	// a bad number is an error and keeps nothing
	_, err = w.svc.Receive(ctx, leave.Report{Number: "--", Patient: e.NationalID, From: d(1447, 2, 1), To: d(1447, 2, 1), Days: 1, Category: leave.Ordinary})
	assert.ErrorIs(t, err, leave.ErrInvalidReportNumber)

	// the source failing stops the sync, nothing received
	seha.FailNext(errors.New("seha down"))
	_, err = w.svc.Sync(ctx, seha, res2.Next, 10)
	assert.ErrorContains(t, err, "seha down")

	page, err := w.svc.ListReports(ctx, leave.ReportFilter{EmployeeID: e.ID})
	require.NoError(t, err)
	assert.Len(t, page.Items, 4)
	page, err = w.svc.ListReports(ctx, leave.ReportFilter{Status: leave.ReportRefused})
	require.NoError(t, err)
	assert.Len(t, page.Items, 4)
}

func reasonsOf(mr leave.MedicalReport) []string {
	var out []string
	for _, r := range mr.Reasons {
		out = append(out, r.Reason)
	}
	return out
}

func TestCompanionLeaveChargedToAnnualThenSick(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, d(1447, 3, 1))
	e := w.employee(recordstest.NewBuilder(w.gen).Appoint(d(1446, 1, 1), 5))
	avail := w.available(e, d(1447, 1, 1))
	require.Equal(t, 72, avail, "the first two years: 36 + 36, the second begun on 1447-01-01")
	seha := leavetest.NewSeha("C")
	rep := seha.Issue(leave.Report{Patient: w.gen.Citizen(), Companion: e.NationalID, From: d(1447, 1, 1), To: d(1447, 3, 20), Certifier: leave.GMA})
	require.Greater(t, rep.Days, 72)
	mr, err := w.svc.Receive(ctx, rep)
	require.NoError(t, err)
	require.Equal(t, leave.ReportApplied, mr.Status, mr.Reasons)
	l, err := w.svc.Get(ctx, mr.LeaveID)
	require.NoError(t, err)
	assert.Equal(t, leave.Companion, l.Kind)
	st, err := w.svc.Statement(ctx, e.ID, d(1447, 1, 1), nil)
	require.NoError(t, err)
	assert.Equal(t, leave.CompanionSplit{Annual: 72, Sick: rep.Days - 72}, l.Split)
	assert.Zero(t, st.Available)
	pay, err := w.svc.Pay(ctx, l.ID, nil)
	require.NoError(t, err)
	assert.Len(t, pay.Days, rep.Days-72)
	assert.True(t, pay.Days[0].Pay.Equal(decimal.NewFromInt(1)))
}

func TestSickPayTranchesAndExhaustion(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, d(1447, 3, 1))
	e := w.employee(recordstest.NewBuilder(w.gen).Appoint(d(1440, 1, 1), 5))
	seha := leavetest.NewSeha("")
	// 179 days, then a report whose 2nd day is day 181
	first := seha.Issue(leave.Report{Patient: e.NationalID, From: d(1445, 1, 1), To: add(d(1445, 1, 1), 178), Certifier: leave.GMA})
	second := seha.Issue(leave.Report{Patient: e.NationalID, From: d(1445, 8, 1), To: d(1445, 8, 10), Certifier: leave.GMA})
	res, err := w.svc.Sync(ctx, seha, "", 0)
	require.NoError(t, err)
	for _, r := range res.Reports {
		require.Equal(t, leave.ReportApplied, r.Status, r.Reasons)
	}
	_ = first
	pay, err := w.svc.Pay(ctx, res.Reports[1].LeaveID, nil)
	require.NoError(t, err)
	assert.Equal(t, second.Days, len(pay.Days))
	assert.True(t, pay.Days[0].Pay.Equal(decimal.NewFromInt(1)), "day 180: full pay")
	assert.True(t, pay.Days[1].Pay.Equal(decimal.RequireFromString("0.5")), "day 181: half pay")
	assert.False(t, pay.Exhausted)

	// a request that is not sick leave has no pay statement
	l, err := w.request(e, leave.Annual, d(1447, 4, 1), d(1447, 4, 5))
	require.NoError(t, err)
	_, err = w.svc.Pay(ctx, l.ID, nil)
	assert.ErrorIs(t, err, leave.ErrNotSick)
}

func TestConcurrentApprovalsGrantOne(t *testing.T) {
	w := newWorld(t, d(1447, 3, 1))
	e := w.employee(recordstest.NewEmployee(w.gen))
	// requests racing past each other's check: made on a copy of the
	// world where the other does not exist yet
	l1, err := w.request(e, leave.Annual, d(1447, 4, 1), d(1447, 4, 10))
	require.NoError(t, err)
	_, err = w.svc.Cancel(context.Background(), leave.DecisionInput{ID: l1.ID, Version: l1.Version, By: e.NationalID})
	require.NoError(t, err)
	var ls []leave.Leave
	for range 4 {
		l, err := w.request(e, leave.Annual, d(1447, 5, 1), d(1447, 5, 10))
		if err == nil {
			ls = append(ls, l)
		}
	}
	require.Len(t, ls, 1, "a pending request holds its days")
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = w.approve(ls[0])
		}()
	}
	wg.Wait()
	n := 0
	for _, err := range errs {
		if err == nil {
			n++
		} else {
			assert.True(t, errors.Is(err, leave.ErrConflict) || errors.Is(err, leave.ErrWrongStatus), err)
		}
	}
	assert.Equal(t, 1, n)
	h, _ := w.recs.ListHistory(context.Background(), e.ID)
	k := 0
	for _, ev := range h {
		if ev.Kind == records.KindLeave && ev.Start == d(1447, 5, 1) {
			k++
		}
	}
	assert.Equal(t, 1, k, "one history event")
}

func TestAccrue(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, d(1447, 3, 1))
	var es []records.Employee
	for range 5 {
		es = append(es, w.employee(recordstest.NewEmployee(w.gen)))
	}
	gone := w.employee(recordstest.NewEmployee(w.gen).EndService(d(1446, 1, 1), records.EndRetirement))
	res, err := w.svc.Accrue(ctx, w.store, d(1447, 1, 1))
	require.NoError(t, err)
	assert.Equal(t, leave.AccrualResult{Files: 6, Written: 5, Skipped: 1}, res)
	for _, e := range es {
		b, err := w.svc.GetBalance(ctx, e.ID, d(1447, 1, 1))
		require.NoError(t, err)
		assert.Equal(t, w.available(e, d(1447, 1, 1)), b.Available)
		assert.Equal(t, 15, b.Years, "service years begun on 1432-03-15 … 1446-03-15")
	}
	_, err = w.svc.GetBalance(ctx, gone.ID, d(1447, 1, 1))
	assert.ErrorIs(t, err, leave.ErrNotFound)
	// a rerun replaces
	res, err = w.svc.Accrue(ctx, w.store, d(1447, 1, 1))
	require.NoError(t, err)
	assert.Equal(t, 5, res.Written)
}

func add(x hijri.Date, n int) hijri.Date {
	out, err := x.AddDays(n)
	if err != nil {
		panic(err)
	}
	return out
}

// span returns the last day of a leave of kind k from from that counts n
// days under w's rules and calendar.
func (w *world) span(k leave.Kind, from hijri.Date, n int) hijri.Date {
	rules := w.svc.Rules()
	to := from
	for rules.Days(k, from, to, w.svc.Calendar()) < n {
		to = add(to, 1)
	}
	return to
}
