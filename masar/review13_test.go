package masar_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

// Issue 13's grievance and correction items, on memstore, SQLite and
// PostgreSQL: each a story on a new Store and world.
func TestReview13(t *testing.T) {
	stories := []struct {
		name string
		run  func(t *testing.T, w *world)
	}{
		{"CorrectionFollowsFileOnTransfer", storyCorrectionFollowsFile},
		{"CreateEmployeeOfAnotherAgencysPerson", storyCreateEmployeeElsewhere},
		{"TrackingNumbersNational", storyTrackingNumbers},
		{"LimitationException", storyLimitationException},
		{"ListsArePaged", storyListsPaged},
	}
	for _, tg := range storeTargets() {
		t.Run(tg.name, func(t *testing.T) {
			for _, st := range stories {
				t.Run(st.name, func(t *testing.T) {
					st.run(t, newClient(t, tg.open(t)))
				})
			}
		})
	}
}

// transfer records, as the file's agency's HR specialist, p's transfer to
// agency to today.
func (w *world) transfer(p person, from *agency, to records.Agency) {
	w.T.Helper()
	e := w.file(p.ID)
	j := e.Job
	j.Agency, j.StartDate = to, w.Clock.Today()
	_, _, err := w.Client.AddHistoryEvents(w.Ctx, from.Specialist, records.HistoryChange{EmployeeID: e.ID, Version: e.Version,
		Events: []records.HistoryEvent{{Kind: records.KindTransfer, Start: w.Clock.Today(), Job: &j,
			Decision: records.Decision{Number: "1447/نقل/12", Date: w.Clock.Today()}}}})
	w.must(err)
	require.Equal(w.T, to.ID, w.file(p.ID).Job.Agency.ID)
}

func pageIDs[T any](items []T, id func(T) string) []string {
	out := make([]string, len(items))
	for i, x := range items {
		out[i] = id(x)
	}
	return out
}

func correctionID(c records.Correction) string { return c.ID }
func grievanceID(g grievance.Grievance) string { return g.ID }

// Item 2: a pending correction follows its file on transfer. The new
// agency's HR lists and decides it; the old agency's HR no longer lists it
// and is refused (audited), and nothing changes.
func storyCorrectionFollowsFile(t *testing.T, w *world) {
	ctx, emp := w.Ctx, w.MOE.Emp
	r, err := w.Client.RequestCorrection(ctx, emp.Actor, addressChange("الرياض، حي الملقا"))
	require.NoError(t, err)
	assert.Equal(t, moe, r.AgencyID)
	w.transfer(emp, w.MOE, recordstest.MinistryOfHealth)

	old, err := w.Client.AgencyCorrections(ctx, w.MOE.Specialist, records.CorrectionPending, masar.PageRequest{})
	require.NoError(t, err)
	assert.NotContains(t, pageIDs(old.Items, correctionID), r.ID, "the old agency's queue")
	now, err := w.Client.AgencyCorrections(ctx, w.MOH.Specialist, records.CorrectionPending, masar.PageRequest{})
	require.NoError(t, err)
	assert.Equal(t, []string{r.ID}, pageIDs(now.Items, correctionID), "the new agency's queue")

	before := w.fingerprint()
	for _, a := range []masar.Actor{w.MOE.Specialist, w.MOE.Manager} {
		_, err = w.Client.ApproveCorrection(ctx, a, masar.CorrectionAction{ID: r.ID, Version: r.Version})
		assert.ErrorIs(t, err, masar.ErrPermissionDenied, "the old agency's HR approves")
		_, err = w.Client.RejectCorrection(ctx, a, masar.CorrectionAction{ID: r.ID, Version: r.Version, Note: "لا"})
		assert.ErrorIs(t, err, masar.ErrPermissionDenied, "the old agency's HR rejects")
		assert.NotEmpty(t, w.denials(a, masar.UseDecideCorrection))
	}
	assert.Equal(t, before, w.fingerprint(), "a refused decision changes nothing")

	done, err := w.Client.ApproveCorrection(ctx, w.MOH.Specialist, masar.CorrectionAction{ID: r.ID, Version: r.Version})
	require.NoError(t, err)
	assert.Equal(t, records.CorrectionApproved, done.Status)
	assert.Equal(t, "الرياض، حي الملقا", w.file(emp.ID).Contact.Address)
	mine, err := w.Client.MyCorrections(ctx, emp.Actor, "", masar.PageRequest{})
	require.NoError(t, err)
	assert.Equal(t, []string{r.ID}, pageIDs(mine.Items, correctionID))
}

