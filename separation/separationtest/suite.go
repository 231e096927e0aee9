package separationtest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/separation"
	"github.com/masarhr/masar-go/txn"
)

// Run runs the conformance suite of separation.Store, one subtest per
// behaviour. newStore must return a new, empty store for each call and
// register its cleanup with t.Cleanup. Subtests do not run in parallel with
// each other; some start goroutines that call the store concurrently. A
// store that is a txn.Transactor is also checked to join its transactions.
func Run(t *testing.T, newStore func(t *testing.T) separation.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s separation.Store)
	}{
		{"CreateAndGetCase", testCreateAndGet},
		{"NotFound", testNotFound},
		{"CreateDuplicateID", testCreateDuplicateID},
		{"OneOpenCasePerEmployee", testOneOpenCase},
		{"UpdateCompareAndSwap", testUpdateCAS},
		{"UpdateKeepsImmutableFields", testUpdateImmutable},
		{"ConcurrentCreatesOneOpenCase", testConcurrentCreates},
		{"ConcurrentUpdatesOneWins", testConcurrentUpdates},
		{"ListCasesFilters", testListFilters},
		{"ListCasesOrderAndPaging", testListOrderAndPaging},
		{"ListUnknownCursor", testListUnknownCursor},
		{"ValuesAreCopies", testCopies},
		{"ArabicText", testArabicText},
		{"DecimalsExact", testDecimals},
		{"Instants", testInstants},
		{"PutAndGetRetirements", testRetirements},
		{"PutRetirementsDuplicate", testRetirementsDuplicate},
		{"LargeRetirementBatch", testLargeRetirements},
		{"ListRetirements", testListRetirements},
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

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// normDec gives equal decimals one representation (an adapter may drop
// trailing zeros).
func normDec(x decimal.Decimal) decimal.Decimal {
	if x.IsZero() {
		return decimal.Decimal{}
	}
	return decimal.RequireFromString(x.String())
}

// normCase makes equal cases compare equal across adapters: instants in
// UTC, decimals in one form, empty slices nil.
func normCase(c separation.Case) separation.Case {
	c = c.Clone()
	c.EndedAt, c.CreatedAt, c.UpdatedAt = c.EndedAt.UTC(), c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	if len(c.Documents) == 0 {
		c.Documents = nil
	}
	if len(c.Grounds.RatingYears) == 0 {
		c.Grounds.RatingYears = nil
	}
	c.Entitlements.LastSalary = normDec(c.Entitlements.LastSalary)
	if s := c.Settlement; s != nil {
		s.Salary, s.DailyRate, s.Amount = normDec(s.Salary), normDec(s.DailyRate), normDec(s.Amount)
		if len(s.Steps) == 0 {
			s.Steps = nil
		}
	}
	return c
}

func normRetirement(r separation.Retirement) separation.Retirement {
	r.ComputedAt = r.ComputedAt.UTC()
	return r
}

func assertCase(t *testing.T, want, got separation.Case) {
	t.Helper()
	assert.Equal(t, normCase(want), normCase(got))
}

func createCase(t *testing.T, s separation.Store, c separation.Case) separation.Case {
	t.Helper()
	out, err := s.CreateCase(context.Background(), c)
	require.NoError(t, err)
	return out
}

func getCase(t *testing.T, s separation.Store, id string) separation.Case {
	t.Helper()
	out, err := s.GetCase(context.Background(), id)
	require.NoError(t, err)
	return out
}

func caseIDs(cs []separation.Case) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func employeeIDs(rs []separation.Retirement) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.EmployeeID
	}
	return out
}

func intp(n int) *int { return &n }

