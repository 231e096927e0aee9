package grievancetest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/hijri"
)

// Run runs the conformance suite of grievance.Store, one subtest per
// behaviour. newStore must return a new, empty store for each call and
// register its cleanup with t.Cleanup. Subtests do not run in parallel with
// each other; some start goroutines that call the store concurrently.
func Run(t *testing.T, newStore func(t *testing.T) grievance.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s grievance.Store)
	}{
		{"CreateAndGet", testCreateAndGet},
		{"CreateAllocatesNationallyPerYear", testSequenceNationalPerYear},
		{"CreateDuplicateID", testCreateDuplicateID},
		{"NotFound", testNotFound},
		{"UpdateCompareAndSwap", testUpdateCAS},
		{"ValuesAreCopies", testCopies},
		{"ListFilters", testListFilters},
		{"ListOrderAndPaging", testListOrderAndPaging},
		{"LargeListPaging", testLargeListPaging},
		{"ListCursorOutsideFilter", testListCursorOutsideFilter},
		{"ListUnknownCursor", testListUnknownCursor},
		{"ConcurrentTrackingNumbers", testConcurrentTrackingNumbers},
		{"ConcurrentUpdatesOneWins", testConcurrentUpdates},
		{"ArabicTextRoundTrip", testArabicRoundTrip},
		{"LimitationRoundTrip", testLimitationRoundTrip},
		{"ContextCancelled", testContextCancelled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, newStore(t))
		})
	}
}

// base is the suite's reference instant: 2025-07-01 09:00:00.123456 UTC (1447-01-06).
var base = time.Date(2025, 7, 1, 9, 0, 0, 123456000, time.UTC)

const year = 1447

func at(i int) time.Time { return base.Add(time.Duration(i) * time.Minute) }

func due(day int) hijri.Date { return hijri.MustNew(year, 3, day) }

// normalize makes equal grievances compare equal across adapters: instants
// in UTC, empty slices as nil.
func normalize(g grievance.Grievance) grievance.Grievance {
	g = g.Clone()
	g.FiledAt, g.UpdatedAt = g.FiledAt.UTC(), g.UpdatedAt.UTC()
	if g.Limitation != nil {
		g.Limitation.RecordedAt = g.Limitation.RecordedAt.UTC()
	}
	if len(g.Attachments) == 0 {
		g.Attachments = nil
	}
	if len(g.History) == 0 {
		g.History = nil
	}
	for i := range g.History {
		g.History[i].At = g.History[i].At.UTC()
		if len(g.History[i].Attachments) == 0 {
			g.History[i].Attachments = nil
		}
	}
	return g
}

func assertSame(t *testing.T, want, got grievance.Grievance) {
	t.Helper()
	assert.Equal(t, normalize(want), normalize(got))
}

func create(t *testing.T, s grievance.Store, g grievance.Grievance) grievance.Grievance {
	t.Helper()
	out, err := s.CreateGrievance(context.Background(), g)
	require.NoError(t, err)
	return out
}

func testCreateAndGet(t *testing.T, s grievance.Store) {
	ctx := context.Background()
	f := NewFixture(1)
	in := f.Grievance("AGY-1", year, at(0), due(10))
	in.Version = 42                              // ignored
	in.TrackingNumber.Seq = 777                  // ignored
	in.Decision.Date = hijri.MustNew(year, 1, 1) // a month start
	in.Decision.LearntOn = hijri.MustNew(1446, 12, 29)
	got, err := s.CreateGrievance(ctx, in)
	require.NoError(t, err)

	want := in
	want.Version = 1
	want.TrackingNumber = grievance.TrackingNumber{Year: year, Seq: 1}
	assertSame(t, want, got)

	byID, err := s.GetGrievance(ctx, in.ID)
	require.NoError(t, err)
	assertSame(t, want, byID)

	byNumber, err := s.GetGrievanceByTrackingNumber(ctx, want.TrackingNumber)
	require.NoError(t, err)
	assertSame(t, want, byNumber)
	assert.True(t, byNumber.FiledAt.Equal(base), "instants keep microseconds")
}

