package separation_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
	"github.com/masarhr/masar-go/separation"
)

func plus(day hijri.Date, n int) hijri.Date {
	out, err := day.AddDays(n)
	if err != nil {
		panic(err)
	}
	return out
}

// file returns a File from b, as the Service would read it.
func file(b *recordstest.Builder) separation.File {
	h := b.History()
	e := b.Employee("e1", testNow)
	return separation.File{Employee: e, History: h}
}

func rules() separation.Rules { return separation.DefaultRules() }

func reasons(err error) []string {
	fe, ok := fault.As(err)
	if !ok {
		return nil
	}
	var out []string
	for _, f := range fe.Fields {
		out = append(out, f.Reason)
	}
	return out
}

func TestDeemedResignation(t *testing.T) {
	r := rules()
	filed := d(1446, 3, 10)
	assert.Equal(t, plus(filed, 30), r.DeemedOn(filed))
	c := separation.Case{Cause: separation.CauseResignation, Filed: filed, State: separation.Submitted}
	assert.Equal(t, plus(filed, 30), r.DeemedLastDay(&c), "no date stated: the day it is deemed")
	c.Requested = plus(filed, 45)
	assert.Equal(t, plus(filed, 45), r.DeemedLastDay(&c), "a later date stated")
	c.Requested = plus(filed, 10)
	assert.Equal(t, plus(filed, 30), r.DeemedLastDay(&c), "an earlier date stated")
	c.PostponedTo = plus(filed, 60)
	assert.Equal(t, plus(filed, 60), r.DeemedLastDay(&c), "postponed")
}

func TestPostponementWindow(t *testing.T) {
	r := rules()
	filed := d(1446, 3, 10)
	c := separation.Case{Cause: separation.CauseResignation, Filed: filed, Requested: plus(filed, 20), State: separation.Submitted}
	tests := []struct {
		name      string
		to, today hijri.Date
		ok        bool
	}{
		{"60 days after the date stated", plus(filed, 80), plus(filed, 5), true},
		{"61 days after", plus(filed, 81), plus(filed, 5), false},
		{"not after the date stated", plus(filed, 20), plus(filed, 5), false},
		{"on day 29 of the 30", plus(filed, 50), plus(filed, 29), true},
		{"on day 30: deemed accepted already", plus(filed, 50), plus(filed, 30), false},
	}
	for _, tt := range tests {
		err := r.CheckPostpone(&c, tt.to, tt.today)
		if tt.ok {
			assert.NoError(t, err, tt.name)
		} else {
			assert.ErrorIs(t, err, separation.ErrPostponement, tt.name)
		}
	}
	noDate := c
	noDate.Requested = hijri.Date{}
	assert.NoError(t, r.CheckPostpone(&noDate, plus(filed, 60), filed), "no date stated: 60 days from filing")
	assert.ErrorIs(t, r.CheckPostpone(&noDate, plus(filed, 61), filed), separation.ErrPostponement)
	early := c
	early.Cause = separation.CauseEarlyRetirement
	assert.ErrorIs(t, r.CheckPostpone(&early, plus(filed, 30), filed), separation.ErrWrongState)
}

func TestWithdraw(t *testing.T) {
	r := rules()
	c := separation.Case{Cause: separation.CauseResignation, State: separation.Submitted}
	assert.NoError(t, r.CheckWithdraw(&c, d(1446, 1, 1), ""))
	c.State, c.LastDay = separation.Accepted, d(1446, 2, 1)
	assert.ErrorIs(t, r.CheckWithdraw(&c, d(1446, 1, 1), ""), separation.ErrApprovalRequired)
	assert.NoError(t, r.CheckWithdraw(&c, d(1446, 1, 29), "وزاري 12"))
	assert.ErrorIs(t, r.CheckWithdraw(&c, d(1446, 2, 1), "وزاري 12"), separation.ErrWrongState, "on the last day")
	c.Cause = separation.CauseAbsence
	assert.ErrorIs(t, r.CheckWithdraw(&c, d(1446, 1, 1), "x"), separation.ErrWrongState)
}

