package calendar_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/calendar"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
)

func g(y int, m time.Month, d int) hijri.Date {
	h, err := hijri.FromGregorian(y, m, d)
	if err != nil {
		panic(err)
	}
	return h
}

func TestWeekend(t *testing.T) {
	c := calendar.Weekend()
	assert.False(t, c.IsWorkingDay(g(2025, 2, 28)), "Friday")
	assert.False(t, c.IsWorkingDay(g(2025, 3, 1)), "Saturday")
	assert.True(t, c.IsWorkingDay(g(2025, 3, 2)), "Sunday")
	h := calendar.Holidays(nil, g(2025, 3, 2))
	assert.False(t, h.IsWorkingDay(g(2025, 3, 2)))
	assert.True(t, h.IsWorkingDay(g(2025, 3, 3)))
}

func TestOfficialEids(t *testing.T) {
	o := calendar.NewOfficial(nil)
	for _, c := range []struct {
		d    hijri.Date
		want calendar.HolidayKind
	}{
		{hijri.MustNew(1445, 9, 24), calendar.NoHoliday},
		{hijri.MustNew(1445, 9, 25), calendar.EidAlFitr},
		{hijri.MustNew(1445, 10, 5), calendar.EidAlFitr},
		{hijri.MustNew(1445, 12, 4), calendar.NoHoliday},
		{hijri.MustNew(1445, 12, 5), calendar.EidAlAdha},
		{hijri.MustNew(1445, 12, 15), calendar.EidAlAdha},
		{hijri.MustNew(1445, 12, 16), calendar.NoHoliday},
	} {
		got := o.Holiday(c.d)
		if got == calendar.Bridge && c.want == calendar.NoHoliday {
			continue // checked in TestBridge
		}
		assert.Equal(t, c.want, got, c.d.String())
	}
	assert.False(t, o.IsWorkingDay(hijri.MustNew(1445, 10, 1)))
	assert.Equal(t, 11, o.HolidaysBetween(hijri.MustNew(1445, 9, 20), hijri.MustNew(1445, 10, 10)))
}

func TestNationalDaysShift(t *testing.T) {
	o := calendar.NewOfficial(nil)
	// 23 Sep 2024 is a Monday: no shift.
	assert.Equal(t, calendar.NationalDay, o.Holiday(g(2024, 9, 23)))
	// 22 Feb 2025 is a Saturday: the Sunday after.
	assert.Equal(t, calendar.NoHoliday, o.Holiday(g(2025, 2, 22)))
	assert.Equal(t, calendar.FoundingDay, o.Holiday(g(2025, 2, 23)))
	// 23 Sep 2022 is a Friday: the Thursday before.
	assert.Equal(t, calendar.NationalDay, o.Holiday(g(2022, 9, 22)))
	r := calendar.DefaultRules()
	r.ShiftWeekend = false
	assert.Equal(t, calendar.NoHoliday, calendar.NewOfficial(&r).Holiday(g(2025, 2, 23)))
}

func TestBridge(t *testing.T) {
	// 22 Feb 2024 is a Thursday: Founding Day on Thursday, then the weekend;
	// with a loaded holiday on the Tuesday, the Wednesday between is a bridge.
	o := calendar.NewOfficial(nil)
	thu := g(2024, 2, 22)
	require.Equal(t, time.Thursday, thu.Weekday())
	require.Equal(t, calendar.FoundingDay, o.Holiday(thu))
	wed, tue := g(2024, 2, 21), g(2024, 2, 20)
	assert.Equal(t, calendar.NoHoliday, o.Holiday(wed))
	require.NoError(t, o.Load(tue.Year, append(calendar.DefaultRules().Compute(tue.Year),
		calendar.Holiday{Kind: calendar.Other, From: tue, To: tue})))
	assert.Equal(t, calendar.Bridge, o.Holiday(wed))
	assert.False(t, o.IsWorkingDay(wed))
	r := calendar.DefaultRules()
	r.BridgeDays = false
	o2 := calendar.NewOfficial(&r)
	require.NoError(t, o2.Load(tue.Year, []calendar.Holiday{{Kind: calendar.Other, From: tue, To: tue}, {Kind: calendar.FoundingDay, From: thu, To: thu}}))
	assert.Equal(t, calendar.NoHoliday, o2.Holiday(wed))
}

