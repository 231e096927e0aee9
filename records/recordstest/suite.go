package recordstest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
)

// Run runs the conformance suite of records.Store: one subtest per
// behaviour, each on a fresh store from newStore (register cleanup with
// t.Cleanup). Every adapter's tests call it.
func Run(t *testing.T, newStore func(t *testing.T) records.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s records.Store)
	}{
		{"CreateAndGetEmployee", testCreateAndGet},
		{"WritesReturnStored", testWritesReturnStored},
		{"NotFound", testNotFound},
		{"DuplicateEmployee", testDuplicateEmployee},
		{"UpdateEmployeeVersion", testUpdateEmployee},
		{"ListEmployeesFiltersOrderPaging", testListEmployees},
		{"HistoryAppend", testHistoryAppend},
		{"HistoryReplace", testHistoryReplace},
		{"HistoryRoundTripArabic", testHistoryRoundTrip},
		{"HistorySpellsAndKinds", testHistorySpells},
		{"HistoryLarge", testHistoryLarge},
		{"ListOrderIsByteOrder", testByteOrder},
		{"CopiesNotAliased", testCopies},
		{"CorrectionCreateGetList", testCorrections},
		{"CorrectionUpdateVersion", testCorrectionUpdate},
		{"CorrectionListByFileAgency", testCorrectionsByFileAgency},
		{"DecideCorrectionAtomic", testDecideAtomic},
		{"DecideCorrectionConcurrent", testDecideConcurrent},
		{"ConcurrentHistoryAppend", testConcurrentAppend},
		{"Statements", testStatements},
		{"ServiceRejectsBadIDs", testServiceBadIDs},
		{"ContextCancelled", testContextCancelled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore(t)) })
	}
}

var base = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

// at returns the i-th test instant, a minute apart.
func at(i int) time.Time { return base.Add(time.Duration(i) * time.Minute) }

func d(y, m, dd int) hijri.Date { return hijri.MustNew(y, m, dd) }

// fixture returns a realistic file and its history with the given ID.
func fixture(gen *identitytest.Generator, id string, i int) (records.Employee, []records.HistoryEvent) {
	b := NewEmployee(gen)
	return b.Employee(id, at(i)), b.History()
}

func create(t *testing.T, s records.Store, e records.Employee, h []records.HistoryEvent) {
	t.Helper()
	stored, err := s.CreateEmployee(context.Background(), e, h)
	require.NoError(t, err)
	assert.Equal(t, int64(1), stored.Version, "CreateEmployee returns the file as stored, version 1")
}

// errOf returns the error of a write, for checks that need only that.
func errOf[T any](_ T, err error) error { return err }

// normEmployee makes e comparable across adapters: UTC instants, nil for empty slices.
func normEmployee(e records.Employee) records.Employee {
	e = e.Clone()
	e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	if len(e.Qualifications) == 0 {
		e.Qualifications = nil
	}
	for i := range e.Qualifications {
		if len(e.Qualifications[i].Documents) == 0 {
			e.Qualifications[i].Documents = nil
		}
	}
	return e
}

func normHistory(h []records.HistoryEvent) []records.HistoryEvent {
	h = records.CloneHistory(h)
	if len(h) == 0 {
		return nil
	}
	return h
}

func normCorrection(c records.Correction) records.Correction {
	c = c.Clone()
	c.CreatedAt, c.UpdatedAt, c.DecidedAt, c.TermsAcceptedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC(), c.DecidedAt.UTC(), c.TermsAcceptedAt.UTC()
	if len(c.Changes) == 0 {
		c.Changes = nil
	}
	if len(c.Documents) == 0 {
		c.Documents = nil
	}
	if len(c.AddQualifications) == 0 {
		c.AddQualifications = nil
	}
	for i := range c.AddQualifications {
		if len(c.AddQualifications[i].Documents) == 0 {
			c.AddQualifications[i].Documents = nil
		}
	}
	return c
}

func assertEmployee(t *testing.T, want, got records.Employee) {
	t.Helper()
	assert.Equal(t, normEmployee(want), normEmployee(got))
}

// sortedByStartID orders h as ListHistoryEvents must: by Start, then ID.
func sortedByStartID(h []records.HistoryEvent) []records.HistoryEvent {
	h = records.CloneHistory(h)
	for i := 1; i < len(h); i++ {
		for j := i; j > 0; j-- {
			a, b := h[j-1], h[j]
			if c := a.Start.Compare(b.Start); c > 0 || c == 0 && a.ID > b.ID {
				h[j-1], h[j] = h[j], h[j-1]
			}
		}
	}
	return normHistory(h)
}

func assertHistory(t *testing.T, s records.Store, id string, want []records.HistoryEvent) {
	t.Helper()
	got, err := s.ListHistoryEvents(context.Background(), id)
	require.NoError(t, err)
	assert.Equal(t, sortedByStartID(want), normHistory(got))
}

func testCreateAndGet(t *testing.T, s records.Store) {
	ctx := context.Background()
	gen := identitytest.NewGenerator(1)
	e, h := fixture(gen, "emp-1", 0)
	e.Version = 7 // Create stores version 1 whatever it is given
	create(t, s, e, h)
	e.Version = 1

	got, err := s.GetEmployee(ctx, "emp-1")
	require.NoError(t, err)
	assertEmployee(t, e, got)

	got, err = s.GetEmployeeByNationalID(ctx, e.NationalID)
	require.NoError(t, err)
	assertEmployee(t, e, got)

	assertHistory(t, s, "emp-1", h)

	// A file with an empty history.
	e2, _ := fixture(gen, "emp-2", 1)
	create(t, s, e2, nil)
	got2, err := s.ListHistoryEvents(ctx, "emp-2")
	require.NoError(t, err)
	assert.NotNil(t, got2, "an empty history is an empty slice, not nil")
	assert.Empty(t, got2)
}