// Tracking numbers come from one national sequence per Hijri year: one
// filer filing against two agencies gets two different numbers, and each
// number names one grievance.
func testSequenceNationalPerYear(t *testing.T, s grievance.Store) {
	f := NewFixture(2)
	type key struct {
		agency string
		year   int
	}
	steps := []struct {
		k    key
		want int
	}{
		{key{"A", year}, 1}, {key{"A", year}, 2}, {key{"B", year}, 3},
		{key{"A", year + 1}, 1}, {key{"A", year}, 4}, {key{"B", year}, 5}, {key{"B", year + 1}, 2},
	}
	made := make([]grievance.Grievance, len(steps))
	filer := f.Filer().NationalID // one person, against both agencies
	for i, st := range steps {
		g := f.Grievance(st.k.agency, st.k.year, at(i), due(10))
		g.Filer = filer
		made[i] = create(t, s, g)
		assert.Equal(t, grievance.TrackingNumber{Year: st.k.year, Seq: st.want}, made[i].TrackingNumber, "step %d", i)
	}
	for i, g := range made {
		got, err := s.GetGrievanceByTrackingNumber(context.Background(), g.TrackingNumber)
		require.NoError(t, err, "step %d", i)
		assert.Equal(t, g.ID, got.ID, "step %d: the number names this grievance", i)
		assert.Equal(t, steps[i].k.agency, got.Agency)
	}
}

func testCreateDuplicateID(t *testing.T, s grievance.Store) {
	ctx := context.Background()
	f := NewFixture(3)
	first := create(t, s, f.Grievance("A", year, at(0), due(10)))
	dup := f.Grievance("A", year, at(1), due(10))
	dup.ID = first.ID
	_, err := s.CreateGrievance(ctx, dup)
	require.Error(t, err)
	assert.ErrorIs(t, err, grievance.ErrConflict)

	got, err := s.GetGrievance(ctx, first.ID)
	require.NoError(t, err)
	assertSame(t, first, got)
	// The failed create allocated no number: the next one is 2.
	next := create(t, s, f.Grievance("A", year, at(2), due(10)))
	assert.Equal(t, 2, next.TrackingNumber.Seq)
}

func testNotFound(t *testing.T, s grievance.Store) {
	ctx := context.Background()
	f := NewFixture(4)
	_, err := s.GetGrievance(ctx, "no-such-id")
	assert.ErrorIs(t, err, grievance.ErrNotFound)

	g := create(t, s, f.Grievance("A", year, at(0), due(10)))
	_, err = s.GetGrievanceByTrackingNumber(ctx, grievance.TrackingNumber{Year: year, Seq: 2})
	assert.ErrorIs(t, err, grievance.ErrNotFound)
	_, err = s.GetGrievanceByTrackingNumber(ctx, grievance.TrackingNumber{Year: year + 1, Seq: g.TrackingNumber.Seq})
	assert.ErrorIs(t, err, grievance.ErrNotFound, "numbers are per year")

	missing := f.Grievance("A", year, at(1), due(10))
	missing.Version = 1
	_, err = s.UpdateGrievance(ctx, missing)
	assert.ErrorIs(t, err, grievance.ErrNotFound)
}

