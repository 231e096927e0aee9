package leavetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/leave"
	"github.com/masarhr/masar-go/txn"
)

// Run runs the conformance suite of leave.Store, one subtest per
// behaviour. newStore must return a new, empty store for each call and
// register its cleanup with t.Cleanup. Subtests do not run in parallel with
// each other; some start goroutines that call the store concurrently. A
// store that is a txn.Transactor is also checked to join its transactions.
func Run(t *testing.T, newStore func(t *testing.T) leave.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s leave.Store)
	}{
		{"CreateAndGetLeave", testCreateAndGet},
		{"CreateDuplicateID", testCreateDuplicateID},
		{"CreateDuplicateReportNumber", testCreateDuplicateReportNumber},
		{"NotFound", testNotFound},
		{"UpdateCompareAndSwap", testUpdateCAS},
		{"UpdateKeepsImmutableFields", testUpdateImmutable},
		{"ListLeavesFilters", testListFilters},
		{"ListLeavesOrderAndPaging", testListOrderAndPaging},
		{"ListLeavesCursorOutsideFilter", testListCursorOutsideFilter},
		{"ListUnknownCursor", testListUnknownCursor},
		{"ConcurrentUpdatesOneWins", testConcurrentUpdates},
		{"ReportsRoundTrip", testReports},
		{"ReportsListFiltersAndPaging", testReportsList},
		{"Extensions", testExtensions},
		{"Balances", testBalances},
		{"BalancesAllOrNone", testBalancesAllOrNone},
		{"LargeBalanceBatch", testLargeBalances},
		{"ValuesAreCopies", testCopies},
		{"JoinsTransaction", testJoinsTransaction},
		{"ContextCancelled", testContextCancelled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore(t)) })
	}
}

// base is the suite's reference instant: 2025-07-01 09:00:00.123456 UTC
// (1447-01-06), with microseconds that every adapter must keep.
var base = time.Date(2025, 7, 1, 9, 0, 0, 123456000, time.UTC)

func at(i int) time.Time { return base.Add(time.Duration(i) * time.Minute) }

func d(y, m, dd int) hijri.Date { return hijri.MustNew(y, m, dd) }

// normLeave makes equal leaves compare equal across adapters: instants in UTC.
func normLeave(l leave.Leave) leave.Leave {
	l.DecidedAt, l.CreatedAt, l.UpdatedAt = l.DecidedAt.UTC(), l.CreatedAt.UTC(), l.UpdatedAt.UTC()
	return l
}

func normReport(r leave.MedicalReport) leave.MedicalReport {
	r = r.Clone()
	r.ReceivedAt = r.ReceivedAt.UTC()
	if len(r.Reasons) == 0 {
		r.Reasons = nil
	}
	return r
}

func assertLeave(t *testing.T, want, got leave.Leave) {
	t.Helper()
	assert.Equal(t, normLeave(want), normLeave(got))
}

func createLeave(t *testing.T, s leave.Store, l leave.Leave) leave.Leave {
	t.Helper()
	out, err := s.CreateLeave(context.Background(), l)
	require.NoError(t, err)
	return out
}

func leaveIDs(ls []leave.Leave) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.ID
	}
	return out
}

func reportNumbers(rs []leave.MedicalReport) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Report.Number
	}
	return out
}

// decided returns l approved by a staff member at, with every optional
// field set, so that a round trip checks them all.
func decided(f *Fixture, l leave.Leave, at time.Time) leave.Leave {
	l.Status = leave.Approved
	l.DecidedBy = f.IDs.Citizen()
	l.DecidedAt = at
	l.Reason = "موافقة مديرها المباشر"
	l.EventID = "ev-" + l.ID
	l.DeferredFrom = d(1447, 2, 1)
	l.RecalledOn = d(1447, 3, 5)
	l.Category = leave.Serious
	l.Split = leave.CompanionSplit{Annual: 10, Sick: 5, Unpaid: 1}
	l.UpdatedAt = at
	return l
}

