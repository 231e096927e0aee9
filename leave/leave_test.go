package leave_test

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/calendar"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/leave"
	"github.com/masarhr/masar-go/records"
)

var d = hijri.MustNew

func reasons(t *testing.T, err error) []string {
	t.Helper()
	require.ErrorIs(t, err, leave.ErrRefused)
	fe, ok := fault.As(err)
	require.True(t, ok)
	var out []string
	for _, f := range fe.Fields {
		out = append(out, f.Reason)
	}
	return out
}

func TestStatementAccrualAndExclusion(t *testing.T) {
	r := leave.DefaultRules()
	l := leave.Ledger{Start: d(1440, 1, 1),
		Excluded: []records.Span{{From: d(1441, 1, 1), To: d(1441, 6, 30)}}, // about half of year 2
		Uses:     []leave.Use{{On: d(1440, 5, 1), Days: 10}}}
	st := r.Statement(&l, d(1441, 1, 1), nil)
	require.Len(t, st.Years, 2)
	assert.Equal(t, 36, st.Years[0].Entitled)
	assert.Equal(t, 10, st.Years[0].Taken)
	assert.Equal(t, 26, st.Years[0].Remaining)
	excl := hijri.DaysBetween(d(1441, 1, 1), d(1441, 6, 30)) + 1
	days := hijri.DaysBetween(d(1441, 1, 1), d(1442, 1, 1))
	assert.Equal(t, 36*(days-excl)/days, st.Years[1].Entitled)
	assert.Equal(t, 26+st.Years[1].Entitled, st.Available)
	// reproducible: the same inputs as of a past date give the same years
	past := r.Statement(&l, d(1440, 4, 1), nil)
	require.Len(t, past.Years, 1)
	assert.Equal(t, 0, past.Years[0].Taken, "the use of 1440-05-01 is after the date")
	assert.Equal(t, past, r.Statement(&l, d(1440, 4, 1), make([]leave.YearBalance, 0, 4)))
}

func TestExpiryOnTheLastDay(t *testing.T) {
	r := leave.DefaultRules()
	l := leave.Ledger{Start: d(1440, 1, 1)}
	last := d(1443, 12, hijri.DaysInMonth(1443, 12)) // year 1 ends 1440-12-end; +3 years
	st := r.Statement(&l, last, nil)
	assert.Equal(t, last, st.Years[0].ExpiresOn)
	assert.Equal(t, 36, st.Years[0].Remaining, "usable on its last day")
	l.Uses = []leave.Use{{On: last, Days: 5}}
	st = r.Statement(&l, last, nil)
	assert.Equal(t, 5, st.Years[0].Taken, "taken on the last day, from the oldest year")
	next, _ := last.AddDays(1)
	st = r.Statement(&l, next, nil)
	assert.Equal(t, 31, st.Years[0].Expired)
	assert.Equal(t, 0, st.Years[0].Remaining)
	l.Extended = []int{1}
	st = r.Statement(&l, next, nil)
	assert.Equal(t, 31, st.Years[0].Remaining, "a fourth year by approval")
}

func TestCapOnThe25thAnniversary(t *testing.T) {
	r := leave.DefaultRules()
	start := d(1420, 3, 10)
	assert.Equal(t, 108, r.CapOn(start, d(1400, 1, 1), d(1445, 3, 9)))
	assert.Equal(t, 144, r.CapOn(start, d(1400, 1, 1), d(1445, 3, 10)))
	assert.Equal(t, 144, r.CapOn(d(1440, 1, 1), d(1395, 7, 1), d(1445, 7, 1)), "age 50")
	assert.Equal(t, 108, r.CapOn(d(1440, 1, 1), d(1395, 7, 1), d(1445, 6, 29)))
}

func TestLeaveSpanningEid(t *testing.T) {
	r := leave.DefaultRules()
	cal := calendar.NewOfficial(nil)
	// 1445-09-20 .. 1445-10-10: Eid al-Fitr 9/25..10/5 is not counted
	from, to := d(1445, 9, 20), d(1445, 10, 10)
	all := hijri.DaysBetween(from, to) + 1
	hol := cal.HolidaysBetween(from, to)
	require.Equal(t, 11, hol)
	assert.Equal(t, all-hol, r.Days(leave.Annual, from, to, cal))
	assert.Equal(t, all, r.Days(leave.Bereavement, from, to, cal), "bereavement counts holidays")
}

