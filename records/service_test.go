package records_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

// now is 2025-03-01 12:00 in Riyadh: 1 Ramadan 1446.
var now = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

type env struct {
	svc      *records.Service
	store    *memstore.Store
	notes    *recordstest.Notifications
	gen      *identitytest.Generator
	clockNow atomic.Pointer[time.Time]
}

func newEnv(t *testing.T, key []byte) *env {
	t.Helper()
	e := &env{store: memstore.New(nil), notes: &recordstest.Notifications{}, gen: identitytest.NewGenerator(7)}
	n := now
	e.clockNow.Store(&n)
	var seq atomic.Int64
	e.svc = records.New(e.store, &records.Options{
		Now:          func() time.Time { return *e.clockNow.Load() },
		NewID:        func() string { return fmt.Sprintf("id-%04d", seq.Add(1)) },
		StatementKey: key,
		Notifier:     e.notes,
	})
	return e
}

func (e *env) advance(d time.Duration) {
	n := e.clockNow.Load().Add(d)
	e.clockNow.Store(&n)
}

func (e *env) create(t *testing.T, b *recordstest.Builder) (records.Employee, []records.HistoryEvent) {
	t.Helper()
	emp, err := e.svc.CreateEmployee(context.Background(), b.Input())
	require.NoError(t, err)
	h, err := e.svc.ListHistory(context.Background(), emp.ID)
	require.NoError(t, err)
	return emp, h
}

func TestCreateEmployee(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	b := recordstest.NewEmployee(e.gen)
	emp, h := e.create(t, b)

	assert.Equal(t, int64(1), emp.Version)
	assert.Equal(t, now, emp.CreatedAt)
	assert.Equal(t, 8, emp.Job.Rank, "the current job comes from the last promotion")
	assert.Equal(t, d(1440, 7, 1), emp.Job.StartDate)
	assert.True(t, emp.ServiceEnd.IsZero())
	require.Len(t, emp.Qualifications, 1)
	assert.NotEmpty(t, emp.Qualifications[0].ID)
	assert.Len(t, h, len(b.History()))
	for _, ev := range h {
		assert.NotContains(t, ev.ID, b.NationalID().String(), "the Service assigns event IDs")
	}
	got, err := e.svc.GetEmployeeByNationalID(ctx, b.NationalID())
	require.NoError(t, err)
	assert.Equal(t, emp, got)

	_, err = e.svc.CreateEmployee(ctx, b.Input())
	assert.ErrorIs(t, err, records.ErrDuplicateNationalID)
	assert.Equal(t, fault.Conflict, fault.CodeOf(err))

	bad := recordstest.NewEmployee(e.gen).Input()
	bad.History = append(bad.History, leave("", records.AnnualLeave, d(1431, 1, 1), d(1431, 1, 5)))
	_, err = e.svc.CreateEmployee(ctx, bad)
	assert.ErrorIs(t, err, records.ErrInvalidHistory)
	assert.Equal(t, "records.history.before_appointment", fault.ReasonOf(err))

	shape := recordstest.NewEmployee(e.gen).Input()
	shape.NationalID = identity.NationalID{}
	shape.Gender = "x"
	shape.Name.AR.First = ""
	_, err = e.svc.CreateEmployee(ctx, shape)
	assert.ErrorIs(t, err, fault.ErrInvalidInput)
	fe, _ := fault.As(err)
	assert.Len(t, fe.Fields, 3)

	_, err = e.svc.GetEmployee(ctx, "nope")
	assert.ErrorIs(t, err, records.ErrEmployeeNotFound)
}