func testCreateAndGet(t *testing.T, s leave.Store) {
	ctx := context.Background()
	f := NewFixture(1)
	in := decided(f, f.Leave("emp-1", leave.Companion, d(1447, 3, 1), d(1447, 3, 15), at(0)), at(1))
	in.ReportNumber = "SEHA-77"
	in.Version = 42 // ignored
	got, err := s.CreateLeave(ctx, in)
	require.NoError(t, err)
	want := in
	want.Version = 1
	assertLeave(t, want, got)

	byID, err := s.GetLeave(ctx, in.ID)
	require.NoError(t, err)
	assertLeave(t, want, byID)
	assert.True(t, byID.CreatedAt.Equal(base), "instants keep microseconds")
	assert.Equal(t, "إجازة للاختبار", byID.Note)

	// A requested leave with no optional field round-trips its zero values.
	plain := f.Leave("emp-1", leave.Annual, d(1447, 4, 1), d(1447, 4, 5), at(2))
	plain.Note = ""
	got, err = s.CreateLeave(ctx, plain)
	require.NoError(t, err)
	plain.Version = 1
	assertLeave(t, plain, got)
	byID, err = s.GetLeave(ctx, plain.ID)
	require.NoError(t, err)
	assertLeave(t, plain, byID)
}

func testCreateDuplicateID(t *testing.T, s leave.Store) {
	ctx := context.Background()
	f := NewFixture(2)
	l := createLeave(t, s, f.Leave("emp-1", leave.Annual, d(1447, 4, 1), d(1447, 4, 5), at(0)))
	dup := f.Leave("emp-2", leave.Study, d(1447, 5, 1), d(1447, 5, 5), at(1))
	dup.ID = l.ID
	_, err := s.CreateLeave(ctx, dup)
	require.ErrorIs(t, err, leave.ErrConflict)
	got, err := s.GetLeave(ctx, l.ID)
	require.NoError(t, err)
	assertLeave(t, l, got)
}

func testCreateDuplicateReportNumber(t *testing.T, s leave.Store) {
	ctx := context.Background()
	f := NewFixture(3)
	a := f.Leave("emp-1", leave.Sick, d(1447, 4, 1), d(1447, 4, 5), at(0))
	a.ReportNumber = "SEHA-1"
	createLeave(t, s, a)
	b := f.Leave("emp-1", leave.Sick, d(1447, 5, 1), d(1447, 5, 5), at(1))
	b.ReportNumber = "SEHA-1"
	_, err := s.CreateLeave(ctx, b)
	require.ErrorIs(t, err, leave.ErrConflict)
	_, err = s.GetLeave(ctx, b.ID)
	require.ErrorIs(t, err, leave.ErrNotFound, "the refused leave was not stored")
	// Leaves without a report number never clash.
	for i := range 3 {
		createLeave(t, s, f.Leave("emp-1", leave.Annual, d(1447, 6, 1+i*5), d(1447, 6, 3+i*5), at(2+i)))
	}
	all, err := s.ListLeaves(ctx, leave.Filter{})
	require.NoError(t, err)
	assert.Len(t, all, 4)
}

func testNotFound(t *testing.T, s leave.Store) {
	ctx := context.Background()
	f := NewFixture(4)
	_, err := s.GetLeave(ctx, "nope")
	assert.ErrorIs(t, err, leave.ErrNotFound)
	l := f.Leave("emp-1", leave.Annual, d(1447, 4, 1), d(1447, 4, 5), at(0))
	l.Version = 1
	_, err = s.UpdateLeave(ctx, l)
	assert.ErrorIs(t, err, leave.ErrNotFound)
	_, err = s.GetReport(ctx, "RPT-404")
	assert.ErrorIs(t, err, leave.ErrNotFound)
	_, err = s.GetBalance(ctx, "emp-1", d(1447, 1, 1))
	assert.ErrorIs(t, err, leave.ErrNotFound)
	xs, err := s.ListExtensions(ctx, "emp-1")
	require.NoError(t, err)
	assert.NotNil(t, xs)
	assert.Empty(t, xs)
}

