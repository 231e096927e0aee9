package records_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

func eos(id string, on hijri.Date) records.HistoryEvent {
	return records.HistoryEvent{ID: id, Kind: records.KindEndOfService, Start: on, EndReason: records.EndRetirement}
}

func TestValidateHistory(t *testing.T) {
	appt := jobEv("appt", records.KindAppointment, d(1440, 1, 1), 8)
	tests := []struct {
		name    string
		history []records.HistoryEvent
		reason  string
		fields  []string // the conflicting events, as field paths
	}{
		{"two appointments", []records.HistoryEvent{appt, jobEv("appt2", records.KindAppointment, d(1441, 1, 1), 8)},
			"records.history.duplicate_appointment", []string{"history.appt", "history.appt2"}},
		{"no appointment", []records.HistoryEvent{leave("l", records.AnnualLeave, d(1440, 1, 1), d(1440, 1, 5))},
			"records.history.missing_appointment", []string{"history.l"}},
		{"before the appointment", []records.HistoryEvent{appt, leave("l", records.AnnualLeave, d(1439, 12, 1), d(1440, 1, 5))},
			"records.history.before_appointment", []string{"history.l", "history.appt"}},
		{"promotion before the appointment", []records.HistoryEvent{appt, jobEv("p", records.KindPromotion, d(1439, 1, 1), 9)},
			"records.history.before_appointment", []string{"history.p", "history.appt"}},
		{"end before start", []records.HistoryEvent{appt, leave("l", records.AnnualLeave, d(1441, 1, 10), d(1441, 1, 5))},
			"records.history.end_before_start", []string{"history.l"}},
		{"two job events on one day overlap", []records.HistoryEvent{appt, jobEv("p", records.KindPromotion, d(1442, 1, 1), 9), jobEv("t", records.KindTransfer, d(1442, 1, 1), 9)},
			"records.history.overlap", []string{"history.p", "history.t"}},
		{"overlapping leaves", []records.HistoryEvent{appt, leave("l1", records.AnnualLeave, d(1441, 1, 1), d(1441, 1, 10)), leave("l2", records.ExceptionalLeave, d(1441, 1, 10), d(1441, 2, 1))},
			"records.history.overlap", []string{"history.l1", "history.l2"}},
		{"a leave inside an ongoing leave", []records.HistoryEvent{appt, leave("l1", records.ExceptionalLeave, d(1441, 1, 1), hijri.Date{}), leave("l2", records.AnnualLeave, d(1442, 1, 1), d(1442, 1, 3))},
			"records.history.overlap", []string{"history.l1", "history.l2"}},
		{"after the end of service", []records.HistoryEvent{appt, eos("eos", d(1444, 6, 29)), leave("l", records.AnnualLeave, d(1444, 7, 1), d(1444, 7, 3))},
			"records.history.after_end_of_service", []string{"history.l", "history.eos"}},
		{"ending after the end of service", []records.HistoryEvent{appt, eos("eos", d(1444, 6, 29)), leave("l", records.AnnualLeave, d(1444, 6, 20), d(1444, 7, 3))},
			"records.history.after_end_of_service", []string{"history.l", "history.eos"}},
		{"ongoing after the end of service", []records.HistoryEvent{appt, eos("eos", d(1444, 6, 29)), leave("l", records.ExceptionalLeave, d(1444, 6, 20), hijri.Date{})},
			"records.history.ongoing_after_end_of_service", []string{"history.l", "history.eos"}},
		{"two ends of service", []records.HistoryEvent{appt, eos("e1", d(1444, 6, 29)), eos("e2", d(1444, 6, 29))},
			"records.history.duplicate_end_of_service", []string{"history.e1", "history.e2"}},
		{"duplicate IDs", []records.HistoryEvent{appt, leave("appt", records.AnnualLeave, d(1441, 1, 1), d(1441, 1, 2))},
			"records.history.duplicate_id", []string{"history.appt", "history.appt"}},
		{"job event without a job", []records.HistoryEvent{appt, {ID: "p", Kind: records.KindPromotion, Start: d(1442, 1, 1)}},
			"records.history.missing_job", []string{"history.p"}},
		{"job event with an end", []records.HistoryEvent{appt, with(jobEv("p", records.KindPromotion, d(1442, 1, 1), 9), func(e *records.HistoryEvent) { e.End = d(1443, 1, 1) })},
			"records.history.job_event_end", []string{"history.p"}},
		{"leave without a type", []records.HistoryEvent{appt, period("l", records.KindLeave, d(1441, 1, 1), d(1441, 1, 2))},
			"records.history.missing_leave_type", []string{"history.l"}},
		{"secondment without a host", []records.HistoryEvent{appt, period("s", records.KindSecondment, d(1441, 1, 1), d(1441, 2, 2))},
			"records.history.missing_host", []string{"history.s"}},
		{"scholarship without a location", []records.HistoryEvent{appt, period("s", records.KindScholarship, d(1441, 1, 1), d(1441, 2, 2))},
			"records.history.missing_location", []string{"history.s"}},
		{"deduction without days", []records.HistoryEvent{appt, {ID: "x", Kind: records.KindPenalty, Penalty: records.PenaltyDeduction, Start: d(1441, 1, 1)}},
			"records.history.penalty_days", []string{"history.x"}},
		{"days on a warning", []records.HistoryEvent{appt, {ID: "x", Kind: records.KindPenalty, Penalty: records.PenaltyWarning, PenaltyDays: 3, Start: d(1441, 1, 1)}},
			"records.history.penalty_days", []string{"history.x"}},
		{"outcome on a leave that is not study leave", []records.HistoryEvent{appt, with(leave("l", records.AnnualLeave, d(1441, 1, 1), d(1441, 1, 2)), func(e *records.HistoryEvent) { e.Outcome = records.Achieved })},
			"records.history.outcome_not_applicable", []string{"history.l"}},
		{"penalized training", []records.HistoryEvent{appt, with(period("t", records.KindTraining, d(1441, 1, 1), d(1441, 1, 2)), func(e *records.HistoryEvent) {
			e.Location, e.Outcome = records.InsideKingdom, records.Penalized
		})}, "records.history.outcome_not_applicable", []string{"history.t"}},
		{"host on a leave", []records.HistoryEvent{appt, with(leave("l", records.AnnualLeave, d(1441, 1, 1), d(1441, 1, 2)), func(e *records.HistoryEvent) { e.Host = records.HostGovernment })},
			"records.history.field_not_applicable", []string{"history.l"}},
		{"unknown kind", []records.HistoryEvent{appt, period("x", "vacation", d(1441, 1, 1), d(1441, 1, 2))},
			"records.history.invalid_kind", []string{"history.x"}},
		{"invalid date", []records.HistoryEvent{appt, leave("l", records.AnnualLeave, hijri.Date{Year: 1441, Month: 12, Day: 30}, hijri.Date{})},
			"records.history.invalid_start", []string{"history.l"}},
		{"end of service without a reason", []records.HistoryEvent{appt, {ID: "e", Kind: records.KindEndOfService, Start: d(1444, 1, 1)}},
			"records.history.missing_end_reason", []string{"history.e"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := records.ValidateHistory(tc.history)
			require.Error(t, err)
			assert.ErrorIs(t, err, records.ErrInvalidHistory)
			assert.Equal(t, fault.Invalid, fault.CodeOf(err))
			assert.Equal(t, tc.reason, fault.ReasonOf(err))
			fe, ok := fault.As(err)
			require.True(t, ok)
			var fields []string
			for _, f := range fe.Fields {
				fields = append(fields, f.Field)
				assert.Equal(t, tc.reason, f.Reason)
			}
			assert.Equal(t, tc.fields, fields)
			assert.NotEmpty(t, fe.Message.AR)
			assert.NotEmpty(t, fe.Message.EN)
			for _, f := range tc.fields[:1] {
				assert.Contains(t, fe.Message.EN, f[len("history."):], "the message names the event")
			}
		})
	}
}