// full returns c accepted and ended with every optional field set, so that
// a round trip checks them all.
func full(f *Fixture, c separation.Case, at time.Time) separation.Case {
	c.State = separation.Ended
	c.Requested = d(1447, 3, 1)
	c.Grounds = separation.Grounds{On: d(1447, 1, 20), NotifiedOn: d(1447, 1, 25), Reference: "GMA-1447-0099",
		Revoked: true, RatingYears: []int{1444, 1445, 1446}, GrievanceAccepted: true}
	c.PostponedTo = d(1447, 4, 1)
	c.LastDay = d(1447, 4, 1)
	c.Deemed = true
	c.Decision = records.Decision{Number: "Q-1447-12", Date: d(1447, 2, 10)}
	c.Approval = "M-1447-3"
	c.Reason = "انتهاء الخدمة"
	c.Entitlements = separation.Entitlements{LeaveBalance: intp(120), Grandfathered: intp(40), LastSalary: dec("15000.50")}
	c.Settlement = &separation.Settlement{Salary: dec("15000.50"), DailyRate: dec("500.0166666666666667"),
		Balance: 120, Grandfathered: 40, FullBalance: true, Days: 120, Amount: dec("60002.00"), Source: "input",
		Steps: []separation.Step{{AR: "الراتب ÷ 30", EN: "salary ÷ 30"}, {AR: "× الأيام", EN: "× days"}}}
	c.EventID = "ev-" + c.ID
	c.Documents = []records.Document{{Name: "قرار.pdf", MediaType: "application/pdf", Size: 2048,
		SHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", StorageRef: "s3://docs/1"}}
	c.DecidedBy = f.IDs.Citizen()
	c.EndedAt = at
	c.UpdatedAt = at
	return c
}

func testCreateAndGet(t *testing.T, s separation.Store) {
	ctx := context.Background()
	f := NewFixture(1)
	in := full(f, f.Case("emp-1", separation.CauseMedical, d(1447, 1, 10), at(0)), at(1))
	in.Version = 42 // ignored
	got, err := s.CreateCase(ctx, in)
	require.NoError(t, err)
	want := in
	want.Version = 1
	assertCase(t, want, got)
	byID := getCase(t, s, in.ID)
	assertCase(t, want, byID)
	assert.True(t, byID.CreatedAt.Equal(base), "instants keep microseconds")

	// A submitted case with no optional field round-trips its zero values.
	plain := f.Case("emp-2", separation.CauseResignation, d(1447, 1, 11), at(2))
	plain.Note = ""
	got, err = s.CreateCase(ctx, plain)
	require.NoError(t, err)
	plain.Version = 1
	assertCase(t, plain, got)
	byID = getCase(t, s, plain.ID)
	assertCase(t, plain, byID)
	assert.Nil(t, byID.Settlement)
	assert.True(t, byID.LastDay.IsZero())
	assert.True(t, byID.EndedAt.IsZero())
}

func testNotFound(t *testing.T, s separation.Store) {
	ctx := context.Background()
	f := NewFixture(2)
	_, err := s.GetCase(ctx, "nope")
	assert.ErrorIs(t, err, separation.ErrNotFound)
	c := f.Case("emp-1", separation.CauseResignation, d(1447, 1, 10), at(0))
	c.Version = 1
	_, err = s.UpdateCase(ctx, c)
	assert.ErrorIs(t, err, separation.ErrNotFound)
	_, err = s.GetRetirement(ctx, "emp-1")
	assert.ErrorIs(t, err, separation.ErrNotFound)
	cs, err := s.ListCases(ctx, separation.Filter{})
	require.NoError(t, err)
	assert.Empty(t, cs)
	rs, err := s.ListRetirements(ctx, separation.RetirementFilter{AgencyID: f.Agency})
	require.NoError(t, err)
	assert.Empty(t, rs)
}

func testCreateDuplicateID(t *testing.T, s separation.Store) {
	ctx := context.Background()
	f := NewFixture(3)
	c := createCase(t, s, f.Case("emp-1", separation.CauseResignation, d(1447, 1, 10), at(0)))
	dup := f.Case("emp-2", separation.CauseDeath, d(1447, 2, 1), at(1))
	dup.ID = c.ID
	_, err := s.CreateCase(ctx, dup)
	require.ErrorIs(t, err, separation.ErrConflict)
	assertCase(t, c, getCase(t, s, c.ID))
	// emp-2 has no open case: the refused create left nothing behind.
	createCase(t, s, f.Case("emp-2", separation.CauseDeath, d(1447, 2, 1), at(2)))
}

func testOneOpenCase(t *testing.T, s separation.Store) {
	ctx := context.Background()
	f := NewFixture(4)
	for i, final := range []separation.State{separation.Ended, separation.Withdrawn, separation.Rejected} {
		emp := fmt.Sprintf("emp-%d", i)
		open := createCase(t, s, f.Case(emp, separation.CauseResignation, d(1447, 1, 10), at(0)))
		for _, st := range []separation.State{separation.Submitted, separation.Postponed, separation.Accepted} {
			c := f.Case(emp, separation.CauseEarlyRetirement, d(1447, 1, 11), at(1))
			c.State = st
			_, err := s.CreateCase(ctx, c)
			require.ErrorIs(t, err, separation.ErrCaseOpen, "a second %s case", st)
			require.ErrorIs(t, err, separation.ErrConflict, "ErrCaseOpen refines ErrConflict")
			_, err = s.GetCase(ctx, c.ID)
			require.ErrorIs(t, err, separation.ErrNotFound, "the refused case was not stored")
		}
		// A closed case does not count.
		closed := f.Case(emp, separation.CauseAbsence, d(1446, 1, 1), at(2))
		closed.State = final
		closed = createCase(t, s, closed)
		// Another employee is not concerned.
		createCase(t, s, f.Case(emp+"-other", separation.CauseResignation, d(1447, 1, 10), at(3)))
		// Moving through open states keeps the one open case.
		open.State = separation.Accepted
		open, err := s.UpdateCase(ctx, open)
		require.NoError(t, err)
		// Reopening a closed case while another is open is refused.
		closed.State = separation.Submitted
		_, err = s.UpdateCase(ctx, closed)
		require.ErrorIs(t, err, separation.ErrCaseOpen)
		// Once the open case is final, a new one may be opened.
		open.State = final
		_, err = s.UpdateCase(ctx, open)
		require.NoError(t, err)
		again := createCase(t, s, f.Case(emp, separation.CauseResignation, d(1447, 2, 10), at(4)))
		assert.Equal(t, separation.Submitted, again.State)
		got, err := s.ListCases(ctx, separation.Filter{EmployeeID: emp})
		require.NoError(t, err)
		assert.Len(t, got, 3)
	}
}

func testUpdateCAS(t *testing.T, s separation.Store) {
	ctx := context.Background()
	f := NewFixture(5)
	c := createCase(t, s, f.Case("emp-1", separation.CauseResignation, d(1447, 1, 10), at(0)))
	require.Equal(t, int64(1), c.Version)
	u := c
	u.State = separation.Accepted
	u.LastDay = d(1447, 3, 1)
	u.Decision = records.Decision{Number: "Q-1", Date: d(1447, 1, 20)}
	u.DecidedBy = f.IDs.Citizen()
	u.UpdatedAt = at(5)
	got, err := s.UpdateCase(ctx, u)
	require.NoError(t, err)
	want := u
	want.Version = 2
	assertCase(t, want, got)
	assertCase(t, want, getCase(t, s, c.ID))

	// The first version is stale now.
	stale := c
	stale.Reason = "late"
	_, err = s.UpdateCase(ctx, stale)
	require.ErrorIs(t, err, separation.ErrConflict)
	// A version from the future is stale too.
	future := got
	future.Version = 7
	_, err = s.UpdateCase(ctx, future)
	require.ErrorIs(t, err, separation.ErrConflict)
	assertCase(t, want, getCase(t, s, c.ID))

	// Optional fields can be cleared again.
	got.LastDay, got.Decision, got.DecidedBy = hijri.Date{}, records.Decision{}, identity.NationalID{}
	got.State = separation.Submitted
	got, err = s.UpdateCase(ctx, got)
	require.NoError(t, err)
	assert.Equal(t, int64(3), got.Version)
	back := getCase(t, s, c.ID)
	assertCase(t, got, back)
	assert.True(t, back.LastDay.IsZero())
}

func testUpdateImmutable(t *testing.T, s separation.Store) {
	ctx := context.Background()
	f := NewFixture(6)
	c := createCase(t, s, f.Case("emp-1", separation.CauseResignation, d(1447, 1, 10), at(0)))
	u := c
	u.EmployeeID, u.NationalID, u.AgencyID = "emp-x", f.IDs.Citizen(), "AGY-X"
	u.Cause, u.Filed, u.OpenedBy, u.CreatedAt = separation.CauseDeath, d(1440, 1, 1), f.IDs.Citizen(), at(99)
	u.Note = "changed"
	got, err := s.UpdateCase(ctx, u)
	require.NoError(t, err)
	want := c
	want.Note, want.Version = "changed", 2
	assertCase(t, want, got)
	assertCase(t, want, getCase(t, s, c.ID))
	byEmp, err := s.ListCases(ctx, separation.Filter{EmployeeID: "emp-1"})
	require.NoError(t, err)
	assert.Equal(t, []string{c.ID}, caseIDs(byEmp))
}

func testConcurrentCreates(t *testing.T, s separation.Store) {
	ctx := context.Background()
	f := NewFixture(7)
	const n = 16
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make([]error, n)
	for i := range n {
		c := f.Case("emp-1", separation.CauseResignation, d(1447, 1, 10), at(i))
		wg.Go(func() {
			<-start
			_, errs[i] = s.CreateCase(ctx, c)
		})
	}
	close(start)
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else {
			assert.ErrorIs(t, err, separation.ErrCaseOpen)
		}
	}
	require.Equal(t, 1, ok, "exactly one open case is created")
	cs, err := s.ListCases(ctx, separation.Filter{EmployeeID: "emp-1"})
	require.NoError(t, err)
	assert.Len(t, cs, 1)
}

func testConcurrentUpdates(t *testing.T, s separation.Store) {
	ctx := context.Background()
	f := NewFixture(8)
	c := createCase(t, s, f.Case("emp-1", separation.CauseResignation, d(1447, 1, 10), at(0)))
	const n = 8
	for round := range 10 {
		cur := getCase(t, s, c.ID)
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				u := cur
				u.Reason = fmt.Sprintf("writer %d", i)
				<-start
				_, errs[i] = s.UpdateCase(ctx, u)
			})
		}
		close(start)
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else {
				assert.ErrorIs(t, err, separation.ErrConflict)
			}
		}
		require.Equal(t, 1, ok, "round %d: exactly one update wins", round)
		assert.Equal(t, cur.Version+1, getCase(t, s, c.ID).Version)
	}
}