func TestListEmployeesPaging(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	var want []string
	for range 5 {
		emp, _ := e.create(t, recordstest.NewEmployee(e.gen))
		want = append(want, emp.ID)
		e.advance(time.Second)
	}
	var got []string
	f := records.EmployeeFilter{AgencyID: "moe", Limit: 2}
	for {
		p, err := e.svc.ListEmployees(ctx, f)
		require.NoError(t, err)
		for _, emp := range p.Items {
			got = append(got, emp.ID)
		}
		if p.Next == "" {
			break
		}
		f.After = p.Next
	}
	assert.Equal(t, want, got)

	// A full last page says so: no Next when nothing follows.
	p, err := e.svc.ListEmployees(ctx, records.EmployeeFilter{After: want[0], Limit: 4})
	require.NoError(t, err)
	assert.Len(t, p.Items, 4)
	assert.Empty(t, p.Next)
	p, err = e.svc.ListEmployees(ctx, records.EmployeeFilter{})
	require.NoError(t, err)
	assert.Len(t, p.Items, 5, "Limit 0 is page.DefaultLimit")

	// A cursor that names no file is ErrNotFound.
	_, err = e.svc.ListEmployees(ctx, records.EmployeeFilter{After: "nope"})
	assert.ErrorIs(t, err, records.ErrNotFound)
	_, err = e.svc.ListCorrections(ctx, records.CorrectionFilter{After: "nope"})
	assert.ErrorIs(t, err, records.ErrNotFound)
}

func TestHistoryWrites(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	emp, h := e.create(t, recordstest.NewEmployee(e.gen))

	// A promotion moves the current job.
	promo := jobEv("", records.KindPromotion, d(1445, 7, 1), 9)
	emp2, h2, err := e.svc.AddHistoryEvents(ctx, records.HistoryChange{EmployeeID: emp.ID, Version: 1, Events: []records.HistoryEvent{promo}})
	require.NoError(t, err)
	assert.Equal(t, int64(2), emp2.Version)
	assert.Equal(t, 9, emp2.Job.Rank)
	assert.Len(t, h2, len(h)+1)

	// A stale version.
	_, _, err = e.svc.AddHistoryEvents(ctx, records.HistoryChange{EmployeeID: emp.ID, Version: 1,
		Events: []records.HistoryEvent{leave("", records.AnnualLeave, d(1446, 1, 1), d(1446, 1, 5))}})
	assert.ErrorIs(t, err, records.ErrStaleVersion)
	assert.ErrorIs(t, err, records.ErrConflict)

	// An invariant: a leave overlapping a stored leave; the error names both.
	stored := h[1] // annual leave 1433-10-01 .. 1433-10-20
	require.Equal(t, records.KindLeave, stored.Kind)
	_, _, err = e.svc.AddHistoryEvents(ctx, records.HistoryChange{EmployeeID: emp.ID, Version: 2,
		Events: []records.HistoryEvent{leave("", records.ExceptionalLeave, d(1433, 10, 15), d(1433, 11, 15))}})
	assert.ErrorIs(t, err, records.ErrInvalidHistory)
	assert.Equal(t, "records.history.overlap", fault.ReasonOf(err))
	assert.Contains(t, fault.MessageOf(err, i18n.English), stored.ID)
	cur, err := e.svc.GetEmployee(ctx, emp.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(2), cur.Version, "nothing stored")

	// An ongoing suspension, then its outcome.
	_, h3, err := e.svc.AddHistoryEvents(ctx, records.HistoryChange{EmployeeID: emp.ID, Version: 2,
		Events: []records.HistoryEvent{period("", records.KindSuspension, d(1446, 1, 1), hijri.Date{})}})
	require.NoError(t, err)
	susp := h3[len(h3)-1]
	require.Equal(t, records.KindSuspension, susp.Kind)
	dur, err := e.svc.ServiceDuration(ctx, emp.ID, records.PurposePromotion, hijri.Date{})
	require.NoError(t, err)
	assert.Empty(t, dur.Excluded, "a pending suspension counts")
	assert.Equal(t, d(1446, 9, 1), dur.AsOf, "zero asOf is today in Riyadh")

	susp.End, susp.Outcome = d(1446, 2, 15), records.Penalized
	_, _, err = e.svc.UpdateHistoryEvents(ctx, records.HistoryChange{EmployeeID: emp.ID, Version: 3, Events: []records.HistoryEvent{susp}})
	require.NoError(t, err)
	dur, err = e.svc.ServiceDuration(ctx, emp.ID, records.PurposePromotion, hijri.Date{})
	require.NoError(t, err)
	require.Len(t, dur.Excluded, 1)
	assert.Equal(t, susp.ID, dur.Excluded[0].Causes[0].EventID)

	unknown := susp
	unknown.ID = "nope"
	_, _, err = e.svc.UpdateHistoryEvents(ctx, records.HistoryChange{EmployeeID: emp.ID, Version: 4, Events: []records.HistoryEvent{unknown}})
	assert.ErrorIs(t, err, records.ErrHistoryEventNotFound)

	// End of service; nothing may follow it.
	emp5, _, err := e.svc.AddHistoryEvents(ctx, records.HistoryChange{EmployeeID: emp.ID, Version: 4,
		Events: []records.HistoryEvent{eos("", d(1446, 6, 29))}})
	require.NoError(t, err)
	assert.Equal(t, d(1446, 6, 29), emp5.ServiceEnd)
	_, _, err = e.svc.AddHistoryEvents(ctx, records.HistoryChange{EmployeeID: emp.ID, Version: 5,
		Events: []records.HistoryEvent{leave("", records.AnnualLeave, d(1446, 7, 1), d(1446, 7, 2))}})
	assert.Equal(t, "records.history.after_end_of_service", fault.ReasonOf(err))

	// Removing the promotion moves the job back; the appointment cannot go alone.
	hist, err := e.svc.ListHistory(ctx, emp.ID)
	require.NoError(t, err)
	var promoID, apptID string
	for _, ev := range hist {
		if ev.Kind == records.KindPromotion && ev.Job.Rank == 9 {
			promoID = ev.ID
		}
		if ev.Kind == records.KindAppointment {
			apptID = ev.ID
		}
	}
	emp6, _, err := e.svc.RemoveHistoryEvents(ctx, records.HistoryRemoval{EmployeeID: emp.ID, Version: 5, EventIDs: []string{promoID}})
	require.NoError(t, err)
	assert.Equal(t, 8, emp6.Job.Rank)
	_, _, err = e.svc.RemoveHistoryEvents(ctx, records.HistoryRemoval{EmployeeID: emp.ID, Version: 6, EventIDs: []string{apptID}})
	assert.ErrorIs(t, err, records.ErrInvalidHistory)
}

