package records_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/records"
)

func d(y, m, dd int) hijri.Date { return hijri.MustNew(y, m, dd) }

func p(y, m, dd int) hijri.Period { return hijri.Period{Years: y, Months: m, Days: dd} }

var testAgency = records.Agency{ID: "moe", Name: i18n.Text{AR: "وزارة التعليم", EN: "Ministry of Education"}}

func jobEv(id string, kind records.EventKind, on hijri.Date, rank int) records.HistoryEvent {
	return records.HistoryEvent{ID: id, Kind: kind, Start: on, Job: &records.Job{Agency: testAgency,
		Title: i18n.Text{AR: "محاسب", EN: "Accountant"}, Rank: rank, Step: 1, StartDate: on}}
}

func period(id string, kind records.EventKind, from, to hijri.Date) records.HistoryEvent {
	return records.HistoryEvent{ID: id, Kind: kind, Start: from, End: to}
}

func leave(id string, t records.LeaveType, from, to hijri.Date) records.HistoryEvent {
	ev := period(id, records.KindLeave, from, to)
	ev.Leave = t
	return ev
}

func with(ev records.HistoryEvent, f func(*records.HistoryEvent)) records.HistoryEvent {
	f(&ev)
	return ev
}

// excl is an expected excluded run.
type excl struct {
	from, to hijri.Date
	days     int
	period   hijri.Period
	causes   []string // event IDs
}

