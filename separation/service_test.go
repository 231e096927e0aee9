package separation_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
	"github.com/masarhr/masar-go/separation"
)

// world is a separation Service over the fake store and memstore records,
// with a settable clock.
type world struct {
	t     *testing.T
	mem   *memstore.Store
	store *fakeStore
	recs  *records.Service
	svc   *separation.Service
	mu    sync.Mutex
	now   time.Time
	gen   *identitytest.Generator
	hr    identity.NationalID
}

func newWorld(t *testing.T, today hijri.Date, opts *separation.Options) *world {
	t.Helper()
	w := &world{t: t, mem: memstore.New(nil), gen: identitytest.NewGenerator(11)}
	w.store = newFakeStore(w.mem)
	w.setToday(today)
	clock := func() time.Time { w.mu.Lock(); defer w.mu.Unlock(); return w.now }
	w.recs = records.New(w.mem, &records.Options{Now: clock})
	if opts == nil {
		opts = &separation.Options{}
	}
	opts.Now = clock
	w.svc = separation.New(w.store, w.recs, opts)
	w.hr = w.gen.Citizen()
	return w
}

func (w *world) setToday(day hijri.Date) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.now = day.Time().Add(9 * time.Hour) // 12:00 in Riyadh
}

func (w *world) employee(b *recordstest.Builder) records.Employee {
	w.t.Helper()
	e, err := w.recs.CreateEmployee(context.Background(), b.Input())
	require.NoError(w.t, err)
	return e
}

// clerk is a file appointed on 1430-01-01 at rank 6.
func (w *world) clerk() records.Employee {
	return w.employee(recordstest.NewBuilder(w.gen).Appoint(d(1430, 1, 1), 6))
}

func (w *world) history(e records.Employee) []records.HistoryEvent {
	w.t.Helper()
	h, err := w.recs.ListHistory(context.Background(), e.ID)
	require.NoError(w.t, err)
	return h
}

func (w *world) file(e records.Employee) records.Employee {
	w.t.Helper()
	e, err := w.recs.GetEmployee(context.Background(), e.ID)
	require.NoError(w.t, err)
	return e
}

func (w *world) resign(e records.Employee, requested hijri.Date) separation.Case {
	w.t.Helper()
	c, err := w.svc.Open(context.Background(), separation.OpenInput{EmployeeID: e.ID, Cause: separation.CauseResignation,
		Role: separation.RoleEmployee, By: e.NationalID, Requested: requested})
	require.NoError(w.t, err)
	return c
}

func intp(n int) *int { return &n }

func endEvent(t *testing.T, h []records.HistoryEvent) records.HistoryEvent {
	t.Helper()
	for _, ev := range h {
		if ev.Kind == records.KindEndOfService {
			return ev
		}
	}
	t.Fatal("no end-of-service event")
	return records.HistoryEvent{}
}

var today = d(1446, 5, 1)

func TestDeathEndsAtOnce(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, today, nil)
	e := w.clerk()
	on := plus(today, -2)
	c, err := w.svc.Open(ctx, separation.OpenInput{EmployeeID: e.ID, Cause: separation.CauseDeath, Role: separation.RoleHR, By: w.hr,
		Grounds:      separation.Grounds{On: on, Reference: "شهادة 7788"},
		Entitlements: separation.Entitlements{LeaveBalance: intp(250), Grandfathered: intp(100)}})
	require.NoError(t, err)
	assert.Equal(t, separation.Ended, c.State)
	assert.Equal(t, on, c.LastDay, "the day of death is the last day")
	assert.NotEmpty(t, c.EventID)
	assert.Equal(t, w.now.UTC(), c.EndedAt)
	require.NotNil(t, c.Settlement)
	assert.True(t, c.Settlement.FullBalance)
	assert.Equal(t, 250, c.Settlement.Days)
	assert.Equal(t, "input", c.Settlement.Source)
	assert.True(t, c.Settlement.Salary.IsPositive(), "the salary of rank 6 step 1 from the general scale")

	ev := endEvent(t, w.history(e))
	assert.Equal(t, c.EventID, ev.ID)
	assert.Equal(t, on, ev.Start)
	assert.Equal(t, records.EndDeath, ev.EndReason)
	assert.Equal(t, on, w.file(e).ServiceEnd)

	got, err := w.svc.Get(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, c, got)

	_, err = w.svc.Open(ctx, separation.OpenInput{EmployeeID: e.ID, Cause: separation.CauseRoyalOrder, Role: separation.RoleHR, By: w.hr,
		Grounds: separation.Grounds{On: today, Reference: "أ/1"}})
	assert.ErrorIs(t, err, separation.ErrNotInService)
}

