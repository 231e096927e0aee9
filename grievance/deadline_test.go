package grievance_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/hijri"
)

func h(y, m, d int) hijri.Date { return hijri.MustNew(y, m, d) }

func g(t *testing.T, y int, m time.Month, d int) hijri.Date {
	t.Helper()
	out, err := hijri.FromGregorian(y, m, d)
	require.NoError(t, err)
	return out
}

// Umm al-Qura month starts used below (from the published calendar):
// 1446-02-01 Mon 2024-08-05 (30 days), 1446-04-01 Fri 2024-10-04,
// 1446-06-01 Mon 2024-12-02 (30), 1446-07-01 Wed 2025-01-01 (30),
// 1446-08-01 Fri 2025-01-31 (29), 1446-09-01 Sat 2025-03-01 (29),
// 1446-10-01 Sun 2025-03-30 (30), 1446-11-01 Tue 2025-04-29,
// 1447-02-01 Sat 2025-07-26 (29), 1447-03-01 Sun 2025-08-24,
// 1447-05-01 Thu 2025-10-23.
func TestDeadlineByHand(t *testing.T) {
	// Eid al-Fitr 1446 holidays as a host would configure them.
	eid := grievance.Holidays(nil, h(1446, 10, 1), h(1446, 10, 2), h(1446, 10, 3), h(1446, 10, 4), h(1446, 10, 5))
	allDays := grievance.CalendarFunc(func(hijri.Date) bool { return true })
	cases := []struct {
		name    string
		trigger hijri.Date
		term    grievance.Term
		cal     grievance.Calendar
		want    hijri.Date
	}{
		{"month end over a 29-day Ramadan", h(1446, 8, 29), grievance.Days(60), nil, h(1446, 11, 1)},
		{"same, Gregorian input", g(t, 2025, 2, 28), grievance.Days(60), nil, g(t, 2025, 4, 29)},
		{"counting starts the day after: 1 day", h(1446, 8, 29), grievance.Days(1), allDays, h(1446, 9, 1)},
		{"0 days is the trigger itself", h(1446, 7, 1), grievance.Days(0), nil, h(1446, 7, 1)},
		{"last day Friday moves to Sunday", h(1446, 2, 1), grievance.Days(60), nil, h(1446, 4, 3)},
		{"last day Friday, every day working", h(1446, 2, 1), grievance.Days(60), allDays, h(1446, 4, 1)},
		{"last day Saturday moves to Sunday", h(1446, 6, 30), grievance.Days(60), nil, h(1446, 9, 2)},
		{"Saturday case, Gregorian input", g(t, 2024, 12, 31), grievance.Days(60), nil, g(t, 2025, 3, 2)},
		{"Eid holidays then the weekend", h(1446, 7, 29), grievance.Days(60), eid, h(1446, 10, 8)},
		{"Eid case without holidays", h(1446, 7, 29), grievance.Days(60), nil, h(1446, 10, 1)},
		{"Gregorian month end (Jan 31 + 60 = Apr 1)", g(t, 2025, 1, 31), grievance.Days(60), nil, g(t, 2025, 4, 1)},
		{"15 days (performance rating) over a 30-day Muharram", h(1447, 1, 20), grievance.Days(15), nil, h(1447, 2, 5)},
		{"10 Hijri years keep the day", h(1437, 5, 15), grievance.Years(10), nil, h(1447, 5, 15)},
		{"a year from a 30th into a 29-day month, then Saturday", h(1446, 2, 30), grievance.Years(1), nil, h(1447, 3, 1)},
		{"a year and days", h(1446, 2, 30), grievance.Term{Years: 1, Days: 1}, allDays, h(1447, 3, 1)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.term.End(tc.trigger, tc.cal)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got, "got %s want %s", got, tc.want)
			if tc.term.Years == 0 {
				d, err := grievance.Deadline(tc.trigger, tc.term.Days, tc.cal)
				require.NoError(t, err)
				assert.Equal(t, tc.want, d)
			}
		})
	}
}

func TestAddYears(t *testing.T) {
	cases := []struct {
		in   hijri.Date
		n    int
		want hijri.Date
	}{
		{h(1446, 2, 30), 1, h(1447, 2, 29)}, // Safar 1447 has 29 days
		{h(1446, 2, 29), 1, h(1447, 2, 29)},
		{h(1447, 2, 29), -1, h(1446, 2, 29)},
		{h(1437, 5, 15), 10, h(1447, 5, 15)},
		{h(1447, 1, 1), 0, h(1447, 1, 1)},
	}
	for _, tc := range cases {
		got, err := grievance.AddYears(tc.in, tc.n)
		require.NoError(t, err)
		assert.Equal(t, tc.want, got, "%s %+d", tc.in, tc.n)
	}
	_, err := grievance.AddYears(h(1495, 1, 1), 10)
	assert.ErrorIs(t, err, hijri.ErrOutOfRange)
	_, err = grievance.AddYears(hijri.Date{Year: 1446, Month: 2, Day: 31}, 1)
	assert.ErrorIs(t, err, hijri.ErrInvalidDate)
}