func testUpdateCAS(t *testing.T, s grievance.Store) {
	ctx := context.Background()
	f := NewFixture(5)
	g := create(t, s, f.Grievance("A", year, at(0), due(10)))

	g1 := g
	g1.Status = grievance.StatusUnderReview
	g1.UpdatedAt = at(5)
	g1.History = append(g1.Clone().History, grievance.StatusChange{
		Action: grievance.ActionStartReview, From: grievance.StatusSubmitted, To: grievance.StatusUnderReview,
		Actor: f.Staff(grievance.RoleHRSpecialist), At: at(5), On: g.FiledOn, Note: "بدأت الدراسة",
	})
	got, err := s.UpdateGrievance(ctx, g1)
	require.NoError(t, err)
	want := g1
	want.Version = 2
	assertSame(t, want, got)

	// A stale version loses and changes nothing.
	stale := g
	stale.Status = grievance.StatusWithdrawn
	_, err = s.UpdateGrievance(ctx, stale)
	require.Error(t, err)
	assert.ErrorIs(t, err, grievance.ErrConflict)
	// A version from the future loses too.
	future := got
	future.Version = 9
	_, err = s.UpdateGrievance(ctx, future)
	assert.ErrorIs(t, err, grievance.ErrConflict)

	stored, err := s.GetGrievance(ctx, g.ID)
	require.NoError(t, err)
	assertSame(t, want, stored)

	// Answered with dates and outcome, then version 3.
	g2 := stored
	g2.Status, g2.Outcome, g2.Response = grievance.StatusAnswered, grievance.OutcomeRejected, "السبب"
	g2.EscalationDue = hijri.MustNew(year, 5, 30)
	g2.ClosedOn = hijri.MustNew(year, 2, 29)
	g2.Reopens = 1
	g2.Route = grievance.RouteCourt
	out, err := s.UpdateGrievance(ctx, g2)
	require.NoError(t, err)
	assert.Equal(t, int64(3), out.Version)
	stored, err = s.GetGrievance(ctx, g.ID)
	require.NoError(t, err)
	g2.Version = 3
	assertSame(t, g2, stored)
}

func testCopies(t *testing.T, s grievance.Store) {
	ctx := context.Background()
	f := NewFixture(6)
	in := f.Grievance("A", year, at(0), due(10))
	out, err := s.CreateGrievance(ctx, in)
	require.NoError(t, err)
	want := normalize(out)

	// Changing the input or the output after the call changes nothing stored.
	in.Attachments[0].Name = "changed-in"
	in.History[0].Note = "changed-in"
	in.History[0].Attachments[0].Name = "changed-in"
	out.Attachments[0].Name = "changed-out"
	out.History[0].Note = "changed-out"
	out.History[0].Attachments[0].Ref = "changed-out"

	got, err := s.GetGrievance(ctx, in.ID)
	require.NoError(t, err)
	assert.Equal(t, want, normalize(got))

	// Results of Get, List and Update are copies too.
	got.Attachments[0].Name = "changed-get"
	got.History[0].Attachments[0].Name = "changed-get"
	list, err := s.ListGrievances(ctx, grievance.Filter{})
	require.NoError(t, err)
	require.Len(t, list, 1)
	list[0].History[0].Note = "changed-list"
	list[0].Attachments[0].Ref = "changed-list"

	upd := normalize(want)
	upd.Status = grievance.StatusUnderReview
	updated, err := s.UpdateGrievance(ctx, upd)
	require.NoError(t, err)
	upd.Attachments[0].Name = "changed-update-in"
	updated.History[0].Note = "changed-update-out"

	final, err := s.GetGrievance(ctx, in.ID)
	require.NoError(t, err)
	want.Status, want.Version = grievance.StatusUnderReview, 2
	assert.Equal(t, want, normalize(final))
}

func idsOf(gs []grievance.Grievance) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.ID
	}
	return out
}