// testWritesReturnStored checks that every write returns the aggregate as
// the matching read then returns it: version 1 on create, Version+1 on an
// update, and nothing but the error on a failed write.
func testWritesReturnStored(t *testing.T, s records.Store) {
	ctx := context.Background()
	gen := identitytest.NewGenerator(23)
	e, h := fixture(gen, "emp-1", 0)
	e.Version = 5
	stored, err := s.CreateEmployee(ctx, e, h)
	require.NoError(t, err)
	assert.Equal(t, int64(1), stored.Version)
	readEmployee := func() records.Employee {
		t.Helper()
		got, err := s.GetEmployee(ctx, "emp-1")
		require.NoError(t, err)
		return got
	}
	assertEmployee(t, readEmployee(), stored)

	upd := stored
	upd.Contact.Address = "الخبر"
	upd.UpdatedAt = at(1)
	stored, err = s.UpdateEmployee(ctx, upd)
	require.NoError(t, err)
	assert.Equal(t, int64(2), stored.Version)
	assert.Equal(t, "الخبر", stored.Contact.Address)
	assertEmployee(t, readEmployee(), stored)

	stored.UpdatedAt = at(2)
	stored, err = s.AppendHistoryEvents(ctx, stored, []records.HistoryEvent{event("w-1", records.KindLeave, d(1446, 2, 1), d(1446, 2, 3))})
	require.NoError(t, err)
	assert.Equal(t, int64(3), stored.Version)
	assertEmployee(t, readEmployee(), stored)

	stored.UpdatedAt = at(3)
	stored, err = s.ReplaceHistoryEvents(ctx, stored, h)
	require.NoError(t, err)
	assert.Equal(t, int64(4), stored.Version)
	assertEmployee(t, readEmployee(), stored)

	failed, err := s.UpdateEmployee(ctx, upd)
	assert.ErrorIs(t, err, records.ErrConflict)
	assert.Zero(t, failed, "a failed write returns the zero value")

	c := correction("c-1", "emp-1", "moe", 1)
	c.Version = 4
	sc, err := s.CreateCorrection(ctx, c)
	require.NoError(t, err)
	assert.Equal(t, int64(1), sc.Version)
	readCorrection := func() records.Correction {
		t.Helper()
		got, err := s.GetCorrection(ctx, "c-1")
		require.NoError(t, err)
		return got
	}
	assert.Equal(t, normCorrection(readCorrection()), normCorrection(sc))

	w := sc.Clone()
	w.Status, w.UpdatedAt = records.CorrectionWithdrawn, at(4)
	sc, err = s.UpdateCorrection(ctx, w)
	require.NoError(t, err)
	assert.Equal(t, int64(2), sc.Version)
	assert.Equal(t, normCorrection(readCorrection()), normCorrection(sc))

	file := readEmployee()
	changed := file.Clone()
	changed.Name.AR.Family = "آل قحطان"
	sc, err = s.DecideCorrection(ctx, decided(sc), &changed)
	require.NoError(t, err)
	assert.Equal(t, int64(3), sc.Version)
	assert.Equal(t, records.CorrectionApproved, sc.Status)
	assert.Equal(t, normCorrection(readCorrection()), normCorrection(sc))
	changed.Version = file.Version + 1
	assertEmployee(t, changed, readEmployee())

	st := statement("st-1", "emp-1", "AAAA-BBBB-CCCC-DDDD")
	sst, err := s.CreateStatement(ctx, st)
	require.NoError(t, err)
	got, err := s.GetStatementByCode(ctx, st.Code)
	require.NoError(t, err)
	assert.Equal(t, normStatement(got), normStatement(sst))
}

func testNotFound(t *testing.T, s records.Store) {
	ctx := context.Background()
	gen := identitytest.NewGenerator(2)
	e, h := fixture(gen, "emp-1", 0)

	_, err := s.GetEmployee(ctx, "nope")
	assert.ErrorIs(t, err, records.ErrNotFound)
	_, err = s.GetEmployeeByNationalID(ctx, e.NationalID)
	assert.ErrorIs(t, err, records.ErrNotFound)
	_, err = s.ListHistoryEvents(ctx, "nope")
	assert.ErrorIs(t, err, records.ErrNotFound)
	assert.ErrorIs(t, errOf(s.UpdateEmployee(ctx, e)), records.ErrNotFound)
	assert.ErrorIs(t, errOf(s.AppendHistoryEvents(ctx, e, h)), records.ErrNotFound)
	assert.ErrorIs(t, errOf(s.ReplaceHistoryEvents(ctx, e, h)), records.ErrNotFound)
	_, err = s.GetCorrection(ctx, "nope")
	assert.ErrorIs(t, err, records.ErrNotFound)
	c := correction("c-1", "emp-1", "moe", 0)
	assert.ErrorIs(t, errOf(s.CreateCorrection(ctx, c)), records.ErrNotFound, "no file emp-1")
	assert.ErrorIs(t, errOf(s.UpdateCorrection(ctx, c)), records.ErrNotFound)
	assert.ErrorIs(t, errOf(s.DecideCorrection(ctx, c, nil)), records.ErrNotFound)
	_, err = s.GetStatementByCode(ctx, "AAAA-BBBB-CCCC-DDDD")
	assert.ErrorIs(t, err, records.ErrNotFound)
	assert.ErrorIs(t, errOf(s.CreateStatement(ctx, statement("st-1", "emp-1", "AAAA-BBBB-CCCC-DDDD"))), records.ErrNotFound)
	_, err = s.ListEmployees(ctx, records.EmployeeFilter{After: "nope"})
	assert.ErrorIs(t, err, records.ErrNotFound)
	_, err = s.ListCorrections(ctx, records.CorrectionFilter{After: "nope"})
	assert.ErrorIs(t, err, records.ErrNotFound)

	// Decide on an existing request for a missing file changes nothing.
	create(t, s, e, h)
	require.NoError(t, errOf(s.CreateCorrection(ctx, c)))
	ghost := e
	ghost.ID = "ghost"
	assert.ErrorIs(t, errOf(s.DecideCorrection(ctx, decided(c), &ghost)), records.ErrNotFound)
	got, err := s.GetCorrection(ctx, "c-1")
	require.NoError(t, err)
	assert.Equal(t, records.CorrectionPending, got.Status)
	assert.Equal(t, int64(1), got.Version)
}