func TestResignationDeemedAccepted(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, today, nil)
	a, b := w.clerk(), w.clerk()
	ca := w.resign(a, hijri.Date{})
	cb := w.resign(b, plus(today, 45))
	assert.Equal(t, separation.Submitted, ca.State)

	w.setToday(plus(today, 29))
	ended, err := w.svc.Sweep(ctx)
	require.NoError(t, err)
	assert.Empty(t, ended, "day 29: not yet")

	w.setToday(plus(today, 30))
	ended, err = w.svc.Sweep(ctx)
	require.NoError(t, err)
	require.Len(t, ended, 1, "day 30: deemed accepted and ended on that day")
	assert.Equal(t, ca.ID, ended[0].ID)
	assert.True(t, ended[0].Deemed)
	assert.Equal(t, plus(today, 30), ended[0].LastDay)
	assert.Equal(t, records.EndResignation, endEvent(t, w.history(a)).EndReason)

	got, err := w.svc.Get(ctx, cb.ID)
	require.NoError(t, err)
	assert.Equal(t, separation.Accepted, got.State, "deemed accepted, leaving on the date asked for")
	assert.True(t, got.Deemed)
	assert.Equal(t, plus(today, 45), got.LastDay)

	w.setToday(plus(today, 31))
	ended, err = w.svc.Sweep(ctx)
	require.NoError(t, err)
	assert.Empty(t, ended, "day 31: the date asked for has not come")

	w.setToday(plus(today, 45))
	ended, err = w.svc.Sweep(ctx)
	require.NoError(t, err)
	require.Len(t, ended, 1)
	assert.Equal(t, cb.ID, ended[0].ID)
	assert.Equal(t, plus(today, 45), w.file(b).ServiceEnd)
}

func TestResignationPostponeAcceptWithdraw(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, today, nil)
	e := w.clerk()
	c := w.resign(e, plus(today, 10))
	_, err := w.svc.Postpone(ctx, separation.PostponeInput{ID: c.ID, Version: c.Version, By: w.hr, To: plus(today, 71), Reason: "حاجة العمل"})
	assert.ErrorIs(t, err, separation.ErrPostponement, "61 days after the date stated")
	c, err = w.svc.Postpone(ctx, separation.PostponeInput{ID: c.ID, Version: c.Version, By: w.hr, To: plus(today, 70), Reason: "حاجة العمل"})
	require.NoError(t, err)
	assert.Equal(t, separation.Postponed, c.State)

	_, err = w.svc.Accept(ctx, separation.AcceptInput{ID: c.ID, Version: c.Version + 1, By: w.hr})
	assert.ErrorIs(t, err, separation.ErrConflict, "stale version")
	c, err = w.svc.Accept(ctx, separation.AcceptInput{ID: c.ID, Version: c.Version, By: w.hr, Decision: records.Decision{Number: "ق/9"}})
	require.NoError(t, err)
	assert.Equal(t, separation.Accepted, c.State)
	assert.Equal(t, plus(today, 70), c.LastDay)
	assert.Equal(t, "ق/9", c.Decision.Number)

	other := w.gen.Citizen()
	_, err = w.svc.Withdraw(ctx, separation.WithdrawInput{ID: c.ID, Version: c.Version, By: other, Role: separation.RoleEmployee})
	assert.ErrorIs(t, err, separation.ErrNotPermitted)
	_, err = w.svc.Withdraw(ctx, separation.WithdrawInput{ID: c.ID, Version: c.Version, By: e.NationalID, Role: separation.RoleEmployee})
	assert.ErrorIs(t, err, separation.ErrApprovalRequired, "after acceptance: the minister's approval (Reg 217)")
	c, err = w.svc.Withdraw(ctx, separation.WithdrawInput{ID: c.ID, Version: c.Version, By: e.NationalID, Role: separation.RoleEmployee,
		Approval: "وزاري 3"})
	require.NoError(t, err)
	assert.Equal(t, separation.Withdrawn, c.State)
	assert.True(t, w.file(e).ServiceEnd.IsZero())

	// The case is closed: a new one may be opened, and the old one takes no step.
	_, err = w.svc.Reject(ctx, separation.RejectInput{ID: c.ID, Version: c.Version, By: w.hr, Reason: "x"})
	assert.ErrorIs(t, err, separation.ErrWrongState)
	w.resign(e, hijri.Date{})
}