func testUpdateCAS(t *testing.T, s leave.Store) {
	ctx := context.Background()
	f := NewFixture(5)
	l := createLeave(t, s, f.Leave("emp-1", leave.Annual, d(1447, 4, 1), d(1447, 4, 5), at(0)))
	u := decided(f, l, at(3))
	got, err := s.UpdateLeave(ctx, u)
	require.NoError(t, err)
	want := u
	want.Version = 2
	assertLeave(t, want, got)
	stored, err := s.GetLeave(ctx, l.ID)
	require.NoError(t, err)
	assertLeave(t, want, stored)

	// The version read before is stale now.
	stale := l
	stale.Status = leave.Cancelled
	_, err = s.UpdateLeave(ctx, stale)
	require.ErrorIs(t, err, leave.ErrConflict)
	stored, err = s.GetLeave(ctx, l.ID)
	require.NoError(t, err)
	assertLeave(t, want, stored)
}

func testUpdateImmutable(t *testing.T, s leave.Store) {
	ctx := context.Background()
	f := NewFixture(6)
	in := f.Leave("emp-1", leave.Sick, d(1447, 4, 1), d(1447, 4, 5), at(0))
	in.ReportNumber = "SEHA-9"
	l := createLeave(t, s, in)
	u := l
	u.EmployeeID, u.NationalID, u.AgencyID = "emp-2", f.IDs.Citizen(), "AGY-OTHER"
	u.ReportNumber, u.CreatedAt = "SEHA-10", at(9)
	u.Status = leave.Cancelled
	got, err := s.UpdateLeave(ctx, u)
	require.NoError(t, err)
	want := l
	want.Status, want.Version = leave.Cancelled, 2
	assertLeave(t, want, got)
	stored, err := s.GetLeave(ctx, l.ID)
	require.NoError(t, err)
	assertLeave(t, want, stored)
	// The report number stayed claimed by the leave.
	other := f.Leave("emp-1", leave.Sick, d(1447, 6, 1), d(1447, 6, 2), at(1))
	other.ReportNumber = "SEHA-9"
	_, err = s.CreateLeave(ctx, other)
	assert.ErrorIs(t, err, leave.ErrConflict)
}

// listWorld stores 8 leaves of two employees in two agencies, of several
// kinds and statuses, created at shuffled instants (two at the same
// instant, so that the ID breaks the tie).
func listWorld(t *testing.T, s leave.Store) []leave.Leave {
	t.Helper()
	ctx := context.Background()
	f := NewFixture(7)
	type row struct {
		emp, agency string
		kind        leave.Kind
		status      leave.Status
		minute      int
	}
	rows := []row{
		{"emp-a", "AGY-1", leave.Annual, leave.Requested, 5},
		{"emp-a", "AGY-1", leave.Annual, leave.Approved, 1},
		{"emp-b", "AGY-2", leave.Study, leave.Requested, 3},
		{"emp-a", "AGY-1", leave.Exam, leave.Rejected, 7},
		{"emp-b", "AGY-2", leave.Annual, leave.Cancelled, 2},
		{"emp-b", "AGY-1", leave.Sick, leave.Approved, 3},
		{"emp-a", "AGY-1", leave.Annual, leave.Requested, 0},
		{"emp-b", "AGY-2", leave.Exceptional, leave.Requested, 6},
	}
	var out []leave.Leave
	for i, r := range rows {
		l := f.Leave(r.emp, r.kind, d(1447, 4, 1+i), d(1447, 4, 1+i), at(r.minute))
		l.AgencyID, l.Status = r.agency, r.status
		if r.kind == leave.Sick {
			l.ReportNumber = fmt.Sprintf("SEHA-%d", i)
		}
		out = append(out, createLeave(t, s, l))
	}
	require.NoError(t, ctx.Err())
	return out
}