func testDuplicateEmployee(t *testing.T, s records.Store) {
	ctx := context.Background()
	gen := identitytest.NewGenerator(3)
	e, h := fixture(gen, "emp-1", 0)
	create(t, s, e, h)

	// Same ID, another national ID.
	other, otherH := fixture(gen, "emp-1", 1)
	assert.ErrorIs(t, errOf(s.CreateEmployee(ctx, other, otherH)), records.ErrConflict)

	// Same national ID, another ID.
	dupNID, _ := fixture(gen, "emp-2", 2)
	dupNID.NationalID = e.NationalID
	assert.ErrorIs(t, errOf(s.CreateEmployee(ctx, dupNID, nil)), records.ErrConflict)
	_, err := s.GetEmployee(ctx, "emp-2")
	assert.ErrorIs(t, err, records.ErrNotFound, "a failed create stores nothing")

	// An event ID that another file's event has.
	third, thirdH := fixture(gen, "emp-3", 3)
	thirdH[0].ID = h[0].ID
	assert.ErrorIs(t, errOf(s.CreateEmployee(ctx, third, thirdH)), records.ErrConflict)
	_, err = s.GetEmployee(ctx, "emp-3")
	assert.ErrorIs(t, err, records.ErrNotFound)
	_, err = s.GetEmployeeByNationalID(ctx, third.NationalID)
	assert.ErrorIs(t, err, records.ErrNotFound)

	// Two events of the new history with one ID.
	thirdH[0].ID, thirdH[1].ID = "same", "same"
	assert.ErrorIs(t, errOf(s.CreateEmployee(ctx, third, thirdH)), records.ErrConflict)

	// The failed attempts left the first file's events and national ID alone.
	assertHistory(t, s, "emp-1", h)
	thirdH[0].ID, thirdH[1].ID = "emp-3-a", "emp-3-b"
	create(t, s, third, thirdH)
}

func testUpdateEmployee(t *testing.T, s records.Store) {
	ctx := context.Background()
	gen := identitytest.NewGenerator(4)
	e, h := fixture(gen, "emp-1", 0)
	create(t, s, e, h)

	upd := e
	upd.Name.AR.First = "عبدالرحمن"
	upd.Contact.Address = "جدة، حي الروضة"
	upd.UpdatedAt = at(5)
	require.NoError(t, errOf(s.UpdateEmployee(ctx, upd)))
	got, err := s.GetEmployee(ctx, "emp-1")
	require.NoError(t, err)
	upd.Version = 2
	assertEmployee(t, upd, got)

	// Stale: written as read at version 1.
	stale := e
	stale.Name.AR.First = "قديم"
	assert.ErrorIs(t, errOf(s.UpdateEmployee(ctx, stale)), records.ErrConflict)
	got, err = s.GetEmployee(ctx, "emp-1")
	require.NoError(t, err)
	assertEmployee(t, upd, got)

	// A national ID another file has.
	other, otherH := fixture(gen, "emp-2", 1)
	create(t, s, other, otherH)
	taken := got
	taken.NationalID = other.NationalID
	assert.ErrorIs(t, errOf(s.UpdateEmployee(ctx, taken)), records.ErrConflict)

	// A new national ID moves the file's key.
	moved := got
	moved.NationalID = gen.Citizen()
	require.NoError(t, errOf(s.UpdateEmployee(ctx, moved)))
	_, err = s.GetEmployeeByNationalID(ctx, e.NationalID)
	assert.ErrorIs(t, err, records.ErrNotFound)
	got, err = s.GetEmployeeByNationalID(ctx, moved.NationalID)
	require.NoError(t, err)
	assert.Equal(t, int64(3), got.Version)
	assert.Equal(t, "emp-1", got.ID)
}

func ids(es []records.Employee) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func testListEmployees(t *testing.T, s records.Store) {
	ctx := context.Background()
	gen := identitytest.NewGenerator(5)
	// Created out of order; b and a share an instant, so ID breaks the tie.
	add := func(id string, i int, agency records.Agency, system records.EmploymentSystem, ended bool) {
		b := NewEmployee(gen)
		if agency.ID != MinistryOfEducation.ID {
			b.Transfer(d(1446, 1, 1), agency)
		}
		if ended {
			b.EndService(d(1446, 6, 30), records.EndResignation)
		}
		e := b.Employee(id, at(i))
		e.EmploymentSystem = system
		create(t, s, e, b.History())
	}
	add("e", 4, MinistryOfEducation, records.CivilService, false)
	add("b", 1, MinistryOfHealth, records.CivilService, false)
	add("a", 1, MinistryOfEducation, records.Military, false)
	add("d", 3, MinistryOfHealth, records.CivilService, true)
	add("c", 2, MinistryOfEducation, records.CivilService, true)

	all, err := s.ListEmployees(ctx, records.EmployeeFilter{})
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c", "d", "e"}, ids(all))

	moe, err := s.ListEmployees(ctx, records.EmployeeFilter{AgencyID: "moe"})
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "c", "e"}, ids(moe))

	civil, err := s.ListEmployees(ctx, records.EmployeeFilter{EmploymentSystem: records.CivilService})
	require.NoError(t, err)
	assert.Equal(t, []string{"b", "c", "d", "e"}, ids(civil))

	yes, no := true, false
	in, err := s.ListEmployees(ctx, records.EmployeeFilter{InService: &yes})
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "e"}, ids(in))
	out, err := s.ListEmployees(ctx, records.EmployeeFilter{InService: &no, AgencyID: "moh"})
	require.NoError(t, err)
	assert.Equal(t, []string{"d"}, ids(out))

	none, err := s.ListEmployees(ctx, records.EmployeeFilter{AgencyID: "nobody"})
	require.NoError(t, err)
	assert.Empty(t, none)

	// Paging by cursor.
	var pages [][]string
	after := ""
	for {
		p, err := s.ListEmployees(ctx, records.EmployeeFilter{After: after, Limit: 2})
		require.NoError(t, err)
		if len(p) == 0 {
			break
		}
		pages = append(pages, ids(p))
		after = p[len(p)-1].ID
	}
	assert.Equal(t, [][]string{{"a", "b"}, {"c", "d"}, {"e"}}, pages)

	// A cursor that the filter itself would not match still positions the page.
	p, err := s.ListEmployees(ctx, records.EmployeeFilter{AgencyID: "moe", After: "b"})
	require.NoError(t, err)
	assert.Equal(t, []string{"c", "e"}, ids(p))
}

