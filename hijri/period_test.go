package hijri

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBetween checks hand-computed legal periods. Month lengths used below
// (DOMAIN.md §2.5): 1444-12 has 30 days; 1445 months have
// 29,30,30,30,29,30,29,29,30,29,29,30 days.
func TestBetween(t *testing.T) {
	cases := []struct {
		name     string
		from, to Date
		want     Period
		realDays int // DaysBetween, for contrast
	}{
		{"same day", MustNew(1445, 9, 1), MustNew(1445, 9, 1), Period{}, 0},
		{"five whole years", MustNew(1440, 1, 1), MustNew(1445, 1, 1), Period{5, 0, 0}, 1772},
		{"one day", MustNew(1445, 9, 1), MustNew(1445, 9, 2), Period{0, 0, 1}, 1},
		// 10-15 < 0: borrow 30 days (25), one month fewer (5-3-1 = 1).
		{"borrow days", MustNew(1445, 3, 15), MustNew(1445, 5, 10), Period{0, 1, 25}, 55},
		// 5-20 < 0: 15 days; 2-11-1 = -10 < 0: 2 months, one year fewer (0).
		{"borrow days and months", MustNew(1445, 11, 20), MustNew(1446, 2, 5), Period{0, 2, 15}, 73},
		{"year boundary", MustNew(1444, 12, 30), MustNew(1445, 1, 1), Period{0, 0, 1}, 1},
		// Muharram 1445 has 29 days: its last day to the next 1st is one real
		// day but two legal ones (1-29 = -28, +30 = 2).
		{"29-day month end to next 1st", MustNew(1445, 1, 29), MustNew(1445, 2, 1), Period{0, 0, 2}, 1},
		// A whole 29-day month is one legal month.
		{"whole 29-day month", MustNew(1445, 1, 1), MustNew(1445, 2, 1), Period{0, 1, 0}, 29},
		{"whole 30-day month", MustNew(1445, 2, 1), MustNew(1445, 3, 1), Period{0, 1, 0}, 30},
		// From the last day of a 29-day month to the last of a 30-day month.
		{"29-day end to 30-day end", MustNew(1445, 1, 29), MustNew(1445, 2, 30), Period{0, 1, 1}, 30},
		// From the last day of a 30-day month to the last of a 29-day month.
		{"30-day end to 29-day end", MustNew(1445, 4, 30), MustNew(1445, 5, 29), Period{0, 0, 29}, 29},
		// Half-open: a service whose last day is 1444-12-30 (inclusive) lasts
		// Between(start, 1445-01-01).
		{"service with inclusive end + 1 day", MustNew(1440, 1, 1), MustNew(1445, 1, 1), Period{5, 0, 0}, 1772},
		{"range", MustNew(1356, 1, 1), MustNew(1500, 12, 30), Period{144, 11, 29}, 51382},
		// to before from: the negated period.
		{"negative", MustNew(1445, 5, 10), MustNew(1445, 3, 15), Period{0, -1, -25}, -55},
		{"negative years", MustNew(1445, 1, 1), MustNew(1440, 1, 1), Period{-5, 0, 0}, -1772},
		// Invalid dates give the zero period.
		{"invalid from", Date{1445, 1, 30}, MustNew(1445, 3, 1), Period{}, 0},
		{"zero to", MustNew(1445, 3, 1), Date{}, Period{}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Between(c.from, c.to)
			assert.Equal(t, c.want, got)
			assert.Equal(t, c.realDays, DaysBetween(c.from, c.to))
			assert.Equal(t, -got.TotalDays(), Between(c.to, c.from).TotalDays())
		})
	}
}