// inOrder returns the IDs of ls's leaves whose index is in idx, as listed.
func pick(ls []leave.Leave, idx ...int) []string {
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = ls[j].ID
	}
	return out
}

func testListFilters(t *testing.T, s leave.Store) {
	ctx := context.Background()
	ls := listWorld(t, s)
	for _, c := range []struct {
		name string
		f    leave.Filter
		want []string
	}{
		{"all", leave.Filter{}, pick(ls, 6, 1, 4, 2, 5, 0, 7, 3)},
		{"employee", leave.Filter{EmployeeID: "emp-a"}, pick(ls, 6, 1, 0, 3)},
		{"agency", leave.Filter{AgencyID: "AGY-1"}, pick(ls, 6, 1, 5, 0, 3)},
		{"employee and agency", leave.Filter{EmployeeID: "emp-b", AgencyID: "AGY-1"}, pick(ls, 5)},
		{"one status", leave.Filter{Statuses: []leave.Status{leave.Requested}}, pick(ls, 6, 2, 0, 7)},
		{"two statuses", leave.Filter{Statuses: []leave.Status{leave.Approved, leave.Cancelled}}, pick(ls, 1, 4, 5)},
		{"kinds", leave.Filter{Kinds: []leave.Kind{leave.Study, leave.Exam}}, pick(ls, 2, 3)},
		{"agency queue", leave.Filter{AgencyID: "AGY-2", Statuses: []leave.Status{leave.Requested}}, pick(ls, 2, 7)},
		{"no match", leave.Filter{EmployeeID: "emp-z"}, []string{}},
	} {
		got, err := s.ListLeaves(ctx, c.f)
		require.NoError(t, err, c.name)
		assert.Equal(t, c.want, leaveIDs(got), c.name)
	}
}

func testListOrderAndPaging(t *testing.T, s leave.Store) {
	ctx := context.Background()
	ls := listWorld(t, s)
	want := pick(ls, 6, 1, 4, 2, 5, 0, 7, 3)
	var got []string
	after := ""
	for range 10 {
		page, err := s.ListLeaves(ctx, leave.Filter{After: after, Limit: 3})
		require.NoError(t, err)
		if len(page) == 0 {
			break
		}
		require.LessOrEqual(t, len(page), 3)
		got = append(got, leaveIDs(page)...)
		after = page[len(page)-1].ID
	}
	assert.Equal(t, want, got)
}

func testListCursorOutsideFilter(t *testing.T, s leave.Store) {
	ctx := context.Background()
	ls := listWorld(t, s)
	// ls[4] is emp-b's; the page of emp-a's leaves starts after its place.
	got, err := s.ListLeaves(ctx, leave.Filter{EmployeeID: "emp-a", After: ls[4].ID})
	require.NoError(t, err)
	assert.Equal(t, pick(ls, 0, 3), leaveIDs(got))
}

func testListUnknownCursor(t *testing.T, s leave.Store) {
	ctx := context.Background()
	listWorld(t, s)
	_, err := s.ListLeaves(ctx, leave.Filter{After: "lv-missing"})
	assert.ErrorIs(t, err, leave.ErrCursorNotFound)
	assert.ErrorIs(t, err, leave.ErrNotFound)
	_, err = s.ListReports(ctx, leave.ReportFilter{After: "RPT-missing"})
	assert.ErrorIs(t, err, leave.ErrCursorNotFound)
}

func testConcurrentUpdates(t *testing.T, s leave.Store) {
	ctx := context.Background()
	f := NewFixture(8)
	l := createLeave(t, s, f.Leave("emp-1", leave.Annual, d(1447, 4, 1), d(1447, 4, 5), at(0)))
	for round := range 20 {
		cur, err := s.GetLeave(ctx, l.ID)
		require.NoError(t, err)
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([]error, 2)
		for i := range 2 {
			wg.Go(func() {
				u := cur
				u.Reason = []string{"first", "second"}[i]
				<-start
				_, errs[i] = s.UpdateLeave(ctx, u)
			})
		}
		close(start)
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else {
				assert.ErrorIs(t, err, leave.ErrConflict)
			}
		}
		require.Equal(t, 1, ok, "round %d: exactly one update wins", round)
		after, err := s.GetLeave(ctx, l.ID)
		require.NoError(t, err)
		assert.Equal(t, cur.Version+1, after.Version)
	}
}