// event returns a history event with the given ID.
func event(id string, kind records.EventKind, from, to hijri.Date) records.HistoryEvent {
	ev := records.HistoryEvent{ID: id, Kind: kind, Start: from, End: to}
	switch kind {
	case records.KindLeave:
		ev.Leave = records.ExceptionalLeave
	case records.KindTraining:
		ev.Location = records.InsideKingdom
	}
	return ev
}

func testHistoryAppend(t *testing.T, s records.Store) {
	ctx := context.Background()
	gen := identitytest.NewGenerator(6)
	e, h := fixture(gen, "emp-1", 0)
	create(t, s, e, h)

	add := []records.HistoryEvent{
		event("x-1", records.KindLeave, d(1446, 2, 1), d(1446, 2, 10)),
		event("x-2", records.KindTraining, d(1446, 3, 1), d(1446, 3, 5)),
	}
	upd := e
	upd.UpdatedAt = at(9)
	require.NoError(t, errOf(s.AppendHistoryEvents(ctx, upd, add)))
	got, err := s.GetEmployee(ctx, "emp-1")
	require.NoError(t, err)
	upd.Version = 2
	assertEmployee(t, upd, got)
	assertHistory(t, s, "emp-1", append(records.CloneHistory(h), add...))

	// Stale version: nothing appended, version unchanged.
	more := []records.HistoryEvent{event("x-3", records.KindLeave, d(1446, 5, 1), d(1446, 5, 2))}
	assert.ErrorIs(t, errOf(s.AppendHistoryEvents(ctx, e, more)), records.ErrConflict)
	// Duplicate event ID at the right version: nothing appended, version unchanged.
	dup := []records.HistoryEvent{event("x-3", records.KindLeave, d(1446, 5, 1), d(1446, 5, 2)), event("x-1", records.KindLeave, d(1446, 6, 1), d(1446, 6, 2))}
	assert.ErrorIs(t, errOf(s.AppendHistoryEvents(ctx, got, dup)), records.ErrConflict)
	again, err := s.GetEmployee(ctx, "emp-1")
	require.NoError(t, err)
	assert.Equal(t, int64(2), again.Version)
	assertHistory(t, s, "emp-1", append(records.CloneHistory(h), add...))
}

func testHistoryReplace(t *testing.T, s records.Store) {
	ctx := context.Background()
	gen := identitytest.NewGenerator(7)
	e, h := fixture(gen, "emp-1", 0)
	create(t, s, e, h)
	other, otherH := fixture(gen, "emp-2", 1)
	create(t, s, other, otherH)

	// Replace with the first three events (one of them edited) and a new one.
	repl := records.CloneHistory(h[:3])
	repl[1].End = d(1433, 10, 15)
	repl = append(repl, event("y-1", records.KindLeave, d(1446, 1, 1), d(1446, 1, 3)))
	require.NoError(t, errOf(s.ReplaceHistoryEvents(ctx, e, repl)))
	assertHistory(t, s, "emp-1", repl)
	got, err := s.GetEmployee(ctx, "emp-1")
	require.NoError(t, err)
	assert.Equal(t, int64(2), got.Version)

	// Stale.
	assert.ErrorIs(t, errOf(s.ReplaceHistoryEvents(ctx, e, h)), records.ErrConflict)
	// Another file's event ID: nothing replaced.
	bad := append(records.CloneHistory(repl), event(otherH[0].ID, records.KindLeave, d(1446, 2, 1), d(1446, 2, 3)))
	assert.ErrorIs(t, errOf(s.ReplaceHistoryEvents(ctx, got, bad)), records.ErrConflict)
	assertHistory(t, s, "emp-1", repl)

	// The IDs of removed events are free again; the replacement may be empty.
	reuse := []records.HistoryEvent{event(h[5].ID, records.KindLeave, d(1446, 2, 1), d(1446, 2, 3))}
	require.NoError(t, errOf(s.AppendHistoryEvents(ctx, other, reuse)))
	require.NoError(t, errOf(s.ReplaceHistoryEvents(ctx, got, nil)))
	empty, err := s.ListHistoryEvents(ctx, "emp-1")
	require.NoError(t, err)
	assert.Empty(t, empty)
}

