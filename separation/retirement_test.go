package separation_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/separation"
)

func d(y, m, day int) hijri.Date { return hijri.MustNew(y, m, day) }

// g is the Hijri date of a Gregorian date.
func g(y int, m time.Month, day int) hijri.Date {
	h, err := hijri.FromGregorian(y, m, day)
	if err != nil {
		panic(err)
	}
	return h
}

func TestRetirementFor(t *testing.T) {
	greg := func(y, m int) separation.Age {
		return separation.Age{Years: y, Months: m, Calendar: separation.GregorianYears}
	}
	tests := []struct {
		name   string
		in     separation.RetirementInput
		regime separation.Regime
		age    separation.Age
		date   hijri.Date
	}{
		{"new entrant: SIL 65 Gregorian", separation.RetirementInput{BirthDate: g(2000, 5, 10)},
			separation.RegimeSIL, greg(65, 0), g(2065, 5, 10)},
		{"new entrant born 29 Feb: 28 Feb in a common year", separation.RetirementInput{BirthDate: g(1996, 2, 29)},
			separation.RegimeSIL, greg(65, 0), g(2061, 2, 28)},
		{"28y11m29d at the reference: 65", separation.RetirementInput{BirthDate: g(1995, 7, 4), PriorContributor: true, PriorMonths: 60},
			separation.RegimeTransition, greg(65, 0), g(2060, 7, 4)},
		{"29 exactly: 64y8m", separation.RetirementInput{BirthDate: g(1995, 7, 3), PriorContributor: true, PriorMonths: 60},
			separation.RegimeTransition, greg(64, 8), g(2060, 3, 3)},
		{"30: 64y4m", separation.RetirementInput{BirthDate: g(1994, 7, 3), PriorContributor: true, PriorMonths: 60},
			separation.RegimeTransition, greg(64, 4), g(2058, 11, 3)},
		{"47y11m: 58y8m", separation.RetirementInput{BirthDate: g(1976, 7, 4), PriorContributor: true, PriorMonths: 200},
			separation.RegimeTransition, greg(58, 8), g(2035, 3, 4)},
		{"48 exactly: 58y4m", separation.RetirementInput{BirthDate: g(1976, 7, 3), PriorContributor: true, PriorMonths: 200},
			separation.RegimeTransition, greg(58, 4), g(2034, 11, 3)},
		{"48y5m30d: 58y4m", separation.RetirementInput{BirthDate: g(1976, 1, 4), PriorContributor: true, PriorMonths: 200},
			separation.RegimeTransition, greg(58, 4), g(2034, 5, 4)},
		{"48y6m: legacy (counts as 50 Hijri)", separation.RetirementInput{BirthDate: g(1976, 1, 3), PriorContributor: true, PriorMonths: 200},
			separation.RegimeLegacy, separation.Age{Years: 60, Calendar: separation.HijriYears}, d(g(1976, 1, 3).Year+60, int(g(1976, 1, 3).Month), g(1976, 1, 3).Day)},
		{"239 months at 30: transition", separation.RetirementInput{BirthDate: g(1994, 7, 3), PriorContributor: true, PriorMonths: 239},
			separation.RegimeTransition, greg(64, 4), g(2058, 11, 3)},
		{"240 months at 30: legacy", separation.RetirementInput{BirthDate: g(1994, 7, 3), PriorContributor: true, PriorMonths: 240},
			separation.RegimeLegacy, separation.Age{Years: 60, Calendar: separation.HijriYears}, d(g(1994, 7, 3).Year+60, int(g(1994, 7, 3).Month), g(1994, 7, 3).Day)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := separation.RetirementFor(tt.in, separation.DefaultRetirementRules())
			require.NoError(t, err)
			assert.Equal(t, tt.regime, r.Regime)
			assert.Equal(t, tt.age, r.Age)
			assert.Equal(t, tt.date, r.Date)
			prev, _ := tt.date.AddDays(-1)
			assert.Equal(t, prev, r.StatutoryLastDay)
			assert.Equal(t, r.StatutoryLastDay, r.LastDay)
		})
	}
}