func TestIssueAndVerifyStatement(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, testKey)
	emp, _ := e.create(t, recordstest.NewEmployee(e.gen))

	st, err := e.svc.IssueStatement(ctx, records.StatementRequest{EmployeeID: emp.ID})
	require.NoError(t, err)
	assert.Equal(t, d(1446, 9, 1), st.AsOf)
	assert.Equal(t, d(1446, 9, 1), st.IssuedOn)
	assert.Equal(t, now, st.IssuedAt)
	require.NoError(t, records.VerifyStatement(testKey, st))

	got, err := e.svc.VerifyStatementCode(ctx, " "+st.Code[:9]+st.Code[10:]+" ")
	require.NoError(t, err)
	assert.Equal(t, st.ID, got.ID)
	_, err = e.svc.VerifyStatementCode(ctx, "AAAA-BBBB-CCCC-DDDD")
	assert.ErrorIs(t, err, records.ErrStatementNotFound)
	_, err = e.svc.VerifyStatementCode(ctx, "not a code")
	assert.ErrorIs(t, err, records.ErrStatementNotFound)

	past, err := e.svc.IssueStatement(ctx, records.StatementRequest{EmployeeID: emp.ID, AsOf: d(1440, 1, 1)})
	require.NoError(t, err)
	assert.Equal(t, 7, past.Job.Rank, "the job held on the date")
	assert.NotEqual(t, st.Code, past.Code)

	_, err = e.svc.IssueStatement(ctx, records.StatementRequest{EmployeeID: emp.ID, AsOf: d(1446, 9, 2)})
	assert.ErrorIs(t, err, records.ErrFutureStatement)
	_, err = e.svc.IssueStatement(ctx, records.StatementRequest{EmployeeID: emp.ID, AsOf: d(1430, 1, 1)})
	assert.ErrorIs(t, err, records.ErrAsOfBeforeStart)
	_, err = e.svc.IssueStatement(ctx, records.StatementRequest{EmployeeID: "nope"})
	assert.ErrorIs(t, err, records.ErrEmployeeNotFound)

	nokey := newEnv(t, nil)
	emp2, _ := nokey.create(t, recordstest.NewEmployee(nokey.gen))
	_, err = nokey.svc.IssueStatement(ctx, records.StatementRequest{EmployeeID: emp2.ID})
	assert.ErrorIs(t, err, records.ErrStatementKeyMissing)
	_, err = nokey.svc.VerifyStatementCode(ctx, st.Code)
	assert.ErrorIs(t, err, records.ErrStatementKeyMissing)
}

