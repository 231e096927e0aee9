package jobaudittest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/jobaudit"
	"github.com/masarhr/masar-go/txn"
)

// Run runs the conformance suite of jobaudit.Store, one subtest per
// behaviour. newStore must return a new, empty store for each call and
// register its cleanup with t.Cleanup. Subtests do not run in parallel with
// each other; some start goroutines that call the store concurrently. A
// store that is a txn.Transactor is also checked to join its transactions.
func Run(t *testing.T, newStore func(t *testing.T) jobaudit.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s jobaudit.Store)
	}{
		{"CreateAndGet", testCreateAndGet},
		{"NotFound", testNotFound},
		{"CreateDuplicateID", testDuplicate},
		{"UpdateCompareAndSwap", testCAS},
		{"UpdateKeepsImmutableFields", testImmutable},
		{"ConcurrentUpdatesOneWins", testConcurrent},
		{"ListFilters", testListFilters},
		{"ListOrderAndPaging", testPaging},
		{"ListUnknownCursor", testUnknownCursor},
		{"ValuesAreCopies", testCopies},
		{"ArabicText", testArabic},
		{"JoinsTransaction", testJoinsTransaction},
		{"ContextCancelled", testCancelled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore(t)) })
	}
}

// base is the suite's reference instant, with microseconds every adapter keeps.
var base = time.Date(2025, 7, 1, 9, 0, 0, 123456000, time.UTC)

func at(i int) time.Time { return base.Add(time.Duration(i) * time.Minute) }

func normV(v jobaudit.Variable) jobaudit.Variable {
	v = v.Clone()
	v.CreatedAt, v.UpdatedAt = v.CreatedAt.UTC(), v.UpdatedAt.UTC()
	for i := range v.Transitions {
		v.Transitions[i].At = v.Transitions[i].At.UTC()
	}
	if len(v.Documents) == 0 {
		v.Documents = nil
	}
	if len(v.Transitions) == 0 {
		v.Transitions = nil
	}
	return v
}

func normQ(q jobaudit.QualificationRequest) jobaudit.QualificationRequest {
	q = q.Clone()
	q.CreatedAt, q.UpdatedAt, q.DecidedAt = q.CreatedAt.UTC(), q.UpdatedAt.UTC(), q.DecidedAt.UTC()
	if len(q.Qualification.Documents) == 0 {
		q.Qualification.Documents = nil
	}
	return q
}

func testCreateAndGet(t *testing.T, s jobaudit.Store) {
	ctx := context.Background()
	f := NewFixture(1)
	v := f.Variable("emp-1", at(0))
	v.Version = 7
	got, err := s.CreateVariable(ctx, v)
	require.NoError(t, err)
	assert.Equal(t, int64(1), got.Version)
	v.Version = 1
	assert.Equal(t, normV(v), normV(got))
	read, err := s.GetVariable(ctx, v.ID)
	require.NoError(t, err)
	assert.Equal(t, normV(v), normV(read))

	q := f.Request("emp-1", at(1))
	gq, err := s.CreateRequest(ctx, q)
	require.NoError(t, err)
	q.Version = 1
	assert.Equal(t, normQ(q), normQ(gq))
	rq, err := s.GetRequest(ctx, q.ID)
	require.NoError(t, err)
	assert.Equal(t, normQ(q), normQ(rq))
}

func testNotFound(t *testing.T, s jobaudit.Store) {
	ctx := context.Background()
	f := NewFixture(2)
	_, err := s.GetVariable(ctx, "nope")
	assert.ErrorIs(t, err, jobaudit.ErrNotFound)
	_, err = s.GetRequest(ctx, "nope")
	assert.ErrorIs(t, err, jobaudit.ErrNotFound)
	v := f.Variable("emp-1", at(0))
	v.Version = 1
	_, err = s.UpdateVariable(ctx, v)
	assert.ErrorIs(t, err, jobaudit.ErrNotFound)
	q := f.Request("emp-1", at(0))
	q.Version = 1
	_, err = s.UpdateRequest(ctx, q)
	assert.ErrorIs(t, err, jobaudit.ErrNotFound)
}

