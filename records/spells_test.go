package records_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

// twoSpells is a history of two spells of service (CSL art 18(c)):
// appointed at rank 8 on 1440-01-01, resigned with 1441-12-29 the last day
// (709 days, 2 legal years), re-appointed at rank 8 step 3 on 1443-01-01;
// in the second spell 30 days of prison time not charged to leave
// (1443-03-01..30), a referral to trial ending in acquittal, and a de facto
// period of 30 days (1444-12-01..30). 1442 (354 days) is the gap.
func twoSpells() []records.HistoryEvent {
	re := jobEv("re", records.KindAppointment, d(1443, 1, 1), 8)
	re.Job.Step = 3
	return []records.HistoryEvent{
		jobEv("a", records.KindAppointment, d(1440, 1, 1), 8),
		{ID: "eos", Kind: records.KindEndOfService, Start: d(1441, 12, 29), EndReason: records.EndResignation},
		re,
		period("jail", records.KindImprisonment, d(1443, 3, 1), d(1443, 3, 30)),
		{ID: "trial", Kind: records.KindTrialReferral, Start: d(1443, 3, 1), End: d(1443, 8, 10), Outcome: records.Acquitted},
		period("defacto", records.KindDeFacto, d(1444, 12, 1), d(1444, 12, 30)),
	}
}

// Each purpose's duration sums the spells; the gap is not service for any
// purpose (CSL art 18(c)). Prison time not charged to leave earns no annual
// leave (Reg art 135(f)) and counts otherwise; a de facto period counts for
// nothing (Reg art 222); a referral to trial excludes nothing by itself.
func TestServiceDurationSpells(t *testing.T) {
	h := twoSpells()
	require.NoError(t, records.ValidateHistory(h))
	asOf := d(1445, 1, 1)
	tests := []struct {
		purpose  records.Purpose
		days     int
		period   hijri.Period
		excluded []string
	}{
		{records.PurposeTotal, 1418 - 30, p(3, 11, 0), []string{"defacto"}},
		{records.PurposePromotion, 1418 - 30, p(3, 11, 0), []string{"defacto"}},
		{records.PurposeLeaveAccrual, 1418 - 60, p(3, 10, 0), []string{"jail", "defacto"}},
	}
	for _, tc := range tests {
		t.Run(string(tc.purpose), func(t *testing.T) {
			got, err := records.ServiceDuration(h, tc.purpose, asOf)
			require.NoError(t, err)
			assert.Equal(t, d(1440, 1, 1), got.Start)
			require.Len(t, got.Counted, 2, "one span per spell")
			assert.Equal(t, records.Span{From: d(1440, 1, 1), To: d(1441, 12, 29), Days: 709, Period: p(2, 0, 0)}, got.Counted[0])
			assert.Equal(t, records.Span{From: d(1443, 1, 1), To: d(1444, 12, 30), Days: 709, Period: p(2, 0, 0)}, got.Counted[1])
			assert.Equal(t, 1418, got.GrossDays, "the 354 days of 1442 are not counted")
			assert.Equal(t, p(4, 0, 0), got.Gross)
			assert.Equal(t, tc.days, got.Days)
			assert.Equal(t, tc.period, got.Period)
			var causes []string
			for _, ex := range got.Excluded {
				for _, c := range ex.Causes {
					causes = append(causes, c.EventID)
				}
			}
			assert.Equal(t, tc.excluded, causes)
		})
	}

	// Time in rank 8 spans both spells and skips the gap.
	r8, err := records.RankDuration(h, records.PurposePromotion, asOf, 8)
	require.NoError(t, err)
	require.Len(t, r8.Counted, 2)
	assert.Equal(t, d(1441, 12, 29), r8.Counted[0].To)
	assert.Equal(t, d(1443, 1, 1), r8.Counted[1].From)
	assert.Equal(t, 1418-30, r8.Days)
	rank, cur, err := records.TimeInCurrentRank(h, records.PurposePromotion, asOf)
	require.NoError(t, err)
	assert.Equal(t, 8, rank)
	assert.Equal(t, r8, cur)

	// Since a date in the first spell: its rest (1441-06..12, 207 days, 7
	// months) and the second spell.
	since, err := records.ServiceSince(h, records.PurposePromotion, d(1441, 6, 1), asOf)
	require.NoError(t, err)
	require.Len(t, since.Counted, 2)
	assert.Equal(t, 207+709-30, since.Days)
	assert.Equal(t, p(2, 6, 0), since.Period)

	// Asked for in the gap: the first spell only.
	gap, err := records.ServiceDuration(h, records.PurposeTotal, d(1442, 6, 1))
	require.NoError(t, err)
	require.Len(t, gap.Counted, 1)
	assert.Equal(t, 709, gap.Days)
	assert.Equal(t, p(2, 0, 0), gap.Period)
}