func TestWindowOpenBoundaries(t *testing.T) {
	trigger := h(1446, 8, 29) // Friday; the window's last day is 1446-11-01
	cases := []struct {
		asOf hijri.Date
		open bool
	}{
		{h(1446, 8, 28), false}, // before the trigger
		{h(1446, 8, 29), true},  // the trigger day
		{h(1446, 9, 1), true},
		{h(1446, 10, 30), true},
		{h(1446, 11, 1), true}, // the last day is included
		{h(1446, 11, 2), false},
	}
	for _, tc := range cases {
		open, last, err := grievance.WindowOpen(trigger, grievance.Days(60), tc.asOf, nil)
		require.NoError(t, err)
		assert.Equal(t, h(1446, 11, 1), last)
		assert.Equal(t, tc.open, open, "asOf %s", tc.asOf)
	}
}

func TestCheckFilingWindow(t *testing.T) {
	rules := grievance.DefaultRules()[grievance.KindDecision]
	d := grievance.Decision{Number: "1", Date: h(1446, 8, 20), LearntOn: h(1446, 8, 29)}
	last, err := grievance.CheckFilingWindow(rules, d, h(1446, 11, 1), nil)
	require.NoError(t, err)
	assert.Equal(t, h(1446, 11, 1), last)

	_, err = grievance.CheckFilingWindow(rules, d, h(1446, 11, 2), nil)
	require.ErrorIs(t, err, grievance.ErrFilingWindowClosed)
	require.ErrorIs(t, err, grievance.ErrFilingRefused)
	fe := faultOf(t, err)
	require.Len(t, fe.Fields, 1)
	assert.Equal(t, "decision.learnt_on", fe.Fields[0].Field)
	assert.Equal(t, grievance.ReasonWindowClosed, fe.Fields[0].Reason)
	assert.Contains(t, fe.Fields[0].Message.AR, "1446-11-01")

	// Without a learnt-of date the decision date starts the window.
	d.LearntOn = hijri.Date{}
	last, err = grievance.CheckFilingWindow(rules, d, h(1446, 10, 20), nil)
	require.NoError(t, err)
	assert.Equal(t, h(1446, 10, 22), last) // 1446-08-20 + 60 = 1446-10-21, a Friday

	// A trigger in the future.
	_, err = grievance.CheckFilingWindow(rules, d, h(1446, 8, 19), nil)
	require.ErrorIs(t, err, grievance.ErrFilingWindowClosed)
	assert.Equal(t, grievance.ReasonFutureDate, faultOf(t, err).Fields[0].Reason)

	// Rights claims count 10 years from the decision date, whatever the learnt-of date.
	rights := grievance.DefaultRules()[grievance.KindRightsClaim]
	rc := grievance.Decision{Date: h(1437, 5, 15), LearntOn: h(1447, 1, 1)}
	last, err = grievance.CheckFilingWindow(rights, rc, h(1447, 5, 15), nil)
	require.NoError(t, err)
	assert.Equal(t, h(1447, 5, 15), last)
	_, err = grievance.CheckFilingWindow(rights, rc, h(1447, 5, 16), nil)
	require.ErrorIs(t, err, grievance.ErrFilingWindowClosed)
	assert.Equal(t, "decision.date", faultOf(t, err).Fields[0].Field)
}

func TestNextWorkingDayErrors(t *testing.T) {
	never := grievance.CalendarFunc(func(hijri.Date) bool { return false })
	_, err := grievance.NextWorkingDay(h(1446, 1, 1), never)
	assert.ErrorIs(t, err, grievance.ErrNoWorkingDay)

	_, err = grievance.Deadline(h(1500, 12, 20), 60, nil)
	assert.ErrorIs(t, err, hijri.ErrOutOfRange)
	_, err = grievance.Deadline(hijri.Date{}, 60, nil)
	assert.ErrorIs(t, err, hijri.ErrInvalidDate)
}

func TestDefaultCalendar(t *testing.T) {
	cal := grievance.DefaultCalendar()
	// 1446-08-01 is a Friday.
	want := map[int]bool{1: false, 2: false, 3: true, 4: true, 5: true, 6: true, 7: true, 8: false}
	for day, working := range want {
		assert.Equal(t, working, cal.IsWorkingDay(h(1446, 8, day)), "1446-08-%02d", day)
	}
	hol := grievance.Holidays(cal, h(1446, 8, 3))
	assert.False(t, hol.IsWorkingDay(h(1446, 8, 3)))
	assert.True(t, hol.IsWorkingDay(h(1446, 8, 4)))
}

func TestTermString(t *testing.T) {
	assert.Equal(t, "60d", grievance.Days(60).String())
	assert.Equal(t, "10y", grievance.Years(10).String())
	assert.Equal(t, "1y 15d", grievance.Term{Years: 1, Days: 15}.String())
	assert.True(t, grievance.Term{}.IsZero())
}