func TestAcceptEndsAtOnceWhenDue(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, today, nil)
	e := w.clerk()
	c := w.resign(e, hijri.Date{})
	c, err := w.svc.Accept(ctx, separation.AcceptInput{ID: c.ID, Version: c.Version, By: w.hr})
	require.NoError(t, err)
	assert.Equal(t, separation.Ended, c.State)
	assert.Equal(t, today, c.LastDay)
	assert.Equal(t, today, w.file(e).ServiceEnd)
}

func TestOneOpenCaseAndBars(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, today, nil)
	e := w.clerk()
	w.resign(e, hijri.Date{})
	_, err := w.svc.Open(ctx, separation.OpenInput{EmployeeID: e.ID, Cause: separation.CauseResignation, Role: separation.RoleEmployee, By: e.NationalID})
	assert.ErrorIs(t, err, separation.ErrCaseOpen)

	s := w.employee(recordstest.NewBuilder(w.gen).Appoint(d(1430, 1, 1), 6).Event(records.HistoryEvent{Kind: records.KindSuspension, Start: d(1446, 3, 1)}))
	_, err = w.svc.Open(ctx, separation.OpenInput{EmployeeID: s.ID, Cause: separation.CauseResignation, Role: separation.RoleEmployee, By: s.NationalID})
	assert.ErrorIs(t, err, separation.ErrBarred)
	_, err = w.svc.Open(ctx, separation.OpenInput{EmployeeID: s.ID, Cause: separation.CauseResignation, Role: separation.RoleEmployee, By: w.hr})
	assert.ErrorIs(t, err, separation.ErrNotPermitted, "an employee opens only their own request")
	_, err = w.svc.Open(ctx, separation.OpenInput{EmployeeID: s.ID, Cause: "nope", Role: separation.RoleHR, By: w.hr})
	assert.ErrorIs(t, err, separation.ErrUnknownCause)
	denied := assert.AnError
	_, err = w.svc.Open(ctx, separation.OpenInput{EmployeeID: s.ID, Cause: separation.CauseResignation, Role: separation.RoleEmployee, By: s.NationalID,
		Authorize: func(separation.Case, records.Employee) error { return denied }})
	assert.ErrorIs(t, err, denied, "authorized before any check")
}

func TestDismissalWhileSuspended(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, today, nil)
	susp := d(1446, 2, 10)
	e := w.employee(recordstest.NewBuilder(w.gen).Appoint(d(1430, 1, 1), 6).
		Event(records.HistoryEvent{Kind: records.KindTrialReferral, Start: susp, Subject: "رشوة"}).
		Event(records.HistoryEvent{Kind: records.KindSuspension, Start: susp}))
	c, err := w.svc.Open(ctx, separation.OpenInput{EmployeeID: e.ID, Cause: separation.CauseDismissal, Role: separation.RoleHR, By: w.hr,
		Grounds: separation.Grounds{On: today, Reference: "حكم 42"}})
	require.NoError(t, err)
	assert.Equal(t, separation.Ended, c.State)
	assert.Equal(t, plus(susp, -1), c.LastDay, "service ends from the suspension date (Reg 230)")
	h := w.history(e)
	for _, ev := range h {
		assert.NotEqual(t, records.KindSuspension, ev.Kind, "the suspension after the last day is removed")
		assert.NotEqual(t, records.KindTrialReferral, ev.Kind, "the referral after the last day is kept out too")
	}
	assert.Equal(t, records.EndDismissal, endEvent(t, h).EndReason)
}

func TestEndClosesOngoingPeriods(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, today, nil)
	e := w.employee(recordstest.NewBuilder(w.gen).Appoint(d(1430, 1, 1), 6).
		Event(records.HistoryEvent{Kind: records.KindAbsence, Start: d(1446, 4, 1)}))
	c, err := w.svc.Open(ctx, separation.OpenInput{EmployeeID: e.ID, Cause: separation.CauseRoyalOrder, Role: separation.RoleHR, By: w.hr,
		Grounds: separation.Grounds{On: plus(today, -1), Reference: "أ/77"}})
	require.NoError(t, err)
	assert.Equal(t, separation.Ended, c.State)
	for _, ev := range w.history(e) {
		if ev.Kind == records.KindAbsence {
			assert.Equal(t, plus(today, -1), ev.End)
		}
	}
}