func TestCheckListsEveryReason(t *testing.T) {
	r := leave.DefaultRules()
	q := leave.Request{Kind: leave.Annual, From: d(1441, 2, 1), To: d(1441, 5, 1),
		Ledger:  leave.Ledger{Start: d(1440, 1, 1)},
		Granted: []leave.Taken{{Kind: leave.Annual, From: d(1441, 3, 1), To: d(1441, 3, 5), Days: 5}}}
	got := reasons(t, r.Check(&q, nil))
	assert.ElementsMatch(t, []string{"leave.overlap", "leave.beyond_balance"}, got)

	q = leave.Request{Kind: leave.Annual, From: d(1441, 2, 1), To: d(1441, 2, 3), Ledger: leave.Ledger{Start: d(1440, 1, 1),
		Uses: []leave.Use{{On: d(1441, 1, 5), Days: 4}, {On: d(1441, 1, 15), Days: 4}}}}
	assert.Equal(t, []string{"leave.short_periods"}, reasons(t, r.Check(&q, nil)))
	q.To = d(1441, 2, 2)
	assert.NoError(t, r.Check(&q, nil), "2 more short days make 10")

	q = leave.Request{Kind: leave.Paternity, From: d(1441, 2, 1), To: d(1441, 2, 4), Ledger: leave.Ledger{Start: d(1440, 1, 1)}}
	assert.Equal(t, []string{"leave.kind_max_days"}, reasons(t, r.Check(&q, nil)))
	q = leave.Request{Kind: leave.Emergency, From: d(1441, 2, 1), To: d(1441, 2, 2), Ledger: leave.Ledger{Start: d(1440, 1, 1)}}
	assert.Equal(t, []string{"leave.emergency_with_balance"}, reasons(t, r.Check(&q, nil)))
	q = leave.Request{Kind: leave.Exceptional, From: d(1444, 1, 1), To: d(1444, 3, 1), Ledger: leave.Ledger{Start: d(1430, 1, 1)},
		Granted: []leave.Taken{{Kind: leave.Exceptional, From: d(1441, 1, 1), To: d(1443, 1, 1), Days: 700}}}
	assert.Equal(t, []string{"leave.kind_window"}, reasons(t, r.Check(&q, nil)))

	// the cap: 108 a service year before 25 years of service
	big := leave.Ledger{Start: d(1400, 1, 1)}
	q = leave.Request{Kind: leave.Annual, From: d(1424, 2, 1), To: d(1424, 6, 1), Birth: d(1380, 1, 1), Ledger: big}
	assert.Contains(t, reasons(t, r.Check(&q, nil)), "leave.beyond_cap")
	q.From, q.To = d(1425, 2, 1), d(1425, 6, 1)
	assert.NoError(t, r.Check(&q, nil), "144 after the 25th anniversary")

	assert.ErrorIs(t, r.Check(&leave.Request{Kind: "x"}, nil), leave.ErrUnknownKind)
	assert.ErrorIs(t, r.Check(&leave.Request{Kind: leave.Annual, From: d(1441, 2, 2), To: d(1441, 2, 1)}, nil), leave.ErrInvalidPeriod)
}