// Item 7: HR of another agency creating a file for a person on file
// elsewhere learns that one exists, and nothing more (not which agency);
// HR of the person's own agency gets the plain duplicate; outsiders are
// denied first.
func storyCreateEmployeeElsewhere(t *testing.T, w *world) {
	ctx := w.Ctx
	in := w.career(moe).Input()  // a file whose current job is in moe …
	in.NationalID = w.MOH.Emp.ID // … for a person moh holds a file of
	before := w.fingerprint()
	_, err := w.Client.CreateEmployee(ctx, w.MOE.Specialist, in)
	require.ErrorIs(t, err, masar.ErrFileInOtherAgency)
	assert.ErrorIs(t, err, records.ErrDuplicateNationalID, "it refines the duplicate")
	assert.Equal(t, masar.Conflict, masar.ErrorCode(err))
	for _, lang := range []masar.Lang{masar.Arabic, masar.English} {
		msg := masar.ErrorMessage(err, lang)
		assert.NotEmpty(t, msg)
		for _, leak := range []string{moh, "Health", "الصحة", w.MOH.Emp.File.ID, w.MOH.Emp.File.Name.AR.First} {
			assert.NotContains(t, msg, leak, "the answer names nothing of the file")
		}
	}
	var fe *masar.Error
	require.ErrorAs(t, err, &fe)
	assert.Empty(t, fe.Fields)
	assert.Equal(t, before, w.fingerprint())
	es := w.trail(audit.Filter{Actor: ref(w.MOE.Specialist.NationalID), Action: string(masar.UseCreateEmployee)})
	var attempts []audit.Entry
	for _, e := range es {
		if e.Subject == ref(w.MOH.Emp.ID) {
			attempts = append(attempts, e)
		}
	}
	if assert.Len(t, attempts, 1, "the attempt is audited, with the person as subject") {
		assert.Equal(t, audit.Failed, attempts[0].Outcome)
		assert.Equal(t, string(masar.Conflict), attempts[0].Code)
	}

	// The person's own agency: the plain duplicate.
	_, err = w.Client.CreateEmployee(ctx, w.MOH.Specialist, w.MOH.Emp.Input)
	assert.ErrorIs(t, err, records.ErrDuplicateNationalID)
	assert.NotErrorIs(t, err, masar.ErrFileInOtherAgency)
	// Anyone else: denied before anything is read.
	_, err = w.Client.CreateEmployee(ctx, w.MOE.Emp.Actor, in)
	assert.ErrorIs(t, err, masar.ErrPermissionDenied)
}