// The month lengths used below, from the Umm al-Qura table:
//
//	1440 (354): 29,30,29,30,30,30,29,30,29,30,29,29
//	1441 (355): 30,29,30,29,30,30,29,30,30,29,30,29
//	1442 (354): 29,30,29,30,29,30,29,30,30,29,30,29
//	1443 (355): 30,29,30,29,30,29,30,29,30,29,30,30
//	1444 (354): 29,30,29,30,30,29,29,30,29,30,29,30
//	1445 (354): 29,30,30,30,29,30,29,29,30,29,29,30
//
// From 1440-01-01 to 1445-01-01 is 354+355+354+355+354 = 1772 days, 5 legal years.
func TestServiceDurationByHand(t *testing.T) {
	appt := jobEv("appt", records.KindAppointment, d(1440, 1, 1), 8)
	unpaid := leave("unpaid", records.ExceptionalLeave, d(1442, 3, 1), d(1442, 5, 29)) // 29+30+29 = 88 days, 3 months
	suspension := func(o records.Outcome) records.HistoryEvent {
		// 1443-02-01 .. 1443-03-15: Safar (29) + 15 = 44 days; 1 month 15 days.
		return with(period("susp", records.KindSuspension, d(1443, 2, 1), d(1443, 3, 15)), func(e *records.HistoryEvent) { e.Outcome = o })
	}
	secondment := func(h records.HostKind) records.HistoryEvent {
		// 1441-06-01 .. 1441-11-30: 30+29+30+30+29+30 = 178 days; 6 months.
		return with(period("sec", records.KindSecondment, d(1441, 6, 1), d(1441, 11, 30)), func(e *records.HistoryEvent) { e.Host = h })
	}
	scholarship := func(o records.Outcome) records.HistoryEvent {
		// 1441-01-01 .. 1442-12-29: 355 + 354 = 709 days; 2 years.
		return with(period("sch", records.KindScholarship, d(1441, 1, 1), d(1442, 12, 29)), func(e *records.HistoryEvent) {
			e.Location, e.Outcome = records.OutsideKingdom, o
		})
	}
	training := func(to hijri.Date) records.HistoryEvent {
		return with(period("trn", records.KindTraining, d(1441, 1, 1), to), func(e *records.HistoryEvent) { e.Location = records.InsideKingdom })
	}

	tests := []struct {
		name    string
		history []records.HistoryEvent
		purpose records.Purpose
		asOf    hijri.Date
		gross   int
		days    int
		period  hijri.Period
		excl    []excl
	}{
		{name: "no exclusions", history: []records.HistoryEvent{appt}, purpose: records.PurposeTotal, asOf: d(1445, 1, 1),
			gross: 1772, days: 1772, period: p(5, 0, 0)},
		{name: "354-day year is one year", history: []records.HistoryEvent{appt}, purpose: records.PurposeTotal, asOf: d(1441, 1, 1),
			gross: 354, days: 354, period: p(1, 0, 0)},
		{name: "355-day year is one year", history: []records.HistoryEvent{jobEv("appt", records.KindAppointment, d(1441, 1, 1), 8)},
			purpose: records.PurposeTotal, asOf: d(1442, 1, 1), gross: 355, days: 355, period: p(1, 0, 0)},
		{name: "a 29-day month is one month", history: []records.HistoryEvent{jobEv("appt", records.KindAppointment, d(1445, 1, 1), 8)},
			purpose: records.PurposeTotal, asOf: d(1445, 2, 1), gross: 29, days: 29, period: p(0, 1, 0)},
		{name: "last day of a 29-day month to the next month: 1 day, 2 legal days",
			history: []records.HistoryEvent{jobEv("appt", records.KindAppointment, d(1445, 1, 29), 8)},
			purpose: records.PurposeTotal, asOf: d(1445, 2, 1), gross: 1, days: 1, period: p(0, 0, 2)},
		{name: "from day 30 of a 30-day month: borrow 30",
			history: []records.HistoryEvent{jobEv("appt", records.KindAppointment, d(1445, 2, 30), 8)},
			purpose: records.PurposeTotal, asOf: d(1445, 4, 1), gross: 31, days: 31, period: p(0, 1, 1)},
		{name: "as of the appointment day is zero", history: []records.HistoryEvent{appt, unpaid}, purpose: records.PurposeTotal,
			asOf: d(1440, 1, 1), gross: 0, days: 0, period: p(0, 0, 0)},

		{name: "unpaid leave in the middle, total", history: []records.HistoryEvent{appt, unpaid}, purpose: records.PurposeTotal, asOf: d(1445, 1, 1),
			gross: 1772, days: 1684, period: p(4, 9, 0), excl: []excl{{d(1442, 3, 1), d(1442, 5, 29), 88, p(0, 3, 0), []string{"unpaid"}}}},
		{name: "unpaid leave in the middle, promotion (48(b)(1))", history: []records.HistoryEvent{appt, unpaid}, purpose: records.PurposePromotion, asOf: d(1445, 1, 1),
			gross: 1772, days: 1684, period: p(4, 9, 0), excl: []excl{{d(1442, 3, 1), d(1442, 5, 29), 88, p(0, 3, 0), []string{"unpaid"}}}},
		{name: "unpaid leave in the middle, leave accrual (135(a))", history: []records.HistoryEvent{appt, unpaid}, purpose: records.PurposeLeaveAccrual, asOf: d(1445, 1, 1),
			gross: 1772, days: 1684, period: p(4, 9, 0), excl: []excl{{d(1442, 3, 1), d(1442, 5, 29), 88, p(0, 3, 0), []string{"unpaid"}}}},
		{name: "annual leave counts", history: []records.HistoryEvent{appt, leave("al", records.AnnualLeave, d(1442, 3, 1), d(1442, 3, 20))},
			purpose: records.PurposeLeaveAccrual, asOf: d(1445, 1, 1), gross: 1772, days: 1772, period: p(5, 0, 0)},

		{name: "suspension with a penalty, promotion (48(b)(5))", history: []records.HistoryEvent{appt, suspension(records.Penalized)}, purpose: records.PurposePromotion,
			asOf: d(1445, 1, 1), gross: 1772, days: 1728, period: p(4, 10, 15), excl: []excl{{d(1443, 2, 1), d(1443, 3, 15), 44, p(0, 1, 15), []string{"susp"}}}},
		{name: "suspension with a penalty, leave accrual (135(b))", history: []records.HistoryEvent{appt, suspension(records.Penalized)}, purpose: records.PurposeLeaveAccrual,
			asOf: d(1445, 1, 1), gross: 1772, days: 1728, period: p(4, 10, 15), excl: []excl{{d(1443, 2, 1), d(1443, 3, 15), 44, p(0, 1, 15), []string{"susp"}}}},
		{name: "suspension without a penalty counts", history: []records.HistoryEvent{appt, suspension(records.Cleared)}, purpose: records.PurposePromotion,
			asOf: d(1445, 1, 1), gross: 1772, days: 1772, period: p(5, 0, 0)},
		{name: "suspension pending counts until decided", history: []records.HistoryEvent{appt, suspension(records.OutcomePending)}, purpose: records.PurposeTotal,
			asOf: d(1445, 1, 1), gross: 1772, days: 1772, period: p(5, 0, 0)},

		{name: "secondment to a non-government body, promotion (48(b)(2))", history: []records.HistoryEvent{appt, secondment(records.HostNonGovernment)}, purpose: records.PurposePromotion,
			asOf: d(1445, 1, 1), gross: 1772, days: 1594, period: p(4, 6, 0), excl: []excl{{d(1441, 6, 1), d(1441, 11, 30), 178, p(0, 6, 0), []string{"sec"}}}},
		{name: "secondment to a government body counts", history: []records.HistoryEvent{appt, secondment(records.HostGovernment)}, purpose: records.PurposeLeaveAccrual,
			asOf: d(1445, 1, 1), gross: 1772, days: 1772, period: p(5, 0, 0)},
		{name: "secondment to an international body counts for promotion", history: []records.HistoryEvent{appt, secondment(records.HostInternational)}, purpose: records.PurposePromotion,
			asOf: d(1445, 1, 1), gross: 1772, days: 1772, period: p(5, 0, 0)},
		{name: "secondment to an international body is not government (135(d))", history: []records.HistoryEvent{appt, secondment(records.HostInternational)}, purpose: records.PurposeLeaveAccrual,
			asOf: d(1445, 1, 1), gross: 1772, days: 1594, period: p(4, 6, 0), excl: []excl{{d(1441, 6, 1), d(1441, 11, 30), 178, p(0, 6, 0), []string{"sec"}}}},

		{name: "failed scholarship, promotion (48(b)(3))", history: []records.HistoryEvent{appt, scholarship(records.NotAchieved)}, purpose: records.PurposePromotion,
			asOf: d(1445, 1, 1), gross: 1772, days: 1063, period: p(3, 0, 0), excl: []excl{{d(1441, 1, 1), d(1442, 12, 29), 709, p(2, 0, 0), []string{"sch"}}}},
		{name: "failed scholarship, total", history: []records.HistoryEvent{appt, scholarship(records.NotAchieved)}, purpose: records.PurposeTotal,
			asOf: d(1445, 1, 1), gross: 1772, days: 1063, period: p(3, 0, 0), excl: []excl{{d(1441, 1, 1), d(1442, 12, 29), 709, p(2, 0, 0), []string{"sch"}}}},
		{name: "successful scholarship counts for promotion", history: []records.HistoryEvent{appt, scholarship(records.Achieved)}, purpose: records.PurposePromotion,
			asOf: d(1445, 1, 1), gross: 1772, days: 1772, period: p(5, 0, 0)},
		{name: "any scholarship is excluded from leave accrual (135(g))", history: []records.HistoryEvent{appt, scholarship(records.Achieved)}, purpose: records.PurposeLeaveAccrual,
			asOf: d(1445, 1, 1), gross: 1772, days: 1063, period: p(3, 0, 0), excl: []excl{{d(1441, 1, 1), d(1442, 12, 29), 709, p(2, 0, 0), []string{"sch"}}}},

		{name: "training of one year, leave accrual (135(h))", history: []records.HistoryEvent{appt, training(d(1441, 12, 29))}, purpose: records.PurposeLeaveAccrual,
			asOf: d(1445, 1, 1), gross: 1772, days: 1417, period: p(4, 0, 0), excl: []excl{{d(1441, 1, 1), d(1441, 12, 29), 355, p(1, 0, 0), []string{"trn"}}}},
		{name: "training one day short of a year counts", history: []records.HistoryEvent{appt, training(d(1441, 12, 28))}, purpose: records.PurposeLeaveAccrual,
			asOf: d(1445, 1, 1), gross: 1772, days: 1772, period: p(5, 0, 0)},

		{name: "overlapping exclusions are merged, a day is subtracted once",
			history: []records.HistoryEvent{appt, unpaid, period("abs", records.KindAbsence, d(1442, 5, 20), d(1442, 6, 10))},
			// 1442-03-01 .. 1442-06-10: 88 + 10 = 98 days; 3 months 10 days.
			purpose: records.PurposePromotion, asOf: d(1445, 1, 1), gross: 1772, days: 1674, period: p(4, 8, 20),
			excl: []excl{{d(1442, 3, 1), d(1442, 6, 10), 98, p(0, 3, 10), []string{"unpaid", "abs"}}}},
		{name: "separate exclusions stay separate",
			history: []records.HistoryEvent{appt, unpaid, suspension(records.Penalized)},
			purpose: records.PurposeTotal, asOf: d(1445, 1, 1), gross: 1772, days: 1640, period: p(4, 7, 15),
			excl: []excl{{d(1442, 3, 1), d(1442, 5, 29), 88, p(0, 3, 0), []string{"unpaid"}}, {d(1443, 2, 1), d(1443, 3, 15), 44, p(0, 1, 15), []string{"susp"}}}},
		{name: "an ongoing leave runs to asOf",
			history: []records.HistoryEvent{appt, leave("open", records.ExceptionalLeave, d(1444, 7, 1), hijri.Date{})},
			// 1444-07-01 .. 1444-12-30: 29+30+29+30+29+30 = 177 days; 6 months.
			purpose: records.PurposeTotal, asOf: d(1445, 1, 1), gross: 1772, days: 1595, period: p(4, 6, 0),
			excl: []excl{{d(1444, 7, 1), d(1444, 12, 30), 177, p(0, 6, 0), []string{"open"}}}},
		{name: "an exclusion running past asOf is clipped",
			history: []records.HistoryEvent{appt, leave("long", records.ExceptionalLeave, d(1444, 7, 1), d(1445, 3, 1))},
			purpose: records.PurposeTotal, asOf: d(1445, 1, 1), gross: 1772, days: 1595, period: p(4, 6, 0),
			excl: []excl{{d(1444, 7, 1), d(1444, 12, 30), 177, p(0, 6, 0), []string{"long"}}}},
		{name: "service ends on the last day of service",
			// 1440-01-01 .. 1444-06-29: 1418 + 29+30+29+30+30+29 = 1595 days; 4 years 6 months.
			history: []records.HistoryEvent{appt, with(period("eos", records.KindEndOfService, d(1444, 6, 29), hijri.Date{}), func(e *records.HistoryEvent) { e.EndReason = records.EndResignation })},
			purpose: records.PurposeTotal, asOf: d(1446, 1, 1), gross: 1595, days: 1595, period: p(4, 6, 0)},
		{name: "events after asOf are ignored",
			history: []records.HistoryEvent{appt, leave("later", records.ExceptionalLeave, d(1445, 2, 1), d(1445, 2, 10))},
			purpose: records.PurposeTotal, asOf: d(1445, 1, 1), gross: 1772, days: 1772, period: p(5, 0, 0)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, records.ValidateHistory(tc.history), "the test history must be valid")
			got, err := records.ServiceDuration(tc.history, tc.purpose, tc.asOf)
			require.NoError(t, err)
			assert.Equal(t, tc.gross, got.GrossDays, "gross days")
			assert.Equal(t, tc.days, got.Days, "days")
			assert.Equal(t, tc.period, got.Period, "legal period")
			assert.Equal(t, tc.gross-tc.days, got.ExcludedDays, "excluded days")
			assert.Equal(t, tc.asOf, got.AsOf)
			assert.Equal(t, tc.history[0].Start, got.Start)
			require.Len(t, got.Excluded, len(tc.excl))
			for i, w := range tc.excl {
				e := got.Excluded[i]
				assert.Equal(t, w.from, e.From, "excluded[%d].From", i)
				assert.Equal(t, w.to, e.To, "excluded[%d].To", i)
				assert.Equal(t, w.days, e.Days, "excluded[%d].Days", i)
				assert.Equal(t, w.period, e.Period, "excluded[%d].Period", i)
				var causes []string
				for _, c := range e.Causes {
					causes = append(causes, c.EventID)
					assert.NotEmpty(t, c.Basis)
					assert.NotEmpty(t, c.Reason.AR)
					assert.NotEmpty(t, c.Reason.EN)
				}
				assert.Equal(t, w.causes, causes, "excluded[%d] causes", i)
			}
			// The arithmetic a person can check.
			sum := 0
			for _, s := range got.Counted {
				sum += s.Days
			}
			assert.Equal(t, got.GrossDays, sum)
			assert.Equal(t, got.Gross.TotalDays()-got.ExcludedPeriod.TotalDays(), got.Period.TotalDays())
		})
	}
}