func TestLoadReplacesComputed(t *testing.T) {
	o := calendar.NewOfficial(nil)
	fitr := calendar.Holiday{Kind: calendar.EidAlFitr, From: hijri.MustNew(1446, 9, 28), To: hijri.MustNew(1446, 10, 8)}
	require.NoError(t, o.Load(1446, []calendar.Holiday{fitr}))
	assert.Equal(t, calendar.NoHoliday, o.Holiday(hijri.MustNew(1446, 9, 26)))
	assert.Equal(t, calendar.EidAlFitr, o.Holiday(hijri.MustNew(1446, 10, 8)))
	assert.Equal(t, calendar.NoHoliday, o.Holiday(hijri.MustNew(1446, 12, 10)), "Adha not in the loaded list")
	hs, ok := o.Loaded(1446)
	require.True(t, ok)
	assert.Equal(t, []calendar.Holiday{fitr}, hs)
	// other years still computed
	assert.Equal(t, calendar.EidAlAdha, o.Holiday(hijri.MustNew(1447, 12, 10)))
}

func TestLoadRefuses(t *testing.T) {
	o := calendar.NewOfficial(nil)
	for name, h := range map[string]calendar.Holiday{
		"kind":       {Kind: "party", From: hijri.MustNew(1446, 1, 1), To: hijri.MustNew(1446, 1, 1)},
		"order":      {Kind: calendar.Other, From: hijri.MustNew(1446, 1, 2), To: hijri.MustNew(1446, 1, 1)},
		"other year": {Kind: calendar.Other, From: hijri.MustNew(1447, 1, 1), To: hijri.MustNew(1447, 1, 1)},
		"invalid":    {Kind: calendar.Other, From: hijri.Date{Year: 1446, Month: 1, Day: 31}, To: hijri.MustNew(1446, 2, 1)},
	} {
		err := o.Load(1446, []calendar.Holiday{h})
		require.ErrorIs(t, err, calendar.ErrInvalidHoliday, name)
		assert.Equal(t, fault.Invalid, fault.CodeOf(err))
		_, ok := o.Loaded(1446)
		assert.False(t, ok, name)
	}
	assert.ErrorIs(t, o.Load(1300, nil), calendar.ErrInvalidHoliday)
}

func TestParseYear(t *testing.T) {
	y, hs, err := calendar.ParseYear(strings.NewReader("# announced\nyear 1446\n\neid_al_fitr 1446-09-28 1446-10-08 # moved\nnational_day 2024-09-23\n"))
	require.NoError(t, err)
	assert.Equal(t, 1446, y)
	assert.Equal(t, []calendar.Holiday{
		{Kind: calendar.EidAlFitr, From: hijri.MustNew(1446, 9, 28), To: hijri.MustNew(1446, 10, 8)},
		{Kind: calendar.NationalDay, From: hijri.MustNew(1446, 3, 20), To: hijri.MustNew(1446, 3, 20)},
	}, hs)
	for _, bad := range []string{"", "1446", "year x", "year 1446\neid_al_fitr", "year 1446\nfoo 1446-01-01",
		"year 1446\nother 1446-01-05 1446-01-01", "year 1446\nother 1447-01-01", "year 1446\nother 1446-13-01",
		"year 1446\nother 1446-01-01 1446-01-02 extra", "year 1446\nother " + strings.Repeat("1", 300)} {
		_, _, err := calendar.ParseYear(strings.NewReader(bad))
		require.ErrorIs(t, err, calendar.ErrInvalidList, "%q", bad)
		fe, ok := fault.As(err)
		require.True(t, ok)
		require.Len(t, fe.Fields, 1)
		assert.NotEmpty(t, fe.Fields[0].Message.In(i18n.Arabic))
	}
	o := calendar.NewOfficial(nil)
	y, err = o.LoadText(strings.NewReader("year 1447\nother 1447-01-10"))
	require.NoError(t, err)
	assert.Equal(t, 1447, y)
	assert.Equal(t, calendar.Other, o.Holiday(hijri.MustNew(1447, 1, 10)))
}