// request makes the standard correction request of emp: Arabic family name,
// mobile (in local form), a qualification's specialisation and a new master's.
func request(emp records.Employee) records.CorrectionRequest {
	return records.CorrectionRequest{
		EmployeeID: emp.ID, RequestedBy: emp.NationalID.String(),
		Changes: []records.ProposedChange{
			{Field: records.FieldNameARFamily, New: "آل قحطان"},
			{Field: records.FieldMobile, New: "0551234567"},
			{Field: records.FieldQualificationSpecialization, Target: emp.Qualifications[0].ID, New: "علوم الحاسب"},
		},
		AddQualifications: []records.Qualification{{Degree: records.Master, Specialization: "إدارة الأعمال", Institution: "جامعة الملك عبدالعزيز", ObtainedOn: d(1444, 9, 1)}},
		Documents:         []records.Document{{Name: "صك.pdf", MediaType: "application/pdf", Size: 1000, SHA256: "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90", StorageRef: "docs/1"}},
		Justification:     "بموجب صك تعديل الاسم",
		AcceptTerms:       true, TermsVersion: "2025-01",
	}
}

func TestCorrectionApproved(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	emp, _ := e.create(t, recordstest.NewEmployee(e.gen))

	c, err := e.svc.RequestCorrection(ctx, request(emp))
	require.NoError(t, err)
	assert.Equal(t, records.CorrectionPending, c.Status)
	assert.Equal(t, "moe", c.AgencyID)
	assert.Equal(t, now, c.TermsAcceptedAt)
	require.Len(t, c.Changes, 3)
	assert.Equal(t, records.FieldChange{Field: records.FieldNameARFamily, Old: emp.Name.AR.Family, New: "آل قحطان"}, c.Changes[0])
	assert.Equal(t, emp.Contact.Mobile.String(), c.Changes[1].Old)
	assert.Equal(t, "+966551234567", c.Changes[1].New, "values are stored in canonical form")

	e.advance(time.Hour)
	dec := records.CorrectionDecision{CorrectionID: c.ID, Version: c.Version, By: "hr-1", Note: "تمت المطابقة"}
	approved, emp2, err := e.svc.ApproveCorrection(ctx, dec)
	require.NoError(t, err)
	assert.Equal(t, records.CorrectionApproved, approved.Status)
	assert.Equal(t, int64(2), approved.Version)
	assert.Equal(t, "hr-1", approved.DecidedBy)
	assert.Equal(t, now.Add(time.Hour), approved.DecidedAt)
	assert.Equal(t, int64(2), emp2.Version)
	assert.Equal(t, "آل قحطان", emp2.Name.AR.Family)
	assert.Equal(t, "+966551234567", emp2.Contact.Mobile.String())
	assert.Equal(t, "علوم الحاسب", emp2.Qualifications[0].Specialization)
	require.Len(t, emp2.Qualifications, 2)
	assert.Equal(t, records.Master, emp2.Qualifications[1].Degree)
	assert.NotEmpty(t, emp2.Qualifications[1].ID)

	stored, err := e.svc.GetEmployee(ctx, emp.ID)
	require.NoError(t, err)
	assert.Equal(t, emp2, stored)
	gotC, err := e.svc.GetCorrection(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, approved, gotC)

	notes := e.notes.Decisions()
	require.Len(t, notes, 1)
	assert.Equal(t, approved, notes[0])

	// A decided request cannot change again.
	_, _, err = e.svc.ApproveCorrection(ctx, dec)
	assert.ErrorIs(t, err, records.ErrStaleVersion)
	dec.Version = 2
	_, err = e.svc.RejectCorrection(ctx, dec)
	assert.ErrorIs(t, err, records.ErrCorrectionClosed)
	assert.Equal(t, fault.Conflict, fault.CodeOf(err))
	_, err = e.svc.WithdrawCorrection(ctx, dec)
	assert.ErrorIs(t, err, records.ErrCorrectionClosed)
	assert.Len(t, e.notes.Decisions(), 1)
}