func TestServiceDurationErrors(t *testing.T) {
	appt := jobEv("appt", records.KindAppointment, d(1440, 1, 1), 8)
	_, err := records.ServiceDuration([]records.HistoryEvent{appt}, records.PurposeTotal, d(1439, 12, 29))
	assert.ErrorIs(t, err, records.ErrAsOfBeforeStart, "asOf before appointment")
	_, err = records.ServiceDuration([]records.HistoryEvent{appt}, "pension", d(1445, 1, 1))
	assert.ErrorIs(t, err, records.ErrInvalidPurpose)
	_, err = records.ServiceDuration(nil, records.PurposeTotal, d(1445, 1, 1))
	assert.ErrorIs(t, err, records.ErrNoAppointment)
	_, err = records.ServiceDuration([]records.HistoryEvent{leave("l", records.AnnualLeave, d(1440, 1, 1), d(1440, 1, 2))}, records.PurposeTotal, d(1445, 1, 1))
	assert.ErrorIs(t, err, records.ErrNoAppointment)
	_, err = records.ServiceDuration([]records.HistoryEvent{appt}, records.PurposeTotal, hijri.Date{Year: 1445, Month: 2, Day: 31})
	assert.ErrorIs(t, err, records.ErrInvalidDate)
	_, err = records.RankDuration([]records.HistoryEvent{appt}, records.PurposePromotion, d(1445, 1, 1))
	assert.ErrorIs(t, err, records.ErrInvalidPurpose, "no ranks")
	_, err = records.ServiceSince([]records.HistoryEvent{appt}, records.PurposePromotion, hijri.Date{}, d(1445, 1, 1))
	assert.ErrorIs(t, err, records.ErrInvalidDate)
}