// listFixture stores cases of two agencies, causes and states; it returns
// them in the list order.
func listFixture(t *testing.T, s separation.Store, f *Fixture) []separation.Case {
	t.Helper()
	var out []separation.Case
	add := func(emp, agency string, cause separation.Cause, st separation.State, filed, lastDay hijri.Date, i int) {
		c := f.Case(emp, cause, filed, at(i))
		c.AgencyID, c.State, c.LastDay = agency, st, lastDay
		out = append(out, createCase(t, s, c))
	}
	add("emp-1", "AGY-001", separation.CauseResignation, separation.Accepted, d(1447, 1, 1), d(1447, 3, 1), 0)
	add("emp-2", "AGY-001", separation.CauseResignation, separation.Submitted, d(1447, 1, 5), hijri.Date{}, 1)
	add("emp-3", "AGY-002", separation.CauseStatutoryAge, separation.Accepted, d(1447, 1, 10), d(1447, 4, 1), 2)
	add("emp-1", "AGY-001", separation.CauseAbsence, separation.Rejected, d(1446, 12, 1), hijri.Date{}, 3)
	add("emp-4", "AGY-002", separation.CauseDeath, separation.Ended, d(1447, 2, 1), d(1447, 1, 30), 4)
	add("emp-5", "AGY-001", separation.CauseMedical, separation.Postponed, d(1447, 2, 2), hijri.Date{}, 5)
	return out
}