func testHistoryRoundTrip(t *testing.T, s records.Store) {
	ctx := context.Background()
	gen := identitytest.NewGenerator(8)
	b := NewEmployee(gen).
		Transfer(d(1441, 1, 1), MinistryOfHealth).
		Secondment(records.HostInternational, d(1441, 6, 1), d(1442, 5, 29)).
		Scholarship(records.OutsideKingdom, d(1442, 9, 1), d(1444, 8, 30), records.NotAchieved).
		Suspension(d(1444, 10, 1), d(1444, 12, 15), records.Penalized).
		Penalty(records.PenaltyDeduction, d(1444, 12, 20), 5).
		Absence(d(1445, 1, 3), d(1445, 1, 4)).
		Leave(records.StudyLeave, d(1445, 6, 1), hijri.Date{})
	ev := records.HistoryEvent{
		Kind: records.KindAssignment, Start: d(1445, 2, 1), End: d(1445, 3, 29),
		Decision: records.Decision{Number: "٤٥/١٢٣ ق", Date: d(1445, 1, 25)},
		Job: &records.Job{Agency: MinistryOfHealth, Title: i18n.Text{AR: "مدير إدارة «التحول الرقمي»", EN: `Director, "Digital" <Transformation>`},
			ClassificationCode: "1213", SalaryScale: "general", Rank: 9, Step: 3, StartDate: d(1445, 2, 1)},
		Subject: "تكليف بإدارة مشروع المنصة الموحدة — المرحلة الثانية",
		Note:    "ملاحظة تتضمن علامات: \"اقتباس\" و'فاصلة' و\\ شرطة مائلة و\n سطر جديد و emoji 🇸🇦",
	}
	b.Event(ev)
	e, h := b.Employee("emp-ar", at(0)), b.History()
	e.Name.AR = records.PersonName{First: "عبدالرحمن", Father: "محمّد", Grandfather: "إبراهيم", Family: "آل الشيخ"}
	e.Contact.Address = "٣٤١٢ طريق الملك فهد، الرياض ١٢٢١١"
	create(t, s, e, h)
	got, err := s.GetEmployee(ctx, "emp-ar")
	require.NoError(t, err)
	assertEmployee(t, e, got)
	assertHistory(t, s, "emp-ar", h)
}

func testCopies(t *testing.T, s records.Store) {
	ctx := context.Background()
	gen := identitytest.NewGenerator(9)
	e, h := fixture(gen, "emp-1", 0)
	want, wantH := e.Clone(), records.CloneHistory(h)
	create(t, s, e, h)

	// Changing what was given changes nothing stored.
	e.Qualifications[0].Documents[0].Name = "changed"
	e.Qualifications[0].Specialization = "changed"
	h[0].Job.Rank = 15
	h[1].Note = "changed"

	got, err := s.GetEmployee(ctx, "emp-1")
	require.NoError(t, err)
	assertEmployee(t, want, got)
	assertHistory(t, s, "emp-1", wantH)

	// Changing what was returned changes nothing stored.
	require.NotEmpty(t, got.Qualifications)
	require.NotEmpty(t, got.Qualifications[0].Documents)
	got.Qualifications[0].Documents[0].Name = "changed"
	got.Qualifications = append(got.Qualifications[:0], records.Qualification{ID: "x"})
	gotH, err := s.ListHistoryEvents(ctx, "emp-1")
	require.NoError(t, err)
	for i := range gotH {
		if gotH[i].Job != nil {
			gotH[i].Job.Rank = 15
		}
	}
	list, err := s.ListEmployees(ctx, records.EmployeeFilter{})
	require.NoError(t, err)
	require.Len(t, list, 1)
	require.NotEmpty(t, list[0].Qualifications, "a returned value was changed through another returned value")
	require.NotEmpty(t, list[0].Qualifications[0].Documents)
	list[0].Qualifications[0].Documents[0].SHA256 = "changed"

	again, err := s.GetEmployee(ctx, "emp-1")
	require.NoError(t, err)
	assertEmployee(t, want, again)
	assertHistory(t, s, "emp-1", wantH)

	// Corrections and statements too.
	c := correction("c-1", "emp-1", "moe", 1)
	require.NoError(t, errOf(s.CreateCorrection(ctx, c)))
	c.Changes[0].New = "changed"
	c.Documents[0].Name = "changed"
	gc, err := s.GetCorrection(ctx, "c-1")
	require.NoError(t, err)
	require.NotEmpty(t, gc.Changes)
	require.NotEmpty(t, gc.AddQualifications)
	require.NotEmpty(t, gc.AddQualifications[0].Documents)
	gc.Changes[0].New = "changed again"
	gc.AddQualifications[0].Documents[0].Name = "changed"
	gc2, err := s.GetCorrection(ctx, "c-1")
	require.NoError(t, err)
	assert.Equal(t, normCorrection(correction("c-1", "emp-1", "moe", 1)), normCorrection(gc2))

	st := statement("st-1", "emp-1", "AAAA-BBBB-CCCC-DDDD")
	wantSt := st.Clone()
	require.NoError(t, errOf(s.CreateStatement(ctx, st)))
	st.Lines[0].Job.Rank = 15
	st.Service.Excluded[0].Causes[0].Basis = "changed"
	gs, err := s.GetStatementByCode(ctx, "AAAA-BBBB-CCCC-DDDD")
	require.NoError(t, err)
	require.NotEmpty(t, gs.Lines)
	require.NotNil(t, gs.Lines[0].Job)
	require.NotEmpty(t, gs.Service.Counted)
	gs.Lines[0].Job.Title.AR = "changed"
	gs.Service.Counted[0].Days = -1
	gs2, err := s.GetStatementByCode(ctx, "AAAA-BBBB-CCCC-DDDD")
	require.NoError(t, err)
	assert.Equal(t, normStatement(wantSt), normStatement(gs2))
}

// correction returns a pending request created at(i).
func correction(id, employeeID, agency string, i int) records.Correction {
	return records.Correction{
		ID: id, EmployeeID: employeeID, AgencyID: agency,
		Changes: []records.FieldChange{
			{Field: records.FieldNameARFamily, Old: "القحطاني", New: "آل قحطان"},
			{Field: records.FieldQualificationSpecialization, Target: employeeID + "-q-1", Old: "نظم المعلومات", New: "علوم الحاسب"},
		},
		AddQualifications: []records.Qualification{{Degree: records.Master, Specialization: "إدارة الأعمال", Institution: "جامعة الملك عبدالعزيز", ObtainedOn: d(1444, 9, 1),
			Documents: []records.Document{{Name: "شهادة الماجستير.pdf", MediaType: "application/pdf", Size: 2048, SHA256: "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0", StorageRef: "docs/m.pdf"}}}},
		Documents:     []records.Document{{Name: "صك تعديل الاسم.pdf", MediaType: "application/pdf", Size: 1024, SHA256: "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90", StorageRef: "docs/name.pdf"}},
		Justification: "تعديل اسم العائلة بموجب صك من الأحوال المدنية",
		TermsVersion:  "2025-01", TermsAcceptedAt: at(i), Status: records.CorrectionPending, RequestedBy: "self",
		CreatedAt: at(i), UpdatedAt: at(i), Version: 1,
	}
}