func TestSpellsAndJobSegments(t *testing.T) {
	h := twoSpells()
	sp := records.Spells(h)
	require.Len(t, sp, 2)
	assert.Equal(t, "a", sp[0].Appointment.ID)
	assert.Equal(t, d(1441, 12, 29), sp[0].To)
	assert.Equal(t, records.EndResignation, sp[0].EndReason)
	assert.Equal(t, "re", sp[1].Appointment.ID)
	assert.True(t, sp[1].To.IsZero(), "current")

	segs := records.JobSegments(h)
	require.Len(t, segs, 2)
	assert.Equal(t, d(1441, 12, 29), segs[0].To, "the first spell's job ends on its last day of service, not the day before the re-appointment")
	assert.True(t, segs[1].To.IsZero())

	var e records.Employee
	e.ApplyHistory(h)
	assert.True(t, e.ServiceEnd.IsZero(), "re-appointed: in service")
	assert.Equal(t, 3, e.Job.Step)
	h = append(h, records.HistoryEvent{ID: "eos2", Kind: records.KindEndOfService, Start: d(1446, 1, 10), EndReason: records.EndRetirement})
	require.NoError(t, records.ValidateHistory(h))
	e.ApplyHistory(h)
	assert.Equal(t, d(1446, 1, 10), e.ServiceEnd)
	assert.Len(t, records.Spells(h), 2)
}

func TestValidateHistorySpellsAndKinds(t *testing.T) {
	appt := jobEv("appt", records.KindAppointment, d(1440, 1, 1), 8)
	end := eos("eos", d(1442, 6, 29))
	re := jobEv("re", records.KindAppointment, d(1444, 1, 1), 8)
	trial := func(id string, from, to hijri.Date, o records.Outcome) records.HistoryEvent {
		return records.HistoryEvent{ID: id, Kind: records.KindTrialReferral, Start: from, End: to, Outcome: o}
	}
	tests := []struct {
		name    string
		history []records.HistoryEvent
		reason  string
		fields  []string
	}{
		{"re-appointment on the last day of service", []records.HistoryEvent{appt, end, jobEv("re", records.KindAppointment, d(1442, 6, 29), 8)},
			"records.history.duplicate_appointment", []string{"history.appt", "history.re"}},
		{"two ends of service in one spell", []records.HistoryEvent{appt, end, eos("eos2", d(1443, 1, 1)), re},
			"records.history.duplicate_end_of_service", []string{"history.eos", "history.eos2"}},
		{"an event in the gap", []records.HistoryEvent{appt, end, re, leave("l", records.AnnualLeave, d(1443, 1, 1), d(1443, 1, 5))},
			"records.history.after_end_of_service", []string{"history.l", "history.eos"}},
		{"a promotion in the gap", []records.HistoryEvent{appt, end, re, jobEv("p", records.KindPromotion, d(1443, 1, 1), 9)},
			"records.history.after_end_of_service", []string{"history.p", "history.eos"}},
		{"a period across the gap", []records.HistoryEvent{appt, end, re, leave("l", records.StudyLeave, d(1442, 1, 1), d(1444, 2, 1))},
			"records.history.after_end_of_service", []string{"history.l", "history.eos"}},
		{"ongoing in a spell that ended", []records.HistoryEvent{appt, end, re, leave("l", records.ExceptionalLeave, d(1442, 1, 1), hijri.Date{})},
			"records.history.ongoing_after_end_of_service", []string{"history.l", "history.eos"}},
		{"re-appointment after death", []records.HistoryEvent{appt, with(end, func(e *records.HistoryEvent) { e.EndReason = records.EndDeath }), re},
			"records.history.reappointment_after_death", []string{"history.re", "history.eos"}},
		{"end of service before the appointment", []records.HistoryEvent{appt, eos("e0", d(1439, 1, 1))},
			"records.history.before_appointment", []string{"history.e0", "history.appt"}},
		{"exceptional transfer", []records.HistoryEvent{appt, with(jobEv("t", records.KindTransfer, d(1441, 1, 1), 8), func(e *records.HistoryEvent) { e.Exceptional = true })},
			"records.history.field_not_applicable", []string{"history.t"}},
		{"exceptional leave flag", []records.HistoryEvent{appt, with(leave("l", records.AnnualLeave, d(1441, 1, 1), d(1441, 1, 3)), func(e *records.HistoryEvent) { e.Exceptional = true })},
			"records.history.field_not_applicable", []string{"history.l"}},
		{"ended trial without an outcome", []records.HistoryEvent{appt, trial("tr", d(1441, 1, 1), d(1441, 5, 1), records.OutcomePending)},
			"records.history.trial_outcome", []string{"history.tr"}},
		{"running trial with an outcome", []records.HistoryEvent{appt, trial("tr", d(1441, 1, 1), hijri.Date{}, records.Convicted)},
			"records.history.trial_outcome", []string{"history.tr"}},
		{"acquitted suspension", []records.HistoryEvent{appt, with(period("s", records.KindSuspension, d(1441, 1, 1), d(1441, 2, 1)), func(e *records.HistoryEvent) { e.Outcome = records.Acquitted })},
			"records.history.outcome_not_applicable", []string{"history.s"}},
		{"trial with a training outcome", []records.HistoryEvent{appt, trial("tr", d(1441, 1, 1), d(1441, 5, 1), records.Achieved)},
			"records.history.outcome_not_applicable", []string{"history.tr"}},
		{"trial with a suspension outcome", []records.HistoryEvent{appt, trial("tr", d(1441, 1, 1), d(1441, 5, 1), records.Penalized)},
			"records.history.outcome_not_applicable", []string{"history.tr"}},
		{"job on an imprisonment", []records.HistoryEvent{appt, with(period("j", records.KindImprisonment, d(1441, 1, 1), d(1441, 2, 1)), func(e *records.HistoryEvent) { e.Job = appt.Job })},
			"records.history.field_not_applicable", []string{"history.j"}},
		{"overlapping imprisonments", []records.HistoryEvent{appt, period("j1", records.KindImprisonment, d(1441, 1, 1), d(1441, 2, 1)), period("j2", records.KindImprisonment, d(1441, 2, 1), d(1441, 3, 1))},
			"records.history.overlap", []string{"history.j1", "history.j2"}},
		{"overlapping de facto periods", []records.HistoryEvent{appt, period("f1", records.KindDeFacto, d(1441, 1, 1), hijri.Date{}), period("f2", records.KindDeFacto, d(1441, 2, 1), d(1441, 3, 1))},
			"records.history.overlap", []string{"history.f1", "history.f2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := records.ValidateHistory(tc.history)
			require.Error(t, err)
			assert.ErrorIs(t, err, records.ErrInvalidHistory)
			assert.Equal(t, tc.reason, fault.ReasonOf(err))
			fe, ok := fault.As(err)
			require.True(t, ok)
			var fields []string
			for _, f := range fe.Fields {
				fields = append(fields, f.Field)
			}
			assert.Equal(t, tc.fields, fields)
			assert.NotEmpty(t, fe.Message.AR)
			assert.NotEmpty(t, fe.Message.EN)
		})
	}

	// Accepted: two spells, three even; two referrals at once (two cases);
	// an ended referral with each outcome; an exceptional promotion.
	ok := []records.HistoryEvent{
		appt, end, re,
		with(jobEv("px", records.KindPromotion, d(1444, 6, 1), 10), func(e *records.HistoryEvent) { e.Exceptional = true }),
		trial("t1", d(1444, 2, 1), d(1444, 4, 1), records.Dropped),
		trial("t2", d(1444, 3, 1), hijri.Date{}, records.OutcomePending),
		trial("t0", d(1440, 5, 1), d(1440, 9, 1), records.Convicted),
		period("j", records.KindImprisonment, d(1440, 5, 1), d(1440, 6, 1)),
		period("f", records.KindDeFacto, d(1442, 1, 1), d(1442, 6, 29)),
	}
	require.NoError(t, records.ValidateHistory(ok))
	third := append(records.CloneHistory(ok[:3]), eos("eos2", d(1444, 12, 1)), jobEv("re2", records.KindAppointment, d(1445, 6, 1), 9))
	require.NoError(t, records.ValidateHistory(third))
	assert.Len(t, records.Spells(third), 3)
}