func TestValidateHistoryAccepts(t *testing.T) {
	gen := identitytest.NewGenerator(42)
	b := recordstest.NewEmployee(gen).
		Secondment(records.HostGovernment, d(1445, 6, 1), d(1445, 8, 29)).
		Leave(records.AnnualLeave, d(1445, 9, 1), d(1445, 9, 1)). // a one-day leave: end = start
		Suspension(d(1445, 10, 1), d(1445, 10, 20), records.Cleared).
		Penalty(records.PenaltyWarning, d(1445, 10, 21), 0).
		Penalty(records.PenaltyDeduction, d(1445, 10, 21), 3). // penalties may overlap
		EndService(d(1446, 1, 29), records.EndEarlyRetirement)
	require.NoError(t, records.ValidateHistory(b.History()))
	assert.NoError(t, records.ValidateHistory(nil))

	// Same-day interval and end of service on the last day of a period.
	h := []records.HistoryEvent{jobEv("a", records.KindAppointment, d(1440, 1, 1), 5), leave("l", records.AnnualLeave, d(1440, 1, 1), d(1440, 1, 5)), eos("e", d(1440, 1, 5))}
	assert.NoError(t, records.ValidateHistory(h))
}

func TestJobSegments(t *testing.T) {
	h := []records.HistoryEvent{
		eos("eos", d(1446, 3, 10)),
		jobEv("p8", records.KindPromotion, d(1441, 1, 1), 8),
		jobEv("a", records.KindAppointment, d(1436, 1, 1), 6),
		jobEv("p7", records.KindPromotion, d(1438, 1, 1), 7),
	}
	segs := records.JobSegments(h)
	require.Len(t, segs, 3)
	assert.Equal(t, "a", segs[0].Event.ID)
	assert.Equal(t, d(1436, 1, 1), segs[0].From)
	assert.Equal(t, d(1437, 12, 30), segs[0].To, "the day before the next job event")
	assert.Equal(t, d(1440, 12, 29), segs[1].To)
	assert.Equal(t, d(1446, 3, 10), segs[2].To, "the last day of service")

	segs = records.JobSegments(h[1:])
	assert.True(t, segs[2].To.IsZero(), "ongoing while in service")
}