func testListFilters(t *testing.T, s separation.Store) {
	ctx := context.Background()
	f := NewFixture(9)
	all := listFixture(t, s, f)
	ids := func(is ...int) []string {
		out := []string{}
		for _, i := range is {
			out = append(out, all[i].ID)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		f    separation.Filter
		want []string
	}{
		{"all", separation.Filter{}, ids(0, 1, 2, 3, 4, 5)},
		{"agency", separation.Filter{AgencyID: "AGY-002"}, ids(2, 4)},
		{"employee", separation.Filter{EmployeeID: "emp-1"}, ids(0, 3)},
		{"cause", separation.Filter{Cause: separation.CauseResignation}, ids(0, 1)},
		{"one state", separation.Filter{States: []separation.State{separation.Accepted}}, ids(0, 2)},
		{"open states", separation.Filter{States: []separation.State{separation.Submitted, separation.Postponed, separation.Accepted}}, ids(0, 1, 2, 5)},
		{"last day by", separation.Filter{LastDayBy: d(1447, 3, 1)}, ids(0, 4)},
		{"last day by, accepted", separation.Filter{LastDayBy: d(1447, 12, 1), States: []separation.State{separation.Accepted}}, ids(0, 2)},
		{"filed by", separation.Filter{FiledBy: d(1447, 1, 5)}, ids(0, 1, 3)},
		{"every field", separation.Filter{AgencyID: "AGY-001", EmployeeID: "emp-1", Cause: separation.CauseResignation,
			States: []separation.State{separation.Accepted}, LastDayBy: d(1447, 3, 1), FiledBy: d(1447, 1, 1)}, ids(0)},
		{"nothing", separation.Filter{AgencyID: "AGY-404"}, ids()},
		{"limit", separation.Filter{AgencyID: "AGY-001", Limit: 2}, ids(0, 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.ListCases(ctx, tc.f)
			require.NoError(t, err)
			assert.Equal(t, tc.want, append([]string{}, caseIDs(got)...))
		})
	}
	got, err := s.ListCases(ctx, separation.Filter{EmployeeID: "emp-5"})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assertCase(t, all[5], got[0])
}

func testListOrderAndPaging(t *testing.T, s separation.Store) {
	ctx := context.Background()
	f := NewFixture(10)
	// Equal CreatedAt instants order by ID in byte order ("Z" < "a").
	var want []string
	for i, id := range []string{"sep-Z", "sep-a", "sep-b"} {
		c := f.Case(fmt.Sprintf("emp-%d", i), separation.CauseResignation, d(1447, 1, 10), at(1))
		c.ID = id
		createCase(t, s, c)
		want = append(want, id)
	}
	for i := range 5 {
		c := f.Case(fmt.Sprintf("emp-late-%d", i), separation.CauseResignation, d(1447, 1, 10), at(10-i))
		c.ID = fmt.Sprintf("sep-%d", i)
		createCase(t, s, c)
	}
	// Earlier CreatedAt comes first, whatever the ID.
	early := f.Case("emp-early", separation.CauseResignation, d(1447, 1, 10), at(0))
	early.ID = "sep-zzz"
	createCase(t, s, early)
	want = append([]string{"sep-zzz"}, want...)
	want = append(want, "sep-4", "sep-3", "sep-2", "sep-1", "sep-0")

	all, err := s.ListCases(ctx, separation.Filter{})
	require.NoError(t, err)
	require.Equal(t, want, caseIDs(all))

	var paged []string
	after := ""
	for range 10 {
		page, err := s.ListCases(ctx, separation.Filter{After: after, Limit: 3})
		require.NoError(t, err)
		if len(page) == 0 {
			break
		}
		require.LessOrEqual(t, len(page), 3)
		paged = append(paged, caseIDs(page)...)
		after = page[len(page)-1].ID
	}
	assert.Equal(t, want, paged)

	// The cursor need not match the filter.
	got, err := s.ListCases(ctx, separation.Filter{After: "sep-a", EmployeeID: "emp-late-0"})
	require.NoError(t, err)
	assert.Equal(t, []string{"sep-0"}, caseIDs(got))
	got, err = s.ListCases(ctx, separation.Filter{After: "sep-0"})
	require.NoError(t, err)
	assert.Empty(t, got)
}

func testListUnknownCursor(t *testing.T, s separation.Store) {
	ctx := context.Background()
	f := NewFixture(11)
	createCase(t, s, f.Case("emp-1", separation.CauseResignation, d(1447, 1, 10), at(0)))
	require.NoError(t, s.PutRetirements(ctx, []separation.Retirement{f.Retirement("emp-1", d(1447, 5, 1), at(0))}))
	_, err := s.ListCases(ctx, separation.Filter{After: "nope"})
	assert.ErrorIs(t, err, separation.ErrCursorNotFound)
	assert.ErrorIs(t, err, separation.ErrNotFound)
	_, err = s.ListRetirements(ctx, separation.RetirementFilter{AgencyID: f.Agency, After: "nope"})
	assert.ErrorIs(t, err, separation.ErrCursorNotFound)
	assert.ErrorIs(t, err, separation.ErrNotFound)
}

func testCopies(t *testing.T, s separation.Store) {
	ctx := context.Background()
	f := NewFixture(12)
	in := full(f, f.Case("emp-1", separation.CauseMedical, d(1447, 1, 10), at(0)), at(1))
	want := in.Clone()
	want.Entitlements.LeaveBalance, want.Entitlements.Grandfathered = intp(120), intp(40)
	want.Version = 1
	got := createCase(t, s, in)
	mutate := func(c *separation.Case) {
		c.Documents[0].Name = "x"
		c.Grounds.RatingYears[0] = 1
		c.Settlement.Steps[0].AR = "x"
		c.Settlement.Days = 1
		*c.Entitlements.LeaveBalance = 1
		*c.Entitlements.Grandfathered = 1
	}
	mutate(&in)
	mutate(&got)
	assertCase(t, want, getCase(t, s, want.ID))
	byID := getCase(t, s, want.ID)
	mutate(&byID)
	list, err := s.ListCases(ctx, separation.Filter{})
	require.NoError(t, err)
	require.Len(t, list, 1)
	mutate(&list[0])
	u := getCase(t, s, want.ID)
	u.Note = "updated"
	upd, err := s.UpdateCase(ctx, u)
	require.NoError(t, err)
	mutate(&u)
	mutate(&upd)
	want.Note, want.Version = "updated", 2
	assertCase(t, want, getCase(t, s, want.ID))

	r := f.Retirement("emp-1", d(1447, 5, 1), at(0))
	rs := []separation.Retirement{r}
	require.NoError(t, s.PutRetirements(ctx, rs))
	rs[0].LastDay = d(1450, 1, 1)
	listed, err := s.ListRetirements(ctx, separation.RetirementFilter{AgencyID: f.Agency})
	require.NoError(t, err)
	require.Len(t, listed, 1)
	listed[0].AgencyID = "x"
	stored, err := s.GetRetirement(ctx, "emp-1")
	require.NoError(t, err)
	assert.Equal(t, normRetirement(r), normRetirement(stored))
}

func testArabicText(t *testing.T, s separation.Store) {
	ctx := context.Background()
	f := NewFixture(13)
	texts := []string{
		"مُحَمَّد بن عبدالله — استقالة لظروف عائلية",
		"قرار رقم ١٤٤٧/٣/١٢ بتاريخ ١٤٤٧هـ",
		"نص\u200cمع\u200dفواصل\u202bواتجاه\u202c ومسافة\u00a0غير منقسمة",
		"emoji 🕌 and 'quotes' \"double\" \\ back\nnew line\ttab",
	}
	for i, txt := range texts {
		c := f.Case(fmt.Sprintf("موظف-%d", i), separation.CauseResignation, d(1447, 1, 10), at(i))
		c.Note, c.Reason, c.Approval = txt, txt+"؟", "موافقة "+txt
		c.Grounds.Reference = txt
		c.AgencyID = "جهة-" + fmt.Sprint(i)
		c.Documents = []records.Document{{Name: txt + ".pdf", MediaType: "application/pdf", Size: 1,
			SHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", StorageRef: "ref/" + txt}}
		c.Settlement = &separation.Settlement{Salary: dec("1"), DailyRate: dec("0.03"), Amount: dec("0"),
			Source: "ledger", Steps: []separation.Step{{AR: txt, EN: "step"}}}
		got := createCase(t, s, c)
		c.Version = 1
		assertCase(t, c, got)
		back := getCase(t, s, c.ID)
		assertCase(t, c, back)
		assert.Equal(t, txt, back.Note, "byte for byte")
		list, err := s.ListCases(ctx, separation.Filter{AgencyID: c.AgencyID, EmployeeID: c.EmployeeID})
		require.NoError(t, err)
		assert.Equal(t, []string{c.ID}, caseIDs(list), "filters on Arabic text")
	}
}

func testDecimals(t *testing.T, s separation.Store) {
	f := NewFixture(14)
	c := f.Case("emp-1", separation.CauseDeath, d(1447, 1, 10), at(0))
	c.State = separation.Ended
	c.Entitlements.LastSalary = dec("9876543210.1234567891")
	c.Settlement = &separation.Settlement{Salary: dec("10370.10"), DailyRate: dec("345.67"),
		Balance: 35, Days: 35, Amount: dec("12345.67"), Source: "ledger"}
	createCase(t, s, c)
	got := getCase(t, s, c.ID)
	require.NotNil(t, got.Settlement)
	assert.Equal(t, "12345.67", got.Settlement.Amount.String())
	assert.True(t, got.Settlement.Amount.Equal(dec("12345.67")))
	assert.True(t, got.Settlement.Salary.Equal(dec("10370.1")))
	assert.Equal(t, "345.67", got.Settlement.DailyRate.String())
	assert.Equal(t, "9876543210.1234567891", got.Entitlements.LastSalary.String())
}

func testInstants(t *testing.T, s separation.Store) {
	ctx := context.Background()
	f := NewFixture(15)
	riyadh := time.FixedZone("AST", 3*3600)
	created := time.Date(2025, 12, 31, 23, 59, 59, 999999000, riyadh)
	c := f.Case("emp-1", separation.CauseResignation, d(1447, 1, 10), created)
	c.EndedAt = created.Add(time.Microsecond)
	c.UpdatedAt = created.Add(2 * time.Microsecond)
	createCase(t, s, c)
	got := getCase(t, s, c.ID)
	assert.True(t, got.CreatedAt.Equal(created), "%v", got.CreatedAt)
	assert.True(t, got.EndedAt.Equal(created.Add(time.Microsecond)), "%v", got.EndedAt)
	assert.True(t, got.UpdatedAt.Equal(created.Add(2*time.Microsecond)), "%v", got.UpdatedAt)

	r := f.Retirement("emp-1", d(1447, 5, 1), created)
	require.NoError(t, s.PutRetirements(ctx, []separation.Retirement{r}))
	gr, err := s.GetRetirement(ctx, "emp-1")
	require.NoError(t, err)
	assert.True(t, gr.ComputedAt.Equal(created), "%v", gr.ComputedAt)
}

func testRetirements(t *testing.T, s separation.Store) {
	ctx := context.Background()
	f := NewFixture(16)
	a := f.Retirement("emp-1", d(1447, 5, 1), at(0))
	b := f.Retirement("emp-2", d(1447, 6, 1), at(0))
	b.Regime, b.Age = separation.RegimeSIL, separation.Age{Years: 65, Months: 0, Calendar: separation.GregorianYears}
	b.Extension = separation.Extension{To: d(1449, 6, 1), Decision: records.Decision{Number: "EXT-9", Date: d(1447, 4, 1)}}
	b.LastDay = b.Extension.To
	require.NoError(t, s.PutRetirements(ctx, []separation.Retirement{a, b}))
	require.NoError(t, s.PutRetirements(ctx, nil), "an empty write is fine")
	for _, want := range []separation.Retirement{a, b} {
		got, err := s.GetRetirement(ctx, want.EmployeeID)
		require.NoError(t, err)
		assert.Equal(t, normRetirement(want), normRetirement(got))
	}

	// A write replaces the employee's retirement and leaves the others.
	a2 := a
	a2.AgencyID = "AGY-002"
	a2.Regime, a2.Age = separation.RegimeTransition, separation.Age{Years: 62, Months: 6, Calendar: separation.HijriYears}
	a2.LastDay, a2.StatutoryLastDay, a2.ComputedAt = d(1448, 1, 1), d(1448, 1, 1), at(9)
	c := f.Retirement("emp-3", d(1447, 7, 1), at(9))
	require.NoError(t, s.PutRetirements(ctx, []separation.Retirement{c, a2}))
	got, err := s.GetRetirement(ctx, "emp-1")
	require.NoError(t, err)
	assert.Equal(t, normRetirement(a2), normRetirement(got))
	got, err = s.GetRetirement(ctx, "emp-2")
	require.NoError(t, err)
	assert.Equal(t, normRetirement(b), normRetirement(got))
	old, err := s.ListRetirements(ctx, separation.RetirementFilter{AgencyID: f.Agency})
	require.NoError(t, err)
	assert.Equal(t, []string{"emp-3", "emp-2"}, employeeIDs(old), "the replaced retirement left its old agency")
	moved, err := s.ListRetirements(ctx, separation.RetirementFilter{AgencyID: "AGY-002"})
	require.NoError(t, err)
	assert.Equal(t, []string{"emp-1"}, employeeIDs(moved))
}

func testRetirementsDuplicate(t *testing.T, s separation.Store) {
	ctx := context.Background()
	f := NewFixture(17)
	a := f.Retirement("emp-1", d(1447, 5, 1), at(0))
	require.NoError(t, s.PutRetirements(ctx, []separation.Retirement{a}))
	a2 := a
	a2.LastDay = d(1449, 1, 1)
	err := s.PutRetirements(ctx, []separation.Retirement{
		f.Retirement("emp-2", d(1447, 5, 2), at(0)), a2, f.Retirement("emp-3", d(1447, 5, 3), at(0)),
		f.Retirement("emp-2", d(1447, 5, 4), at(0)),
	})
	require.ErrorIs(t, err, separation.ErrDuplicateRetirement)
	require.ErrorIs(t, err, separation.ErrConflict, "ErrDuplicateRetirement refines ErrConflict")
	for _, emp := range []string{"emp-2", "emp-3"} {
		_, err := s.GetRetirement(ctx, emp)
		assert.ErrorIs(t, err, separation.ErrNotFound, "%s: nothing is stored", emp)
	}
	got, err := s.GetRetirement(ctx, "emp-1")
	require.NoError(t, err)
	assert.Equal(t, normRetirement(a), normRetirement(got), "the stored retirement is kept")
}

func testLargeRetirements(t *testing.T, s separation.Store) {
	ctx := context.Background()
	f := NewFixture(18)
	const n = 2500
	rs := make([]separation.Retirement, n)
	first := d(1447, 1, 1)
	for i := range rs {
		day, err := first.AddDays(i % 400)
		require.NoError(t, err)
		rs[i] = f.Retirement(fmt.Sprintf("emp-%05d", i), day, at(0))
	}
	require.NoError(t, s.PutRetirements(ctx, rs))
	require.NoError(t, s.PutRetirements(ctx, rs), "rewriting them all replaces them")
	var got []separation.Retirement
	after := ""
	for {
		page, err := s.ListRetirements(ctx, separation.RetirementFilter{AgencyID: f.Agency, After: after, Limit: 1000})
		require.NoError(t, err)
		if len(page) == 0 {
			break
		}
		got = append(got, page...)
		after = page[len(page)-1].EmployeeID
	}
	require.Len(t, got, n)
	for i := 1; i < n; i++ {
		p, q := got[i-1], got[i]
		require.True(t, p.LastDay.Before(q.LastDay) || (p.LastDay == q.LastDay && p.EmployeeID < q.EmployeeID),
			"%d: %s %s then %s %s", i, p.LastDay, p.EmployeeID, q.LastDay, q.EmployeeID)
	}
}

func testListRetirements(t *testing.T, s separation.Store) {
	ctx := context.Background()
	f := NewFixture(19)
	put := func(emp, agency string, lastDay hijri.Date) separation.Retirement {
		r := f.Retirement(emp, lastDay, at(0))
		r.AgencyID = agency
		return r
	}
	rs := []separation.Retirement{
		put("emp-b", "AGY-001", d(1447, 3, 1)),
		put("emp-a", "AGY-001", d(1447, 3, 1)),
		put("emp-B", "AGY-001", d(1447, 3, 1)), // "B" < "a" < "b" in byte order
		put("emp-c", "AGY-001", d(1447, 1, 1)),
		put("emp-d", "AGY-001", d(1447, 6, 29)),
		put("emp-e", "AGY-001", d(1448, 1, 1)),
		put("emp-x", "AGY-002", d(1447, 3, 1)),
		put("emp-y", "AGY-002", d(1447, 2, 1)),
	}
	require.NoError(t, s.PutRetirements(ctx, rs))
	for _, tc := range []struct {
		name string
		f    separation.RetirementFilter
		want []string
	}{
		{"agency", separation.RetirementFilter{AgencyID: "AGY-001"}, []string{"emp-c", "emp-B", "emp-a", "emp-b", "emp-d", "emp-e"}},
		{"other agency", separation.RetirementFilter{AgencyID: "AGY-002"}, []string{"emp-y", "emp-x"}},
		{"unknown agency", separation.RetirementFilter{AgencyID: "AGY-404"}, []string{}},
		{"from inclusive", separation.RetirementFilter{AgencyID: "AGY-001", From: d(1447, 3, 1)}, []string{"emp-B", "emp-a", "emp-b", "emp-d", "emp-e"}},
		{"to inclusive", separation.RetirementFilter{AgencyID: "AGY-001", To: d(1447, 3, 1)}, []string{"emp-c", "emp-B", "emp-a", "emp-b"}},
		{"range", separation.RetirementFilter{AgencyID: "AGY-001", From: d(1447, 1, 2), To: d(1447, 6, 29)}, []string{"emp-B", "emp-a", "emp-b", "emp-d"}},
		{"one day", separation.RetirementFilter{AgencyID: "AGY-001", From: d(1447, 3, 1), To: d(1447, 3, 1)}, []string{"emp-B", "emp-a", "emp-b"}},
		{"limit", separation.RetirementFilter{AgencyID: "AGY-001", Limit: 2}, []string{"emp-c", "emp-B"}},
		{"after", separation.RetirementFilter{AgencyID: "AGY-001", After: "emp-B", Limit: 2}, []string{"emp-a", "emp-b"}},
		{"after, range", separation.RetirementFilter{AgencyID: "AGY-001", After: "emp-a", To: d(1447, 6, 29)}, []string{"emp-b", "emp-d"}},
		{"after outside the range", separation.RetirementFilter{AgencyID: "AGY-001", After: "emp-c", From: d(1447, 6, 1)}, []string{"emp-d", "emp-e"}},
		{"after another agency's", separation.RetirementFilter{AgencyID: "AGY-001", After: "emp-x"}, []string{"emp-d", "emp-e"}},
		{"after another agency's earlier", separation.RetirementFilter{AgencyID: "AGY-001", After: "emp-y"}, []string{"emp-B", "emp-a", "emp-b", "emp-d", "emp-e"}},
		{"after the last", separation.RetirementFilter{AgencyID: "AGY-001", After: "emp-e"}, []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.ListRetirements(ctx, tc.f)
			require.NoError(t, err)
			assert.Equal(t, tc.want, append([]string{}, employeeIDs(got)...))
		})
	}
	got, err := s.ListRetirements(ctx, separation.RetirementFilter{AgencyID: "AGY-002", Limit: 1})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, normRetirement(rs[7]), normRetirement(got[0]))
}

func testJoinsTransaction(t *testing.T, s separation.Store) {
	tx, ok := s.(txn.Transactor)
	if !ok {
		t.Skip("the store runs no transactions")
	}
	ctx := context.Background()
	f := NewFixture(20)
	boom := errors.New("boom")
	c := f.Case("emp-1", separation.CauseResignation, d(1447, 1, 10), at(0))
	r := f.Retirement("emp-1", d(1447, 5, 1), at(0))
	err := tx.InTx(ctx, func(ctx context.Context) error {
		created, err := s.CreateCase(ctx, c)
		require.NoError(t, err)
		_, err = s.GetCase(ctx, c.ID)
		require.NoError(t, err, "the transaction sees its own writes")
		created.State = separation.Accepted
		_, err = s.UpdateCase(ctx, created)
		require.NoError(t, err)
		require.NoError(t, s.PutRetirements(ctx, []separation.Retirement{r}))
		_, err = s.GetRetirement(ctx, "emp-1")
		require.NoError(t, err)
		return boom
	})
	require.ErrorIs(t, err, boom)
	_, err = s.GetCase(ctx, c.ID)
	assert.ErrorIs(t, err, separation.ErrNotFound)
	_, err = s.GetRetirement(ctx, "emp-1")
	assert.ErrorIs(t, err, separation.ErrNotFound)

	// A refused write inside a transaction changes nothing and the
	// transaction goes on.
	require.NoError(t, tx.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.CreateCase(ctx, c); err != nil {
			return err
		}
		_, err := s.CreateCase(ctx, f.Case("emp-1", separation.CauseDeath, d(1447, 1, 11), at(1)))
		require.ErrorIs(t, err, separation.ErrCaseOpen)
		stale := c
		stale.Version = 9
		_, err = s.UpdateCase(ctx, stale)
		require.ErrorIs(t, err, separation.ErrConflict)
		err = s.PutRetirements(ctx, []separation.Retirement{r, r})
		require.ErrorIs(t, err, separation.ErrDuplicateRetirement)
		return s.PutRetirements(ctx, []separation.Retirement{r})
	}))
	assert.Equal(t, int64(1), getCase(t, s, c.ID).Version, "a committed transaction keeps its writes")
	_, err = s.GetRetirement(ctx, "emp-1")
	assert.NoError(t, err)
}