// Ranks: 6 from 1436-01-01, 7 from 1438-01-01, 8 from 1441-01-01.
// 1436: 354, 1437: 354, 1438: 354, 1439: 355, 1440: 354, 1441: 355, 1442: 354, 1443: 355, 1444: 354.
func TestRankDuration(t *testing.T) {
	h := []records.HistoryEvent{
		jobEv("a", records.KindAppointment, d(1436, 1, 1), 6),
		jobEv("p7", records.KindPromotion, d(1438, 1, 1), 7),
		jobEv("p8", records.KindPromotion, d(1441, 1, 1), 8),
		leave("unpaid", records.ExceptionalLeave, d(1442, 3, 1), d(1442, 5, 29)),
		leave("before", records.ExceptionalLeave, d(1437, 1, 1), d(1437, 1, 10)),
	}
	require.NoError(t, records.ValidateHistory(h))
	asOf := d(1445, 1, 1)

	r8, err := records.RankDuration(h, records.PurposePromotion, asOf, 8)
	require.NoError(t, err)
	assert.Equal(t, 355+354+355+354, r8.GrossDays)
	assert.Equal(t, p(4, 0, 0), r8.Gross)
	assert.Equal(t, 1418-88, r8.Days, "the unpaid leave in rank 8 is excluded; the one in rank 6 is not in the window")
	assert.Equal(t, p(3, 9, 0), r8.Period)
	require.Len(t, r8.Counted, 1)
	assert.Equal(t, d(1441, 1, 1), r8.Counted[0].From)
	assert.Equal(t, d(1444, 12, 30), r8.Counted[0].To)

	// Reg art 53: ranks 7 and 8 together, consecutive: one span.
	r78, err := records.RankDuration(h, records.PurposePromotion, asOf, 7, 8)
	require.NoError(t, err)
	require.Len(t, r78.Counted, 1)
	assert.Equal(t, 354+355+354+1418, r78.GrossDays)
	assert.Equal(t, p(7, 0, 0), r78.Gross)
	assert.Equal(t, p(6, 9, 0), r78.Period)

	// Ranks 6 and 8: two spans, two exclusions.
	r68, err := records.RankDuration(h, records.PurposePromotion, asOf, 6, 8)
	require.NoError(t, err)
	require.Len(t, r68.Counted, 2)
	assert.Equal(t, 708+1418, r68.GrossDays)
	assert.Equal(t, p(6, 0, 0), r68.Gross)
	assert.Equal(t, 708+1418-10-88, r68.Days)
	assert.Len(t, r68.Excluded, 2)

	// Not yet in rank 9.
	r9, err := records.RankDuration(h, records.PurposePromotion, asOf, 9)
	require.NoError(t, err)
	assert.Zero(t, r9.Days)
	assert.Empty(t, r9.Counted)

	rank, cur, err := records.TimeInCurrentRank(h, records.PurposePromotion, asOf)
	require.NoError(t, err)
	assert.Equal(t, 8, rank)
	assert.Equal(t, r8, cur)
	rank, cur, err = records.TimeInCurrentRank(h, records.PurposePromotion, d(1441, 1, 1))
	require.NoError(t, err)
	assert.Equal(t, 7, rank, "on the promotion day the last counted day is still in rank 7")
	assert.Equal(t, p(3, 0, 0), cur.Period)
	_, _, err = records.TimeInCurrentRank(h, records.PurposePromotion, d(1435, 1, 1))
	assert.ErrorIs(t, err, records.ErrAsOfBeforeStart)

	// Experience since a date (e.g. the last promotion).
	since, err := records.ServiceSince(h, records.PurposePromotion, d(1443, 1, 1), asOf)
	require.NoError(t, err)
	assert.Equal(t, 355+354, since.Days)
	assert.Equal(t, p(2, 0, 0), since.Period)
	since, err = records.ServiceSince(h, records.PurposePromotion, d(1400, 1, 1), asOf)
	require.NoError(t, err)
	assert.Equal(t, d(1436, 1, 1), since.Counted[0].From, "since before the appointment starts at the appointment")
}