func TestEarlyRetirementYears(t *testing.T) {
	r := rules()
	gen := identitytest.NewGenerator(3)
	start := d(1425, 1, 1)
	f := file(recordstest.NewBuilder(gen).Appoint(start, 10))
	twenty := plus(d(1445, 1, 1), -1) // service through it: 20y0m0d
	assert.NoError(t, r.CheckEarlyRetirement(&f, twenty, "", true))
	err := r.CheckEarlyRetirement(&f, plus(twenty, -1), "", true)
	assert.ErrorIs(t, err, separation.ErrRefused)
	assert.Equal(t, []string{"separation.service_short"}, reasons(err))

	senior := file(recordstest.NewBuilder(gen).Appoint(d(1420, 1, 1), 14))
	twentyFive := plus(d(1445, 1, 1), -1)
	assert.ErrorIs(t, r.CheckEarlyRetirement(&senior, twentyFive, "", false), separation.ErrRefused, "25 years exactly is not more than 25")
	assert.NoError(t, r.CheckEarlyRetirement(&senior, d(1445, 1, 1), "", false), "25 years and a day")
	assert.ErrorIs(t, r.CheckEarlyRetirement(&senior, d(1445, 1, 1), "", true), separation.ErrApprovalRequired)
	assert.NoError(t, r.CheckEarlyRetirement(&senior, d(1445, 1, 1), "أمر وزاري 77", true))
}

func TestAbsenceDays(t *testing.T) {
	r := rules()
	gen := identitytest.NewGenerator(4)
	filed := d(1446, 6, 1)
	tests := []struct {
		name    string
		b       *recordstest.Builder
		longest int
		total   int
		ok      bool
	}{
		{"14 consecutive", recordstest.NewBuilder(gen).Appoint(d(1430, 1, 1), 6).Absence(d(1446, 2, 1), d(1446, 2, 14)), 14, 14, false},
		{"15 consecutive", recordstest.NewBuilder(gen).Appoint(d(1430, 1, 1), 6).Absence(d(1446, 2, 1), d(1446, 2, 15)), 15, 15, true},
		{"adjacent events merge: 10 + 5", recordstest.NewBuilder(gen).Appoint(d(1430, 1, 1), 6).
			Absence(d(1446, 2, 1), d(1446, 2, 10)).Absence(d(1446, 2, 11), d(1446, 2, 15)), 15, 15, true},
		{"29 separate", recordstest.NewBuilder(gen).Appoint(d(1430, 1, 1), 6).
			Absence(d(1445, 8, 1), d(1445, 8, 10)).Absence(d(1445, 11, 1), d(1445, 11, 10)).Absence(d(1446, 3, 1), d(1446, 3, 9)), 10, 29, false},
		{"30 separate", recordstest.NewBuilder(gen).Appoint(d(1430, 1, 1), 6).
			Absence(d(1445, 8, 1), d(1445, 8, 10)).Absence(d(1445, 11, 1), d(1445, 11, 10)).Absence(d(1446, 3, 1), d(1446, 3, 10)), 10, 30, true},
		{"outside the year before filing", recordstest.NewBuilder(gen).Appoint(d(1430, 1, 1), 6).
			Absence(d(1445, 4, 1), d(1445, 5, 29)), 0, 0, false},
		{"clipped to the year: 1445-06-01 on", recordstest.NewBuilder(gen).Appoint(d(1430, 1, 1), 6).
			Absence(d(1445, 5, 20), d(1445, 6, 14)), 14, 14, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := file(tt.b)
			longest, total := separation.AbsenceDays(f.History, filed)
			assert.Equal(t, tt.longest, longest)
			assert.Equal(t, tt.total, total)
			c := separation.Case{Cause: separation.CauseAbsence, Filed: filed, Grounds: separation.Grounds{On: d(1446, 2, 1)}}
			err := r.CheckOpen(&c, &f, separation.RoleHR, filed)
			if tt.ok {
				assert.NoError(t, err)
			} else {
				assert.Equal(t, []string{"separation.absence_short"}, reasons(err))
			}
		})
	}
}

func TestAbsenceExcuseWindow(t *testing.T) {
	r := rules()
	f := file(recordstest.NewBuilder(identitytest.NewGenerator(5)).Appoint(d(1430, 1, 1), 6).Absence(d(1446, 2, 1), d(1446, 2, 20)))
	on := d(1446, 2, 1)
	c := separation.Case{Cause: separation.CauseAbsence, Filed: on, State: separation.Submitted, Grounds: separation.Grounds{On: on}}
	_, err := r.AcceptLastDay(&c, &f, plus(on, 15), hijri.Date{}, "")
	assert.ErrorIs(t, err, separation.ErrExcuseWindow, "15 days after the first day of absence")
	last, err := r.AcceptLastDay(&c, &f, plus(on, 16), hijri.Date{}, "")
	require.NoError(t, err)
	assert.Equal(t, plus(on, 16), last)
}