func refusedReport(f *Fixture, employeeID string, at time.Time) leave.MedicalReport {
	r := f.Report(employeeID, d(1447, 1, 1), d(1447, 2, 10), at)
	r.Status, r.LeaveID = leave.ReportRefused, ""
	r.Report.Companion = f.IDs.Citizen()
	r.Report.Abroad, r.Report.Category, r.Report.Certifier = true, leave.WorkInjury, leave.GMA
	r.Reasons = []fault.FieldViolation{
		{Field: "certifier", Reason: "leave.report.needs_certification", Message: i18n.Text{AR: "يلزم اعتماد التقرير", EN: "the report needs certification"}},
		{Field: "attested", Reason: "leave.report.not_attested", Message: i18n.Text{AR: "التقرير غير مصدق", EN: "not attested"}},
	}
	return r
}

func testReports(t *testing.T, s leave.Store) {
	ctx := context.Background()
	f := NewFixture(9)
	ok := f.Report("emp-1", d(1447, 2, 1), d(1447, 2, 3), at(0))
	got, err := s.CreateReport(ctx, ok)
	require.NoError(t, err)
	assert.Equal(t, normReport(ok), normReport(got))
	stored, err := s.GetReport(ctx, ok.Report.Number)
	require.NoError(t, err)
	assert.Equal(t, normReport(ok), normReport(stored))
	assert.True(t, stored.ReceivedAt.Equal(base), "instants keep microseconds")

	bad := refusedReport(f, "emp-1", at(1))
	_, err = s.CreateReport(ctx, bad)
	require.NoError(t, err)
	stored, err = s.GetReport(ctx, bad.Report.Number)
	require.NoError(t, err)
	assert.Equal(t, normReport(bad), normReport(stored))

	// A report of no file keeps no employee or agency.
	orphan := f.Report("", d(1447, 2, 1), d(1447, 2, 1), at(2))
	orphan.AgencyID, orphan.Status, orphan.LeaveID = "", leave.ReportRefused, ""
	_, err = s.CreateReport(ctx, orphan)
	require.NoError(t, err)
	stored, err = s.GetReport(ctx, orphan.Report.Number)
	require.NoError(t, err)
	assert.Equal(t, normReport(orphan), normReport(stored))

	dup := f.Report("emp-2", d(1447, 3, 1), d(1447, 3, 3), at(3))
	dup.Report.Number = ok.Report.Number
	_, err = s.CreateReport(ctx, dup)
	require.ErrorIs(t, err, leave.ErrConflict)
	stored, err = s.GetReport(ctx, ok.Report.Number)
	require.NoError(t, err)
	assert.Equal(t, normReport(ok), normReport(stored), "the first report stays")
}