func TestCorrectionRejectedAndWithdrawn(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	emp, _ := e.create(t, recordstest.NewEmployee(e.gen))

	c, err := e.svc.RequestCorrection(ctx, request(emp))
	require.NoError(t, err)
	_, err = e.svc.RejectCorrection(ctx, records.CorrectionDecision{CorrectionID: c.ID, Version: 1, By: "hr-1"})
	assert.ErrorIs(t, err, records.ErrReasonRequired)
	rej, err := e.svc.RejectCorrection(ctx, records.CorrectionDecision{CorrectionID: c.ID, Version: 1, By: "hr-1", Note: "الصك غير مرفق"})
	require.NoError(t, err)
	assert.Equal(t, records.CorrectionRejected, rej.Status)
	assert.Equal(t, "الصك غير مرفق", rej.DecisionNote)
	unchanged, err := e.svc.GetEmployee(ctx, emp.ID)
	require.NoError(t, err)
	assert.Equal(t, emp, unchanged, "a rejection leaves the file alone")
	require.Len(t, e.notes.Decisions(), 1)
	assert.Equal(t, records.CorrectionRejected, e.notes.Decisions()[0].Status)

	c2, err := e.svc.RequestCorrection(ctx, request(emp))
	require.NoError(t, err)
	w, err := e.svc.WithdrawCorrection(ctx, records.CorrectionDecision{CorrectionID: c2.ID, Version: 1, By: emp.NationalID.String()})
	require.NoError(t, err)
	assert.Equal(t, records.CorrectionWithdrawn, w.Status)
	_, _, err = e.svc.ApproveCorrection(ctx, records.CorrectionDecision{CorrectionID: c2.ID, Version: 2, By: "hr-1"})
	assert.ErrorIs(t, err, records.ErrCorrectionClosed)
	assert.Len(t, e.notes.Decisions(), 1, "a withdrawal is not a decision")

	page, err := e.svc.ListCorrections(ctx, records.CorrectionFilter{AgencyID: "moe"})
	require.NoError(t, err)
	require.Len(t, page.Items, 2)
	assert.Equal(t, c.ID, page.Items[0].ID)
	_, err = e.svc.GetCorrection(ctx, "nope")
	assert.ErrorIs(t, err, records.ErrCorrectionNotFound)
}

func TestCorrectionStale(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	emp, _ := e.create(t, recordstest.NewEmployee(e.gen))
	c, err := e.svc.RequestCorrection(ctx, request(emp))
	require.NoError(t, err)

	// The agency edits the family name directly before the review.
	name := emp.Name
	name.AR.Family = "الدوسري"
	_, err = e.svc.UpdateEmployee(ctx, records.EmployeeUpdate{ID: emp.ID, Version: 1, Name: &name})
	require.NoError(t, err)

	_, _, err = e.svc.ApproveCorrection(ctx, records.CorrectionDecision{CorrectionID: c.ID, Version: 1, By: "hr-1"})
	assert.ErrorIs(t, err, records.ErrCorrectionStale)
	assert.Equal(t, fault.Conflict, fault.CodeOf(err))
	fe, _ := fault.As(err)
	require.Len(t, fe.Fields, 1)
	assert.Equal(t, string(records.FieldNameARFamily), fe.Fields[0].Field)

	got, err := e.svc.GetCorrection(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, records.CorrectionPending, got.Status, "nothing stored")
	cur, err := e.svc.GetEmployee(ctx, emp.ID)
	require.NoError(t, err)
	assert.Equal(t, "الدوسري", cur.Name.AR.Family)
	assert.Equal(t, emp.Contact.Mobile, cur.Contact.Mobile, "no change applied partly")
	assert.Empty(t, e.notes.Decisions())
}