func testListFilters(t *testing.T, s grievance.Store) {
	ctx := context.Background()
	f := NewFixture(7)
	a1 := f.Grievance("A", year, at(0), due(10))
	a2 := f.Grievance("A", year, at(1), due(20))
	a2.Kind = grievance.KindRightsClaim
	a3 := f.Grievance("A", year, at(2), hijri.Date{}) // no answer period
	a3.Kind = grievance.KindPerformanceRating
	b1 := f.Grievance("B", year, at(3), due(5))
	b1.Filer = a1.Filer // the same person filed against two agencies
	a1 = create(t, s, a1)
	a2 = create(t, s, a2)
	a3 = create(t, s, a3)
	b1 = create(t, s, b1)

	// Answered a2.
	a2.Status, a2.Outcome = grievance.StatusAnswered, grievance.OutcomeAccepted
	a2, err := s.UpdateGrievance(ctx, a2)
	require.NoError(t, err)

	cases := []struct {
		name string
		f    grievance.Filter
		want []grievance.Grievance
	}{
		{"all", grievance.Filter{}, []grievance.Grievance{a1, a2, a3, b1}},
		{"agency", grievance.Filter{Agency: "A"}, []grievance.Grievance{a1, a2, a3}},
		{"unknown agency", grievance.Filter{Agency: "Z"}, nil},
		{"filer", grievance.Filter{Filer: a1.Filer}, []grievance.Grievance{a1, b1}},
		{"filer and agency", grievance.Filter{Filer: a1.Filer, Agency: "B"}, []grievance.Grievance{b1}},
		{"tracking number", grievance.Filter{TrackingNumber: b1.TrackingNumber}, []grievance.Grievance{b1}},
		{"tracking number and agency", grievance.Filter{TrackingNumber: a2.TrackingNumber, Agency: "A"}, []grievance.Grievance{a2}},
		{"tracking number of another agency", grievance.Filter{TrackingNumber: b1.TrackingNumber, Agency: "A"}, nil},
		{"kinds", grievance.Filter{Kinds: []grievance.Kind{grievance.KindRightsClaim, grievance.KindPerformanceRating}}, []grievance.Grievance{a2, a3}},
		{"statuses", grievance.Filter{Statuses: []grievance.Status{grievance.StatusAnswered}}, []grievance.Grievance{a2}},
		{"open statuses", grievance.Filter{Statuses: grievance.OpenStatuses()}, []grievance.Grievance{a1, a3, b1}},
		{"answer due before (strict)", grievance.Filter{AnswerDueBefore: due(10)}, []grievance.Grievance{b1}},
		{"answer due before, next day", grievance.Filter{AnswerDueBefore: due(11)}, []grievance.Grievance{a1, b1}},
		{"answer due before, far", grievance.Filter{AnswerDueBefore: hijri.MustNew(1500, 1, 1)}, []grievance.Grievance{a1, a2, b1}},
		{"sweep query", grievance.Filter{Kinds: []grievance.Kind{grievance.KindDecision, grievance.KindRightsClaim},
			Statuses: grievance.OpenStatuses(), AnswerDueBefore: due(30)}, []grievance.Grievance{a1, b1}},
		{"limit", grievance.Filter{Limit: 2}, []grievance.Grievance{a1, a2}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.ListGrievances(ctx, tc.f)
			require.NoError(t, err)
			assert.Equal(t, idsOf(tc.want), idsOf(got))
			for i := range got {
				if i < len(tc.want) {
					assertSame(t, tc.want[i], got[i])
				}
			}
		})
	}
}

// before reports whether a comes before b in ListGrievances's order:
// FiledAt, then ID in byte order.
func before(a, b grievance.Grievance) bool {
	if !a.FiledAt.Equal(b.FiledAt) {
		return a.FiledAt.Before(b.FiledAt)
	}
	return a.ID < b.ID
}

// pageAll lists f page by page, limit at a time, each page after the ID of
// the last grievance of the one before, and returns every page.
func pageAll(t *testing.T, s grievance.Store, f grievance.Filter, limit int) [][]grievance.Grievance {
	t.Helper()
	var pages [][]grievance.Grievance
	f.Limit = limit
	for range 1000 {
		page, err := s.ListGrievances(context.Background(), f)
		require.NoError(t, err)
		pages = append(pages, page)
		if len(page) < limit {
			return pages
		}
		f.After = page[len(page)-1].ID
	}
	t.Fatal("paging does not end")
	return nil
}