func TestEndIsAtomic(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, today, nil)
	// A leave after the day of death makes the history refuse the end of
	// service: nothing is written, neither the case nor the closing of periods.
	e := w.employee(recordstest.NewBuilder(w.gen).Appoint(d(1430, 1, 1), 6).
		Event(records.HistoryEvent{Kind: records.KindAbsence, Start: d(1446, 4, 1)}).
		Leave(records.AnnualLeave, plus(today, 5), plus(today, 10)))
	_, err := w.svc.Open(ctx, separation.OpenInput{EmployeeID: e.ID, Cause: separation.CauseDeath, Role: separation.RoleHR, By: w.hr,
		Grounds: separation.Grounds{On: plus(today, -1), Reference: "ش/1"}})
	require.ErrorIs(t, err, records.ErrInvalidHistory)
	p, err := w.svc.List(ctx, separation.Filter{EmployeeID: e.ID})
	require.NoError(t, err)
	assert.Empty(t, p.Items)
	for _, ev := range w.history(e) {
		if ev.Kind == records.KindAbsence {
			assert.True(t, ev.End.IsZero(), "the absence is still ongoing")
		}
	}
	assert.True(t, w.file(e).ServiceEnd.IsZero())
}

func TestMedicalSweep(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, today, nil)
	e, n := w.clerk(), w.clerk()
	c, err := w.svc.Open(ctx, separation.OpenInput{EmployeeID: e.ID, Cause: separation.CauseMedical, Role: separation.RoleHR, By: w.hr,
		Grounds: separation.Grounds{On: today, Reference: "هيئة 5"}})
	require.NoError(t, err)
	assert.Equal(t, separation.Submitted, c.State)
	cn, err := w.svc.Open(ctx, separation.OpenInput{EmployeeID: n.ID, Cause: separation.CauseMedical, Role: separation.RoleHR, By: w.hr,
		Grounds: separation.Grounds{On: today}})
	require.NoError(t, err)

	w.setToday(plus(today, 12))
	cn, err = w.svc.Accept(ctx, separation.AcceptInput{ID: cn.ID, Version: cn.Version, By: w.hr, NotifiedOn: plus(today, 12)})
	require.NoError(t, err)
	assert.Equal(t, separation.Ended, cn.State)
	assert.Equal(t, plus(today, 12), cn.LastDay, "service ends on the notification")
	assert.Equal(t, 0, cn.Settlement.Days)
	assert.True(t, cn.Settlement.FullBalance)

	w.setToday(plus(today, 30))
	ended, err := w.svc.Sweep(ctx)
	require.NoError(t, err)
	assert.Empty(t, ended, "the 30th day: the agency may still be notified")
	w.setToday(plus(today, 31))
	ended, err = w.svc.Sweep(ctx)
	require.NoError(t, err)
	require.Len(t, ended, 1)
	assert.Equal(t, c.ID, ended[0].ID)
	assert.Equal(t, plus(today, 30), ended[0].LastDay, "ends on the last day of the notification period")
	assert.Equal(t, records.EndMedical, endEvent(t, w.history(e)).EndReason)
}

func TestAbsenceCase(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, today, nil)
	on := d(1446, 4, 1)
	e := w.employee(recordstest.NewBuilder(w.gen).Appoint(d(1430, 1, 1), 6).Absence(on, plus(on, 14)))
	short := w.employee(recordstest.NewBuilder(w.gen).Appoint(d(1430, 1, 1), 6).Absence(on, plus(on, 13)))
	_, err := w.svc.Open(ctx, separation.OpenInput{EmployeeID: short.ID, Cause: separation.CauseAbsence, Role: separation.RoleHR, By: w.hr,
		Grounds: separation.Grounds{On: on}})
	assert.ErrorIs(t, err, separation.ErrRefused)
	w.setToday(plus(on, 15))
	c, err := w.svc.Open(ctx, separation.OpenInput{EmployeeID: e.ID, Cause: separation.CauseAbsence, Role: separation.RoleHR, By: w.hr,
		Grounds: separation.Grounds{On: on}})
	require.NoError(t, err)
	_, err = w.svc.Accept(ctx, separation.AcceptInput{ID: c.ID, Version: c.Version, By: w.hr})
	assert.ErrorIs(t, err, separation.ErrExcuseWindow)
	w.setToday(plus(on, 16))
	c, err = w.svc.Accept(ctx, separation.AcceptInput{ID: c.ID, Version: c.Version, By: w.hr})
	require.NoError(t, err)
	assert.Equal(t, separation.Ended, c.State)
	assert.Equal(t, records.EndDismissal, endEvent(t, w.history(e)).EndReason)
}