// Item 15: one filer against two agencies gets two numbers, each naming
// one grievance nationally, and the facade looks a grievance up by its
// number under the authorization of a look-up by ID.
func storyTrackingNumbers(t *testing.T, w *world) {
	ctx, emp := w.Ctx, w.MOH.Emp
	a := w.fileGrievance(emp, moh, grievance.KindDecision)
	b := w.fileGrievance(emp, moe, grievance.KindDecision)
	assert.NotEqual(t, a.TrackingNumber, b.TrackingNumber, "against two agencies: two numbers")

	for _, g := range []grievance.Grievance{a, b} {
		got, err := w.Client.GrievanceByTrackingNumber(ctx, emp.Actor, g.TrackingNumber.String())
		require.NoError(t, err)
		assert.Equal(t, g.ID, got.ID)
	}
	// As people type it: lower case, Arabic-Indic digits, spaces.
	typed := strings.NewReplacer("GRV", " grv", "0", "٠", "1", "١", "4", "٤", "7", "٧").Replace(b.TrackingNumber.String())
	got, err := w.Client.GrievanceByTrackingNumber(ctx, emp.Actor, typed)
	require.NoError(t, err)
	assert.Equal(t, b.ID, got.ID)
	got, err = w.Client.GrievanceByTrackingNumber(ctx, w.MOE.Specialist, b.TrackingNumber.String())
	require.NoError(t, err, "HR of the agency it is against")
	assert.Equal(t, b.ID, got.ID)

	// Others are denied, as by ID, and the denial names the number.
	for _, x := range []masar.Actor{w.MOE.Specialist, w.MOH.Peer.Actor, w.MOH.Committee} {
		_, err = w.Client.GrievanceByTrackingNumber(ctx, x, a.TrackingNumber.String())
		assert.ErrorIs(t, err, masar.ErrPermissionDenied)
		_, byID := w.Client.Grievance(ctx, x, a.ID)
		assert.Equal(t, masar.ErrorCode(byID), masar.ErrorCode(err), "the same answer as by ID")
		ds := w.denials(x, masar.UseViewGrievance)
		require.NotEmpty(t, ds)
		assert.Equal(t, a.TrackingNumber.String(), ds[len(ds)-1].Resource)
	}
	_, err = w.Client.GrievanceByTrackingNumber(ctx, emp.Actor, "GRV-1447-9")
	assert.ErrorIs(t, err, grievance.ErrInvalidTrackingNumber)
	assert.Equal(t, masar.Invalid, masar.ErrorCode(err))
	unknown := grievance.TrackingNumber{Year: a.TrackingNumber.Year, Seq: 999_999}
	_, err = w.Client.GrievanceByTrackingNumber(ctx, emp.Actor, unknown.String())
	assert.ErrorIs(t, err, grievance.ErrNotFound)
}