func testListOrderAndPaging(t *testing.T, s grievance.Store) {
	ctx := context.Background()
	f := NewFixture(8)
	// Created out of order; two share an instant, so ID breaks the tie.
	var made []grievance.Grievance
	for _, i := range []int{5, 1, 3, 3, 0, 4} {
		made = append(made, create(t, s, f.Grievance("A", year, at(i), due(10))))
	}
	all, err := s.ListGrievances(ctx, grievance.Filter{})
	require.NoError(t, err)
	require.Len(t, all, len(made))
	for i := 1; i < len(all); i++ {
		assert.True(t, before(all[i-1], all[i]), "order at %d: %v %s then %v %s", i,
			all[i-1].FiledAt, all[i-1].ID, all[i].FiledAt, all[i].ID)
	}

	var paged []grievance.Grievance
	for _, page := range pageAll(t, s, grievance.Filter{}, 4) {
		paged = append(paged, page...)
	}
	assert.Equal(t, idsOf(all), idsOf(paged))

	// After each grievance: exactly those that follow it.
	for i, g := range all {
		rest, err := s.ListGrievances(ctx, grievance.Filter{After: g.ID})
		require.NoError(t, err)
		assert.Equal(t, idsOf(all[i+1:]), idsOf(rest), "after %d", i)
	}
	// After the very last: nothing, and no error.
	rest, err := s.ListGrievances(ctx, grievance.Filter{After: all[len(all)-1].ID})
	require.NoError(t, err)
	assert.Empty(t, rest)
}

func testLargeListPaging(t *testing.T, s grievance.Store) {
	f := NewFixture(9)
	const n = 250
	for i := range n {
		agency := "A"
		if i%5 == 0 {
			agency = "B"
		}
		create(t, s, f.Grievance(agency, year, at(i%37), due(1+i%29)))
	}
	seen := map[string]bool{}
	var prev *grievance.Grievance
	pages := pageAll(t, s, grievance.Filter{Agency: "A"}, 40)
	for _, page := range pages {
		for _, g := range page {
			assert.Equal(t, "A", g.Agency)
			assert.False(t, seen[g.ID], "duplicate %s", g.ID)
			seen[g.ID] = true
			if prev != nil {
				assert.True(t, before(*prev, g))
			}
			prev = &g
		}
	}
	assert.Len(t, seen, n-n/5)
	assert.Len(t, pages, 6, "five full pages of 40, then an empty one")
}

// A cursor names a position, not a match: the grievance it names may no
// longer match the filter (the sweep pages on after grievances it has just
// deemed rejected).
func testListCursorOutsideFilter(t *testing.T, s grievance.Store) {
	ctx := context.Background()
	f := NewFixture(14)
	var made []grievance.Grievance
	for i := range 4 {
		made = append(made, create(t, s, f.Grievance("A", year, at(i), due(10))))
	}
	moved := made[1]
	moved.Status = grievance.StatusDeemedRejected
	_, err := s.UpdateGrievance(ctx, moved)
	require.NoError(t, err)

	got, err := s.ListGrievances(ctx, grievance.Filter{Statuses: grievance.OpenStatuses(), After: moved.ID})
	require.NoError(t, err)
	assert.Equal(t, idsOf(made[2:]), idsOf(got))
	got, err = s.ListGrievances(ctx, grievance.Filter{Agency: "B", After: made[0].ID})
	require.NoError(t, err)
	assert.Empty(t, got, "a cursor of another agency's list")
}