func TestEarlyRetirementSeniorRank(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, today, nil)
	e := w.employee(recordstest.NewBuilder(w.gen).Appoint(d(1418, 1, 1), 14))
	young := w.employee(recordstest.NewBuilder(w.gen).Appoint(d(1430, 1, 1), 8))
	_, err := w.svc.Open(ctx, separation.OpenInput{EmployeeID: young.ID, Cause: separation.CauseEarlyRetirement, Role: separation.RoleEmployee, By: young.NationalID})
	assert.ErrorIs(t, err, separation.ErrRefused)
	c, err := w.svc.Open(ctx, separation.OpenInput{EmployeeID: e.ID, Cause: separation.CauseEarlyRetirement, Role: separation.RoleEmployee, By: e.NationalID,
		Requested: plus(today, 20), Entitlements: separation.Entitlements{LeaveBalance: intp(200), Grandfathered: intp(150), LastSalary: decimal.RequireFromString("27000")}})
	require.NoError(t, err)
	_, err = w.svc.Accept(ctx, separation.AcceptInput{ID: c.ID, Version: c.Version, By: w.hr})
	assert.ErrorIs(t, err, separation.ErrApprovalRequired)
	c, err = w.svc.Accept(ctx, separation.AcceptInput{ID: c.ID, Version: c.Version, By: w.hr, Approval: "وزاري 55"})
	require.NoError(t, err)
	assert.Equal(t, separation.Accepted, c.State)
	w.setToday(plus(today, 20))
	ended, err := w.svc.Sweep(ctx)
	require.NoError(t, err)
	require.Len(t, ended, 1)
	s := ended[0].Settlement
	require.NotNil(t, s)
	assert.Equal(t, 180, s.Days, "72 + 150 capped at 180")
	assert.Equal(t, "162000.00", s.Amount.StringFixed(2))

	p, err := w.svc.Package(ctx, ended[0])
	require.NoError(t, err)
	assert.Equal(t, ended[0].ID, p.ID)
	assert.Equal(t, records.EndEarlyRetirement, p.EndReason)
	assert.Equal(t, plus(today, 20), p.LastDay)
	assert.Equal(t, "27000", p.LastSalary.String())
	require.Len(t, p.Spells, 1)
	assert.Equal(t, plus(today, 20), p.Spells[0].To)
	assert.Greater(t, p.Pensionable.Period.Years, 25)
	assert.Equal(t, e.NationalID, p.NationalID)

	_, err = w.svc.Package(ctx, separation.Case{ID: "missing"})
	assert.ErrorIs(t, err, separation.ErrNotFound)
}

type balances struct{ days, gf int }

func (b balances) Balance(context.Context, string, hijri.Date) (int, int, error) {
	return b.days, b.gf, nil
}

func TestSettlementFromLedger(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, today, &separation.Options{Balances: balances{days: 73}})
	e := w.clerk()
	c := w.resign(e, hijri.Date{})
	c, err := w.svc.Accept(ctx, separation.AcceptInput{ID: c.ID, Version: c.Version, By: w.hr})
	require.NoError(t, err)
	assert.Equal(t, "ledger", c.Settlement.Source)
	assert.Equal(t, 73, c.Settlement.Balance)
	assert.Equal(t, 72, c.Settlement.Days)
}