func testDuplicate(t *testing.T, s jobaudit.Store) {
	ctx := context.Background()
	f := NewFixture(3)
	v := f.Variable("emp-1", at(0))
	_, err := s.CreateVariable(ctx, v)
	require.NoError(t, err)
	v2 := f.Variable("emp-2", at(1))
	v2.ID = v.ID
	_, err = s.CreateVariable(ctx, v2)
	assert.ErrorIs(t, err, jobaudit.ErrConflict)
	got, err := s.GetVariable(ctx, v.ID)
	require.NoError(t, err)
	assert.Equal(t, "emp-1", got.EmployeeID)

	q := f.Request("emp-1", at(0))
	_, err = s.CreateRequest(ctx, q)
	require.NoError(t, err)
	_, err = s.CreateRequest(ctx, q)
	assert.ErrorIs(t, err, jobaudit.ErrConflict)
}

func testCAS(t *testing.T, s jobaudit.Store) {
	ctx := context.Background()
	f := NewFixture(4)
	v, err := s.CreateVariable(ctx, f.Variable("emp-1", at(0)))
	require.NoError(t, err)
	v.State, v.Notes = jobaudit.Returned, "أرفق القرار"
	v2, err := s.UpdateVariable(ctx, v)
	require.NoError(t, err)
	assert.Equal(t, int64(2), v2.Version)
	_, err = s.UpdateVariable(ctx, v) // stale
	assert.ErrorIs(t, err, jobaudit.ErrConflict)
	got, err := s.GetVariable(ctx, v.ID)
	require.NoError(t, err)
	assert.Equal(t, normV(v2), normV(got))

	q, err := s.CreateRequest(ctx, f.Request("emp-1", at(0)))
	require.NoError(t, err)
	q.State, q.Reason = jobaudit.RequestRejected, "غير واضح"
	q2, err := s.UpdateRequest(ctx, q)
	require.NoError(t, err)
	assert.Equal(t, int64(2), q2.Version)
	_, err = s.UpdateRequest(ctx, q)
	assert.ErrorIs(t, err, jobaudit.ErrConflict)
}

func testImmutable(t *testing.T, s jobaudit.Store) {
	ctx := context.Background()
	f := NewFixture(5)
	v, err := s.CreateVariable(ctx, f.Variable("emp-1", at(0)))
	require.NoError(t, err)
	u := v
	u.EmployeeID, u.AgencyID, u.CreatedAt = "other", "AGY-999", at(99)
	u.Maker = f.IDs.Citizen()
	_, err = s.UpdateVariable(ctx, u)
	require.NoError(t, err)
	got, err := s.GetVariable(ctx, v.ID)
	require.NoError(t, err)
	assert.Equal(t, "emp-1", got.EmployeeID)
	assert.Equal(t, v.AgencyID, got.AgencyID)
	assert.Equal(t, v.Maker, got.Maker)
	assert.True(t, v.CreatedAt.Equal(got.CreatedAt))
}

func testConcurrent(t *testing.T, s jobaudit.Store) {
	ctx := context.Background()
	f := NewFixture(6)
	v, err := s.CreateVariable(ctx, f.Variable("emp-1", at(0)))
	require.NoError(t, err)
	const n = 8
	for round := range 5 {
		cur, err := s.GetVariable(ctx, v.ID)
		require.NoError(t, err)
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				u := cur
				u.Notes = fmt.Sprintf("writer %d", i)
				<-start
				_, errs[i] = s.UpdateVariable(ctx, u)
			})
		}
		close(start)
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else {
				assert.ErrorIs(t, err, jobaudit.ErrConflict)
			}
		}
		require.Equal(t, 1, ok, "round %d: exactly one update wins", round)
	}
}

func ids(vs []jobaudit.Variable) []string {
	out := []string{}
	for _, v := range vs {
		out = append(out, v.ID)
	}
	return out
}