func TestCorrectionRequestRejected(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	emp, _ := e.create(t, recordstest.NewEmployee(e.gen))
	q := emp.Qualifications[0].ID
	tests := []struct {
		name   string
		edit   func(r *records.CorrectionRequest)
		target error
		reason string
	}{
		{"terms not accepted", func(r *records.CorrectionRequest) { r.AcceptTerms = false }, records.ErrTermsNotAccepted, "records.correction.terms_not_accepted"},
		{"national ID is not correctable", func(r *records.CorrectionRequest) {
			r.Changes = []records.ProposedChange{{Field: "national_id", New: "1000000008"}}
		}, records.ErrNotCorrectable, "records.correction.field_not_correctable"},
		{"job rank is not correctable", func(r *records.CorrectionRequest) {
			r.Changes = []records.ProposedChange{{Field: "job.rank", New: "12"}}
		}, records.ErrNotCorrectable, "records.correction.field_not_correctable"},
		{"nothing proposed", func(r *records.CorrectionRequest) { r.Changes, r.AddQualifications = nil, nil }, records.ErrInvalidChange, "records.correction.empty"},
		{"no change", func(r *records.CorrectionRequest) {
			r.Changes = []records.ProposedChange{{Field: records.FieldNameARFirst, New: emp.Name.AR.First}}
		}, records.ErrInvalidChange, "records.correction.no_change"},
		{"same field twice", func(r *records.CorrectionRequest) {
			r.Changes = []records.ProposedChange{{Field: records.FieldEmail, New: "a@example.sa"}, {Field: records.FieldEmail, New: "b@example.sa"}}
		}, records.ErrInvalidChange, "records.correction.duplicate_field"},
		{"unknown qualification", func(r *records.CorrectionRequest) {
			r.Changes = []records.ProposedChange{{Field: records.FieldQualificationInstitution, Target: "nope", New: "x"}}
		}, records.ErrInvalidChange, "records.correction.unknown_target"},
		{"bad e-mail", func(r *records.CorrectionRequest) {
			r.Changes = []records.ProposedChange{{Field: records.FieldEmail, New: "not an email"}}
		}, fault.ErrInvalid, ""},
		{"bad date", func(r *records.CorrectionRequest) {
			r.Changes = []records.ProposedChange{{Field: records.FieldQualificationObtainedOn, Target: q, New: "1445-02-31"}}
		}, fault.ErrInvalid, ""},
		{"bad degree", func(r *records.CorrectionRequest) {
			r.Changes = []records.ProposedChange{{Field: records.FieldQualificationDegree, Target: q, New: "phd"}}
		}, records.ErrInvalidChange, "records.correction.invalid_value"},
		{"required name cleared", func(r *records.CorrectionRequest) {
			r.Changes = []records.ProposedChange{{Field: records.FieldNameARFirst, New: "  "}}
		}, fault.ErrInvalidInput, ""},
		{"unknown employee", func(r *records.CorrectionRequest) { r.EmployeeID = "nope" }, records.ErrEmployeeNotFound, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := request(emp)
			tc.edit(&r)
			_, err := e.svc.RequestCorrection(ctx, r)
			assert.ErrorIs(t, err, tc.target)
			if tc.reason != "" {
				assert.Equal(t, tc.reason, fault.ReasonOf(err))
			}
		})
	}
	// A date written in Gregorian is stored as its Hijri date.
	r := request(emp)
	r.Changes = []records.ProposedChange{{Field: records.FieldQualificationObtainedOn, Target: q, New: "2024-03-11"}}
	c, err := e.svc.RequestCorrection(ctx, r)
	require.NoError(t, err)
	assert.Equal(t, "1445-09-01", c.Changes[0].New)
	page, err := e.svc.ListCorrections(ctx, records.CorrectionFilter{})
	require.NoError(t, err)
	assert.Len(t, page.Items, 1, "failed requests stored nothing")
}