// Through the Service: a file whose service ended takes a re-appointment;
// the file is in service again, at the new job, and the duration sums the
// spells. Recording an event in the gap is refused and stores nothing.
func TestReappointment(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	emp, _ := e.create(t, recordstest.NewEmployee(e.gen).EndService(d(1445, 6, 29), records.EndResignation))
	assert.Equal(t, d(1445, 6, 29), emp.ServiceEnd)
	before, err := e.svc.ServiceDuration(ctx, emp.ID, records.PurposeTotal, d(1446, 9, 1))
	require.NoError(t, err)

	re := jobEv("", records.KindAppointment, d(1446, 3, 1), 8)
	re.Job.Step = 4
	emp2, h, err := e.svc.AddHistoryEvents(ctx, records.HistoryChange{EmployeeID: emp.ID, Version: emp.Version, Events: []records.HistoryEvent{re}})
	require.NoError(t, err)
	assert.True(t, emp2.ServiceEnd.IsZero(), "in service again")
	assert.Equal(t, 4, emp2.Job.Step)
	assert.Len(t, records.Spells(h), 2)
	after, err := e.svc.ServiceDuration(ctx, emp.ID, records.PurposeTotal, d(1446, 9, 1))
	require.NoError(t, err)
	require.Len(t, after.Counted, 2)
	assert.Equal(t, before.Days+hijri.DaysBetween(d(1446, 3, 1), d(1446, 9, 1)), after.Days, "the second spell added, the gap not")

	_, _, err = e.svc.AddHistoryEvents(ctx, records.HistoryChange{EmployeeID: emp.ID, Version: emp2.Version,
		Events: []records.HistoryEvent{leave("", records.AnnualLeave, d(1445, 8, 1), d(1445, 8, 5))}})
	assert.Equal(t, "records.history.after_end_of_service", fault.ReasonOf(err))
	cur, err := e.svc.GetEmployee(ctx, emp.ID)
	require.NoError(t, err)
	assert.Equal(t, emp2.Version, cur.Version, "nothing stored")
}