// TestBetweenProperties checks, over random pairs, that Between is
// normalised, antisymmetric, equals the 30-day serial difference, and that a
// whole number of Hijri months apart gives whole legal months.
func TestBetweenProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	serial := func(d Date) int { return d.Year*360 + int(d.Month)*30 + d.Day }
	for range 20000 {
		a, err := fromDayNumber(int64(firstDay) + r.Int64N(int64(lastDay-firstDay+1)))
		require.NoError(t, err)
		b, err := fromDayNumber(int64(firstDay) + r.Int64N(int64(lastDay-firstDay+1)))
		require.NoError(t, err)
		p := Between(a, b)
		require.Equal(t, serial(b)-serial(a), p.TotalDays(), "%v %v", a, b)
		require.Equal(t, p, PeriodFromDays(p.TotalDays()), "normalised: %v %v", a, b)
		q := Between(b, a)
		require.Equal(t, Period{-q.Years, -q.Months, -q.Days}, p)
		if !a.After(b) {
			require.True(t, p.Years >= 0 && p.Months >= 0 && p.Months < 12 && p.Days >= 0 && p.Days < 30, "%v", p)
		}
		if a.Day == 1 {
			k := r.IntN(60)
			e := Date{a.Year + (int(a.Month)-1+k)/12, Month((int(a.Month)-1+k)%12 + 1), 1}
			if e.IsValid() {
				require.Equal(t, Period{k / 12, k % 12, 0}, Between(a, e))
			}
		}
	}
}

func TestPeriodFromDays(t *testing.T) {
	cases := []struct {
		n    int
		want Period
	}{
		{0, Period{}},
		{1, Period{0, 0, 1}},
		{29, Period{0, 0, 29}},
		{30, Period{0, 1, 0}},
		{359, Period{0, 11, 29}},
		{360, Period{1, 0, 0}},
		{720, Period{2, 0, 0}}, // the 2 years of Reg art 51 for ranks 11–13
		{1000, Period{2, 9, 10}},
		{-1, Period{0, 0, -1}},
		{-55, Period{0, -1, -25}},
		{-361, Period{-1, 0, -1}},
	}
	for _, c := range cases {
		got := PeriodFromDays(c.n)
		assert.Equal(t, c.want, got, "%d", c.n)
		assert.Equal(t, c.n, got.TotalDays())
	}
	for n := -2000; n <= 2000; n++ {
		require.Equal(t, n, PeriodFromDays(n).TotalDays())
	}
	// Adding periods: through TotalDays.
	sum := PeriodFromDays(Period{1, 11, 20}.TotalDays() + Period{0, 2, 15}.TotalDays())
	assert.Equal(t, Period{2, 2, 5}, sum)
}

func TestPeriodText(t *testing.T) {
	cases := []struct {
		p      Period
		en, ar string
	}{
		{Period{2, 3, 10}, "2y 3m 10d", "٢ سنة ٣ شهر ١٠ يوم"},
		{Period{}, "0y 0m 0d", "٠ سنة ٠ شهر ٠ يوم"},
		{Period{0, 0, 1}, "0y 0m 1d", "٠ سنة ٠ شهر ١ يوم"},
		{Period{144, 11, 29}, "144y 11m 29d", "١٤٤ سنة ١١ شهر ٢٩ يوم"},
		{Period{0, -1, -25}, "-0y 1m 25d", "-٠ سنة ١ شهر ٢٥ يوم"},
		{Period{-5, 0, 0}, "-5y 0m 0d", "-٥ سنة ٠ شهر ٠ يوم"},
		{Period{1, -2, 0}, "1y -2m 0d", "١ سنة -٢ شهر ٠ يوم"}, // mixed signs: not normalised
	}
	for _, c := range cases {
		assert.Equal(t, c.en, c.p.String(), "%#v", c.p)
		assert.Equal(t, c.ar, c.p.Arabic(), "%#v", c.p)
	}
	assert.True(t, Period{}.IsZero())
	assert.False(t, Period{0, 0, -1}.IsZero())
	// Extremes do not panic.
	big := Period{-1 << 63, -1 << 63, -1 << 63}
	assert.NotEmpty(t, big.String())
	assert.NotEmpty(t, big.Arabic())
}