func TestDefaultRulesAreCopies(t *testing.T) {
	r := records.DefaultRules()
	r.Promotion[0].Basis = "changed"
	r.Promotion = r.Promotion[:0]
	again := records.DefaultRules()
	assert.Equal(t, "Reg 48(b)(1)", again.Promotion[0].Basis)
	for _, p := range records.Purposes {
		rules, ok := again.For(p)
		assert.True(t, ok)
		assert.NotEmpty(t, rules)
		for _, rule := range rules {
			assert.True(t, rule.Kind.IsPeriod(), "%s: %s", p, rule.Kind)
			assert.NotEmpty(t, rule.Basis)
		}
	}
}

func TestCustomRules(t *testing.T) {
	// A host whose pension rules also exclude annual leave (a made-up rule, for the mechanism).
	r := records.DefaultRules()
	r.Total = append(r.Total, records.ExclusionRule{Kind: records.KindLeave, Leave: records.AnnualLeave, Basis: "host rule", Reason: i18n.Text{AR: "إجازة", EN: "leave"}})
	h := []records.HistoryEvent{jobEv("a", records.KindAppointment, d(1440, 1, 1), 8), leave("al", records.AnnualLeave, d(1441, 1, 1), d(1441, 1, 10))}
	got, err := r.ServiceDuration(h, records.PurposeTotal, d(1445, 1, 1))
	require.NoError(t, err)
	assert.Equal(t, 1762, got.Days)
	got, err = records.ServiceDuration(h, records.PurposeTotal, d(1445, 1, 1))
	require.NoError(t, err)
	assert.Equal(t, 1772, got.Days, "the defaults are unchanged")
}