// Item 13: a rights claim filed after its 10 years is refused, unless the
// filer claims an exception; the deciding body records one, with its
// ground and reasons, audited; until then only a rejection may answer it.
func storyLimitationException(t *testing.T, w *world) {
	ctx, emp, mgr := w.Ctx, w.MOH.Emp, w.MOH.Manager
	today := w.Clock.Today()
	in := w.grievanceInput(moh, grievance.KindRightsClaim)
	in.Decision = grievance.Decision{Date: hijri.MustNew(today.Year-11, 2, 1)} // the right arose 11 years ago
	before := w.fingerprint()
	_, err := w.Client.FileGrievance(ctx, emp.Actor, in)
	require.ErrorIs(t, err, grievance.ErrFilingWindowClosed, "no claim of an exception")
	assert.Equal(t, before, w.fingerprint())

	in.LateClaim = "كنت مبتعثاً خارج المملكة، ولم تصرف البدلات إلا بعد عودتي"
	g, err := w.Client.FileGrievance(ctx, emp.Actor, in)
	require.NoError(t, err)
	require.NotNil(t, g.Limitation)
	assert.True(t, g.Limitation.Pending())
	assert.Equal(t, in.LateClaim, g.Limitation.Claim)

	// A late administrative-decision grievance has no such exception.
	late := w.grievanceInput(moh, grievance.KindDecision)
	late.Decision.Date, late.Decision.LearntOn = hijri.MustNew(today.Year-1, 2, 1), hijri.MustNew(today.Year-1, 2, 1)
	late.LateClaim = in.LateClaim
	_, err = w.Client.FileGrievance(ctx, emp.Actor, late)
	assert.ErrorIs(t, err, grievance.ErrFilingWindowClosed)

	g, err = w.Client.StartGrievanceReview(ctx, w.MOH.Specialist, masar.GrievanceAction{ID: g.ID, Version: g.Version})
	require.NoError(t, err)
	_, err = w.Client.AnswerGrievance(ctx, mgr, masar.GrievanceAction{ID: g.ID, Version: g.Version}, grievance.OutcomeAccepted, "")
	assert.ErrorIs(t, err, grievance.ErrLimitationPending, "accepted before the exception is recorded")

	// Who may record it: the manager of the agency, never the specialist,
	// another agency, or the filer.
	for _, x := range []masar.Actor{w.MOH.Specialist, w.MOE.Manager, emp.Actor} {
		_, err = w.Client.RecordGrievanceException(ctx, x, masar.GrievanceAction{ID: g.ID, Version: g.Version}, grievance.GroundExcuse, "عذر")
		assert.ErrorIs(t, err, masar.ErrPermissionDenied)
	}
	// Bad input: a coded error, nothing changed.
	before = w.fingerprint()
	_, err = w.Client.RecordGrievanceException(ctx, mgr, masar.GrievanceAction{ID: g.ID, Version: g.Version}, "whim", "عذر")
	assert.Equal(t, masar.Invalid, masar.ErrorCode(err))
	_, err = w.Client.RecordGrievanceException(ctx, mgr, masar.GrievanceAction{ID: g.ID, Version: g.Version}, grievance.GroundExcuse, "")
	assert.Equal(t, masar.Invalid, masar.ErrorCode(err), "the reasons are required")
	assert.Equal(t, before, w.fingerprint())

	const reason = "ثبت ابتعاثه بخطاب الملحقية الثقافية للمدة كلها"
	var rec grievance.Grievance
	e := w.oneEntry(func() {
		rec, err = w.Client.RecordGrievanceException(ctx, mgr, masar.GrievanceAction{ID: g.ID, Version: g.Version}, grievance.GroundExcuse, reason)
		require.NoError(t, err)
	})
	assert.Equal(t, string(masar.UseRecordGrievanceException), e.Action)
	assert.Equal(t, audit.Succeeded, e.Outcome)
	assert.Equal(t, ref(emp.ID), e.Subject)
	assert.Equal(t, g.TrackingNumber.String(), e.Resource)
	assert.Equal(t, []audit.Change{{Field: "limitation.ground", New: "excuse"}, {Field: "limitation.reason", New: reason}}, e.Changes)
	assert.Equal(t, grievance.StatusUnderReview, rec.Status, "the status does not change")
	assert.False(t, rec.Limitation.Pending())
	assert.Equal(t, grievance.GroundExcuse, rec.Limitation.Ground)
	assert.Equal(t, reason, rec.Limitation.Reason)
	assert.Equal(t, mgr.NationalID, rec.Limitation.RecordedBy.NationalID)
	assert.Equal(t, today, rec.Limitation.RecordedOn)
	last := rec.History[len(rec.History)-1]
	assert.Equal(t, grievance.ActionRecordException, last.Action)
	assert.Equal(t, grievance.GroundExcuse, last.Exception)
	assert.Equal(t, reason, last.Note)
	assert.True(t, last.At.Equal(rec.Limitation.RecordedAt))

	stored, err := w.Client.Grievance(ctx, emp.Actor, g.ID)
	require.NoError(t, err)
	assert.Equal(t, rec.Limitation, stored.Limitation, "as stored")
	_, err = w.Client.RecordGrievanceException(ctx, mgr, masar.GrievanceAction{ID: rec.ID, Version: rec.Version}, grievance.GroundAdmitted, "أقرت الجهة")
	assert.Equal(t, "grievance.exception_recorded", masar.ErrorReason(err))
	ok, err := w.Client.AnswerGrievance(ctx, mgr, masar.GrievanceAction{ID: rec.ID, Version: rec.Version}, grievance.OutcomeAccepted, "")
	require.NoError(t, err, "with the exception recorded, the claim is heard")
	assert.Equal(t, grievance.OutcomeAccepted, ok.Outcome)

	timely := w.fileGrievance(emp, moh, grievance.KindRightsClaim)
	assert.Nil(t, timely.Limitation)
	_, err = w.Client.RecordGrievanceException(ctx, mgr, masar.GrievanceAction{ID: timely.ID}, grievance.GroundAdmitted, "أقرت الجهة")
	assert.Equal(t, "grievance.not_late", masar.ErrorReason(err))
}