func testReportsList(t *testing.T, s leave.Store) {
	ctx := context.Background()
	f := NewFixture(10)
	var rs []leave.MedicalReport
	for i, c := range []struct {
		emp, agency string
		refused     bool
		minute      int
	}{
		{"emp-a", "AGY-1", false, 4},
		{"emp-b", "AGY-2", true, 1},
		{"emp-a", "AGY-1", true, 2},
		{"emp-b", "AGY-1", false, 2},
		{"emp-a", "AGY-1", false, 0},
	} {
		r := f.Report(c.emp, d(1447, 2, 1+i), d(1447, 2, 1+i), at(c.minute))
		if c.refused {
			r = refusedReport(f, c.emp, at(c.minute))
		}
		r.AgencyID = c.agency
		got, err := s.CreateReport(ctx, r)
		require.NoError(t, err)
		rs = append(rs, got)
	}
	num := func(idx ...int) []string {
		out := make([]string, len(idx))
		for i, j := range idx {
			out[i] = rs[j].Report.Number
		}
		return out
	}
	// rs[2] and rs[3] share an instant: the number breaks the tie.
	tie := num(2, 3)
	if tie[0] > tie[1] {
		tie[0], tie[1] = tie[1], tie[0]
	}
	all := append(append(num(4, 1), tie...), num(0)...)
	for _, c := range []struct {
		name string
		f    leave.ReportFilter
		want []string
	}{
		{"all", leave.ReportFilter{}, all},
		{"employee", leave.ReportFilter{EmployeeID: "emp-a"}, num(4, 2, 0)},
		{"agency", leave.ReportFilter{AgencyID: "AGY-1"}, []string{all[0], all[2], all[3], all[4]}},
		{"refused", leave.ReportFilter{Status: leave.ReportRefused}, num(1, 2)},
		{"agency applied", leave.ReportFilter{AgencyID: "AGY-1", Status: leave.ReportApplied}, []string{all[0], num(3)[0], all[4]}},
		{"after outside the filter", leave.ReportFilter{EmployeeID: "emp-a", After: rs[1].Report.Number}, num(2, 0)},
		{"limit", leave.ReportFilter{Limit: 2}, all[:2]},
		{"page", leave.ReportFilter{After: all[1], Limit: 2}, all[2:4]},
	} {
		got, err := s.ListReports(ctx, c.f)
		require.NoError(t, err, c.name)
		assert.Equal(t, c.want, reportNumbers(got), c.name)
	}
	got, err := s.ListReports(ctx, leave.ReportFilter{Status: leave.ReportRefused})
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, normReport(rs[1]), normReport(got[0]), "a listed report is whole")
}

func testExtensions(t *testing.T, s leave.Store) {
	ctx := context.Background()
	f := NewFixture(11)
	hr := f.IDs.Citizen()
	for _, y := range []int{5, 2, 9} {
		x := leave.Extension{EmployeeID: "emp-1", Year: y, By: hr, At: at(y), Reason: "حاجة العمل"}
		got, err := s.AddExtension(ctx, x)
		require.NoError(t, err)
		assert.Equal(t, x.Year, got.Year)
	}
	_, err := s.AddExtension(ctx, leave.Extension{EmployeeID: "emp-2", Year: 5, By: hr, At: at(0), Reason: "other file"})
	require.NoError(t, err)
	_, err = s.AddExtension(ctx, leave.Extension{EmployeeID: "emp-1", Year: 5, By: hr, At: at(20), Reason: "again"})
	require.ErrorIs(t, err, leave.ErrConflict)

	xs, err := s.ListExtensions(ctx, "emp-1")
	require.NoError(t, err)
	require.Len(t, xs, 3)
	var years []int
	for _, x := range xs {
		years = append(years, x.Year)
		assert.Equal(t, "emp-1", x.EmployeeID)
		assert.Equal(t, hr, x.By)
		assert.True(t, x.At.Equal(at(x.Year)), "instant of year %d", x.Year)
		assert.Equal(t, "حاجة العمل", x.Reason, "the first reason stays")
	}
	assert.Equal(t, []int{2, 5, 9}, years)
}

func balance(emp string, asOf hijri.Date, avail int) leave.Balance {
	return leave.Balance{EmployeeID: emp, AsOf: asOf, Years: 3, Entitled: 108, Taken: 108 - avail, Expired: 0, Available: avail, At: base}
}

func assertBalance(t *testing.T, s leave.Store, want leave.Balance) {
	t.Helper()
	got, err := s.GetBalance(context.Background(), want.EmployeeID, want.AsOf)
	require.NoError(t, err)
	got.At = got.At.UTC()
	assert.Equal(t, want, got)
}