func testListFilters(t *testing.T, s jobaudit.Store) {
	ctx := context.Background()
	f := NewFixture(7)
	a := f.Variable("emp-1", at(0))
	b := f.Variable("emp-2", at(1))
	b.State = jobaudit.Draft
	c := f.Variable("emp-1", at(2))
	c.AgencyID = "AGY-002"
	c.Maker = a.Maker
	for _, v := range []jobaudit.Variable{a, b, c} {
		_, err := s.CreateVariable(ctx, v)
		require.NoError(t, err)
	}
	list := func(fl jobaudit.VariableFilter) []string {
		t.Helper()
		vs, err := s.ListVariables(ctx, fl)
		require.NoError(t, err)
		return ids(vs)
	}
	assert.Equal(t, []string{a.ID, b.ID, c.ID}, list(jobaudit.VariableFilter{}))
	assert.Equal(t, []string{a.ID, b.ID}, list(jobaudit.VariableFilter{AgencyID: f.Agency}))
	assert.Equal(t, []string{a.ID, c.ID}, list(jobaudit.VariableFilter{EmployeeID: "emp-1"}))
	assert.Equal(t, []string{b.ID}, list(jobaudit.VariableFilter{State: jobaudit.Draft}))
	assert.Equal(t, []string{a.ID, c.ID}, list(jobaudit.VariableFilter{Maker: a.Maker.String()}))

	q1 := f.Request("emp-1", at(0))
	q2 := f.Request("emp-2", at(1))
	q2.State = jobaudit.RequestDocumented
	for _, q := range []jobaudit.QualificationRequest{q1, q2} {
		_, err := s.CreateRequest(ctx, q)
		require.NoError(t, err)
	}
	qs, err := s.ListRequests(ctx, jobaudit.RequestFilter{State: jobaudit.RequestSubmitted, AgencyID: f.Agency})
	require.NoError(t, err)
	require.Len(t, qs, 1)
	assert.Equal(t, q1.ID, qs[0].ID)
	qs, err = s.ListRequests(ctx, jobaudit.RequestFilter{EmployeeID: "emp-2"})
	require.NoError(t, err)
	require.Len(t, qs, 1)
	assert.Equal(t, q2.ID, qs[0].ID)
}

func testPaging(t *testing.T, s jobaudit.Store) {
	ctx := context.Background()
	f := NewFixture(8)
	var want []string
	for i := range 7 {
		v := f.Variable(fmt.Sprintf("emp-%d", i), at(10-i)) // creation order is not the list order
		_, err := s.CreateVariable(ctx, v)
		require.NoError(t, err)
		want = append(want, v.ID)
		_, err = s.CreateRequest(ctx, f.Request(fmt.Sprintf("emp-%d", i), at(i)))
		require.NoError(t, err)
	}
	var got []string
	after := ""
	for {
		vs, err := s.ListVariables(ctx, jobaudit.VariableFilter{After: after, Limit: 3})
		require.NoError(t, err)
		if len(vs) == 0 {
			break
		}
		assert.LessOrEqual(t, len(vs), 3)
		got = append(got, ids(vs)...)
		after = vs[len(vs)-1].ID
	}
	assert.Equal(t, want, got)
	// After names an item the filter does not match: the list still starts after it.
	vs, err := s.ListVariables(ctx, jobaudit.VariableFilter{After: want[1], EmployeeID: "emp-4"})
	require.NoError(t, err)
	assert.Equal(t, []string{want[4]}, ids(vs))

	n, after := 0, ""
	for {
		qs, err := s.ListRequests(ctx, jobaudit.RequestFilter{After: after, Limit: 2})
		require.NoError(t, err)
		if len(qs) == 0 {
			break
		}
		n += len(qs)
		after = qs[len(qs)-1].ID
	}
	assert.Equal(t, 7, n)
}

func testUnknownCursor(t *testing.T, s jobaudit.Store) {
	ctx := context.Background()
	_, err := s.ListVariables(ctx, jobaudit.VariableFilter{After: "nope"})
	assert.ErrorIs(t, err, jobaudit.ErrCursorNotFound)
	assert.ErrorIs(t, err, jobaudit.ErrNotFound)
	_, err = s.ListRequests(ctx, jobaudit.RequestFilter{After: "nope"})
	assert.ErrorIs(t, err, jobaudit.ErrCursorNotFound)
}