func TestActiveOnAndPenalties(t *testing.T) {
	h := []records.HistoryEvent{
		jobEv("a", records.KindAppointment, d(1436, 1, 1), 6),
		leave("study", records.StudyLeave, d(1444, 1, 1), hijri.Date{}),
		leave("old", records.AnnualLeave, d(1440, 1, 1), d(1440, 1, 10)),
		{ID: "pen1", Kind: records.KindPenalty, Penalty: records.PenaltyDeduction, PenaltyDays: 10, Start: d(1444, 3, 1)},
		{ID: "pen2", Kind: records.KindPenalty, Penalty: records.PenaltyDeduction, PenaltyDays: 5, Start: d(1444, 11, 1)},
		{ID: "pen0", Kind: records.KindPenalty, Penalty: records.PenaltyDeduction, PenaltyDays: 7, Start: d(1443, 11, 1)},
	}
	active := records.ActiveOn(h, d(1445, 1, 1))
	require.Len(t, active, 1)
	assert.Equal(t, "study", active[0].ID)

	pens, days := records.PenaltiesBetween(h, d(1444, 1, 1), d(1445, 1, 1))
	assert.Equal(t, 15, days, "Reg 49(d): 15 days or more in the year before")
	require.Len(t, pens, 2)
	assert.Equal(t, "pen1", pens[0].ID)
}

func TestSortHistory(t *testing.T) {
	h := []records.HistoryEvent{
		eos("eos", d(1444, 1, 1)),
		leave("l", records.AnnualLeave, d(1444, 1, 1), d(1444, 1, 1)),
		jobEv("p", records.KindPromotion, d(1444, 1, 1), 9),
		jobEv("a", records.KindAppointment, d(1440, 1, 1), 8),
	}
	records.SortHistory(h)
	var got []string
	for _, ev := range h {
		got = append(got, ev.ID)
	}
	assert.Equal(t, []string{"a", "p", "l", "eos"}, got)
}