func TestTransferWindow(t *testing.T) {
	r := rules()
	f := file(recordstest.NewBuilder(identitytest.NewGenerator(6)).Appoint(d(1430, 1, 1), 6))
	on := d(1446, 2, 1)
	for _, tt := range []struct {
		days int
		err  error
	}{{14, separation.ErrExcuseWindow}, {15, separation.ErrExcuseWindow}, {16, nil}} {
		today := plus(on, tt.days)
		c := separation.Case{Cause: separation.CauseTransferNotExecuted, Filed: today, Grounds: separation.Grounds{On: on}}
		err := r.CheckOpen(&c, &f, separation.RoleHR, today)
		if tt.err == nil {
			assert.NoError(t, err, tt.days)
		} else {
			assert.ErrorIs(t, err, tt.err, tt.days)
		}
	}
}

func TestMedicalNotification(t *testing.T) {
	r := rules()
	f := file(recordstest.NewBuilder(identitytest.NewGenerator(8)).Appoint(d(1430, 1, 1), 6))
	on := d(1446, 2, 1)
	today := plus(on, 40)
	for _, tt := range []struct {
		days int
		ok   bool
	}{{-1, false}, {0, true}, {30, true}, {31, false}} {
		c := separation.Case{Cause: separation.CauseMedical, Filed: today, Grounds: separation.Grounds{On: on, NotifiedOn: plus(on, tt.days)}}
		err := r.CheckOpen(&c, &f, separation.RoleHR, today)
		if tt.ok {
			require.NoError(t, err, tt.days)
			last, ok := r.OpenLastDay(&c, &f)
			assert.True(t, ok)
			assert.Equal(t, plus(on, tt.days), last, "the notification ends service")
		} else {
			assert.Equal(t, []string{"separation.notification_late"}, reasons(err), tt.days)
		}
	}
	assert.Equal(t, plus(on, 30), r.MedicalDeadline(on))
}

func TestOpenRules(t *testing.T) {
	r := rules()
	gen := identitytest.NewGenerator(9)
	today := d(1446, 5, 1)
	plain := file(recordstest.NewBuilder(gen).Appoint(d(1430, 1, 1), 6))
	suspended := file(recordstest.NewBuilder(gen).Appoint(d(1430, 1, 1), 6).Event(records.HistoryEvent{Kind: records.KindSuspension, Start: d(1446, 3, 1)}))
	onTrial := file(recordstest.NewBuilder(gen).Appoint(d(1430, 1, 1), 6).Event(records.HistoryEvent{Kind: records.KindTrialReferral, Start: d(1446, 3, 1)}))
	ended := file(recordstest.NewBuilder(gen).Appoint(d(1430, 1, 1), 6).EndService(d(1445, 1, 1), records.EndResignation))
	resign := separation.Case{Cause: separation.CauseResignation, Filed: today}
	assert.NoError(t, r.CheckOpen(&resign, &plain, separation.RoleEmployee, today))
	assert.ErrorIs(t, r.CheckOpen(&resign, &plain, separation.RoleHR, today), separation.ErrNotPermitted)
	assert.ErrorIs(t, r.CheckOpen(&resign, &suspended, separation.RoleEmployee, today), separation.ErrBarred)
	assert.ErrorIs(t, r.CheckOpen(&resign, &onTrial, separation.RoleEmployee, today), separation.ErrBarred)
	assert.ErrorIs(t, r.CheckOpen(&resign, &ended, separation.RoleEmployee, today), separation.ErrNotInService)
	early := separation.Case{Cause: separation.CauseEarlyRetirement, Filed: today}
	assert.ErrorIs(t, r.CheckOpen(&early, &suspended, separation.RoleEmployee, today), separation.ErrBarred)

	unknown := separation.Case{Cause: "fired", Filed: today}
	assert.ErrorIs(t, r.CheckOpen(&unknown, &plain, separation.RoleHR, today), separation.ErrUnknownCause)

	death := separation.Case{Cause: separation.CauseDeath, Filed: today}
	err := r.CheckOpen(&death, &plain, separation.RoleHR, today)
	assert.ElementsMatch(t, []string{"separation.on_required", "separation.reference_required"}, reasons(err))
	death.Grounds = separation.Grounds{On: plus(today, 1), Reference: "1234"}
	assert.Equal(t, []string{"separation.on_in_future"}, reasons(r.CheckOpen(&death, &plain, separation.RoleHR, today)))
	death.Grounds.On = plus(today, -3)
	require.NoError(t, r.CheckOpen(&death, &plain, separation.RoleHR, today))
	last, ok := r.OpenLastDay(&death, &plain)
	assert.True(t, ok)
	assert.Equal(t, plus(today, -3), last, "the day of death is the last day")

	ratings := separation.Case{Cause: separation.CauseUnsatisfactoryRatings, Filed: today, Grounds: separation.Grounds{RatingYears: []int{1443, 1445, 1444}}}
	assert.NoError(t, r.CheckOpen(&ratings, &plain, separation.RoleHR, today))
	ratings.Grounds.RatingYears = []int{1442, 1444, 1445}
	ratings.Grounds.GrievanceAccepted = true
	assert.ElementsMatch(t, []string{"separation.ratings_not_consecutive", "separation.grievance_accepted"},
		reasons(r.CheckOpen(&ratings, &plain, separation.RoleHR, today)))

	statutory := separation.Case{Cause: separation.CauseStatutoryAge, Filed: today}
	assert.Equal(t, []string{"separation.no_retirement"}, reasons(r.CheckOpen(&statutory, &plain, separation.RoleSystem, today)))
	assert.ErrorIs(t, r.CheckOpen(&statutory, &plain, separation.RoleEmployee, today), separation.ErrNotPermitted)
}