// Item 17: 55 grievances and 55 corrections come back in pages with a
// next token, none lost, in the facade's four lists.
func storyListsPaged(t *testing.T, w *world) {
	ctx, emp := w.Ctx, w.MOH.Emp
	const n = 55
	var filed, requested []string
	for i := range n {
		w.Clock.Advance(time.Second) // the lists' order is by instant, then ID
		filed = append(filed, w.fileGrievance(emp, moh, grievance.KindDecision).ID)
		r, err := w.Client.RequestCorrection(ctx, emp.Actor, addressChange(fmt.Sprintf("الرياض، مبنى %d", i)))
		require.NoError(t, err)
		requested = append(requested, r.ID)
	}
	collect := func(t *testing.T, list func(p masar.PageRequest) ([]string, string, error), limit int, wantPages int) []string {
		t.Helper()
		var all []string
		p := masar.PageRequest{Limit: limit}
		for pages := 1; ; pages++ {
			ids, next, err := list(p)
			require.NoError(t, err)
			all = append(all, ids...)
			if next == "" {
				assert.Equal(t, wantPages, pages)
				return all
			}
			full := limit
			if full == 0 {
				full = 50 // page.DefaultLimit
			}
			require.Len(t, ids, full, "a page before the last is full")
			p.After = next
		}
	}
	myG := func(p masar.PageRequest) ([]string, string, error) {
		pg, err := w.Client.MyGrievances(ctx, emp.Actor, p)
		return pageIDs(pg.Items, grievanceID), pg.Next, err
	}
	agG := func(p masar.PageRequest) ([]string, string, error) {
		pg, err := w.Client.AgencyGrievances(ctx, w.MOH.Specialist, grievance.Filter{Limit: 1, After: "ignored"}, p)
		return pageIDs(pg.Items, grievanceID), pg.Next, err
	}
	myC := func(p masar.PageRequest) ([]string, string, error) {
		pg, err := w.Client.MyCorrections(ctx, emp.Actor, records.CorrectionPending, p)
		return pageIDs(pg.Items, correctionID), pg.Next, err
	}
	agC := func(p masar.PageRequest) ([]string, string, error) {
		pg, err := w.Client.AgencyCorrections(ctx, w.MOH.Specialist, records.CorrectionPending, p)
		return pageIDs(pg.Items, correctionID), pg.Next, err
	}
	assert.Equal(t, filed, collect(t, myG, 0, 2), "MyGrievances: 50, then 5")
	assert.Equal(t, filed, collect(t, myG, 20, 3))
	assert.Equal(t, filed, collect(t, agG, 0, 2), "AgencyGrievances")
	assert.Equal(t, requested, collect(t, myC, 0, 2), "MyCorrections")
	assert.Equal(t, requested, collect(t, agC, 25, 3), "AgencyCorrections")

	// A token that names nothing is refused, not taken for the end.
	_, err := w.Client.MyGrievances(ctx, emp.Actor, masar.PageRequest{After: "no-such-grievance"})
	assert.ErrorIs(t, err, grievance.ErrNotFound)
	_, err = w.Client.AgencyCorrections(ctx, w.MOH.Specialist, "", masar.PageRequest{After: "no-such-request"})
	assert.Equal(t, masar.NotFound, masar.ErrorCode(err))
	// A committee member asking only for kinds no committee decides sees nothing.
	pg, err := w.Client.AgencyGrievances(ctx, w.MOH.Committee, grievance.Filter{Kinds: []grievance.Kind{grievance.KindDecision}}, masar.PageRequest{})
	require.NoError(t, err)
	assert.Empty(t, pg.Items)
}