func testBalances(t *testing.T, s leave.Store) {
	ctx := context.Background()
	y1, y2 := d(1446, 1, 1), d(1447, 1, 1)
	require.NoError(t, s.PutBalances(ctx, nil), "an empty write is no error")
	require.NoError(t, s.PutBalances(ctx, []leave.Balance{balance("emp-1", y1, 40), balance("emp-1", y2, 76), balance("emp-2", y2, 12)}))
	assertBalance(t, s, balance("emp-1", y1, 40))
	assertBalance(t, s, balance("emp-1", y2, 76))
	assertBalance(t, s, balance("emp-2", y2, 12))
	// A rerun replaces the balances of the same date and keeps the others.
	again := balance("emp-1", y2, 70)
	again.Expired, again.At = 6, at(5)
	require.NoError(t, s.PutBalances(ctx, []leave.Balance{again}))
	assertBalance(t, s, again)
	assertBalance(t, s, balance("emp-1", y1, 40))
	assertBalance(t, s, balance("emp-2", y2, 12))
}

func testBalancesAllOrNone(t *testing.T, s leave.Store) {
	ctx := context.Background()
	y := d(1447, 1, 1)
	require.NoError(t, s.PutBalances(ctx, []leave.Balance{balance("emp-1", y, 40)}))
	err := s.PutBalances(ctx, []leave.Balance{balance("emp-1", y, 1), balance("emp-2", y, 2), balance("emp-2", y, 3)})
	require.ErrorIs(t, err, leave.ErrConflict)
	require.ErrorIs(t, err, leave.ErrDuplicateBalance)
	assertBalance(t, s, balance("emp-1", y, 40))
	_, err = s.GetBalance(ctx, "emp-2", y)
	assert.ErrorIs(t, err, leave.ErrNotFound)
}

func testLargeBalances(t *testing.T, s leave.Store) {
	ctx := context.Background()
	y := d(1447, 1, 1)
	const n = 2500 // more than one bulk batch of any adapter's
	bs := make([]leave.Balance, n)
	for i := range bs {
		bs[i] = balance(fmt.Sprintf("emp-%05d", i), y, i%145)
	}
	require.NoError(t, s.PutBalances(ctx, bs))
	for _, i := range []int{0, 999, 1000, 1001, 2047, n - 1} {
		assertBalance(t, s, bs[i])
	}
	bs[n-1].Available = 1
	require.NoError(t, s.PutBalances(ctx, bs))
	assertBalance(t, s, bs[n-1])
}

func testCopies(t *testing.T, s leave.Store) {
	ctx := context.Background()
	f := NewFixture(12)
	r := refusedReport(f, "emp-1", at(0))
	in := r.Clone()
	got, err := s.CreateReport(ctx, in)
	require.NoError(t, err)
	in.Reasons[0].Reason = "changed by the caller"
	got.Reasons[1].Reason = "changed by the caller"
	stored, err := s.GetReport(ctx, r.Report.Number)
	require.NoError(t, err)
	assert.Equal(t, normReport(r), normReport(stored))
	stored.Reasons[0].Message.AR = "changed"
	list, err := s.ListReports(ctx, leave.ReportFilter{})
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, normReport(r), normReport(list[0]))

	statuses := []leave.Status{leave.Requested}
	fl := leave.Filter{Statuses: statuses}
	createLeave(t, s, f.Leave("emp-1", leave.Annual, d(1447, 4, 1), d(1447, 4, 5), at(0)))
	_, err = s.ListLeaves(ctx, fl)
	require.NoError(t, err)
	assert.Equal(t, []leave.Status{leave.Requested}, statuses, "the filter is not changed")
}