func TestConcurrentLoadAndRead(t *testing.T) {
	o := calendar.NewOfficial(nil)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 50 {
				if i%2 == 0 {
					_ = o.Load(1440+j%5, calendar.DefaultRules().Compute(1440+j%5))
				} else {
					o.IsWorkingDay(hijri.MustNew(1440+j%5, 10, 1))
				}
			}
		}()
	}
	wg.Wait()
	assert.True(t, o.IsHoliday(hijri.MustNew(1442, 10, 1)))
}

func TestLabels(t *testing.T) {
	for _, k := range calendar.Kinds {
		assert.NotEqual(t, string(k), k.Label(i18n.Arabic), k)
		assert.NotEqual(t, string(k), k.Label(i18n.English), k)
	}
}

func FuzzParseYear(f *testing.F) {
	f.Add("year 1446\neid_al_fitr 1446-09-25 1446-10-05\n")
	f.Add("year 1446\nnational_day 23/9/2024\n# c\n")
	f.Add("year ١٤٤٦\nother ١٤٤٦/١/١")
	f.Fuzz(func(t *testing.T, s string) {
		y, hs, err := calendar.ParseYear(strings.NewReader(s))
		if err != nil {
			if !errors.Is(err, calendar.ErrInvalidList) {
				t.Fatalf("error %v is not ErrInvalidList", err)
			}
			return
		}
		o := calendar.NewOfficial(nil)
		if err := o.Load(y, hs); err != nil {
			t.Fatalf("a parsed list does not load: %v", err)
		}
	})
}

// HolidaysBetween counts what Holiday says day by day, across year edges,
// before and after a year is loaded (which moves its neighbours' bridges).
func TestHolidaysBetweenCountsEachDay(t *testing.T) {
	o := calendar.NewOfficial(nil)
	count := func(from, to hijri.Date) int {
		n := 0
		for d := from; !d.After(to); d, _ = d.AddDays(1) {
			if o.Holiday(d) != calendar.NoHoliday {
				n++
			}
		}
		return n
	}
	check := func() {
		t.Helper()
		starts := []hijri.Date{hijri.MustNew(1445, 1, 1), hijri.MustNew(1445, 9, 20), hijri.MustNew(1445, 12, 25), hijri.MustNew(1446, 12, 9)}
		for _, from := range starts {
			for _, days := range []int{0, 1, 6, 29, 200, 400, 800} {
				to, err := from.AddDays(days)
				require.NoError(t, err)
				assert.Equal(t, count(from, to), o.HolidaysBetween(from, to), "%s + %d", from, days)
			}
		}
		assert.Zero(t, o.HolidaysBetween(hijri.MustNew(1446, 2, 1), hijri.MustNew(1446, 1, 1)), "reversed")
		assert.Zero(t, o.HolidaysBetween(hijri.Date{}, hijri.MustNew(1446, 1, 1)), "invalid")
	}
	check()
	require.Positive(t, o.HolidaysBetween(hijri.MustNew(1446, 1, 1), hijri.MustNew(1446, 12, 29)))
	// a holiday on the first day of 1447, next to the weekend at the end of 1446
	require.NoError(t, o.Load(1447, []calendar.Holiday{{Kind: calendar.NationalDay, From: hijri.MustNew(1447, 1, 1), To: hijri.MustNew(1447, 1, 1)}}))
	check()
	require.NoError(t, o.Load(1446, nil))
	check()
}