func testContextCancelled(t *testing.T, s separation.Store) {
	f := NewFixture(21)
	c := createCase(t, s, f.Case("emp-1", separation.CauseResignation, d(1447, 1, 10), at(0)))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	canceled := func(name string, err error) {
		t.Helper()
		assert.True(t, errors.Is(err, context.Canceled), "%s: %v", name, err)
	}
	_, err := s.CreateCase(ctx, f.Case("emp-2", separation.CauseResignation, d(1447, 1, 10), at(1)))
	canceled("create", err)
	_, err = s.GetCase(ctx, c.ID)
	canceled("get", err)
	u := c
	u.Note = "x"
	_, err = s.UpdateCase(ctx, u)
	canceled("update", err)
	_, err = s.ListCases(ctx, separation.Filter{})
	canceled("list", err)
	canceled("put retirements", s.PutRetirements(ctx, []separation.Retirement{f.Retirement("emp-1", d(1447, 5, 1), at(0))}))
	_, err = s.GetRetirement(ctx, "emp-1")
	canceled("get retirement", err)
	_, err = s.ListRetirements(ctx, separation.RetirementFilter{AgencyID: f.Agency})
	canceled("list retirements", err)
	_, err = s.GetRetirement(context.Background(), "emp-1")
	assert.ErrorIs(t, err, separation.ErrNotFound, "the cancelled write stored nothing")
	assertCase(t, c, getCase(t, s, c.ID))
}