// decided returns c approved at at(100).
func decided(c records.Correction) records.Correction {
	c = c.Clone()
	c.Status, c.DecidedBy, c.DecidedAt, c.DecisionNote, c.UpdatedAt = records.CorrectionApproved, "reviewer", at(100), "موافق", at(100)
	return c
}

func cids(cs []records.Correction) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func testCorrections(t *testing.T, s records.Store) {
	ctx := context.Background()
	gen := identitytest.NewGenerator(10)
	e1, h1 := fixture(gen, "emp-1", 0)
	e2, h2 := fixture(gen, "emp-2", 0)
	create(t, s, e1, h1)
	create(t, s, e2, h2)

	c := correction("c-3", "emp-1", "moe", 3)
	c.Version = 9
	require.NoError(t, errOf(s.CreateCorrection(ctx, c)))
	c.Version = 1
	got, err := s.GetCorrection(ctx, "c-3")
	require.NoError(t, err)
	assert.Equal(t, normCorrection(c), normCorrection(got))
	assert.ErrorIs(t, errOf(s.CreateCorrection(ctx, c)), records.ErrConflict, "duplicate ID")

	for _, x := range []struct {
		id, emp, agency string
		i               int
		status          records.CorrectionStatus
	}{
		{"c-1", "emp-2", "moh", 1, records.CorrectionPending},
		{"c-2b", "emp-1", "moe", 2, records.CorrectionRejected},
		{"c-2a", "emp-2", "moe", 2, records.CorrectionPending},
		{"c-4", "emp-1", "moe", 4, records.CorrectionWithdrawn},
	} {
		cr := correction(x.id, x.emp, x.agency, x.i)
		cr.Status = x.status
		require.NoError(t, errOf(s.CreateCorrection(ctx, cr)))
	}
	list := func(f records.CorrectionFilter) []string {
		t.Helper()
		cs, err := s.ListCorrections(ctx, f)
		require.NoError(t, err)
		return cids(cs)
	}
	assert.Equal(t, []string{"c-1", "c-2a", "c-2b", "c-3", "c-4"}, list(records.CorrectionFilter{}))
	assert.Equal(t, []string{"c-2a", "c-2b", "c-3", "c-4"}, list(records.CorrectionFilter{AgencyID: "moe"}))
	assert.Equal(t, []string{"c-2b", "c-3", "c-4"}, list(records.CorrectionFilter{EmployeeID: "emp-1"}))
	assert.Equal(t, []string{"c-1", "c-2a", "c-3"}, list(records.CorrectionFilter{Status: records.CorrectionPending}))
	assert.Equal(t, []string{"c-2a", "c-3"}, list(records.CorrectionFilter{Status: records.CorrectionPending, AgencyID: "moe"}))
	assert.Equal(t, []string{"c-2a", "c-2b"}, list(records.CorrectionFilter{After: "c-1", Limit: 2}))
	assert.Equal(t, []string{"c-3", "c-4"}, list(records.CorrectionFilter{After: "c-2b", Limit: 2}))
	assert.Empty(t, list(records.CorrectionFilter{After: "c-4"}))
	assert.Empty(t, list(records.CorrectionFilter{AgencyID: "nobody"}))
}

func testCorrectionUpdate(t *testing.T, s records.Store) {
	ctx := context.Background()
	gen := identitytest.NewGenerator(11)
	e, h := fixture(gen, "emp-1", 0)
	create(t, s, e, h)
	c := correction("c-1", "emp-1", "moe", 1)
	require.NoError(t, errOf(s.CreateCorrection(ctx, c)))

	w := c.Clone()
	w.Status, w.DecidedBy, w.DecidedAt, w.UpdatedAt = records.CorrectionWithdrawn, "self", at(2), at(2)
	require.NoError(t, errOf(s.UpdateCorrection(ctx, w)))
	got, err := s.GetCorrection(ctx, "c-1")
	require.NoError(t, err)
	w.Version = 2
	assert.Equal(t, normCorrection(w), normCorrection(got))

	assert.ErrorIs(t, errOf(s.UpdateCorrection(ctx, c)), records.ErrConflict, "stale")
	assert.ErrorIs(t, errOf(s.DecideCorrection(ctx, decided(c), nil)), records.ErrConflict, "stale")
	got, err = s.GetCorrection(ctx, "c-1")
	require.NoError(t, err)
	assert.Equal(t, normCorrection(w), normCorrection(got))
}

func testDecideAtomic(t *testing.T, s records.Store) {
	ctx := context.Background()
	gen := identitytest.NewGenerator(12)
	e, h := fixture(gen, "emp-1", 0)
	create(t, s, e, h)
	c := correction("c-1", "emp-1", "moe", 1)
	require.NoError(t, errOf(s.CreateCorrection(ctx, c)))

	changed := e.Clone()
	changed.Name.AR.Family = "آل قحطان"
	changed.UpdatedAt = at(100)

	// The file moved on: neither is written.
	bump := e
	bump.Contact.Address = "الدمام"
	require.NoError(t, errOf(s.UpdateEmployee(ctx, bump)))
	assert.ErrorIs(t, errOf(s.DecideCorrection(ctx, decided(c), &changed)), records.ErrConflict)
	gc, err := s.GetCorrection(ctx, "c-1")
	require.NoError(t, err)
	assert.Equal(t, records.CorrectionPending, gc.Status)
	assert.Equal(t, int64(1), gc.Version)
	ge, err := s.GetEmployee(ctx, "emp-1")
	require.NoError(t, err)
	assert.Equal(t, int64(2), ge.Version)
	assert.Equal(t, e.Name.AR.Family, ge.Name.AR.Family)

	// At the right versions both are written.
	changed = ge.Clone()
	changed.Name.AR.Family = "آل قحطان"
	require.NoError(t, errOf(s.DecideCorrection(ctx, decided(c), &changed)))
	gc, err = s.GetCorrection(ctx, "c-1")
	require.NoError(t, err)
	want := decided(c)
	want.Version = 2
	assert.Equal(t, normCorrection(want), normCorrection(gc))
	ge, err = s.GetEmployee(ctx, "emp-1")
	require.NoError(t, err)
	changed.Version = 3
	assertEmployee(t, changed, ge)

	// A rejection writes the request only.
	c2 := correction("c-2", "emp-1", "moe", 2)
	require.NoError(t, errOf(s.CreateCorrection(ctx, c2)))
	rej := c2.Clone()
	rej.Status, rej.DecisionNote = records.CorrectionRejected, "المستند غير واضح"
	require.NoError(t, errOf(s.DecideCorrection(ctx, rej, nil)))
	ge2, err := s.GetEmployee(ctx, "emp-1")
	require.NoError(t, err)
	assert.Equal(t, int64(3), ge2.Version)
}