func testJoinsTransaction(t *testing.T, s leave.Store) {
	tx, ok := s.(txn.Transactor)
	if !ok {
		t.Skip("the store runs no transactions")
	}
	ctx := context.Background()
	f := NewFixture(13)
	boom := errors.New("boom")
	l := f.Leave("emp-1", leave.Annual, d(1447, 4, 1), d(1447, 4, 5), at(0))
	r := f.Report("emp-1", d(1447, 2, 1), d(1447, 2, 3), at(0))
	y := d(1447, 1, 1)
	err := tx.InTx(ctx, func(ctx context.Context) error {
		_, err := s.CreateLeave(ctx, l)
		require.NoError(t, err)
		_, err = s.GetLeave(ctx, l.ID)
		require.NoError(t, err, "the transaction sees its own writes")
		_, err = s.CreateReport(ctx, r)
		require.NoError(t, err)
		_, err = s.AddExtension(ctx, leave.Extension{EmployeeID: "emp-1", Year: 1, By: f.IDs.Citizen(), At: at(0), Reason: "x"})
		require.NoError(t, err)
		require.NoError(t, s.PutBalances(ctx, []leave.Balance{balance("emp-1", y, 9)}))
		return boom
	})
	require.ErrorIs(t, err, boom)
	_, err = s.GetLeave(ctx, l.ID)
	assert.ErrorIs(t, err, leave.ErrNotFound)
	_, err = s.GetReport(ctx, r.Report.Number)
	assert.ErrorIs(t, err, leave.ErrNotFound)
	xs, err := s.ListExtensions(ctx, "emp-1")
	require.NoError(t, err)
	assert.Empty(t, xs)
	_, err = s.GetBalance(ctx, "emp-1", y)
	assert.ErrorIs(t, err, leave.ErrNotFound)

	require.NoError(t, tx.InTx(ctx, func(ctx context.Context) error {
		_, err := s.CreateLeave(ctx, l)
		return err
	}))
	_, err = s.GetLeave(ctx, l.ID)
	assert.NoError(t, err, "a committed transaction keeps its writes")
}

func testContextCancelled(t *testing.T, s leave.Store) {
	f := NewFixture(14)
	l := createLeave(t, s, f.Leave("emp-1", leave.Annual, d(1447, 4, 1), d(1447, 4, 5), at(0)))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	canceled := func(name string, err error) {
		t.Helper()
		assert.True(t, errors.Is(err, context.Canceled), "%s: %v", name, err)
	}
	_, err := s.CreateLeave(ctx, f.Leave("emp-1", leave.Annual, d(1447, 5, 1), d(1447, 5, 5), at(1)))
	canceled("create", err)
	_, err = s.GetLeave(ctx, l.ID)
	canceled("get", err)
	u := l
	u.Status = leave.Cancelled
	_, err = s.UpdateLeave(ctx, u)
	canceled("update", err)
	_, err = s.ListLeaves(ctx, leave.Filter{})
	canceled("list", err)
	_, err = s.CreateReport(ctx, f.Report("emp-1", d(1447, 2, 1), d(1447, 2, 1), at(0)))
	canceled("create report", err)
	_, err = s.GetReport(ctx, "RPT-1")
	canceled("get report", err)
	_, err = s.ListReports(ctx, leave.ReportFilter{})
	canceled("list reports", err)
	_, err = s.AddExtension(ctx, leave.Extension{EmployeeID: "emp-1", Year: 1, At: at(0), Reason: "x"})
	canceled("add extension", err)
	_, err = s.ListExtensions(ctx, "emp-1")
	canceled("list extensions", err)
	canceled("put balances", s.PutBalances(ctx, []leave.Balance{balance("emp-1", d(1447, 1, 1), 1)}))
	_, err = s.GetBalance(ctx, "emp-1", d(1447, 1, 1))
	canceled("get balance", err)

	bg := context.Background()
	all, err := s.ListLeaves(bg, leave.Filter{})
	require.NoError(t, err)
	require.Len(t, all, 1)
	assertLeave(t, l, all[0])
	rs, err := s.ListReports(bg, leave.ReportFilter{})
	require.NoError(t, err)
	assert.Empty(t, rs)
	_, err = s.GetBalance(bg, "emp-1", d(1447, 1, 1))
	assert.ErrorIs(t, err, leave.ErrNotFound)
}