// A cursor that names no grievance is ErrNotFound, whatever the filter: a
// stale or mistyped cursor is reported, not taken for the end of the list.
func testListUnknownCursor(t *testing.T, s grievance.Store) {
	ctx := context.Background()
	f := NewFixture(15)
	g := create(t, s, f.Grievance("A", year, at(0), due(10)))
	for _, tc := range []struct {
		name string
		f    grievance.Filter
	}{
		{"no filter", grievance.Filter{After: "no-such-id"}},
		{"filtered", grievance.Filter{Agency: "A", Limit: 10, After: "no-such-id"}},
		{"a tracking number is not a cursor", grievance.Filter{After: g.TrackingNumber.String()}},
		{"an ID's extension", grievance.Filter{After: g.ID + "x"}},
		{"an ID's prefix", grievance.Filter{After: g.ID[:len(g.ID)-1]}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.ListGrievances(ctx, tc.f)
			assert.ErrorIs(t, err, grievance.ErrNotFound)
			assert.Empty(t, got)
		})
	}
}

func testConcurrentTrackingNumbers(t *testing.T, s grievance.Store) {
	ctx := context.Background()
	f := NewFixture(10)
	const n = 64
	in := make([]grievance.Grievance, n)
	for i := range in {
		in[i] = f.Grievance("A", year, at(i), due(10))
	}
	seqs := make([]int, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			g, err := s.CreateGrievance(ctx, in[i])
			seqs[i], errs[i] = g.TrackingNumber.Seq, err
		})
	}
	close(start)
	wg.Wait()
	seen := map[int]bool{}
	for i := range n {
		require.NoError(t, errs[i])
		assert.False(t, seen[seqs[i]], "tracking number %d allocated twice", seqs[i])
		seen[seqs[i]] = true
	}
	for seq := 1; seq <= n; seq++ {
		assert.True(t, seen[seq], "tracking number %d missing: numbers must be 1..%d without gaps", seq, n)
	}
	for i := range n {
		g, err := s.GetGrievanceByTrackingNumber(ctx, grievance.TrackingNumber{Year: year, Seq: seqs[i]})
		require.NoError(t, err)
		assert.Equal(t, in[i].ID, g.ID)
	}
}

func testConcurrentUpdates(t *testing.T, s grievance.Store) {
	ctx := context.Background()
	f := NewFixture(11)
	g := create(t, s, f.Grievance("A", year, at(0), due(10)))
	for round := range 20 {
		cur, err := s.GetGrievance(ctx, g.ID)
		require.NoError(t, err)
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([]error, 2)
		for i := range 2 {
			wg.Go(func() {
				u := cur.Clone()
				u.Response = []string{"first", "second"}[i]
				<-start
				_, errs[i] = s.UpdateGrievance(ctx, u)
			})
		}
		close(start)
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else {
				assert.ErrorIs(t, err, grievance.ErrConflict)
			}
		}
		require.Equal(t, 1, ok, "round %d: exactly one update wins", round)
		after, err := s.GetGrievance(ctx, g.ID)
		require.NoError(t, err)
		assert.Equal(t, cur.Version+1, after.Version)
	}
}

func testArabicRoundTrip(t *testing.T, s grievance.Store) {
	ctx := context.Background()
	f := NewFixture(12)
	in := f.Grievance("وزارة-الموارد", year, at(0), due(10))
	in.Subject = "تَظَلُّمٌ مِنْ قَرَارِ النَّقْلِ"
	in.SubSubject = "نقل \u200fمكاني\u200f — «عاجل»"
	in.Description = "السطر الأول\nالسطر الثاني ١٢٣٤٥٦٧٨٩٠ ۱۲۳ 👍🏽 لا\u200dم"
	in.Decision.Number = "٤٥/ق/١٤٤٧"
	in.Attachments[0].Name = "صورة القرار (نسخة).pdf"
	in.History[0].Note = "ملاحظة: \"اقتباس\" و'اقتباس'"
	out := create(t, s, in)
	got, err := s.GetGrievance(ctx, in.ID)
	require.NoError(t, err)
	assert.Equal(t, in.Subject, got.Subject)
	assert.Equal(t, in.SubSubject, got.SubSubject)
	assert.Equal(t, in.Description, got.Description)
	assert.Equal(t, in.Decision.Number, got.Decision.Number)
	assert.Equal(t, in.Attachments[0].Name, got.Attachments[0].Name)
	assert.Equal(t, in.History[0].Note, got.History[0].Note)
	assertSame(t, out, got)
	byNumber, err := s.GetGrievanceByTrackingNumber(ctx, out.TrackingNumber)
	require.NoError(t, err)
	assert.Equal(t, in.ID, byNumber.ID)
	list, err := s.ListGrievances(ctx, grievance.Filter{Agency: "وزارة-الموارد"})
	require.NoError(t, err)
	assert.Equal(t, []string{in.ID}, idsOf(list))
}