func testDecideConcurrent(t *testing.T, s records.Store) {
	ctx := context.Background()
	gen := identitytest.NewGenerator(13)
	e, h := fixture(gen, "emp-1", 0)
	create(t, s, e, h)
	c := correction("c-1", "emp-1", "moe", 1)
	require.NoError(t, errOf(s.CreateCorrection(ctx, c)))

	const n = 8
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dc := decided(c)
			dc.DecidedBy = "reviewer-" + strconv.Itoa(i)
			emp := e.Clone()
			var ep *records.Employee
			if i%2 == 0 {
				emp.Name.AR.Family = "آل قحطان"
				ep = &emp
			} else {
				dc.Status = records.CorrectionRejected
			}
			<-start
			errs[i] = errOf(s.DecideCorrection(ctx, dc, ep))
		}()
	}
	close(start)
	wg.Wait()
	wins := 0
	for _, err := range errs {
		if err == nil {
			wins++
		} else {
			assert.ErrorIs(t, err, records.ErrConflict)
		}
	}
	assert.Equal(t, 1, wins, "exactly one decider wins")
	gc, err := s.GetCorrection(ctx, "c-1")
	require.NoError(t, err)
	assert.Equal(t, int64(2), gc.Version)
	ge, err := s.GetEmployee(ctx, "emp-1")
	require.NoError(t, err)
	if gc.Status == records.CorrectionApproved {
		assert.Equal(t, int64(2), ge.Version)
	} else {
		assert.Equal(t, int64(1), ge.Version)
	}
}

func testConcurrentAppend(t *testing.T, s records.Store) {
	ctx := context.Background()
	gen := identitytest.NewGenerator(14)
	e, h := fixture(gen, "emp-1", 0)
	create(t, s, e, h)
	const n = 8
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ev := event("z-"+strconv.Itoa(i), records.KindLeave, d(1446, 1, 1+i), d(1446, 1, 1+i))
			errs[i] = errOf(s.AppendHistoryEvents(ctx, e, []records.HistoryEvent{ev}))
		}()
	}
	wg.Wait()
	wins := 0
	for _, err := range errs {
		if err == nil {
			wins++
		} else {
			assert.ErrorIs(t, err, records.ErrConflict)
		}
	}
	assert.Equal(t, 1, wins)
	got, err := s.ListHistoryEvents(ctx, "emp-1")
	require.NoError(t, err)
	assert.Len(t, got, len(h)+1)
}

// statement returns a statement value with every nested kind of field set.
func statement(id, employeeID, code string) records.Statement {
	job := records.Job{Agency: MinistryOfEducation, Title: i18n.Text{AR: "أخصائي", EN: "Specialist"}, Rank: 7, Step: 2, StartDate: d(1436, 5, 1)}
	return records.Statement{
		ID: id, Code: code, IssuedAt: at(50), IssuedOn: d(1446, 9, 1), AsOf: d(1446, 9, 1),
		EmployeeID: employeeID, NationalID: "1000000008",
		Name:      records.Names{AR: records.PersonName{First: "محمد", Family: "العتيبي"}, EN: records.PersonName{First: "Mohammed", Family: "Al-Otaibi"}},
		BirthDate: d(1400, 7, 1), Gender: records.Male, Nationality: "SA", EmploymentSystem: records.CivilService, Job: job,
		Lines: []records.StatementLine{{EventID: "ev-1", Kind: records.KindPromotion, From: d(1436, 5, 1), Job: &job,
			Detail: i18n.Text{AR: "تفاصيل", EN: "details"}, Decision: records.Decision{Number: "123", Date: d(1436, 4, 20)}}},
		Service: records.Duration{
			Purpose: records.PurposeTotal, Start: d(1432, 3, 15), AsOf: d(1446, 9, 1),
			Counted:   []records.Span{{From: d(1432, 3, 15), To: d(1446, 8, 29), Days: 5000, Period: hijri.Period{Years: 14, Months: 5, Days: 16}}},
			GrossDays: 5000, Gross: hijri.Period{Years: 14, Months: 5, Days: 16},
			Excluded: []records.Exclusion{{Span: records.Span{From: d(1440, 1, 1), To: d(1440, 1, 10), Days: 10, Period: hijri.Period{Days: 10}},
				Causes: []records.Cause{{EventID: "ev-9", Kind: records.KindAbsence, Basis: "Reg 48(b)(4)", Reason: i18n.Text{AR: "غياب", EN: "absence"}}}}},
			ExcludedDays: 10, ExcludedPeriod: hijri.Period{Days: 10}, Days: 4990, Period: hijri.Period{Years: 14, Months: 5, Days: 6},
		},
	}
}

func normStatement(s records.Statement) records.Statement {
	s = s.Clone()
	s.IssuedAt = s.IssuedAt.UTC()
	return s
}