func TestRetirementFiftyHijri(t *testing.T) {
	// With the Gregorian threshold out of the way, 50 Hijri years at the
	// reference date (1445-12-27) keeps the old law, the day after does not.
	rules := separation.DefaultRetirementRules()
	rules.LegacyGregorianMonths = 1000
	ref, err := rules.ReferenceDate()
	require.NoError(t, err)
	require.Equal(t, d(1445, 12, 27), ref)
	r, err := separation.RetirementFor(separation.RetirementInput{BirthDate: d(1395, 12, 27), PriorContributor: true}, rules)
	require.NoError(t, err)
	assert.Equal(t, separation.RegimeLegacy, r.Regime)
	assert.Equal(t, d(1455, 12, 27), r.Date)
	r, err = separation.RetirementFor(separation.RetirementInput{BirthDate: d(1395, 12, 28), PriorContributor: true}, rules)
	require.NoError(t, err)
	assert.Equal(t, separation.RegimeTransition, r.Regime)
}

func TestRetirementHijriClamp(t *testing.T) {
	// A birth on the 30th reaching a 29-day month retires on its last day.
	for y := 1380; y < 1420; y++ {
		if hijri.DaysInMonth(y, 12) == 30 && hijri.DaysInMonth(y+60, 12) == 29 {
			r, err := separation.RetirementFor(separation.RetirementInput{BirthDate: d(y, 12, 30), PriorContributor: true, PriorMonths: 300},
				separation.DefaultRetirementRules())
			require.NoError(t, err)
			assert.Equal(t, d(y+60, 12, 29), r.Date)
			assert.Equal(t, d(y+60, 12, 28), r.StatutoryLastDay)
			return
		}
	}
	t.Skip("no 30 Dhu al-Hijjah reaching a 29-day month in the range")
}

func TestBirthDate(t *testing.T) {
	tests := []struct {
		in   string
		want hijri.Date
		ok   bool
	}{
		{"1400", d(1400, 7, 1), true},
		{"1400-07", d(1400, 7, 1), true},
		{"1400-03", d(1400, 7, 1), true}, // day missing: 1 Rajab (Reg 36)
		{"1400-07-15", d(1400, 7, 15), true},
		{"1400/07/15", d(1400, 7, 15), true},
		{"1400/3/9", d(1400, 3, 9), true},
		{"1400-00-00", d(1400, 7, 1), true},
		{"1400-00-15", d(1400, 7, 1), true},
		{"1400-0-0", d(1400, 7, 1), true},
		{"1400-13-01", hijri.Date{}, false},
		{"1400-02-31", hijri.Date{}, false},
		{"140", hijri.Date{}, false},
		{"1400-", hijri.Date{}, false},
		{"1400-07/15", hijri.Date{}, false},
		{"1200", hijri.Date{}, false},
		{"", hijri.Date{}, false},
		{"1400-07-15-1", hijri.Date{}, false},
		{"+400-07-15", hijri.Date{}, false},
	}
	for _, tt := range tests {
		got, err := separation.ParseBirthDate(tt.in)
		if !tt.ok {
			assert.ErrorIs(t, err, separation.ErrBirthDate, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
	b, err := separation.Reg36BirthDate(1410, 0, 12)
	require.NoError(t, err)
	assert.Equal(t, d(1410, 7, 1), b)
	_, err = separation.Reg36BirthDate(1410, 2, -1)
	assert.True(t, errors.Is(err, separation.ErrBirthDate))
}

func TestPriorMonthsFromHistory(t *testing.T) {
	ref := d(1445, 12, 27)
	appt := records.HistoryEvent{ID: "a", Kind: records.KindAppointment, Start: d(1425, 12, 27),
		Job: &records.Job{Agency: records.Agency{ID: "moe"}, Rank: 6, Step: 1, StartDate: d(1425, 12, 27)}}
	c, m, err := separation.PriorMonthsFromHistory([]records.HistoryEvent{appt}, ref, records.DefaultRules())
	require.NoError(t, err)
	assert.True(t, c)
	assert.Equal(t, hijri.DaysBetween(d(1425, 12, 27), ref)/30, m) // 7087 real days ÷ 30 = 236
	appt.Start, appt.Job.StartDate = d(1446, 3, 1), d(1446, 3, 1)
	c, m, err = separation.PriorMonthsFromHistory([]records.HistoryEvent{appt}, ref, records.DefaultRules())
	require.NoError(t, err)
	assert.False(t, c)
	assert.Zero(t, m)
}

var testNow = time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)

func BenchmarkRetirementFor(b *testing.B) {
	r := separation.DefaultRetirementRules()
	in := separation.RetirementInput{BirthDate: d(1410, 3, 12), PriorContributor: true, PriorMonths: 100}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := separation.RetirementFor(in, r); err != nil {
			b.Fatal(err)
		}
	}
}