func testCopies(t *testing.T, s jobaudit.Store) {
	ctx := context.Background()
	f := NewFixture(9)
	v := f.Variable("emp-1", at(0))
	created, err := s.CreateVariable(ctx, v)
	require.NoError(t, err)
	v.Events[0].Job.Rank = 14
	v.Documents[0].Name = "changed"
	created.Transitions[0].Note = "changed"
	created.Events[0].Job.Step = 9
	got, err := s.GetVariable(ctx, v.ID)
	require.NoError(t, err)
	assert.Equal(t, 8, got.Events[0].Job.Rank)
	assert.Equal(t, 1, got.Events[0].Job.Step)
	assert.Equal(t, "قرار.pdf", got.Documents[0].Name)
	assert.Empty(t, got.Transitions[0].Note)
	got.Events[0].Job.Rank = 3
	again, err := s.GetVariable(ctx, v.ID)
	require.NoError(t, err)
	assert.Equal(t, 8, again.Events[0].Job.Rank)

	q := f.Request("emp-1", at(0))
	_, err = s.CreateRequest(ctx, q)
	require.NoError(t, err)
	q.Equivalency.Number = "changed"
	gq, err := s.GetRequest(ctx, q.ID)
	require.NoError(t, err)
	assert.Equal(t, "م/١٢٣", gq.Equivalency.Number)
}

func testArabic(t *testing.T, s jobaudit.Store) {
	ctx := context.Background()
	f := NewFixture(10)
	v := f.Variable("emp-1", at(0))
	v.Notes = "يُرجى إرفاق صورة القرار رقم ٤٥ — مع التوقيع"
	v.Events[0].Note = "ترقية إلى المرتبة الثامنة"
	_, err := s.CreateVariable(ctx, v)
	require.NoError(t, err)
	got, err := s.GetVariable(ctx, v.ID)
	require.NoError(t, err)
	assert.Equal(t, v.Notes, got.Notes)
	assert.Equal(t, v.Events[0].Note, got.Events[0].Note)
	assert.Equal(t, v.Decision.Number, got.Decision.Number)
	q := f.Request("emp-1", at(0))
	q.Reason = "الشهادة غير مصدقة"
	_, err = s.CreateRequest(ctx, q)
	require.NoError(t, err)
	gq, err := s.GetRequest(ctx, q.ID)
	require.NoError(t, err)
	assert.Equal(t, q.Reason, gq.Reason)
	assert.Equal(t, q.Qualification.Specialization, gq.Qualification.Specialization)
}

func testJoinsTransaction(t *testing.T, s jobaudit.Store) {
	tx, ok := s.(txn.Transactor)
	if !ok {
		t.Skip("the store runs no transactions")
	}
	ctx := context.Background()
	f := NewFixture(11)
	boom := errors.New("boom")
	v := f.Variable("emp-1", at(0))
	q := f.Request("emp-1", at(0))
	err := tx.InTx(ctx, func(ctx context.Context) error {
		_, err := s.CreateVariable(ctx, v)
		require.NoError(t, err)
		_, err = s.GetVariable(ctx, v.ID)
		require.NoError(t, err, "the transaction sees its own writes")
		_, err = s.CreateRequest(ctx, q)
		require.NoError(t, err)
		return boom
	})
	require.ErrorIs(t, err, boom)
	_, err = s.GetVariable(ctx, v.ID)
	assert.ErrorIs(t, err, jobaudit.ErrNotFound)
	_, err = s.GetRequest(ctx, q.ID)
	assert.ErrorIs(t, err, jobaudit.ErrNotFound)
}

func testCancelled(t *testing.T, s jobaudit.Store) {
	f := NewFixture(12)
	v, err := s.CreateVariable(context.Background(), f.Variable("emp-1", at(0)))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	canceled := func(name string, err error) {
		t.Helper()
		assert.True(t, errors.Is(err, context.Canceled), "%s: %v", name, err)
	}
	_, err = s.CreateVariable(ctx, f.Variable("emp-2", at(1)))
	canceled("create", err)
	_, err = s.GetVariable(ctx, v.ID)
	canceled("get", err)
	_, err = s.UpdateVariable(ctx, v)
	canceled("update", err)
	_, err = s.ListVariables(ctx, jobaudit.VariableFilter{})
	canceled("list", err)
	_, err = s.CreateRequest(ctx, f.Request("emp-1", at(0)))
	canceled("create request", err)
	_, err = s.GetRequest(ctx, "x")
	canceled("get request", err)
	_, err = s.ListRequests(ctx, jobaudit.RequestFilter{})
	canceled("list requests", err)
	got, err := s.GetVariable(context.Background(), v.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(1), got.Version)
}