// Two reviewers decide one request at once: exactly one wins, the other gets
// a conflict. Run with -race.
func TestConcurrentReviewers(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	for round := range 25 {
		emp, _ := e.create(t, recordstest.NewEmployee(e.gen))
		c, err := e.svc.RequestCorrection(ctx, request(emp))
		require.NoError(t, err)

		var wg sync.WaitGroup
		errs := make([]error, 2)
		start := make(chan struct{})
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				dec := records.CorrectionDecision{CorrectionID: c.ID, Version: c.Version, By: fmt.Sprintf("reviewer-%d", i), Note: "قرار"}
				<-start
				if (i+round)%2 == 0 {
					_, _, errs[i] = e.svc.ApproveCorrection(ctx, dec)
				} else {
					_, errs[i] = e.svc.RejectCorrection(ctx, dec)
				}
			}()
		}
		close(start)
		wg.Wait()
		wins := 0
		for _, err := range errs {
			if err == nil {
				wins++
				continue
			}
			assert.ErrorIs(t, err, records.ErrConflict, "round %d", round)
			assert.Equal(t, fault.Conflict, fault.CodeOf(err))
		}
		require.Equal(t, 1, wins, "round %d: exactly one reviewer wins", round)

		got, err := e.svc.GetCorrection(ctx, c.ID)
		require.NoError(t, err)
		assert.Equal(t, int64(2), got.Version)
		cur, err := e.svc.GetEmployee(ctx, emp.ID)
		require.NoError(t, err)
		if got.Status == records.CorrectionApproved {
			assert.Equal(t, "آل قحطان", cur.Name.AR.Family)
		} else {
			assert.Equal(t, emp.Name.AR.Family, cur.Name.AR.Family)
		}
	}
	assert.Len(t, e.notes.Decisions(), 25, "one notification per decision")
}

func TestNotifierFailureDoesNotUndoTheDecision(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	e.notes.Err = errors.New("sms gateway down")
	emp, _ := e.create(t, recordstest.NewEmployee(e.gen))
	c, err := e.svc.RequestCorrection(ctx, request(emp))
	require.NoError(t, err)
	_, _, err = e.svc.ApproveCorrection(ctx, records.CorrectionDecision{CorrectionID: c.ID, Version: 1, By: "hr"})
	require.NoError(t, err)
	assert.Len(t, e.notes.Decisions(), 1)
}

func TestUpdateEmployee(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	emp, _ := e.create(t, recordstest.NewEmployee(e.gen))
	contact := emp.Contact
	contact.Address = "جدة"
	quals := append(emp.Qualifications, records.Qualification{Degree: records.Diploma, Specialization: "محاسبة", Institution: "الكلية التقنية"})
	got, err := e.svc.UpdateEmployee(ctx, records.EmployeeUpdate{ID: emp.ID, Version: 1, Contact: &contact, Qualifications: &quals})
	require.NoError(t, err)
	assert.Equal(t, int64(2), got.Version)
	assert.Equal(t, "جدة", got.Contact.Address)
	require.Len(t, got.Qualifications, 2)
	assert.Equal(t, emp.Qualifications[0].ID, got.Qualifications[0].ID, "IDs are kept")
	assert.NotEmpty(t, got.Qualifications[1].ID)

	_, err = e.svc.UpdateEmployee(ctx, records.EmployeeUpdate{ID: emp.ID, Version: 1, Contact: &contact})
	assert.ErrorIs(t, err, records.ErrStaleVersion)
	bad := "sa"
	_, err = e.svc.UpdateEmployee(ctx, records.EmployeeUpdate{ID: emp.ID, Version: 2, Nationality: &bad})
	assert.ErrorIs(t, err, fault.ErrInvalidInput)
}