func TestDismissalLastDay(t *testing.T) {
	r := rules()
	gen := identitytest.NewGenerator(10)
	judgment := d(1446, 5, 1)
	c := separation.Case{Cause: separation.CauseDismissal, Filed: judgment, Grounds: separation.Grounds{On: judgment, Reference: "ح/55"}}
	plain := file(recordstest.NewBuilder(gen).Appoint(d(1430, 1, 1), 6))
	last, ok := r.OpenLastDay(&c, &plain)
	assert.True(t, ok)
	assert.Equal(t, judgment, last, "not suspended: the judgment day")
	suspended := file(recordstest.NewBuilder(gen).Appoint(d(1430, 1, 1), 6).Event(records.HistoryEvent{Kind: records.KindSuspension, Start: d(1446, 2, 10)}))
	last, _ = r.OpenLastDay(&c, &suspended)
	assert.Equal(t, d(1446, 2, 9), last, "suspended: from the suspension date")
	cleared := file(recordstest.NewBuilder(gen).Appoint(d(1430, 1, 1), 6).Suspension(d(1445, 2, 10), d(1445, 3, 10), records.Cleared))
	last, _ = r.OpenLastDay(&c, &cleared)
	assert.Equal(t, judgment, last, "a suspension that ended before does not count")
}

func TestEndReasons(t *testing.T) {
	want := map[separation.Cause]records.EndReason{
		separation.CauseResignation: records.EndResignation, separation.CauseEarlyRetirement: records.EndEarlyRetirement,
		separation.CauseStatutoryAge: records.EndRetirement, separation.CauseMedical: records.EndMedical,
		separation.CauseDeath: records.EndDeath, separation.CauseDismissal: records.EndDismissal,
		separation.CauseTransferNotExecuted: records.EndDismissal, separation.CauseAbsence: records.EndDismissal,
		separation.CauseUnsatisfactoryRatings: records.EndDismissal, separation.CauseRoyalOrder: records.EndOther,
		separation.CauseNationalityLoss: records.EndOther,
	}
	require.Len(t, want, len(separation.Causes))
	for c, r := range want {
		assert.Equal(t, r, c.EndReason(), c)
	}
}

func TestExtensionLimit(t *testing.T) {
	r := rules()
	ret := separation.Retirement{StatutoryLastDay: d(1450, 6, 29)}
	assert.NoError(t, r.CheckExtension(&ret, d(1455, 6, 29)))
	assert.ErrorIs(t, r.CheckExtension(&ret, d(1455, 6, 30)), separation.ErrExtension)
	assert.ErrorIs(t, r.CheckExtension(&ret, d(1450, 6, 29)), separation.ErrExtension)
}