func TestStatutoryAgeSweepAndForecast(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, today, nil)
	// Prior contributors with over 240 months: the legacy 60 Hijri years.
	old := recordstest.NewBuilder(w.gen).Appoint(d(1410, 1, 1), 9)
	in := old.Input()
	in.BirthDate = d(1386, 3, 10) // 60 on 1446-03-10: the last day 1446-03-09
	eo, err := w.recs.CreateEmployee(ctx, in)
	require.NoError(t, err)
	soon := recordstest.NewBuilder(w.gen).Appoint(d(1410, 1, 1), 9)
	in = soon.Input()
	in.BirthDate = d(1386, 8, 5) // last day 1446-08-04
	es, err := w.recs.CreateEmployee(ctx, in)
	require.NoError(t, err)
	later := w.clerk()

	var files []records.FileHistory
	for _, e := range []records.Employee{eo, es, later} {
		files = append(files, records.FileHistory{Employee: w.file(e), History: w.history(e)})
	}
	n, err := w.svc.RefreshRetirements(ctx, files)
	require.NoError(t, err)
	assert.Equal(t, 3, n)
	n, err = w.svc.RefreshAll(ctx, w.mem)
	require.NoError(t, err)
	assert.Equal(t, 3, n, "the same files through the scanner")

	r, err := w.svc.ComputeRetirement(ctx, es.ID)
	require.NoError(t, err)
	assert.Equal(t, separation.RegimeLegacy, r.Regime)
	assert.Equal(t, d(1446, 8, 5), r.Date)
	assert.Equal(t, d(1446, 8, 4), r.LastDay)

	fc, err := w.svc.Forecast(ctx, separation.ForecastInput{AgencyID: "moe", Months: 6})
	require.NoError(t, err)
	require.Len(t, fc.Items, 1, "only the one reaching the age in the next 6 months")
	assert.Equal(t, es.ID, fc.Items[0].EmployeeID)
	_, err = w.svc.Forecast(ctx, separation.ForecastInput{AgencyID: "moe", Months: 0})
	assert.Error(t, err)

	ended, err := w.svc.Sweep(ctx, "moe")
	require.NoError(t, err)
	require.Len(t, ended, 1)
	assert.Equal(t, eo.ID, ended[0].EmployeeID)
	assert.Equal(t, separation.CauseStatutoryAge, ended[0].Cause)
	assert.Equal(t, d(1446, 3, 9), ended[0].LastDay)
	assert.Equal(t, records.EndRetirement, endEvent(t, w.history(eo)).EndReason)
	ended, err = w.svc.Sweep(ctx, "moe")
	require.NoError(t, err)
	assert.Empty(t, ended, "once only")

	// Extension: at most 5 years beyond the statutory last day.
	_, err = w.svc.Extend(ctx, separation.ExtendInput{EmployeeID: es.ID, By: w.hr, To: d(1451, 8, 5), Decision: records.Decision{Number: "و/1"}})
	assert.ErrorIs(t, err, separation.ErrExtension)
	_, err = w.svc.Extend(ctx, separation.ExtendInput{EmployeeID: es.ID, By: w.hr, To: d(1448, 8, 4)})
	assert.ErrorIs(t, err, separation.ErrApprovalRequired)
	x, err := w.svc.Extend(ctx, separation.ExtendInput{EmployeeID: es.ID, By: w.hr, To: d(1448, 8, 4), Decision: records.Decision{Number: "و/1"}})
	require.NoError(t, err)
	assert.Equal(t, d(1448, 8, 4), x.LastDay)
	assert.Equal(t, d(1446, 8, 4), x.StatutoryLastDay)
	r, err = w.svc.ComputeRetirement(ctx, es.ID)
	require.NoError(t, err)
	assert.Equal(t, d(1448, 8, 4), r.LastDay, "the stored extension is kept")
	w.setToday(d(1446, 9, 1))
	ended, err = w.svc.Sweep(ctx, "moe")
	require.NoError(t, err)
	assert.Empty(t, ended, "extended")
}

func TestPensionStatementAndList(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, today, nil)
	e := w.employee(recordstest.NewBuilder(w.gen).Appoint(d(1430, 1, 1), 6).Leave(records.ExceptionalLeave, d(1440, 1, 1), d(1440, 1, 29)))
	st, err := w.svc.PensionStatement(ctx, e.ID, hijri.Date{})
	require.NoError(t, err)
	assert.Equal(t, today, st.AsOf)
	assert.Equal(t, e.NationalID, st.NationalID)
	require.Len(t, st.Spells, 1)
	assert.Equal(t, d(1430, 1, 1), st.Spells[0].From)
	assert.Positive(t, st.Service.Days)

	for range 3 {
		w.resign(w.clerk(), hijri.Date{})
		w.mu.Lock()
		w.now = w.now.Add(time.Second)
		w.mu.Unlock()
	}
	p, err := w.svc.List(ctx, separation.Filter{Limit: 2})
	require.NoError(t, err)
	require.Len(t, p.Items, 2)
	require.NotEmpty(t, p.Next)
	p2, err := w.svc.List(ctx, separation.Filter{Limit: 2, After: p.Next})
	require.NoError(t, err)
	require.Len(t, p2.Items, 1)
	assert.Empty(t, p2.Next)
	_, err = w.svc.List(ctx, separation.Filter{After: "nope"})
	assert.ErrorIs(t, err, separation.ErrCursorNotFound)
}