// A late filing's limitation (claim, then the recorded exception) and the
// history entry recording it round-trip; a timely grievance has none.
func testLimitationRoundTrip(t *testing.T, s grievance.Store) {
	ctx := context.Background()
	f := NewFixture(16)
	in := f.Grievance("A", year, at(0), due(10))
	in.Kind = grievance.KindRightsClaim
	in.Limitation = &grievance.Limitation{Claim: "كنت مبتعثاً خارج المملكة طوال المدة"}
	g := create(t, s, in)
	require.NotNil(t, g.Limitation)
	assert.True(t, g.Limitation.Pending())
	got, err := s.GetGrievance(ctx, g.ID)
	require.NoError(t, err)
	assertSame(t, g, got)

	manager := f.Staff(grievance.RoleHRManager)
	got.Limitation.Ground, got.Limitation.Reason = grievance.GroundExcuse, "ثبت الابتعاث بخطاب الملحقية"
	got.Limitation.RecordedBy, got.Limitation.RecordedAt, got.Limitation.RecordedOn = manager, at(5), got.FiledOn
	got.History = append(got.History, grievance.StatusChange{Action: grievance.ActionRecordException,
		From: got.Status, To: got.Status, Actor: manager, At: at(5), On: got.FiledOn,
		Note: got.Limitation.Reason, Exception: grievance.GroundExcuse})
	want, err := s.UpdateGrievance(ctx, got)
	require.NoError(t, err)
	stored, err := s.GetGrievance(ctx, g.ID)
	require.NoError(t, err)
	assertSame(t, want, stored)
	assert.False(t, stored.Limitation.Pending())
	assert.Equal(t, grievance.GroundExcuse, stored.History[1].Exception)

	timely := create(t, s, f.Grievance("A", year, at(1), due(10)))
	back, err := s.GetGrievance(ctx, timely.ID)
	require.NoError(t, err)
	assert.Nil(t, back.Limitation)
}

func testContextCancelled(t *testing.T, s grievance.Store) {
	f := NewFixture(13)
	g := create(t, s, f.Grievance("A", year, at(0), due(10)))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	_, err := s.CreateGrievance(ctx, f.Grievance("A", year, at(1), due(10)))
	assert.True(t, errors.Is(err, context.Canceled), "create: %v", err)
	_, err = s.GetGrievance(ctx, g.ID)
	assert.True(t, errors.Is(err, context.Canceled), "get: %v", err)
	_, err = s.GetGrievanceByTrackingNumber(ctx, g.TrackingNumber)
	assert.True(t, errors.Is(err, context.Canceled), "get by number: %v", err)
	u := g
	u.Status = grievance.StatusWithdrawn
	_, err = s.UpdateGrievance(ctx, u)
	assert.True(t, errors.Is(err, context.Canceled), "update: %v", err)
	_, err = s.ListGrievances(ctx, grievance.Filter{})
	assert.True(t, errors.Is(err, context.Canceled), "list: %v", err)

	// Nothing changed, and no tracking number was consumed.
	bg := context.Background()
	all, err := s.ListGrievances(bg, grievance.Filter{})
	require.NoError(t, err)
	assert.Equal(t, []string{g.ID}, idsOf(all))
	assert.Equal(t, int64(1), all[0].Version)
	next := create(t, s, f.Grievance("A", year, at(2), due(10)))
	assert.Equal(t, 2, next.TrackingNumber.Seq)
}