func TestSickPayTranches(t *testing.T) {
	s := leave.DefaultSickRules()
	full, half, quarter := decimal.NewFromInt(1), decimal.RequireFromString("0.5"), decimal.RequireFromString("0.25")
	start := d(1440, 1, 1)
	d179, _ := start.AddDays(178)
	pays, err := s.Pay(leave.Ordinary, []leave.Span{{From: start, To: d179}}, leave.Span{From: must(d179.AddDays(1)), To: must(d179.AddDays(2))})
	require.NoError(t, err)
	require.Len(t, pays, 2)
	assert.True(t, pays[0].Pay.Equal(full), "day 180 is full pay")
	assert.True(t, pays[1].Pay.Equal(half), "day 181 is half pay")
	// a whole quota: 720 days then exhausted
	pays, err = s.Pay(leave.Ordinary, nil, leave.Span{From: start, To: must(start.AddDays(720))})
	require.NoError(t, err)
	assert.True(t, pays[359].Pay.Equal(half))
	assert.True(t, pays[360].Pay.Equal(quarter))
	assert.True(t, pays[719].Pay.Equal(quarter))
	assert.False(t, pays[719].Exhausted)
	assert.True(t, pays[720].Exhausted)
	assert.True(t, pays[720].Pay.IsZero())
}

func must(x hijri.Date, err error) hijri.Date {
	if err != nil {
		panic(err)
	}
	return x
}

func TestSickFourYearWindow(t *testing.T) {
	s := leave.DefaultSickRules()
	start := d(1440, 1, 1)
	prior := []leave.Span{{From: start, To: must(start.AddDays(199))}} // 200 days
	lastOfWindow := d(1443, 12, hijri.DaysInMonth(1443, 12))
	pays, err := s.Pay(leave.Ordinary, prior, leave.Span{From: lastOfWindow, To: must(lastOfWindow.AddDays(1))})
	require.NoError(t, err)
	assert.True(t, pays[0].Pay.Equal(decimal.RequireFromString("0.5")), "day 201 of the window")
	assert.True(t, pays[1].Pay.Equal(decimal.NewFromInt(1)), "a new window opens on 1444-01-01")
	_, err = s.Pay("flu", nil, leave.Span{From: start, To: start})
	assert.ErrorIs(t, err, leave.ErrUnknownCategory)
	_, err = s.Pay(leave.Ordinary, nil, leave.Span{From: start, To: d(1439, 1, 1)})
	assert.ErrorIs(t, err, leave.ErrInvalidPeriod)
}

func TestCountsPerPurpose(t *testing.T) {
	r := records.DefaultRules()
	assert.False(t, leave.Counts(&r, leave.Exceptional, records.PurposePromotion))
	assert.False(t, leave.Counts(&r, leave.Study, records.PurposeLeaveAccrual))
	assert.True(t, leave.Counts(&r, leave.Study, records.PurposePromotion), "only failed study leave is excluded")
	assert.False(t, leave.Counts(&r, leave.SpouseCompanion, records.PurposeLeaveAccrual))
	for _, k := range []leave.Kind{leave.Sick, leave.Maternity, leave.Annual, leave.Companion} {
		for _, p := range records.Purposes {
			assert.True(t, leave.Counts(&r, k, p), "%s %s", k, p)
		}
	}
	for _, k := range records.LeaveTypes {
		got, err := leave.ParseKind(" " + string(k) + " ")
		require.NoError(t, err)
		assert.Equal(t, k, got)
	}
}

func FuzzParseKind(f *testing.F) {
	for _, k := range records.LeaveTypes {
		f.Add(string(k))
	}
	f.Add("ANNUAL")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		k, err := leave.ParseKind(s)
		if err != nil {
			if !errors.Is(err, leave.ErrUnknownKind) {
				t.Fatal(err)
			}
			return
		}
		if !k.Valid() {
			t.Fatalf("%q parsed to invalid %q", s, k)
		}
	})
}

func TestSplitCompanion(t *testing.T) {
	r := leave.DefaultRules()
	st := r.Statement(&leave.Ledger{Start: d(1440, 1, 1), Uses: []leave.Use{{On: d(1440, 2, 1), Days: 30}}}, d(1440, 6, 1), nil)
	require.Equal(t, 6, st.Available)
	assert.Equal(t, leave.CompanionSplit{Annual: 6, Sick: 14}, r.SplitCompanion(20, &st))
	assert.Equal(t, leave.CompanionSplit{Annual: 4}, r.SplitCompanion(4, &st))
	r.CompanionToSick = false
	assert.Equal(t, leave.CompanionSplit{Annual: 6, Unpaid: 14}, r.SplitCompanion(20, &st))
}