func testStatements(t *testing.T, s records.Store) {
	ctx := context.Background()
	gen := identitytest.NewGenerator(15)
	e, h := fixture(gen, "emp-1", 0)
	create(t, s, e, h)

	st := statement("st-1", "emp-1", "AAAA-BBBB-CCCC-DDDD")
	require.NoError(t, errOf(s.CreateStatement(ctx, st)))
	got, err := s.GetStatementByCode(ctx, "AAAA-BBBB-CCCC-DDDD")
	require.NoError(t, err)
	assert.Equal(t, normStatement(st), normStatement(got))

	assert.ErrorIs(t, errOf(s.CreateStatement(ctx, statement("st-1", "emp-1", "EEEE-FFFF-GGGG-HHHH"))), records.ErrConflict, "duplicate ID")
	assert.ErrorIs(t, errOf(s.CreateStatement(ctx, statement("st-2", "emp-1", "AAAA-BBBB-CCCC-DDDD"))), records.ErrConflict, "duplicate code")
	_, err = s.GetStatementByCode(ctx, "EEEE-FFFF-GGGG-HHHH")
	assert.ErrorIs(t, err, records.ErrNotFound)
}

func testContextCancelled(t *testing.T, s records.Store) {
	gen := identitytest.NewGenerator(16)
	e, h := fixture(gen, "emp-1", 0)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	isCancelled := func(err error) bool { return errors.Is(err, context.Canceled) }

	assert.True(t, isCancelled(errOf(s.CreateEmployee(ctx, e, h))))
	_, err := s.GetEmployee(ctx, "emp-1")
	assert.True(t, isCancelled(err))
	_, err = s.GetEmployeeByNationalID(ctx, e.NationalID)
	assert.True(t, isCancelled(err))
	_, err = s.ListEmployees(ctx, records.EmployeeFilter{})
	assert.True(t, isCancelled(err))
	_, err = s.ListHistoryEvents(ctx, "emp-1")
	assert.True(t, isCancelled(err))
	assert.True(t, isCancelled(errOf(s.UpdateEmployee(ctx, e))))
	assert.True(t, isCancelled(errOf(s.AppendHistoryEvents(ctx, e, h))))
	assert.True(t, isCancelled(errOf(s.ReplaceHistoryEvents(ctx, e, h))))
	c := correction("c-1", "emp-1", "moe", 1)
	assert.True(t, isCancelled(errOf(s.CreateCorrection(ctx, c))))
	_, err = s.GetCorrection(ctx, "c-1")
	assert.True(t, isCancelled(err))
	_, err = s.ListCorrections(ctx, records.CorrectionFilter{})
	assert.True(t, isCancelled(err))
	assert.True(t, isCancelled(errOf(s.UpdateCorrection(ctx, c))))
	assert.True(t, isCancelled(errOf(s.DecideCorrection(ctx, c, &e))))
	assert.True(t, isCancelled(errOf(s.CreateStatement(ctx, statement("st-1", "emp-1", "AAAA-BBBB-CCCC-DDDD")))))
	_, err = s.GetStatementByCode(ctx, "AAAA-BBBB-CCCC-DDDD")
	assert.True(t, isCancelled(err))

	// Nothing was stored.
	_, err = s.GetEmployee(context.Background(), "emp-1")
	assert.ErrorIs(t, err, records.ErrNotFound)
	_, err = s.GetEmployeeByNationalID(context.Background(), identity.NationalID{})
	assert.ErrorIs(t, err, records.ErrNotFound)
}

// testHistoryLarge stores histories larger than one SQL statement's
// placeholders (6,000 events), replaces and appends in bulk, and checks that
// a duplicate at the very end of a large append stores nothing.
func testHistoryLarge(t *testing.T, s records.Store) {
	ctx := context.Background()
	e, h := fixture(identitytest.NewGenerator(21), "big", 0)
	last := h[len(h)-1].Start
	absences := func(prefix string, from hijri.Date, n int) []records.HistoryEvent {
		out := make([]records.HistoryEvent, n)
		for i := range out {
			day, err := from.AddDays(i + 1)
			require.NoError(t, err)
			out[i] = event(fmt.Sprintf("%s-%05d", prefix, i), records.KindAbsence, day, day)
			out[i].Note = "غياب بدون عذر رقم " + fmt.Sprint(i)
		}
		return out
	}
	big := append(records.CloneHistory(h), absences("a", last, 6000)...)
	create(t, s, e, big)
	assertHistory(t, s, "big", big)

	repl := append(records.CloneHistory(h), absences("r", last, 1000)...)
	require.NoError(t, errOf(s.ReplaceHistoryEvents(ctx, e, repl)))
	e.Version = 2
	more := absences("m", repl[len(repl)-1].Start, 1500)
	require.NoError(t, errOf(s.AppendHistoryEvents(ctx, e, more)))
	e.Version = 3
	want := append(records.CloneHistory(repl), more...)
	assertHistory(t, s, "big", want)

	dup := absences("d", more[len(more)-1].Start, 1200)
	dup[len(dup)-1].ID = repl[len(h)+500].ID
	assert.ErrorIs(t, errOf(s.AppendHistoryEvents(ctx, e, dup)), records.ErrConflict)
	assertHistory(t, s, "big", want)
}

// testByteOrder checks that lists order IDs by bytes, not by a locale's
// collation (where "a" < "B" < "é" < "Z"): files created at one instant
// list in the IDs' byte order.
func testByteOrder(t *testing.T, s records.Store) {
	gen := identitytest.NewGenerator(22)
	idsIn := []string{"é", "a", "Z", "B", "_x", "10", "9"}
	for _, id := range idsIn {
		e, h := fixture(gen, id, 0)
		create(t, s, e, h)
	}
	es, err := s.ListEmployees(context.Background(), records.EmployeeFilter{})
	require.NoError(t, err)
	want := slices.Clone(idsIn)
	slices.Sort(want)
	assert.Equal(t, want, ids(es))
}
